"""Editing the privacy and accessibility statements in the back office: who may, the form
(Finnish required, both parts of a language, errors tied to fields), the preview, the
record of every change, and two editors at once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from palaute.organizations.models import AuditEvent, Membership
from palaute.statements.models import TEXT_FIELDS, Statement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Role = Membership.Role
LIST_URL = "/staff/admin/statements/"
PRIVACY_URL = "/staff/admin/statements/privacy/"


@pytest.fixture
def root_admin(member):
    return member(Role.ADMIN, "root")


@pytest.fixture
def editor(client, root_admin):
    client.force_login(root_admin)
    return client


def form_data(statement: Statement, **changes) -> dict:
    data = {name: getattr(statement, name) for name in TEXT_FIELDS}
    data["version"] = statement.version
    return data | changes


def privacy() -> Statement:
    return Statement.objects.get(kind="privacy")


def test_addresses():
    assert reverse("backoffice:admin-statements") == LIST_URL
    assert reverse("backoffice:admin-statement", kwargs={"kind": "privacy"}) == PRIVACY_URL


@pytest.mark.parametrize(("role", "key"), [(Role.ADMIN, "unit"), (Role.ADMIN, "area")])
def test_unit_administrator_cannot_edit(client, member, role, key):
    client.force_login(member(role, key))
    before = privacy()
    assert client.get(LIST_URL).status_code == 403
    assert client.get(PRIVACY_URL).status_code == 403
    response = client.post(PRIVACY_URL, form_data(before, body_fi="Muutettu."))
    assert response.status_code == 403
    assert privacy().body_fi == before.body_fi
    assert not AuditEvent.objects.filter(action="statement.update").exists()
    # Nor is the page offered in the menu.
    assert 'href="/staff/admin/statements/"' not in client.get("/staff/").content.decode()


@pytest.mark.parametrize("role", [Role.HANDLER, Role.SUPERVISOR, Role.DIRECTOR, Role.STAFF])
def test_other_roles_even_at_the_root_cannot_edit(client, member, role):
    client.force_login(member(role, "root"))
    assert client.get(PRIVACY_URL).status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(PRIVACY_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_root_administrator_and_superuser_can_edit(client, root_admin):
    client.force_login(root_admin)
    assert client.get(LIST_URL).status_code == 200
    assert client.get(PRIVACY_URL).status_code == 200
    assert 'href="/staff/admin/statements/"' in client.get("/staff/").content.decode()
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/staff/admin/statements/accessibility/").status_code == 200


def test_list_shows_both_statements_with_parts_to_complete(editor):
    html = editor.get(LIST_URL).content.decode()
    assert 'href="/staff/admin/statements/privacy/"' in html
    assert 'href="/staff/admin/statements/accessibility/"' in html
    assert 'href="/privacy/"' in html
    assert re.search(r"Suomi: \d+ kohtaa", html)


def test_unknown_kind_is_not_found(editor):
    assert editor.get("/staff/admin/statements/cookies/").status_code == 404


def test_edit_page_lists_the_parts_to_complete_and_offers_the_texts(editor):
    html = editor.get(PRIVACY_URL).content.decode()
    assert "[TÄYDENNÄ: tietosuojavastaavan nimi" in html
    assert "[FYLL I: dataskyddsombudets namn" in html
    assert 'lang="sv"' in html  # the Swedish fields say so
    assert privacy().body_fi.splitlines()[0] in html


def test_administrator_edits_a_statement_and_the_change_is_recorded(editor, root_admin, client):
    before = privacy()
    new_fi = before.body_fi.replace(
        "[TÄYDENNÄ: tietosuojavastaavan nimi tai tehtävänimike, sähköpostiosoite ja puhelinnumero]",
        "Tietosuojavastaava, tietosuoja@kaupunki.example, puh. 017 123 4567",
    )
    response = editor.post(
        PRIVACY_URL, form_data(before, body_fi=new_fi, title_en="Privacy notice")
    )
    assert response.status_code == 302
    assert response["Location"] == PRIVACY_URL

    after = privacy()
    assert after.body_fi == new_fi
    assert after.title_en == "Privacy notice"
    assert after.body_sv == before.body_sv
    assert after.version == before.version + 1
    assert after.updated_by == root_admin
    assert after.updated_at > before.updated_at

    event = AuditEvent.objects.get(action="statement.update")
    assert event.actor == root_admin
    assert event.target == "privacy"
    assert event.data["version"] == after.version
    assert set(event.data["fields"]) == {"body_fi", "title_en"}
    assert event.data["old"] == {"body_fi": before.body_fi, "title_en": before.title_en}
    assert event.data["new"] == {"body_fi": new_fi, "title_en": "Privacy notice"}

    # The public pages show it at once.
    assert "tietosuoja@kaupunki.example" in client.get("/privacy/").content.decode()
    assert '<h1 lang="en">Privacy notice</h1>' in client.get("/en/privacy/").content.decode()

    # The edit page shows the change with the earlier text.
    html = editor.get(PRIVACY_URL).content.decode()
    assert "Muutetut kentät: Teksti suomeksi, Otsikko englanniksi" in html
    assert "[TÄYDENNÄ: tietosuojavastaavan nimi" not in html.split('id="history-heading"')[0]
    assert "[TÄYDENNÄ: tietosuojavastaavan nimi" in html.split('id="history-heading"')[1]


def test_saving_without_changes_records_nothing(editor):
    before = privacy()
    # Browsers send the lines of a textarea with CRLF: still the same text.
    data = form_data(before) | {
        name: getattr(before, name).replace("\n", "\r\n") for name in TEXT_FIELDS
    }
    response = editor.post(PRIVACY_URL, data, follow=True)
    assert "Mitään ei muutettu." in response.content.decode()
    assert privacy().version == before.version
    assert not AuditEvent.objects.filter(action="statement.update").exists()


def test_finnish_is_required_and_errors_are_tied_to_the_fields(editor):
    before = privacy()
    response = editor.post(
        PRIVACY_URL, form_data(before, body_fi="", title_sv="Ny rubrik", body_en="Kept text")
    )
    assert response.status_code == 400
    html = response.content.decode()
    textarea = re.search(r'<textarea name="body_fi"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in textarea
    assert "id_body_fi_error" in textarea
    assert 'id="id_body_fi_error"' in html
    assert '<a href="#id_body_fi">' in html  # the summary leads to the field
    # What was typed is kept.
    assert "Ny rubrik" in html and "Kept text" in html
    assert privacy().body_fi == before.body_fi
    assert not AuditEvent.objects.filter(action="statement.update").exists()


def test_a_language_needs_both_title_and_text(editor):
    before = privacy()
    response = editor.post(PRIVACY_URL, form_data(before, title_en="", body_sv=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_title_en_error"' in html and 'id="id_body_sv_error"' in html
    assert "Anna sekä englanninkielinen otsikko että teksti" in html
    assert "Anna sekä ruotsinkielinen otsikko että teksti" in html
    # Emptying both is fine: the page then shows Finnish.
    response = editor.post(PRIVACY_URL, form_data(before, title_sv="", body_sv=""))
    assert response.status_code == 302
    assert privacy().body_sv == ""


def test_preview_renders_and_cleans_without_saving(editor):
    before = privacy()
    body = (
        "## Rekisterinpitäjä\n\n[TÄYDENNÄ: nimi] vastaa *tiedoista*.\n\n"
        "<script>alert('x')</script><img src=x onerror=alert(2)>"
    )
    response = editor.post(PRIVACY_URL, form_data(before, body_fi=body) | {"preview": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    preview = re.search(r'<section class="statement-preview".*?</section>', html, re.S).group(0)
    assert "<h4>Rekisterinpitäjä</h4>" in preview  # under the preview's h2 and the title's h3
    assert "<mark>[TÄYDENNÄ: nimi]</mark>" in preview
    assert "<em>tiedoista</em>" in preview
    assert "<script" not in preview and "alert(" not in preview and "<img" not in preview
    # Nothing saved; the form still holds the text for saving.
    assert privacy().body_fi == before.body_fi
    assert not AuditEvent.objects.filter(action="statement.update").exists()
    assert "## Rekisterinpitäjä" in html


def test_markup_saved_in_a_statement_never_reaches_the_public_page(editor, client):
    before = privacy()
    payload = (
        'Teksti.\n\n<script>alert("x")</script>\n\n<a href="javascript:alert(1)">linkki</a> '
        "[toinen](javascript:alert(3)) <b onmouseover=alert(4)>lihava</b>"
    )
    assert editor.post(PRIVACY_URL, form_data(before, body_fi=payload)).status_code == 302
    html = client.get("/privacy/").content.decode()
    text = re.search(r'<div class="statement__text".*?</div>', html, re.S).group(0)
    assert "<script" not in text and "alert(" not in text and "javascript:" not in text
    assert "onmouseover" not in text and "<b" not in text
    assert "<p>Teksti.</p>" in text and "linkki" in text and "lihava" in text


def test_two_editors_do_not_overwrite_each_other_unknowingly(editor, member, client):
    opened = privacy()
    other = member(Role.ADMIN, "root", email="toinen@example.fi")
    client.force_login(other)
    client.post(PRIVACY_URL, form_data(opened, title_fi="Toisen otsikko"))
    assert privacy().version == opened.version + 1

    # The first editor saves from the older version: refused, their text kept.
    response = editor.post(PRIVACY_URL, form_data(opened, body_sv="Min text."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Joku muu tallensi tämän selosteen" in html
    assert "Min text." in html
    assert privacy().title_fi == "Toisen otsikko"
    # The form now carries the newer version: saving again is a knowing choice.
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert int(version) == opened.version + 1
    data = form_data(privacy(), body_sv="Min text.")
    assert editor.post(PRIVACY_URL, data).status_code == 302
    assert privacy().body_sv == "Min text."
    assert AuditEvent.objects.filter(action="statement.update").count() == 2


def test_edit_works_when_the_row_was_missing(editor, root_admin):
    Statement.objects.filter(kind="accessibility").delete()
    url = "/staff/admin/statements/accessibility/"
    html = editor.get(url).content.decode()
    assert "Saavutettavuusseloste: palautepalvelu" in html
    shipped = re.search(r'name="version" value="(\d+)"', html).group(1)
    from palaute.statements.defaults import DEFAULTS

    data = DEFAULTS["accessibility"] | {"version": shipped, "title_fi": "Saavutettavuus"}
    assert editor.post(url, data).status_code == 302
    saved = Statement.objects.get(kind="accessibility")
    assert saved.title_fi == "Saavutettavuus"
    assert saved.updated_by == root_admin
