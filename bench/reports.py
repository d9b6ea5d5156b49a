"""Reports at scale (issue 7, "Speed at scale"): a wellbeing services county on PostgreSQL
with 100 thousand and then 10 million answers, generated in SQL; at each size the rollup is
rebuilt and the half-year report of a service area is timed, and so is a plain SQL aggregate
over the raw answers that answers the same question (the target compares them at 10 million).

"Answers" are the answers to the seven national statements (``SurveyAnswer`` rows with an
item, seven per survey response). Each response also carries a recommendation score (NPS)
and some carry answers to the county's own statements; both are counted and reported apart.

Runs on a throw-away database next to DATABASE_URL when that is PostgreSQL, otherwise
next to postgres://postgres@127.0.0.1:5432/postgres. Prints a table, then the results as
JSON (also written to var/bench/reports.json). Missed targets are reported as NOT MET; only
errors make the exit status non-zero.

    python -m bench.reports [--sizes 100000,10000000] [--only-generate] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TEST_DATABASE_NAME = "palaute_bench_reports"
SIZES = (100_000, 10_000_000)
STATEMENTS_PER_RESPONSE = 7
PLAIN_FEEDBACK_SHARE = 0.05  # feedback without a questionnaire, per survey response
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
REPORT_AREA = "hva-perusterveydenhuolto"
REPORT_RUNS = 5
PLAIN_RUNS = 3
RATIO_TARGET = 2.0
OUTPUT = Path("var/bench/reports.json")


# ---------------------------------------------------------------------------------------
# The county
# ---------------------------------------------------------------------------------------

# North Savo's municipalities by region; Kuopio has several service points of its own.
REGIONS = {
    "Pohjoinen": [
        "Iisalmi",
        "Kiuruvesi",
        "Lapinlahti",
        "Sonkajärvi",
        "Vieremä",
        "Rautavaara",
        "Keitele",
        "Pielavesi",
    ],
    "Keskinen": [
        "Kuopio keskusta",
        "Kuopio Männistö",
        "Kuopio Petonen",
        "Kuopio Neulamäki",
        "Kuopio Saaristokaupunki",
        "Kuopio Nilsiä",
        "Kuopio Juankoski",
        "Siilinjärvi",
        "Kaavi",
        "Tuusniemi",
        "Tervo",
        "Vesanto",
    ],
    "Eteläinen": ["Varkaus", "Leppävirta", "Joroinen", "Suonenjoki", "Rautalampi"],
}
PLACES = [place for places in REGIONS.values() for place in places]


@dataclass
class Domain:
    """A domain of a service area: its responsibility units and their service units."""

    code: str
    name: str
    topic: tuple[str, str]  # service code, Finnish name
    questionnaire: str = "kansallinen-aikuiset"
    units: dict[str, list[str]] = field(default_factory=dict)  # responsibility unit → units
    size: float = 1.0  # relative volume of one service unit


def _regional(kind: str, *, limit: int | None = None) -> dict[str, list[str]]:
    """One responsibility unit per region ("Terveysasema – Pohjoinen") with a service unit
    per place of the region ("Terveysasema Iisalmi"), at most ``limit`` of them."""
    return {
        f"{kind} – {region}": [f"{kind} {place}" for place in places[:limit]]
        for region, places in REGIONS.items()
    }


AREAS: list[tuple[str, str, list[Domain]]] = [
    (
        REPORT_AREA,
        "Perusterveydenhuollon palvelualue",
        [
            Domain(
                "terveysasemat",
                "Terveysasemapalvelut",
                ("terveysasemat", "Terveysasemat ja vastaanotot"),
                units=_regional("Terveysasema"),
                size=2.0,
            ),
            Domain(
                "suun-terveydenhuolto",
                "Suun terveydenhuolto",
                ("suun-terveydenhuolto", "Suun terveydenhuolto"),
                units=_regional("Hammashoitola"),
                size=1.2,
            ),
            Domain(
                "neuvolat",
                "Neuvolapalvelut",
                ("neuvolat", "Neuvolat"),
                units=_regional("Neuvola", limit=7),
                size=0.8,
            ),
        ],
    ),
    (
        "hva-ikaantyneet",
        "Ikääntyneiden palvelujen palvelualue",
        [
            Domain(
                "kotihoito",
                "Kotihoito",
                ("kotihoito", "Kotihoito"),
                units=_regional("Kotihoito"),
                size=0.8,
            ),
            Domain(
                "asumispalvelut",
                "Asumispalvelut",
                ("asumispalvelut", "Ympärivuorokautinen asuminen"),
                questionnaire="kansallinen-laheiset",
                units=_regional("Palvelukoti", limit=7),
                size=0.5,
            ),
        ],
    ),
    (
        "hva-perhe-ja-sosiaalipalvelut",
        "Perhe- ja sosiaalipalvelujen palvelualue",
        [
            Domain(
                "lapsiperheet",
                "Lapsiperheiden palvelut",
                ("lapsiperheet", "Lapsiperheiden palvelut"),
                units={
                    "Lastensuojelu": [f"Lastensuojelun avohuolto {p}" for p in PLACES[:6]],
                    "Perheneuvolat": [f"Perheneuvola {p}" for p in PLACES[6:12]],
                },
                questionnaire="kansallinen-lapset",
                size=0.4,
            ),
            Domain(
                "aikuissosiaalityo",
                "Aikuissosiaalityö",
                ("aikuissosiaalityo", "Aikuissosiaalityö"),
                units={"Sosiaalityö": [f"Aikuissosiaalityö {p}" for p in PLACES[::3]]},
                size=0.5,
            ),
        ],
    ),
    (
        "hva-erikoissairaanhoito",
        "Erikoissairaanhoidon palvelualue",
        [
            Domain(
                "operatiiviset",
                "Operatiivinen toiminta",
                ("sairaalahoito", "Sairaalahoito"),
                units={
                    "Kirurgia": [
                        f"{name} KYS"
                        for name in (
                            "Ortopedian poliklinikka",
                            "Ortopedian osasto",
                            "Gastrokirurgian poliklinikka",
                            "Gastrokirurgian osasto",
                            "Urologian poliklinikka",
                            "Verisuonikirurgian poliklinikka",
                            "Plastiikkakirurgian poliklinikka",
                            "Neurokirurgian osasto",
                            "Silmätautien poliklinikka",
                            "Korvataudit",
                            "Päiväkirurgia",
                            "Leikkausosasto",
                        )
                    ],
                    "Päivystys": [
                        "Yhteispäivystys KYS",
                        "Päivystys Iisalmi",
                        "Päivystys Varkaus",
                    ],
                },
                size=2.5,
            ),
            Domain(
                "konservatiiviset",
                "Konservatiivinen toiminta",
                ("sisataudit", "Sisätaudit ja lastentaudit"),
                units={
                    "Sisätaudit": [
                        f"{name} KYS"
                        for name in (
                            "Kardiologian poliklinikka",
                            "Kardiologian osasto",
                            "Endokrinologian poliklinikka",
                            "Gastroenterologian poliklinikka",
                            "Keuhkosairauksien poliklinikka",
                            "Munuaissairauksien poliklinikka",
                            "Reumapoliklinikka",
                            "Infektio-osasto",
                            "Syöpätautien poliklinikka",
                            "Neurologian poliklinikka",
                            "Neurologian osasto",
                            "Ihotautien poliklinikka",
                        )
                    ],
                    "Lastentaudit": [
                        f"{name} KYS"
                        for name in (
                            "Lastenpoliklinikka",
                            "Lastenosasto",
                            "Lastenpäivystys",
                            "Nuorisopoliklinikka",
                            "Lastenneurologia",
                            "Vastasyntyneiden teho-osasto",
                        )
                    ],
                },
                size=2.0,
            ),
        ],
    ),
    (
        "hva-mielenterveys-ja-paihde",
        "Mielenterveys- ja päihdepalvelujen palvelualue",
        [
            Domain(
                "mtp-avopalvelut",
                "Avopalvelut",
                ("mielenterveys", "Mielenterveys- ja päihdepalvelut"),
                units=_regional("Mielenterveys- ja päihdeyksikkö", limit=5),
                size=0.8,
            ),
            Domain(
                "psykiatrian-osastot",
                "Osastohoito",
                ("psykiatria", "Psykiatrinen sairaalahoito"),
                units={
                    "Psykiatrian osastot": [
                        f"Psykiatrian osasto {n}" for n in ("1", "2", "3", "4", "5", "6")
                    ]
                },
                size=0.6,
            ),
        ],
    ),
]

# (organisation code, statement code, Finnish text): the county's own statements.
OWN_STATEMENTS = [
    (
        "hva-terveysasemat",
        "puhelinyhteys",
        "Sain helposti yhteyden terveysasemalle puhelimitse.",
    ),
    (
        "hva-terveysasemat",
        "odotusaika",
        "Odotin vastaanotolle pääsyä kohtuullisen ajan.",
    ),
    (
        "hva-asumispalvelut",
        "kodinomaisuus",
        "Läheiseni asuu kodinomaisessa ympäristössä.",
    ),
]

# Second collection point of a unit besides the web page, by domain.
SECOND_CHANNEL = {
    "terveysasemat": "tablet",
    "suun-terveydenhuolto": "qr",
    "neuvolat": "paper",
    "kotihoito": "sms",
    "asumispalvelut": "paper",
    "lapsiperheet": "tablet",
    "aikuissosiaalityo": "oral",
    "operatiiviset": "sms",
    "konservatiiviset": "sms",
    "mtp-avopalvelut": "qr",
    "psykiatrian-osastot": "tablet",
}

# About thirty comments, by sentiment: 0–9 for scores 9–10, 10–19 for 7–8, 20–29 for 0–6.
TEXTS = [
    "Ystävällinen ja asiantunteva henkilökunta, kiitos hyvästä hoidosta.",
    "Pääsin vastaanotolle nopeasti ja sain selkeät ohjeet jatkoon.",
    "Hoitaja kuunteli huoleni ja selitti asiat ymmärrettävästi.",
    "Kotihoidon työntekijät tulevat sovittuun aikaan ja ovat aina iloisia.",
    "Lääkäri otti aikaa ja vastasi kaikkiin kysymyksiini.",
    "Odotustila oli siisti ja ajanvaraus toimi moitteettomasti.",
    "Lapsi viihtyi hyvin, ja henkilökunta oli todella lempeää.",
    "Sain apua heti, kiitos koko tiimille.",
    "Palvelu oli sujuvaa, ja tunsin itseni tervetulleeksi.",
    "Äidin hoito palvelukodissa on ollut lämmintä ja huolellista.",
    "Palvelu oli hyvää, mutta jouduin odottamaan aulassa yli puoli tuntia.",
    "Ajanvarauksen takaisinsoitto tuli vasta seuraavana päivänä.",
    "Aulan opasteet voisivat olla selkeämmät, muuten kaikki hyvin.",
    "Pysäköintipaikkoja on liian vähän, ja myöhästyin sen takia.",
    "Työntekijät vaihtuvat usein, ja uusiin kasvoihin on vaikea tottua.",
    "Sähköinen asiointi toimi, mutta vahvistusviesti ei tullut perille.",
    "Hoito oli asiallista, mutta jatkohoidon ohjeet jäivät epäselviksi.",
    "Sisäänkäynti oli siirretty remontin takia, eikä vastaanottoa meinannut löytää.",
    "Toivoisin, että iltavastaanottoja olisi enemmän.",
    "Lääkkeiden annostelu viivästyi muutaman kerran viikossa.",
    "Puhelinjonossa meni yli tunti, ennen kuin sain ajan.",
    "Minua ei kuunneltu, ja vastaanotto tuntui kiireiseltä.",
    "Aika peruttiin kaksi kertaa, eikä kukaan kertonut syytä.",
    "Sain ristiriitaista tietoa eri työntekijöiltä.",
    "Kotihoitaja ei tullut lainkaan sovittuna päivänä, eikä asiasta ilmoitettu.",
    "Odotin päivystyksessä seitsemän tuntia ilman tietoa hoidon etenemisestä.",
    "Laskussa oli virhe, eikä kukaan vastannut sähköpostiini.",
    "Isäni jäi osastolla ilman apua ruokailussa.",
    "Hoitoon pääsy kesti kuukausia, vaikka oireet pahenivat.",
    "Henkilökunta puhui minusta kuin en olisi ollut paikalla.",
]
ANSWER_TEXT = (
    "Kiitos palautteestasi. Olemme käsitelleet asian yksikön kanssa ja otamme sen "
    "huomioon toiminnan kehittämisessä.\n\nYstävällisin terveisin\nAsiakaspalvelu"
)
# A statement's lean (added to the level that follows the score) and its "don't know" share.
STATEMENT_LEAN = {
    "saatavuus": (-0.35, 0.03),
    "kohtaaminen": (0.15, 0.02),
    "osallistuminen": (-0.05, 0.08),
    "turvallisuus": (0.10, 0.05),
    "tiedon_saanti": (-0.20, 0.04),
    "ymmarrettavyys": (0.0, 0.03),
    "hyodyllisyys": (0.05, 0.05),
}
HOURS = [7, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 17, 18, 19, 20]
WEEKDAY_WEIGHT = [12, 11, 11, 10, 8, 3, 2]  # Monday..Sunday


def build_county() -> dict:
    """The organisation tree, topics, national questionnaires, own statements and two
    collection points per service unit. Returns what the generator needs."""
    from django.utils.text import slugify

    from palaute.feedback.models import Topic
    from palaute.organizations.models import Organization
    from palaute.surveys.models import CollectionPoint, Item, OwnStatement, Questionnaire
    from palaute.surveys.services import load_national_questionnaires

    def node(code: str, kind: str, name: str, children: list[dict]) -> dict:
        data = {"code": code[:80], "kind": kind, "name_fi": name, "name_sv": "", "name_en": ""}
        return {"data": data, "children": sorted(children, key=lambda c: c["data"]["name_fi"])}

    unit_domain: dict[str, Domain] = {}
    areas = []
    for area_code, area_name, domains in AREAS:
        domain_nodes = []
        for domain in domains:
            domain_code = f"hva-{domain.code}"
            responsibility = []
            for ru_name, units in domain.units.items():
                unit_nodes = []
                for unit in units:
                    code = f"{domain_code}-{slugify(unit)}"
                    unit_domain[code] = domain
                    unit_nodes.append(node(code, "service_unit", unit, []))
                ru_code = f"{domain_code}-{slugify(ru_name)}"
                responsibility.append(node(ru_code, "responsibility_unit", ru_name, unit_nodes))
            domain_nodes.append(node(domain_code, "domain", domain.name, responsibility))
        areas.append(node(area_code, "service_area", area_name, domain_nodes))
    root = node("hva", "root", "Pohjois-Savon hyvinvointialue", areas)
    root["data"].update(name_sv="Norra Savolax välfärdsområde", publication_policy="never")
    Organization.objects.load_bulk([root], bulk_create=True)
    organizations = {org.code: org for org in Organization.objects.all()}

    topic_specs = {d.topic for _c, _n, domains in AREAS for d in domains}
    topic_org = {d.topic[0]: organizations[f"hva-{d.code}"] for _a, _n, ds in AREAS for d in ds}
    Topic.objects.load_bulk(
        [
            {
                "data": {"service_code": "sote", "name_fi": "Sosiaali- ja terveyspalvelut"},
                "children": [
                    {"data": {"service_code": code, "name_fi": name}, "children": []}
                    for code, name in sorted(topic_specs, key=lambda spec: spec[1])
                ],
            }
        ],
        bulk_create=True,
    )
    topics = {topic.service_code: topic for topic in Topic.objects.all()}
    for code, organization in topic_org.items():
        Topic.objects.filter(service_code=code).update(organization=organization)
    Topic.objects.filter(service_code="sote").update(organization=organizations["hva"])

    load_national_questionnaires()
    questionnaires = {q.code: q for q in Questionnaire.objects.all()}
    versions = {code: q.current_version() for code, q in questionnaires.items()}
    statements = {
        code: list(
            Item.objects.filter(version=version, kind=Item.Kind.STATEMENT).values_list("id", "code")
        )
        for code, version in versions.items()
    }
    for code, items in statements.items():
        if len(items) != STATEMENTS_PER_RESPONSE:
            raise RuntimeError(f"{code} has {len(items)} statements, not 7")
    own = []
    for order, (org_code, code, text) in enumerate(OWN_STATEMENTS, start=1):
        own.append(
            OwnStatement.objects.create(
                organization=organizations[org_code], code=code, order=order, text_fi=text
            )
        )

    rng = random.Random(7)
    points = []
    for code, domain in sorted(unit_domain.items()):
        unit = organizations[code]
        size = domain.size * (2.5 if "keskusta" in code or "kys" in code else 1.0)
        size *= rng.uniform(0.5, 1.5)
        quality = rng.uniform(-0.35, 0.45)
        for channel, share in (("web", 0.45), (SECOND_CHANNEL[domain.code], 0.55)):
            point = CollectionPoint.objects.create(
                channel=channel,
                organization=unit,
                questionnaire=questionnaires[domain.questionnaire],
                topic=topics[domain.topic[0]],
                name=channel,
            )
            points.append(
                {
                    "id": point.pk,
                    "organization": unit.pk,
                    "path": unit.path,
                    "topic": point.topic_id,
                    "version": versions[domain.questionnaire].pk,
                    "questionnaire": domain.questionnaire,
                    "title": questionnaires[domain.questionnaire].name_fi,
                    "channel": channel,
                    "source_ref": f"survey:{point.code}",
                    "weight": size * share,
                    "quality": quality,
                }
            )
    own_rows = [
        (unit.pk, statement.pk)
        for statement in own
        for unit in organizations.values()
        if unit.kind == "service_unit" and unit.path.startswith(statement.organization.path)
    ]
    return {
        "organizations": organizations,
        "units": len(unit_domain),
        "topics": len(topics),
        "points": points,
        "statements": statements,
        "own": own_rows,
    }


# ---------------------------------------------------------------------------------------
# Raw data, generated in SQL
# ---------------------------------------------------------------------------------------


def _execute(sql: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _scalar(sql: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _values(rows: list[tuple]) -> str:
    """Literal VALUES rows of numbers, dates and short strings (all made here, no input)."""

    def literal(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            return repr(value)
        if isinstance(value, dt.datetime):
            return f"'{value.isoformat()}'::timestamptz"
        if isinstance(value, dt.date):
            return f"'{value.isoformat()}'::date"
        return "'" + str(value).replace("'", "''") + "'"

    return ",\n".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)


def _insert(table: str, rows: list[tuple]) -> None:
    """Rows into one of the bench_* helper tables (names and values made here)."""
    _execute(f"INSERT INTO {table} VALUES {_values(rows)}")  # noqa: S608


def prepare_lookup_tables(county: dict) -> None:
    """Unlogged helper tables: collection points with their weights (``bench_pick`` holds a
    point once per unit of weight), days with theirs, the processing deadline of each day
    (Finnish working days) and the statements with their leans."""
    from palaute.feedback.deadlines import HELSINKI, is_working_day, processing_deadline

    points = county["points"]
    _execute("DROP TABLE IF EXISTS bench_point, bench_pick, bench_day, bench_item, bench_own")
    _execute(
        "CREATE UNLOGGED TABLE bench_point (id int PRIMARY KEY, organization_id int, "
        "topic_id int, version_id int, channel text, title text, source_ref text, "
        "quality float8)"
    )
    keys = ("id", "organization", "topic", "version", "channel", "title", "source_ref", "quality")
    _insert("bench_point", [tuple(p[key] for key in keys) for p in points])
    picks = [p["id"] for p in points for _ in range(max(1, round(p["weight"] * 10)))]
    _execute("CREATE UNLOGGED TABLE bench_pick (slot int PRIMARY KEY, point_id int)")
    _insert("bench_pick", list(enumerate(picks)))

    days, day = [], FIRST_DAY
    span = (LAST_DAY - FIRST_DAY).days
    while day <= LAST_DAY:
        weight = WEEKDAY_WEIGHT[day.weekday()] if is_working_day(day) else 2
        weight *= 0.6 if day.month == 7 else 1.0
        weight *= 1 + 0.25 * (day - FIRST_DAY).days / span  # more answers as use grows
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=HELSINKI)
        days.append((day, processing_deadline(noon), max(1, round(weight))))
        day += dt.timedelta(days=1)
    slots = [(slot, d) for slot, d in enumerate(d for d, _due, w in days for _ in range(w))]
    _execute("CREATE UNLOGGED TABLE bench_day (slot int PRIMARY KEY, day date, due timestamptz)")
    due = {d: deadline for d, deadline, _w in days}
    _insert("bench_day", [(s, d, due[d]) for s, d in slots])

    _execute(
        "CREATE UNLOGGED TABLE bench_item (version_id int, item_id int, lean float8, "
        "no_opinion float8)"
    )
    versions = {p["questionnaire"]: p["version"] for p in points}
    rows = [
        (versions[q], item, *STATEMENT_LEAN.get(code, (0.0, 0.04)))
        for q, items in county["statements"].items()
        if q in versions
        for item, code in items
    ]
    _insert("bench_item", rows)
    _execute("CREATE UNLOGGED TABLE bench_own (organization_id int, own_statement_id int)")
    if county["own"]:
        _insert("bench_own", county["own"])
    _execute("ANALYZE bench_point, bench_pick, bench_day, bench_item, bench_own")


# The generated feedback and responses of one step, one row each, in three tables so that
# every random draw is made once and each derivation is computed once: the draws with the
# unit, the time and the score; then the text, the contact request and the critical flag;
# then the handling.
DRAW = """
CREATE UNLOGGED TABLE bench_draw AS
SELECT a.*,
    -- Numbered in the order of arrival, as the service would have numbered them.
    %(fbase)s + row_number() OVER (ORDER BY a.received_at, a.g) AS feedback_id,
    CASE WHEN a.is_survey
         THEN %(rbase)s + row_number() OVER (PARTITION BY a.is_survey ORDER BY a.received_at, a.g)
    END AS response_id
