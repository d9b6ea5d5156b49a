import pytest

from palaute.privacy.checks import FindingKind, check_fields, check_text

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(date: str, sign: str, individual: str) -> str:
    """Build an identity code with its check character (DVV's algorithm)."""
    return f"{date}{sign}{individual}{CHECK_CHARS[int(date + individual) % 31]}"


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in check_text(text)]


@pytest.mark.parametrize(
    "code",
    [
        "131052-308T",  # DVV's published example
        hetu("131052", "+", "308"),
        hetu("010105", "A", "123"),
        hetu("240223", "B", "456"),
        hetu("150677", "Y", "212"),
        hetu("311299", "X", "901"),
        hetu("010110", "F", "020"),
        hetu("100345", "U", "734"),
    ],
)
def test_valid_identity_codes_with_every_century_sign_are_found(code):
    text = f"Henkilötunnukseni on {code}, soittakaa."
    findings = check_text(text)
    assert [f.kind for f in findings] == [FindingKind.HETU]
    assert text[findings[0].start : findings[0].end] == code


def test_identity_code_in_lower_case_and_inflected_context_is_found():
    code = hetu("050590", "-", "123").lower()
    assert kinds(f"hetu:{code}:n mukaan") == [FindingKind.HETU]


@pytest.mark.parametrize(
    "text",
    [
        "131052-308U on väärällä tarkisteella",  # wrong check character
        "Tapahtui 12.03.2025-14.03.2025 välisenä aikana",
        "Tilausnumero 123456-7890",
        "Laskun viite 131052308T",
    ],
)
def test_things_that_only_look_like_identity_codes_are_not_reported(text):
    assert FindingKind.HETU not in kinds(text)


@pytest.mark.parametrize(
    "address",
    ["maija.meikalainen@example.fi", "m.m+palaute@kuopio.fi", "Matti_V@sub.domain.com"],
)
def test_email_addresses_are_found(address):
    text = f"Vastatkaa osoitteeseen {address} kiitos"
    findings = check_text(text)
    assert [f.kind for f in findings] == [FindingKind.EMAIL]
    assert text[findings[0].start : findings[0].end] == address


def test_email_written_with_at_in_brackets_is_found():
    assert kinds("ylläpito: paikkatietopalvelut[at]kuopio.fi") == [FindingKind.EMAIL]


@pytest.mark.parametrize(
    "number",
    [
        "040 123 4567",
        "0401234567",
        "+358 40 123 4567",
        "044-1234567",
        "050 555 1234",
        "(017) 182 111",
        "09 310 1691",
        "116117",
        "116 123",
    ],
)
def test_finnish_phone_numbers_are_found(number):
    text = f"Soittakaa minulle numeroon {number} iltaisin."
    findings = check_text(text)
    assert [f.kind for f in findings] == [FindingKind.PHONE]
    assert number in text[findings[0].start - 1 : findings[0].end + 1]


@pytest.mark.parametrize(
    "text",
    [
        "Y-tunnus 0201256-6 on kaupungin.",
        "Bussi 9 lähtee klo 12.30 torilta.",
        "Kävin kaupassa 12.3.2025 ja 14.3.",
        "Katu on 250 metriä pitkä, ja siinä on 12 lamppua.",
        "Tilausnumero 4116117 ja asia 2116123.",
    ],
)
def test_business_ids_times_and_counts_are_not_phone_numbers(text):
    assert kinds(text) == []


def test_findings_are_reported_in_order_with_the_field_name():
    findings = check_fields(
        {"title": "Soita 040 123 4567", "text": f"Tunnus {hetu('010203', 'A', '111')} ja a@b.fi"}
    )
    assert [(f.field, f.kind) for f in findings] == [
        ("title", FindingKind.PHONE),
        ("text", FindingKind.HETU),
        ("text", FindingKind.EMAIL),
    ]


def test_clean_text_has_no_findings():
    assert check_text("Puiston penkit on maalattu hienosti, kiitos!") == []
    assert check_text("") == []
