"""Measures what the targets are about: the sensitive-data check per 1 kB text, intake per
feedback, and the public list and feed with thousands of feedback (time and queries).
Runs on a throw-away database (SQLite, or PostgreSQL when DATABASE_URL is set).

The reports at 100 thousand and 10 million answers are measured apart, always on
PostgreSQL: ``python -m bench.reports`` (``make bench`` runs both)."""

from __future__ import annotations

import os
import statistics
import time
import timeit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

TEXT_1KB = (
    "Hei! Kauppakadun ja Puijonkadun risteyksessä katuvalo on ollut pimeänä jo kaksi viikkoa, "
    "ja illalla suojatien kohdalla on todella hämärää. Lapset kulkevat tästä kouluun aamuisin, "
    "ja autoilijat eivät näe heitä ajoissa. Ilmoitin asiasta jo aiemmin, mutta mitään ei ole "
    "tapahtunut. Voisiko joku tarkistaa myös Minna Canthin kadun valot, siellä vilkkuu yksi "
    "lamppu. Lisäksi lumitilanne jalkakäytävällä on huono: aura-auto kävi vasta iltapäivällä. "
    "Soittakaa tarvittaessa numeroon 040 123 4567 tai laittakaa viestiä osoitteeseen "
    "asukas@example.fi. Kiitos etukäteen, ja hyvää talven jatkoa kaikille kaupungin väelle! "
    "Puijon laskettelurinteen parkkipaikalla oli myös viikonloppuna kuoppia, joihin jäi vettä, "
    "ja Väinölänniemen uimarannan pukukopit kaipaisivat maalia ennen kesää. "
    "Kirjaston edessä olevat pyörätelineet ovat vinossa, ja Snellmaninpuiston penkit ovat rikki. "
    "Toivottavasti nämä korjataan ennen joulua, jotta keskustassa on mukava liikkua."
)


def measure(label: str, func, repeat: int = 5, number: int = 1) -> float:
    times = timeit.repeat(func, repeat=repeat, number=number)
    best = min(times) / number
    print(
        f"{label:<58} {best * 1000:9.3f} ms (median {statistics.median(times) / number * 1000:.3f})"
    )
    return best


def main() -> None:
    from palaute.privacy.checks import check_text

    print(f"database: {connection.vendor}")
    print(f"text of {len(TEXT_1KB.encode())} bytes")
    measure("sensitive-data check, 1 kB text", lambda: check_text(TEXT_1KB), repeat=7, number=200)

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run_database_benchmarks()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run_database_benchmarks() -> None:
    from palaute.demo.loader import load_demo
    from palaute.feedback.models import Feedback, Topic
    from palaute.feedback.services import ContactInput, LocationInput, submit_feedback

    started = time.perf_counter()
    load_demo()
    print(f"{'demo load (200 feedback)':<58} {(time.perf_counter() - started) * 1000:9.1f} ms")
    topic = Topic.objects.get(service_code="katujen-kunnossapito")

    def one_feedback():
        submit_feedback(
            topic=topic,
            title="Auraus",
            text="Katu on auraamatta Puijonkadulla.",
            contact=ContactInput(email="a@example.fi"),
            location=LocationInput(address="Puijonkatu 20"),
            notify=False,
        )

    measure("intake of one feedback (routing, check, events)", one_feedback, repeat=5, number=20)
    while Feedback.objects.count() < 5000:
        one_feedback()
    print(f"feedback in database: {Feedback.objects.count()}")
    client = Client()
    for url in (
        "/",
        "/feedback/",
        "/feedback/?q=auraus&status=open",
        "/feeds/latest/",
        "/feeds/topics/kadut-ja-liikenne/",
        "/feedback/new/",
    ):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status == 200, (url, status)
        measure(f"GET {url} ({len(queries)} queries)", lambda url=url: client.get(url), repeat=5)


if __name__ == "__main__":
    main()