FROM (
    SELECT r.*,
        p.organization_id, p.topic_id, p.version_id, p.title AS questionnaire, p.source_ref,
        p.id AS point_id,
        CASE WHEN r.is_survey THEN p.channel
             ELSE (ARRAY['web', 'web', 'web', 'web', 'web', 'web', 'email', 'email', 'open311',
                         'sms'])[1 + floor(r.r_idx * 10)::int] END AS channel,
        CASE WHEN r.is_survey OR r.r_idx > 0.15 THEN 'feedback' ELSE 'question' END AS kind,
        d.day, d.due AS processing_due,
        (d.day + make_time(r.hour, r.minute, r.second)) AT TIME ZONE 'Europe/Helsinki'
            AS received_at,
        -- A better unit (quality > 0) and later days draw higher scores.
        CASE WHEN NOT r.is_survey OR r.r_misc < 0.03 THEN NULL ELSE (
            SELECT CASE WHEN u < 0.42 THEN 10 WHEN u < 0.62 THEN 9 WHEN u < 0.75 THEN 8
                        WHEN u < 0.83 THEN 7 WHEN u < 0.88 THEN 6 WHEN u < 0.92 THEN 5
                        WHEN u < 0.94 THEN 4 WHEN u < 0.96 THEN 3 WHEN u < 0.975 THEN 2
                        WHEN u < 0.985 THEN 1 ELSE 0 END
            FROM power(r.r_nps, 1 + p.quality + 0.15 * (d.day - %(first)s::date) / 730.0) AS u
        ) END AS nps
    FROM (
        SELECT g, g <= %(responses)s AS is_survey,
            floor(random() * %(pslots)s)::int AS pslot,
            floor(random() * %(dslots)s)::int AS dslot,
            (%(hours)s::int[])[1 + floor(random() * %(nhours)s)::int] AS hour,
            floor(random() * 60)::int AS minute, floor(random() * 60)::int AS second,
            random() AS r_nps, random() AS r_text, random() AS r_idx, random() AS r_contact,
            random() AS r_take, random() AS r_status, random() AS r_contacted,
            random() AS r_crit, random() AS r_ack, random() AS r_misc, random() AS r_who
        FROM generate_series(1, %(rows)s) AS g
    ) r
    JOIN bench_pick pk ON pk.slot = r.pslot
    JOIN bench_point p ON p.id = pk.point_id
    JOIN bench_day d ON d.slot = r.dslot
) a
"""

# About one feedback in ten has a text: all without a questionnaire, some six per cent of
# the responses, low scores more often; and a comment follows its score.
TEXT = """
CREATE UNLOGGED TABLE bench_text AS
SELECT w.*, w.has_text OR w.contact_requested OR w.is_critical AS needs
FROM (
    SELECT x.*,
        x.has_text AND x.r_contact < CASE WHEN NOT x.is_survey THEN 0.25
                                          WHEN x.nps <= 6 THEN 0.35 ELSE 0.08 END
            AS contact_requested,
        x.has_text AND x.is_survey AND coalesce(x.nps, 10) <= 2 AND x.r_crit < 0.12
            AS is_critical,
        x.has_text AND x.r_status > 0.997 AS removed,
        CASE WHEN NOT x.has_text THEN ''
             WHEN NOT x.is_survey OR x.nps IS NULL
                 THEN (%(texts)s::text[])[1 + floor(x.r_idx * 30)::int]
             WHEN x.nps >= 9 THEN (%(texts)s::text[])[1 + floor(x.r_idx * 10)::int]
             WHEN x.nps >= 7 THEN (%(texts)s::text[])[11 + floor(x.r_idx * 10)::int]
             ELSE (%(texts)s::text[])[21 + floor(x.r_idx * 10)::int] END AS text
    FROM (
        SELECT d.*,
            NOT d.is_survey OR d.r_text < CASE WHEN d.nps IS NULL THEN 0.06
                                               WHEN d.nps <= 6 THEN 0.18
                                               WHEN d.nps <= 8 THEN 0.07
                                               ELSE 0.03 END AS has_text
        FROM bench_draw d
    ) x
) w
"""

# Scores alone are closed on arrival; the rest are mostly taken into processing in time,
# answered and closed; a few wait, and contact requests are mostly met within 14 days.
HANDLING = """
CREATE UNLOGGED TABLE bench_gen AS
SELECT h.*,
    CASE WHEN h.status IN ('closed', 'removed') THEN NULL
         ELSE LEAST(CASE WHEN h.taken_at IS NULL THEN h.processing_due END,
                    CASE WHEN h.contact_requested AND h.contacted_at IS NULL
                         THEN h.contact_due END) END AS due_at,
    GREATEST(h.received_at, h.taken_at, h.answered_at, h.closed_at, h.contacted_at,
             h.critical_acknowledged_at) AS updated_at
