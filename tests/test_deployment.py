"""Production settings: on PostgreSQL without DEBUG, the keys that every node must share
come from the environment, never from a file that one machine generated."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import palaute.settings

SETTINGS_FILE = Path(palaute.settings.__file__)
KEYS = {
    "SECRET_KEY": "k" * 50,
    "PALAUTE_FIELD_KEYS": "KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY=",
    "PALAUTE_BLIND_INDEX_KEY": "b" * 48,
}


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """A clean environment for reading the settings again, with a var folder of its own."""
    for name in [*KEYS, "DEBUG", "DATABASE_URL", "REDIS_URL", "PALAUTE_STORAGE"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PALAUTE_VAR_DIR", str(tmp_path))
    return monkeypatch


def read_settings() -> dict:
    return runpy.run_path(str(SETTINGS_FILE))


def test_postgresql_without_debug_refuses_to_start_without_the_shared_keys(environment, tmp_path):
    environment.setenv("DATABASE_URL", "postgres://palaute@db.internal:5432/palaute")
    environment.setenv("SECRET_KEY", KEYS["SECRET_KEY"])
    with pytest.raises(ImproperlyConfigured) as refused:
        read_settings()
    message = str(refused.value)
    assert "PALAUTE_FIELD_KEYS, PALAUTE_BLIND_INDEX_KEY" in message
    assert "SECRET_KEY" not in message.split("in the environment")[0]
    assert "the same on every machine" in message
    assert not (tmp_path / "field_key").exists()  # nothing generated on the way


def test_postgresql_with_the_keys_set_uses_them(environment, tmp_path):
    environment.setenv("DATABASE_URL", "postgres://palaute@db.internal:5432/palaute")
    for name, value in KEYS.items():
        environment.setenv(name, value)
    settings = read_settings()
    assert settings["SECRET_KEY"] == KEYS["SECRET_KEY"]
    assert settings["PALAUTE_FIELD_KEYS"] == [KEYS["PALAUTE_FIELD_KEYS"]]
    assert settings["PALAUTE_BLIND_INDEX_KEY"] == KEYS["PALAUTE_BLIND_INDEX_KEY"]


@pytest.mark.parametrize(
    ("database_url", "debug"),
    [("", "false"), ("postgres://palaute@127.0.0.1:5432/palaute", "true")],
    ids=["embedded-sqlite", "postgresql-debug"],
)
def test_the_embedded_default_and_development_generate_keys_into_var(
    environment, tmp_path, database_url, debug
):
    if database_url:
        environment.setenv("DATABASE_URL", database_url)
    environment.setenv("DEBUG", debug)
    settings = read_settings()
    assert settings["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip()
    assert settings["PALAUTE_FIELD_KEYS"] == [(tmp_path / "field_key").read_text().strip()]
    assert read_settings()["SECRET_KEY"] == settings["SECRET_KEY"]  # kept, not made anew
