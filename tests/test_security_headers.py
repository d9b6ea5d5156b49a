"""Security headers on public pages, staff pages and the APIs; the production settings;
templates free of inline script and style."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from palaute.integrations.services import create_api_key
from palaute.organizations.models import Membership

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict_headers(response) -> None:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "https://tile.openstreetmap.org" in csp["img-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"strict-origin-when-cross-origin", "no-referrer"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("geolocation", "camera", "microphone", "payment"):
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize(
    "path",
    ["/", "/sv/", "/en/feedback/", "/feedback/new/", "/topics/", "/staff/login/", "/admin/login/"],
)
def test_public_and_login_pages_have_the_strict_headers(client, topics, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_strict_headers(response)


def test_staff_pages_have_the_strict_headers(client, member):
    client.force_login(member(Membership.Role.HANDLER))
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 200
    assert_strict_headers(response)


def test_api_answers_have_the_strict_headers(client, city, topics):
    _key, raw = create_api_key(name="Sovellus", organization=city["root"])
    for path in ("/open311/v2/services.json", "/open311/v2/discovery.xml", "/api/schema/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_headers(response)
    posted = client.post(
        "/open311/v2/requests.json",
        {"api_key": raw, "service_code": "maintenance", "description": "Kuoppa kadulla."},
    )
    assert posted.status_code == 201
    assert_strict_headers(posted)


def test_errors_have_the_strict_headers(client):
    response = client.get("/feedback/9999-00001/")
    assert response.status_code == 404
    assert_strict_headers(response)


def test_the_api_documentation_alone_allows_redocs_runtime_styles(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert "blob:" in csp["worker-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert "fonts.googleapis.com" not in html  # no third-party fonts (nor their tracking)
    assert "<script>" not in html and "<style>" not in html


def test_attachments_keep_their_own_sandbox_policy(client, make_feedback):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from palaute.feedback.services import stage_upload
    from tests.media import png

    upload = stage_upload(uploaded=SimpleUploadedFile("a.png", png(), content_type="image/png"))
    submission = make_feedback(uploads=[upload])
    attachment = submission.feedback.attachments.get()
    response = client.get(f"/track/{submission.tracking_token}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_hsts_and_secure_cookies_on_https(client, settings, topics):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


def test_tile_servers_with_subdomains_are_allowed_as_a_wildcard():
    from palaute.settings import _tile_origin

    assert _tile_origin("https://{s}.tile.example.fi/{z}/{x}/{y}.png") == (
        "https://*.tile.example.fi"
    )
    assert _tile_origin("https://kartta.kuopio.fi/tiles/{z}/{x}/{y}.png") == (
        "https://kartta.kuopio.fi"
    )


# The production configuration

PRODUCTION_ENV = {
    "DEBUG": "false",
    "PALAUTE_BASE_URL": "https://palaute.example.fi",
    "SECRET_KEY": "x3Jk9-production-like-secret-key-with-enough-length-and-variety-0Qz",
    "ALLOWED_HOSTS": "palaute.example.fi",
}


def run_palaute(args: list[str], env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_", "PALAUTE_"))
        and key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "palaute.cli", *args],
        env={**clean, **env, "PALAUTE_VAR_DIR": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_the_production_configuration(tmp_path):
    result = run_palaute(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_production_switches_security_off(tmp_path):
    env = {**PRODUCTION_ENV, "SESSION_COOKIE_SECURE": "false", "SECURE_HSTS_SECONDS": "0"}
    result = run_palaute(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout
    assert "security.W004" in result.stderr + result.stdout


def settings_under(env: dict, tmp_path) -> dict:
    code = (
        "import json, palaute.settings as s, django.conf.global_settings as g; "
        "print(json.dumps({n: getattr(s, n, getattr(g, n)) for n in "
        "('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
        "'SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', 'LANGUAGE_COOKIE_SECURE')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "PALAUTE_BASE_URL"}}
    result = subprocess.run(  # noqa: S603 - the project's own settings
        [sys.executable, "-c", code],
        env={**clean, **env, "PALAUTE_VAR_DIR": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_secure_defaults_follow_debug_and_the_https_base_url(tmp_path):
    production = settings_under(PRODUCTION_ENV, tmp_path)
    assert production == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "LANGUAGE_COOKIE_SECURE": True,
    }
    local = settings_under({"PALAUTE_BASE_URL": "http://127.0.0.1:8000"}, tmp_path)
    assert local["SESSION_COOKIE_SECURE"] is False
    assert local["SECURE_SSL_REDIRECT"] is False
    assert local["SECURE_HSTS_SECONDS"] == 0
    assert local["SESSION_COOKIE_NAME"] == "sessionid"  # a __Host- cookie needs HTTPS
    debug = settings_under({**PRODUCTION_ENV, "DEBUG": "true"}, tmp_path)
    assert debug["SECURE_SSL_REDIRECT"] is False


def test_the_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


# Templates: nothing inline that the policy would block

# Rendered to PDF by WeasyPrint on the server, never shown by a browser.
PDF_TEMPLATES = {
    "surveys/templates/surveys/print/form.html",
    "surveys/templates/surveys/print/poster.html",
    "backoffice/templates/backoffice/reports/report_pdf.html",
}
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>"),
    "style element": re.compile(r"<style[\s>]"),
    "style attribute": re.compile(r"\sstyle\s*="),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_has_inline_script_or_style():
    package = ROOT / "palaute"
    templates = [
        path
        for path in package.rglob("templates/**/*.html")
        if str(path.relative_to(package)) not in PDF_TEMPLATES
    ]
    assert len(templates) > 50
    found = [
        f"{path.relative_to(package)}: {kind}"
        for path in templates
        for kind, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_the_inline_check_finds_what_it_looks_for():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style element": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "event handler attribute": '<button onclick="go()">',
        "javascript: address": '<a href="javascript:go()">',
    }
    for kind, sample in samples.items():
        assert INLINE[kind].search(sample), kind
    assert not INLINE["inline script"].search('<script src="/static/a.js"></script>')
    assert not INLINE["inline script"].search('<script id="x" type="application/json">')


def test_cookies_over_https_are_secure_host_bound_and_hidden_from_scripts(client, settings, topics):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    response = client.get("/feedback/new/", secure=True)
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["path"] == "/" and not csrf["domain"]
    from tests.factories import UserFactory

    UserFactory(username="kasittelija")
    signed_in = client.post(
        "/staff/login/",
        {"username": "kasittelija", "password": "secret-password-123"},
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    client.cookies.clear()
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/"}, secure=True)
    assert response.status_code == 302
    language = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert language["httponly"] and language["samesite"] == "Lax"