FROM (
    SELECT t.*,
        CASE WHEN t.status IN ('answered', 'closed') AND t.needs
             THEN t.taken_at + (1 + t.r_ack * 120) * interval '1 hour' END AS answered_at,
        CASE WHEN t.status = 'closed' AND NOT t.needs THEN t.received_at
             WHEN t.status = 'closed'
             THEN t.taken_at + (25 + t.r_ack * 400) * interval '1 hour' END AS closed_at,
        CASE WHEN t.contact_requested AND t.r_contacted < 0.78
                 THEN t.received_at + (0.2 + t.r_contacted / 0.78 * 12) * interval '1 day'
             WHEN t.contact_requested AND t.r_contacted < 0.92
                 THEN t.received_at + (15 + (t.r_contacted - 0.78) * 100) * interval '1 day'
        END AS contacted_at,
        CASE WHEN t.is_critical THEN t.received_at END AS critical_at,
        CASE WHEN t.is_critical AND t.r_ack < 0.97
             THEN t.received_at + (5 + t.r_ack * 180) * interval '1 minute' END
            AS critical_acknowledged_at
    FROM (
        SELECT x.*,
            CASE WHEN NOT x.needs THEN x.received_at
                 WHEN x.r_take < 0.80
                     THEN x.received_at + (1 + x.r_take / 0.80 * 70) * interval '1 hour'
                 WHEN x.r_take < 0.95
                     THEN x.received_at + (72 + (x.r_take - 0.80) / 0.15 * 300)
                                          * interval '1 hour'
            END AS taken_at,
            CASE WHEN x.removed THEN 'removed'
                 WHEN NOT x.needs THEN 'closed'
                 WHEN x.r_take >= 0.95 THEN 'received'
                 WHEN x.r_status < 0.55 THEN 'closed'
                 WHEN x.r_status < 0.80 THEN 'answered'
                 WHEN x.r_status < 0.92 THEN 'in_processing'
                 ELSE 'waiting' END AS status,
            CASE WHEN x.contact_requested THEN x.received_at + interval '14 days' END
                AS contact_due
        FROM bench_text x
    ) t
) h
"""

INSERT_FEEDBACK = """
INSERT INTO feedback_feedback (
    id, reference, tracking_token_hash, topic_id, organization_id, channel, kind, title, text,
    public_title, public_text, language, address, public_address, latitude, longitude,
    publish_consent, publication_state, publication_reason, sensitive_findings, released_at,
    released_by_id, status, removal_reason, is_critical, critical_reason, critical_source,
    critical_rules, critical_at, critical_level, critical_notified_at,
    critical_acknowledged_at, critical_acknowledged_by_id, received_at, processing_due,
    taken_at, contact_requested, contact_due, contacted_at, estimated_done_on, due_at,
    published_at, created_at, updated_at, attributes, channel_data, source_ref)
