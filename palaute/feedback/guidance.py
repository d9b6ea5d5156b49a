"""Route advice: when a message looks like a formal complaint (muistutus), a report of a
patient-safety incident or an emergency, the sender is shown the right route. Advice never
blocks the feedback; it is worked out from the text and nothing is stored.

The link addresses come from settings.PALAUTE_ROUTE_LINKS (a dict of name -> address, or
name -> {language: address}), falling back to ROUTE_LINK_DEFAULTS; an empty address leaves
the link out. A county sets its own ombudsperson and muistutus pages there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from palaute.translation import in_current_language

from .critical import find_terms

MAX_TEXT = 5000  # longer texts are checked from their beginning only


class Kind:
    EMERGENCY = "emergency"
    COMPLAINT = "complaint"
    PATIENT_SAFETY = "patient_safety"
    CRISIS = "crisis"  # self-harm: the emergency notice adds the crisis helpline


ROUTE_LINK_DEFAULTS: dict[str, Any] = {
    "emergency": "tel:112",
    # MIELI ry's national crisis line, open around the clock.
    "crisis_line": "tel:+358925250111",
    "crisis_line_number": "09 2525 0111",  # shown in the link's label
    # Valvira: how to make a muistutus (and when a kantelu) in social and health care.
    "muistutus": "https://valvira.fi/sosiaali-ja-terveydenhuolto/muistutus-tai-kantelu",
    # The county's patient and social ombudsperson (law 739/2023); set the county's page.
    "ombudsperson": "https://stm.fi/",
    # The county's form for customers' patient-safety incident reports, when it has one.
    "incident_report": "",
}

# Terms in basic form, matched on lemmas like the critical rules (see critical.py).
EMERGENCY_TERMS = [
    "hengenvaara",
    "hengenvaarallinen",
    "hätätilanne",
    "kova hätä",
    "suuri hätä",
    "tarvita apu heti",
    "tarvita apu nyt",
    "tarvita apu välittömästi",
    "tulipalo",
    "uhata tappaa",
    "uhka tappaa",
    "uhkailla tappaa",
    "tappouhkaus",
    "aikoa tappaa",
    "ei hengittää",
    "tajuton",
]
SELF_HARM_TERMS = [
    "itsemurha",
    "*itsemurha",
    "itsetuho*",
    "tappaa itse",
    "vahingoittaa itse",
    "en halua elää",
    "ei haluta elää",
    "ei jaksaa elää",
    "haluta kuolla",
    "lopettaa elämä",
    "päättää päivä",
    "riistää henki",
]
COMPLAINT_TERMS = [
    "muistutus",
    "*muistutus",
    "tehdä muistutus",
    "valitus",
    "kantelu",
    "oikeusturva",
    "potilasasiavastaava",
    "sosiaaliasiavastaava",
    "*asiavastaava",
    "potilasasiamies",
    "sosiaaliasiamies",
    "*asiamies",
    "hoitovirhe",
    "*hoitovirhe",
    "potilasvahinko",
]
PATIENT_SAFETY_TERMS = [
    "vaaratilanne",
    "vaaratapahtuma",
    "haittatapahtuma",
    "hoitovirhe",
    "*hoitovirhe",
    "lääkevirhe",
    "lääkitysvirhe",
    "*lääkitysvirhe",
    "väärä lääke",
    "väärä annos",
    "kaatuminen",
    "kaatua osasto",
    "potilasturvallisuus",
    "asiakasturvallisuus",
    "läheltä piti",
]


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    @property
    def is_phone(self) -> bool:
        return self.url.startswith("tel:")


@dataclass(frozen=True)
class Advice:
    """A notice of a route the sender may need, in the active language."""

    kind: str
    title: str
    text: str
    links: tuple[Link, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        """For the JSON endpoint."""
        return {
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "links": [{"label": link.label, "url": link.url} for link in self.links],
        }


def route_link(*, name: str) -> str:
    """A configured address: settings.PALAUTE_ROUTE_LINKS, per language when given as a
    dict, else the default."""
    configured = {**ROUTE_LINK_DEFAULTS, **getattr(settings, "PALAUTE_ROUTE_LINKS", {})}
    return in_current_language(configured.get(name, ""))


def _links(*pairs: tuple[str, str]) -> tuple[Link, ...]:
    return tuple(Link(label=label, url=url) for label, url in pairs if url)


def _emergency(*, crisis: bool) -> Advice:
    text = _(
        "This feedback service is not watched around the clock and cannot send help. If "
        "someone is in immediate danger, call the emergency number 112."
    )
    links = [(_("Call the emergency number 112"), route_link(name="emergency"))]
    if crisis:
        text += " " + _(
            "If you are thinking of harming yourself, you do not have to cope alone: the "
            "national crisis helpline answers around the clock."
        )
        label = _("Crisis helpline %(number)s") % {"number": route_link(name="crisis_line_number")}
        links.append((label, route_link(name="crisis_line")))
    return Advice(
        kind=Kind.EMERGENCY,
        title=_("In an emergency, call 112"),
        text=text,
        links=_links(*links),
    )


def _complaint() -> Advice:
    return Advice(
        kind=Kind.COMPLAINT,
        title=_("A formal complaint (muistutus) is a separate route"),
        text=_(
            "Your message is handled as feedback. If you are dissatisfied with your care or "
            "with how you were treated in health or social services, you can also make a "
            "formal complaint (muistutus) in writing to the unit concerned: it is answered "
            "in writing, with reasons, usually within about a month. The patient and social "
            "ombudsperson advises you free of charge."
        ),
        links=_links(
            (_("How to make a formal complaint (muistutus)"), route_link(name="muistutus")),
            (_("Patient and social ombudsperson"), route_link(name="ombudsperson")),
        ),
    )


def _patient_safety() -> Advice:
    return Advice(
        kind=Kind.PATIENT_SAFETY,
        title=_("Reporting a patient- or client-safety incident"),
        text=_(
            "If something went wrong, or nearly went wrong, in your care, the unit wants to "
            "know so that it does not happen again. Your feedback is passed on; you can also "
            "ask the unit to record it as a safety incident. A report of an incident is not "
            "a formal complaint and does not decide on compensation; the patient and social "
            "ombudsperson tells you about those routes."
        ),
        links=_links(
            (_("Report a safety incident"), route_link(name="incident_report")),
            (_("Patient and social ombudsperson"), route_link(name="ombudsperson")),
            (_("How to make a formal complaint (muistutus)"), route_link(name="muistutus")),
        ),
    )


def route_kinds(*, text: str) -> list[str]:
    """Which routes a message seems to need, in the order they are shown: "emergency"
    (with "crisis" when it speaks of self-harm), "complaint", "patient_safety". Only these
    names are kept after sending (never the text), e.g. for the thank-you page."""
    text = (text or "")[:MAX_TEXT]
    if not text.strip():
        return []
    kinds = []
    crisis = find_terms(text=text, terms=SELF_HARM_TERMS) is not None
    if crisis or find_terms(text=text, terms=EMERGENCY_TERMS) is not None:
        kinds.append(Kind.EMERGENCY)
    if crisis:
        kinds.append(Kind.CRISIS)
    if find_terms(text=text, terms=COMPLAINT_TERMS) is not None:
        kinds.append(Kind.COMPLAINT)
    if find_terms(text=text, terms=PATIENT_SAFETY_TERMS) is not None:
        kinds.append(Kind.PATIENT_SAFETY)
    return kinds


def advice_for(*, kinds: Iterable[str]) -> list[Advice]:
    """The notices for route kinds (see route_kinds), emergency first; unknown names are
    ignored."""
    kinds = set(kinds or ())
    advice = []
    if Kind.EMERGENCY in kinds or Kind.CRISIS in kinds:
        advice.append(_emergency(crisis=Kind.CRISIS in kinds))
    if Kind.COMPLAINT in kinds:
        advice.append(_complaint())
    if Kind.PATIENT_SAFETY in kinds:
        advice.append(_patient_safety())
    return advice


def route_advice(*, text: str) -> list[Advice]:
    """The route notices a message seems to need: emergency first, then a formal
    complaint, then a patient-safety incident. Empty for ordinary feedback."""
    return advice_for(kinds=route_kinds(text=text))
