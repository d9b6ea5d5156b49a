"""Bank account numbers (IBAN, checked) and Finnish vehicle registration plates."""

import pytest
from django.utils import translation

from palaute.privacy.checks import FindingKind, check_text


def found(text: str) -> list[tuple[str, str]]:
    return [(str(f.kind), text[f.start : f.end]) for f in check_text(text)]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Tilinumero FI21 1234 5600 0007 85, kiitos.", "FI21 1234 5600 0007 85"),
        ("Maksakaa tilille FI2112345600000785.", "FI2112345600000785"),
        ("Mitt konto: DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
    ],
)
def test_a_valid_iban_is_found_whole_and_not_as_a_phone_number(text, account):
    assert found(text) == [("iban", account)]


@pytest.mark.parametrize(
    "text",
    [
        "Lasku FI21 1234 5600 0007 86 on väärin.",  # the check digits do not match
        "Tuote FI21-A on loppu.",
        "Standardi SFS-EN 1090 ja HUS:n ohje.",
    ],
)
def test_codes_that_only_look_like_accounts_or_plates_are_not_found(text):
    assert found(text) == []


def test_a_plate_near_a_vehicle_is_sure_and_a_bare_one_is_a_likely_finding():
    [parked] = check_text("Auto ABC-123 oli pysäköity suojatielle.")
    assert (parked.kind, parked.confidence) == (FindingKind.PLATE, 0.95)
    [bare] = check_text("Lumityöt: kone XYZ-12 kävi aamulla. Autoja ei näkynyt.")
    assert (bare.kind, bare.confidence) == (FindingKind.PLATE, 0.7)
    assert found("Bilen ÅÄÖ-7 stod på trottoaren.") == [("plate", "ÅÄÖ-7")]


def test_plate_and_account_labels_in_the_moderators_language():
    with translation.override("fi"):
        assert FindingKind.IBAN.label == "Tilinumero"
        assert FindingKind.PLATE.label == "Ajoneuvon rekisteritunnus"
    with translation.override("sv"):
        assert FindingKind.PLATE.label == "Fordonets registreringsnummer"