SELECT feedback_id,
    to_char(day, 'YYYY') || '-' || lpad(feedback_id::text, 8, '0'),
    lpad(to_hex(feedback_id), 64, '0'),
    topic_id, organization_id, channel, kind, title, text, title, text, 'fi', '', '',
    NULL, NULL, FALSE, 'private', 'no_consent', '[]'::jsonb, NULL, NULL, status,
    CASE WHEN status = 'removed' THEN 'Asiaton sisältö.' ELSE '' END,
    is_critical,
    CASE WHEN is_critical THEN 'Erittäin matala arvio ja huolestuttava kommentti.' ELSE '' END,
    CASE WHEN is_critical THEN 'rule' ELSE '' END,
    CASE WHEN is_critical THEN '[{"code": "matala-arvio", "matched": "nps"}]'::jsonb
         ELSE '[]'::jsonb END,
    critical_at, 0, critical_at, critical_acknowledged_at, NULL, received_at, processing_due,
    taken_at, contact_requested, contact_due, contacted_at, NULL, due_at, NULL, received_at,
    updated_at, '{}'::jsonb, '{}'::jsonb,
    CASE WHEN is_survey THEN source_ref ELSE '' END
FROM (
    SELECT *,
        CASE WHEN is_survey AND nps IS NOT NULL
                 THEN questionnaire || ': suosittelu ' || nps || '/10'
             WHEN is_survey THEN questionnaire
             ELSE left(text, 60) END AS title
    FROM bench_gen
) g
ORDER BY feedback_id
"""

INSERT_RESPONSES = """
INSERT INTO surveys_surveyresponse (id, feedback_id, version_id, collection_point_id, channel,
    nps, respondent, age_group, idempotency_key, recorded_by_id, created_at)
