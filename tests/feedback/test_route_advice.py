"""Route advice: messages that look like a formal complaint (muistutus), a patient-safety
incident or an emergency get a notice with the right route; ordinary feedback gets none."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from palaute.feedback.guidance import advice_for, route_advice, route_kinds


def kinds(text: str) -> list[str]:
    return [advice.kind for advice in route_advice(text=text)]


@pytest.mark.parametrize(
    "text",
    [
        "Haluan tehdä muistutuksen.",
        "Teen muistutuksen, koska minua kohdeltiin huonosti.",
        "Olen tehnyt kantelun aluehallintovirastoon.",
        "Miten teen valituksen?",
        "Otin yhteyttä potilasasiavastaavaan.",
        "Sosiaaliasiavastaavalta sain neuvoja.",
        "Oikeusturvani ei toteutunut.",
        "Potilasasiamiehen mukaan voin valittaa.",
    ],
)
def test_complaint(text):
    assert kinds(text) == ["complaint"]


@pytest.mark.parametrize(
    "text",
    [
        "Osastolla sattui vaaratilanne.",
        "Haluan ilmoittaa haittatapahtumasta.",
        "Äidilleni annettiin väärä lääke.",
        "Isäni kaatui osastolla ja löi päänsä.",
        "Lääkitysvirheen vuoksi hän joutui teholle.",
        "Lääkevirheitä sattuu liian usein.",
        "Potilasturvallisuus ei toteutunut.",
    ],
)
def test_patient_safety(text):
    assert kinds(text) == ["patient_safety"]


def test_hoitovirhe_is_both_a_complaint_and_a_safety_incident():
    assert kinds("Haluan tehdä muistutuksen hoitovirheestä.") == ["complaint", "patient_safety"]
    assert kinds("Epäilen hoitovirhettä.") == ["complaint", "patient_safety"]


@pytest.mark.parametrize(
    "text",
    [
        "Tarvitsen apua heti, naapurin asunnossa on tulipalo.",
        "Mies uhkaa tappaa minut.",
        "Olen hengenvaarassa.",
        "Kyseessä on hätätilanne.",
        "Isä on tajuton eikä hengitä.",
    ],
)
def test_emergency(text):
    [advice] = route_advice(text=text)
    assert advice.kind == "emergency"
    assert [link.url for link in advice.links] == ["tel:112"]


@pytest.mark.parametrize(
    "text",
    ["En halua enää elää.", "Olen miettinyt itsemurhaa.", "Haluan kuolla.", "Olen itsetuhoinen."],
)
def test_self_harm_gets_112_and_the_crisis_line(text):
    [advice] = route_advice(text=text)
    assert advice.kind == "emergency"
    assert [link.url for link in advice.links] == ["tel:112", "tel:+358925250111"]
    assert "09 2525 0111" in " ".join(link.label for link in advice.links)
    assert route_kinds(text=text) == ["emergency", "crisis"]


def test_emergency_comes_first():
    text = "Teen muistutuksen. Hoitaja uhkasi tappaa minut ja minulle annettiin väärä lääke."
    assert kinds(text) == ["emergency", "complaint", "patient_safety"]


@pytest.mark.parametrize(
    "text",
    [
        "Hoitaja oli ystävällinen ja sain hyvää palvelua.",
        "Lääkäri kertoi selkeästi.",
        "Sain apua heti ja hoito oli hyvää.",
        "Ei hätää, kaikki hyvin.",
        "Ruoka oli hyvää, ei valittamista.",
        "Laivan kannella oli mukavaa.",
        "Valitettavasti jouduin odottamaan.",
        "Katuvalo ei toimi Kauppakadulla.",
        "Fysioterapeutti muistutti jumppaohjeista.",
        "",
        "   ",
    ],
)
def test_ordinary_feedback_gets_no_advice(text):
    assert route_advice(text=text) == []


def test_complaint_and_safety_notices_link_to_muistutus_and_the_ombudsperson():
    complaint, safety = route_advice(text="Hoitovirhe.")
    for advice in (complaint, safety):
        urls = [link.url for link in advice.links]
        assert "https://valvira.fi/sosiaali-ja-terveydenhuolto/muistutus-tai-kantelu" in urls
        assert "https://stm.fi/" in urls
        assert all(link.label for link in advice.links)
    assert "muistutus" in complaint.title.lower()


@override_settings(
    PALAUTE_ROUTE_LINKS={
        "ombudsperson": {"fi": "https://hyvinvointialue.example/asiavastaava", "sv": ""},
        "incident_report": "https://hyvinvointialue.example/vaaratapahtuma",
        "crisis_line": "",
    }
)
def test_links_come_from_settings_per_language():
    [safety] = route_advice(text="Osastolla sattui vaaratilanne.")
    urls = [link.url for link in safety.links]
    assert urls[0] == "https://hyvinvointialue.example/vaaratapahtuma"
    assert "https://hyvinvointialue.example/asiavastaava" in urls
    with translation.override("sv"):
        [safety] = route_advice(text="Osastolla sattui vaaratilanne.")
        # An empty address in Swedish falls back to the Finnish one.
        assert "https://hyvinvointialue.example/asiavastaava" in [x.url for x in safety.links]
    [emergency] = route_advice(text="En halua elää.")
    assert [link.url for link in emergency.links] == ["tel:112"]  # the crisis line is off


def test_advice_is_in_the_active_language():
    with translation.override("en"):
        [advice] = route_advice(text="Haluan tehdä muistutuksen.")
        assert advice.title == "A formal complaint (muistutus) is a separate route"
    with translation.override("fi"):
        [advice] = route_advice(text="Haluan tehdä muistutuksen.")
    assert advice.as_dict()["kind"] == "complaint"
    assert set(advice.as_dict()) == {"kind", "title", "text", "links"}


def test_advice_for_rebuilds_notices_from_kinds_only():
    assert [a.kind for a in advice_for(kinds=["patient_safety", "emergency", "nonsense"])] == [
        "emergency",
        "patient_safety",
    ]
    [crisis] = advice_for(kinds=["crisis"])
    assert len(crisis.links) == 2
    assert advice_for(kinds=[]) == []


def test_only_the_beginning_of_a_very_long_text_is_checked():
    filler = "Kiitos hyvästä palvelusta. " * 400
    assert len(filler) > 5000
    assert route_advice(text="Haluan tehdä muistutuksen. " + filler)
    assert route_advice(text=filler + "Haluan tehdä muistutuksen.") == []