SELECT response_id, feedback_id, version_id, point_id, channel, nps,
    CASE WHEN r_who < 0.85 THEN 'customer' WHEN r_who < 0.95 THEN 'relative' ELSE '' END,
    (ARRAY['18-29', '30-49', '50-64', '65-74', '75+', ''])[1 + floor(r_who * 6)::int],
    NULL, NULL, received_at
FROM bench_gen WHERE is_survey
ORDER BY response_id
"""

# Statement answers follow the score: a 10 is mostly "strongly agree", a 0 mostly 1–2.
INSERT_ANSWERS = """
INSERT INTO surveys_surveyanswer (response_id, item_id, own_statement_id, value, no_opinion)
SELECT response_id, item_id, own_statement_id, value, value IS NULL
FROM (
    SELECT g.response_id, {columns},
        CASE WHEN random() < {no_opinion} THEN NULL ELSE greatest(1, least(5, round(
            CASE WHEN g.nps IS NULL THEN 4.0 ELSE 1.5 + g.nps * 0.35 END + {lean}
            + (random() + random() + random() - 1.5) * 1.4)))::int END AS value
    FROM bench_gen g {join}
    WHERE g.is_survey {where}
    ORDER BY g.response_id
    OFFSET 0
) a
"""
NATIONAL_ANSWERS = INSERT_ANSWERS.format(
    columns="i.item_id, NULL::int AS own_statement_id",
    no_opinion="i.no_opinion",
    lean="i.lean",
    join="JOIN bench_item i ON i.version_id = g.version_id",
    where="",
)
OWN_ANSWERS = INSERT_ANSWERS.format(
    columns="NULL::int AS item_id, o.own_statement_id",
    no_opinion="0.06",
    lean="0.0",
    join="JOIN bench_own o ON o.organization_id = g.organization_id",
    where="AND random() < 0.9",
)

INSERT_CONTACTS = """
INSERT INTO feedback_contact (feedback_id, name, email, phone, created_at)
SELECT feedback_id, '', 'asiakas' || feedback_id || '@example.fi', '', received_at
FROM bench_gen WHERE contact_requested
ORDER BY feedback_id
"""

# What handling leaves behind, as the services write it: the arrival, taking into
# processing, the answer and the closing (and closing on arrival for scores alone).
INSERT_EVENTS = """
INSERT INTO feedback_event (feedback_id, kind, actor_id, from_value, to_value, note, data,
    created_at)
SELECT feedback_id, kind, NULL, from_value, to_value, '', '{}'::jsonb, at FROM (
    SELECT feedback_id, 'created' AS kind, '' AS from_value, 'received' AS to_value,
        received_at AS at FROM bench_gen
    UNION ALL
    SELECT feedback_id, 'status', 'received', 'closed', closed_at
        FROM bench_gen WHERE NOT needs AND closed_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'status', 'received', 'in_processing', taken_at
        FROM bench_gen WHERE needs AND taken_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'answered', '', '', answered_at
        FROM bench_gen WHERE answered_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'status', 'in_processing', 'answered', answered_at
        FROM bench_gen WHERE answered_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'status', 'answered', 'closed', closed_at
        FROM bench_gen WHERE needs AND closed_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'contacted', '', '', contacted_at
        FROM bench_gen WHERE contacted_at IS NOT NULL
    UNION ALL
    SELECT feedback_id, 'removed', status, 'removed', received_at + interval '1 day'
        FROM bench_gen WHERE status = 'removed'
) e
ORDER BY feedback_id, at
"""

INSERT_HANDLER_ANSWERS = """
INSERT INTO feedback_answer (feedback_id, organization_id, author_id, kind, text, language,
    created_at, removed_at, removed_by_id, removal_reason)
SELECT feedback_id, organization_id, NULL, 'answer', %(text)s, 'fi', answered_at, NULL, NULL, ''
FROM bench_gen WHERE answered_at IS NOT NULL
ORDER BY feedback_id
"""


LOADED_TABLES = [
    "feedback_feedback",
    "surveys_surveyresponse",
    "surveys_surveyanswer",
    "feedback_event",
    "feedback_answer",
    "feedback_contact",
]

# Secondary indexes (not those behind primary keys and unique constraints) of the loaded
# tables: dropped while loading and built again afterwards, which is many times faster.
SECONDARY_INDEXES = """
SELECT format('%%I.%%I', i.schemaname, i.indexname), i.indexdef
FROM pg_indexes i
WHERE i.tablename = ANY(%s) AND i.schemaname = current_schema()
  AND NOT EXISTS (
      SELECT 1 FROM pg_constraint c
      WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)
ORDER BY i.tablename, i.indexname
"""

# Rows whose foreign keys point nowhere (the triggers that would check them are off).
ORPHANS = """
SELECT (SELECT count(*) FROM surveys_surveyanswer a
        WHERE NOT EXISTS (SELECT 1 FROM surveys_surveyresponse r WHERE r.id = a.response_id))
     + (SELECT count(*) FROM surveys_surveyresponse r
        WHERE NOT EXISTS (SELECT 1 FROM feedback_feedback f WHERE f.id = r.feedback_id))
     + (SELECT count(*) FROM feedback_feedback f
        WHERE NOT EXISTS (SELECT 1 FROM organizations_organization o
                          WHERE o.id = f.organization_id)
           OR NOT EXISTS (SELECT 1 FROM feedback_topic t WHERE t.id = f.topic_id))
     + (SELECT count(*) FROM feedback_event e
        WHERE NOT EXISTS (SELECT 1 FROM feedback_feedback f WHERE f.id = e.feedback_id))
"""


def generate(*, responses: int, plain: int, seed: float) -> dict:
    """Add ``responses`` survey responses (with their feedback, seven statement answers each,
    own-statement answers where the unit has own statements) and ``plain`` feedback without a
    questionnaire, spread over the two years and every unit. Returns the seconds per step."""
    timings = {}

    def step(name: str, sql: str, params=None) -> None:
        started = time.perf_counter()
        _execute(sql, params)
        timings[name] = round(time.perf_counter() - started, 2)

    fbase = _scalar("SELECT coalesce(max(id), 0) FROM feedback_feedback")
    rbase = _scalar("SELECT coalesce(max(id), 0) FROM surveys_surveyresponse")
    # Bulk loading: no waiting for the disk on commit, no JIT compiling of the big queries,
    # and no foreign-key triggers (the rows are made consistent here; checked below).
    _execute("SET synchronous_commit = off")
    _execute("SET jit = off")
    _execute("SET session_replication_role = replica")
    _execute("SET maintenance_work_mem = '256MB'")
    _execute("SELECT setseed(%s)", [seed])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SECONDARY_INDEXES, [LOADED_TABLES])
        indexes = cursor.fetchall()
    for name, _definition in indexes:
        _execute(f"DROP INDEX {name}")
    _execute("DROP TABLE IF EXISTS bench_draw, bench_text, bench_gen")
    step(
        "draw",
        DRAW,
        {
            "hours": HOURS,
            "nhours": len(HOURS),
            "fbase": fbase,
            "rbase": rbase,
            "first": FIRST_DAY,
            "responses": responses,
            "rows": responses + plain,
            "pslots": _scalar("SELECT count(*) FROM bench_pick"),
            "dslots": _scalar("SELECT count(*) FROM bench_day"),
        },
    )
    step("text", TEXT, {"texts": TEXTS})
    step("handling", HANDLING)
    step("feedback", INSERT_FEEDBACK)
    step("responses", INSERT_RESPONSES)
    step("statement answers", NATIONAL_ANSWERS)
    step("own statement answers", OWN_ANSWERS)
    step("contacts", INSERT_CONTACTS)
    step("events", INSERT_EVENTS)
    step("handler answers", INSERT_HANDLER_ANSWERS, {"text": ANSWER_TEXT})
    started = time.perf_counter()
    for _name, definition in indexes:
        _execute(definition)
    timings["indexes"] = round(time.perf_counter() - started, 2)
    # The ids were given here: move the sequences past them.
    for table, last in (
        ("feedback_feedback", fbase + responses + plain),
        ("surveys_surveyresponse", rbase + responses),
    ):
        _execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, last])
    _execute("DROP TABLE bench_draw, bench_text, bench_gen")
    step("analyze", "ANALYZE " + ", ".join(LOADED_TABLES))
    for setting in (
        "session_replication_role",
        "synchronous_commit",
        "jit",
        "maintenance_work_mem",
    ):
        _execute(f"RESET {setting}")
    started = time.perf_counter()
    orphans = _scalar(ORPHANS)
    timings["integrity check"] = round(time.perf_counter() - started, 2)
    if orphans:
        raise RuntimeError(f"{orphans} generated rows point to rows that do not exist")
    return timings


def counts() -> dict:
    """Row counts of the raw data."""
    return {
        "statement_answers": _scalar(
            "SELECT count(*) FROM surveys_surveyanswer WHERE item_id IS NOT NULL"
        ),
        "own_statement_answers": _scalar(
            "SELECT count(*) FROM surveys_surveyanswer WHERE own_statement_id IS NOT NULL"
        ),
        "nps_answers": _scalar("SELECT count(nps) FROM surveys_surveyresponse"),
        "responses": _scalar("SELECT count(*) FROM surveys_surveyresponse"),
        "feedback": _scalar("SELECT count(*) FROM feedback_feedback"),
        "feedback_with_text": _scalar("SELECT count(*) FROM feedback_feedback WHERE text <> ''"),
        "contact_requests": _scalar(
            "SELECT count(*) FROM feedback_feedback WHERE contact_requested"
        ),
        "taken_into_processing": _scalar(
            "SELECT count(*) FROM feedback_feedback WHERE taken_at IS NOT NULL AND text <> ''"
        ),
        "critical": _scalar("SELECT count(*) FROM feedback_feedback WHERE is_critical"),
        "events": _scalar("SELECT count(*) FROM feedback_event"),
    }


def profile() -> dict:
    """A few shape checks of the generated data: NPS, positive share, channels."""
    row = _scalar(
        """
        SELECT json_build_object(
            'nps', round(100.0 * (count(*) FILTER (WHERE nps >= 9)
                                  - count(*) FILTER (WHERE nps <= 6)) / count(nps), 1),
            'first', min(created_at), 'last', max(created_at))
        FROM surveys_surveyresponse
        """
    )
    row["positive_share"] = float(
        _scalar(
            "SELECT round(100.0 * count(*) FILTER (WHERE value >= 4) / count(value), 1) "
            "FROM surveys_surveyanswer"
        )
    )
    row["no_opinion_share"] = float(
        _scalar("SELECT round(100.0 * avg(no_opinion::int), 1) FROM surveys_surveyanswer")
    )
    return row


# ---------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------


def rollup_rows() -> dict:
    from palaute.reports import models

    return {
        model.__name__: model.objects.count()
        for model in (
            models.FeedbackFigure,
            models.HandlingTimeFigure,
            models.ScoreFigure,
            models.ThemeFigure,
        )
    }


def timed(func, runs: int, warmup: int = 1) -> dict:
    """Best and median of ``runs`` calls in milliseconds, after ``warmup`` calls."""
    for _ in range(warmup):
        result = func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "best_ms": round(min(times), 2),
        "median_ms": round(statistics.median(times), 2),
        "runs_ms": [round(t, 2) for t in times],
        "result": result,
    }


PLAIN_SCOPE = """
    FROM surveys_surveyresponse r
    JOIN feedback_feedback f ON f.id = r.feedback_id
    JOIN organizations_organization o ON o.id = f.organization_id
    WHERE o.path LIKE %(path)s AND f.received_at >= %(since)s AND f.received_at < %(until)s
      AND f.status <> 'removed'
"""
PLAIN_NPS = "SELECT r.nps, count(*) " + PLAIN_SCOPE + " AND r.nps IS NOT NULL GROUP BY r.nps"
PLAIN_STATEMENTS = """
    SELECT i.code, a.value, count(*)
    FROM surveys_surveyanswer a
    JOIN surveys_item i ON i.id = a.item_id
    JOIN surveys_surveyresponse r ON r.id = a.response_id
    JOIN feedback_feedback f ON f.id = r.feedback_id
    JOIN organizations_organization o ON o.id = f.organization_id
    WHERE o.path LIKE %(path)s AND f.received_at >= %(since)s AND f.received_at < %(until)s
      AND f.status <> 'removed'
    GROUP BY i.code, a.value
"""


def plain_params(area) -> dict:
    from palaute.surveys.figures import local_bounds

    since, until = local_bounds(start=PERIOD[0], end=PERIOD[1])
    return {"path": area.path + "%", "since": since, "until": until}


def plain_aggregate(area) -> dict:
    """The recommendation and statement distributions of the area's half-year straight from
    the raw answers (answers → responses → feedback → organisation), as plain SQL."""
    from django.db import connection

    params = plain_params(area)
    with connection.cursor() as cursor:
        cursor.execute(PLAIN_NPS, params)
        nps = {str(score): n for score, n in cursor.fetchall()}
        cursor.execute(PLAIN_STATEMENTS, params)
        statements: dict[str, dict] = {}
        for code, value, n in cursor.fetchall():
            key = "no_opinion" if value is None else str(value)
            statements.setdefault(code, {})[key] = n
    return {"nps": nps, "statements": statements}


def explain(sql: str, params: dict | None = None) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def report_queries(call) -> dict:
    """The report's queries, from one more call: how many, and the slowest three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    return {
        "count": len(queries),
        "total_ms": round(sum(float(query["time"]) for query in queries) * 1000, 1),
        "slowest": [
            {"ms": round(float(query["time"]) * 1000, 1), "sql": query["sql"]}
            for query in queries[:3]
        ],
    }


def agreement(report: dict, plain: dict) -> dict:
    """Whether the report's recommendation and statement distributions equal the raw ones."""
    nps = report["nps"].get("distribution") or {}
    nps_ok = {k: v for k, v in nps.items() if v} == plain["nps"]
    statements_ok = True
    for row in report["statements"]:
        raw = plain["statements"].get(row["code"], {})
        dist = {k: v for k, v in (row.get("distribution") or {}).items() if v}
        if dist != {k: v for k, v in raw.items() if k != "no_opinion"}:
            statements_ok = False
        if row.get("no_opinion", 0) != raw.get("no_opinion", 0):
            statements_ok = False
    return {"nps": nps_ok, "statements": statements_ok}


@dataclass
class SizeResult:
    label: str
    target_answers: int
    counts: dict = field(default_factory=dict)
    generate_seconds: float = 0.0
    generate_steps: dict = field(default_factory=dict)
    rebuild_seconds: float | None = None
    vacuum_seconds: float | None = None
    rollup_rows: dict = field(default_factory=dict)
    pending_before_report: int | None = None
    report: dict | None = None
    plain: dict | None = None
    agreement: dict | None = None
    profile: dict = field(default_factory=dict)


def measure_size(result: SizeResult, *, area, only_generate: bool) -> None:
    """Rebuild the rollup, then time the report and the plain aggregate."""
    from palaute.reports import rollup
    from palaute.reports.models import PendingRollup

    result.counts = counts()
    result.profile = profile()
    if only_generate:
        return
    started = time.perf_counter()
    rollup.rebuild()
    result.rebuild_seconds = round(time.perf_counter() - started, 2)
    # As in a database that has been in use: autovacuum has been through the old rows, so
    # no measurement pays for setting hint bits or runs beside a vacuum.
    started = time.perf_counter()
    _execute("VACUUM (ANALYZE)")
    result.vacuum_seconds = round(time.perf_counter() - started, 2)
    result.rollup_rows = rollup_rows()
    result.pending_before_report = PendingRollup.objects.count()
    from palaute.reports.selectors import report_figures

    def call():
        return report_figures(organization=area, start=PERIOD[0], end=PERIOD[1])

    report = timed(call, runs=REPORT_RUNS)
    figures = report.pop("result")
    report["responses"] = figures["responses"]
    report["nps"] = figures["nps"]["value"]
    report["queries"] = report_queries(call)
    result.report = report
    plain = timed(lambda: plain_aggregate(area), runs=PLAIN_RUNS)
    result.agreement = agreement(figures, plain.pop("result"))
    result.plain = plain


def _cells(size: dict) -> list[tuple[str, str]]:
    """(label, value) rows of the table for one size."""

    def num(value, pattern: str = "{:,}") -> str:
        return "–" if value is None else pattern.format(value)

    counts = size["counts"]
    report = size["report"] or {}
    queries = report.get("queries") or {}
    agreement = size["agreement"]
    return [
        ("statement answers (the size)", num(counts.get("statement_answers"))),
        ("own-statement answers", num(counts.get("own_statement_answers"))),
        ("NPS answers", num(counts.get("nps_answers"))),
        ("survey responses", num(counts.get("responses"))),
        ("feedback (all)", num(counts.get("feedback"))),
        ("  with text", num(counts.get("feedback_with_text"))),
        ("  critical", num(counts.get("critical"))),
        ("generation (s)", num(size["generate_seconds"], "{:.1f}")),
        ("rollup rebuild (s)", num(size["rebuild_seconds"], "{:.1f}")),
        ("vacuum analyze (s)", num(size["vacuum_seconds"], "{:.1f}")),
        ("rollup rows", num(sum(size["rollup_rows"].values()) if size["rollup_rows"] else None)),
        ("pending days before report", num(size["pending_before_report"])),
        ("report: best of 5 (ms)", num(report.get("best_ms"), "{:.1f}")),
        ("report: median (ms)", num(report.get("median_ms"), "{:.1f}")),
        ("report: responses in period", num(report.get("responses"))),
        ("report: queries", num(queries.get("count"))),
        ("report: time in SQL (ms)", num(queries.get("total_ms"), "{:.1f}")),
        ("plain SQL: best of 3 (ms)", num((size["plain"] or {}).get("best_ms"), "{:.1f}")),
        (
            "report agrees with raw data",
            "–"
            if agreement is None
            else "yes"
            if all(agreement.values())
            else "NO: " + ", ".join(key for key, ok in agreement.items() if not ok),
        ),
    ]


def print_table(data: dict) -> None:
    columns = [_cells(size) for size in data["sizes"]]
    print(
        f"\nHalf-year report of {data['area']['name']} ({data['area']['service_units']} units), "
        f"{data['period']['start']}..{data['period']['end']}"
    )
    print(f"{'':<30}" + "".join(f"{size['label']:>16}" for size in data["sizes"]))
    for index, (label, _value) in enumerate(columns[0] if columns else []):
        print(f"{label:<30}" + "".join(f"{column[index][1]:>16}" for column in columns))
    if data["targets"]:
        print()
    for name, target in data["targets"].items():
        print(f"{'MET' if target['met'] else 'NOT MET':<8} {name}: {target['detail']}")
    print(f"\ntotal runtime {data['total_seconds']:.0f} s")


def targets(sizes: list[dict]) -> dict:
    measured = [s for s in sizes if s["report"]]
    if len(measured) < 2:
        return {}
    small, large = measured[0], measured[-1]
    ratio = large["report"]["best_ms"] / small["report"]["best_ms"]
    found = {
        "report cost ratio": {
            "met": ratio <= RATIO_TARGET,
            "value": round(ratio, 2),
            "detail": f"report at {large['label']} / at {small['label']} = {ratio:.2f} "
            f"(target ≤ {RATIO_TARGET:g})",
        }
    }
    if large["plain"]:
        plain = large["plain"]["best_ms"]
        report = large["report"]["best_ms"]
        found["faster than plain aggregate"] = {
            "met": report < plain,
            "value": round(plain / report, 2),
            "detail": f"report {report:.1f} ms vs plain SQL {plain:.1f} ms at {large['label']} "
            f"({plain / report:.1f}× faster)"
            if report < plain
            else f"report {report:.1f} ms vs plain SQL {plain:.1f} ms at {large['label']}",
        }
    return found


def label(answers: int) -> str:
    if answers >= 1_000_000 and answers % 1_000_000 == 0:
        return f"{answers // 1_000_000}M"
    if answers >= 1_000 and answers % 1_000 == 0:
        return f"{answers // 1_000}k"
    return f"{answers:,}"


def run(args) -> dict:
    from django.db import connection

    started = time.perf_counter()
    county = build_county()
    prepare_lookup_tables(county)
    area = county["organizations"][REPORT_AREA]
    area_units = sum(
        1
        for org in county["organizations"].values()
        if org.kind == "service_unit" and org.path.startswith(area.path)
    )
    data = {
        "database": {
            "vendor": connection.vendor,
            "server": _scalar("SHOW server_version"),
            "name": connection.settings_dict["NAME"],
        },
        "answers": "national statement answers (SurveyAnswer rows with an item), seven per "
        "survey response; NPS answers and own-statement answers are counted apart",
        "county": {
            "organizations": len(county["organizations"]),
            "service_areas": len(AREAS),
            "service_units": county["units"],
            "topics": county["topics"],
            "collection_points": len(county["points"]),
            "own_statements": len(OWN_STATEMENTS),
            "days": f"{FIRST_DAY}..{LAST_DAY}",
        },
        "area": {"code": area.code, "name": area.name_fi, "service_units": area_units},
        "period": {"start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat()},
        "sizes": [],
    }
    done_responses = 0
    for index, size in enumerate(args.sizes):
        result = SizeResult(label=label(size), target_answers=size)
        responses = -(-size // STATEMENTS_PER_RESPONSE) - done_responses
        print(f"== {result.label} answers: adding {responses:,} responses", flush=True)
        step_started = time.perf_counter()
        result.generate_steps = generate(
            responses=responses,
            plain=round(responses * PLAIN_FEEDBACK_SHARE),
            seed=0.1 + index / 10,
        )
        result.generate_seconds = round(time.perf_counter() - step_started, 2)
        done_responses += responses
        print(
            f"   generated in {result.generate_seconds:.1f} s {result.generate_steps}", flush=True
        )
        measure_size(result, area=area, only_generate=args.only_generate)
        if result.report:
            print(
                f"   rebuild {result.rebuild_seconds:.1f} s, "
                f"report {result.report['best_ms']:.1f} ms, "
                f"plain SQL {result.plain['best_ms']:.1f} ms",
                flush=True,
            )
        data["sizes"].append(result.__dict__)
    if not args.only_generate and data["sizes"]:
        # Where the time goes at the largest size: the plain aggregate's statement query
        # and the report's slowest query.
        largest = data["sizes"][-1]
        largest["plain_explain"] = explain(PLAIN_STATEMENTS, plain_params(area))
        slowest = largest["report"]["queries"]["slowest"]
        if slowest:
            largest["report_slowest_explain"] = explain(slowest[0]["sql"])
    data["targets"] = targets(data["sizes"])
    data["total_seconds"] = round(time.perf_counter() - started, 1)
    return data


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return (
        url
        if url.split("://", 1)[0] in ("postgres", "postgresql", "pgsql")
        else DEFAULT_DATABASE_URL
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reports", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(part.replace("_", "")) for part in text.split(",")],
        default=list(SIZES),
        help="answer counts to grow through, ascending (default 100000,10000000)",
    )
    parser.add_argument("--only-generate", action="store_true", help="generate and count only")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = TEST_DATABASE_NAME
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    print(
        f"database {connection.settings_dict['NAME']} ready in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    try:
        data = run(args)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    print_table(data)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, default=str, ensure_ascii=False)
    OUTPUT.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
