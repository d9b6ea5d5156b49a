"""The access log page: administrators and data-protection officers search the log of their
own subtree and export it as CSV; searching and exporting are themselves recorded; a
data-protection officer with no other role signs in, lands on it and sees nothing else."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import StreamingHttpResponse
from django.urls import reverse

from palaute.feedback.models import Feedback
from palaute.organizations.models import AuditEvent, Membership
from palaute.privacy.access_log import log_access, log_bulk_access
from palaute.privacy.models import AccessLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = AccessLog.Kind
Role = Membership.Role
HELSINKI = ZoneInfo("Europe/Helsinki")
PASSWORD = "tietosuoja-salasana-2026"
PAGE = reverse("backoffice:access-log")
EXPORT = reverse("backoffice:access-log-export")


@pytest.fixture
def officer(member):
    """A data-protection officer of the unit (and the child below it), with no other role."""
    user = member(Role.PRIVACY_OFFICER, "unit", username="tietosuoja")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def looks(member, feedback_in):
    """A handler's looks at feedback of the unit, the child unit and the sibling unit."""
    handler = member(Role.HANDLER, "area", username="hanna", first_name="Hanna", last_name="Hoi")
    feedback = {key: feedback_in(key) for key in ("unit", "child", "sibling")}
    rows = {
        key: log_access(user=handler, kind=Kind.ORIGINAL, feedback=item)
        for key, item in feedback.items()
    }
    return {"handler": handler, "feedback": feedback, "rows": rows}


def shown(response) -> list[int]:
    """The log rows on the page, in their order."""
    assert response.status_code == 200, response.content.decode()[:1000]
    return [int(pk) for pk in re.findall(r'<tr id="entry-(\d+)">', response.content.decode())]


def test_an_officer_signs_in_and_lands_on_the_access_log(client, officer):
    response = client.post(
        reverse("backoffice:login"), {"username": "tietosuoja", "password": PASSWORD}
    )
    assert response.status_code == 302
    landing = client.get(response.url, follow=True)
    assert landing.redirect_chain[-1][0] == PAGE
    html = landing.content.decode()
    assert "<h1>Käyttöloki</h1>" in html
    html = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert f'href="{PAGE}" aria-current="page"' in html
    for hidden in ("queue", "report", "meetings", "actions", "admin-users", "exports"):
        assert f'href="{reverse(f"backoffice:{hidden}")}"' not in html


def test_an_officer_sees_no_feedback_reports_or_administration(client, officer, looks):
    client.force_login(officer)
    feedback = looks["feedback"]["unit"]
    assert client.get(feedback.get_staff_url()).status_code == 404
    assert client.post(
        reverse("backoffice:contact", kwargs={"reference": feedback.reference})
    ).status_code in (403, 404)
    for name in ("report", "exports", "dashboard", "admin-users", "admin-organizations"):
        assert client.get(reverse(f"backoffice:{name}")).status_code == 403, name
    assert client.get(reverse("backoffice:queue")).url == PAGE
    assert not AccessLog.objects.filter(user=officer).exists()


def test_the_officer_role_is_offered_and_given_in_user_administration(client, member, tree):
    admin = member(Role.ADMIN, "root", username="paakayttaja")
    colleague = member(Role.STAFF, "unit", username="kollega")
    client.force_login(admin)
    page = client.get(reverse("backoffice:admin-user", kwargs={"pk": colleague.pk}))
    assert '<option value="privacy_officer">Tietosuojavastaava</option>' in page.content.decode()
    client.post(
        reverse("backoffice:admin-user-role", kwargs={"pk": colleague.pk}),
        {"role-organization": tree["root"].pk, "role-role": "privacy_officer"},
    )
    assert Membership.objects.filter(
        user=colleague, organization=tree["root"], role=Role.PRIVACY_OFFICER
    ).exists()
    client.force_login(colleague)
    assert client.get(PAGE).status_code == 200


def test_the_log_is_scoped_to_the_officers_subtree(client, officer, looks):
    client.force_login(officer)
    response = client.get(PAGE)
    assert response.status_code == 200
    rows = looks["rows"]
    assert set(shown(response)) == {rows["unit"].pk, rows["child"].pk}


def test_an_administrator_sees_their_subtree_and_a_superuser_everything(client, member, looks):
    client.force_login(member(Role.ADMIN, "area"))
    assert set(shown(client.get(PAGE))) == {row.pk for row in looks["rows"].values()}
    client.force_login(UserFactory(is_superuser=True))
    assert len(shown(client.get(PAGE))) == 3


def test_handlers_and_supervisors_may_not_audit(client, member, looks):
    for role in (Role.HANDLER, Role.SUPERVISOR, Role.DIRECTOR, Role.STAFF):
        user = member(role, "root")
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.get(EXPORT).status_code == 403
        assert f'href="{PAGE}"' not in client.get(reverse("backoffice:queue")).content.decode()


def test_searching_by_person(client, officer, looks, member, feedback_in):
    other = member(Role.HANDLER, "unit", username="ville", first_name="Ville", last_name="V")
    row = log_access(user=other, kind=Kind.CONTACT, feedback=looks["feedback"]["child"])
    client.force_login(officer)
    assert shown(client.get(PAGE, {"person": "vill"})) == [row.pk]
    by_name = client.get(PAGE, {"person": "hanna hoi"})
    assert row.pk not in shown(by_name)
    assert looks["rows"]["unit"].pk in shown(by_name)


def test_a_deleted_user_is_still_found_by_name(client, officer, looks):
    looks["handler"].delete()
    client.force_login(officer)
    html = client.get(PAGE, {"person": "Hanna"}).content.decode()
    assert "Hanna Hoi" in html
    assert looks["feedback"]["unit"].reference in html


def test_searching_by_reference_finds_single_looks_and_lists(client, officer, looks, tree):
    target = looks["feedback"]["child"]
    handler = looks["handler"]
    similar = [
        Feedback(reference=reference, organization=tree["child"])
        for reference in (f"{target.reference}0", f"9{target.reference[1:]}")
    ]
    [listed] = log_bulk_access(
        user=handler, kind=Kind.LIST, feedback=[similar[0], target, similar[1]]
    )
    [first] = log_bulk_access(user=handler, kind=Kind.LIST, feedback=[target, similar[1]])
    [last] = log_bulk_access(user=handler, kind=Kind.LIST, feedback=[similar[0], target])
    [alone] = log_bulk_access(user=handler, kind=Kind.EXPORT_ORIGINAL, feedback=[target])
    log_bulk_access(user=handler, kind=Kind.LIST, feedback=similar)
    client.force_login(officer)
    found = shown(client.get(PAGE, {"reference": target.reference}))
    assert set(found) == {looks["rows"]["child"].pk, listed.pk, first.pk, last.pk, alone.pk}


def test_filtering_by_kind_and_organisation_subtree(client, member, looks):
    handler, feedback, rows = looks["handler"], looks["feedback"], looks["rows"]
    contact = log_access(user=handler, kind=Kind.CONTACT, feedback=feedback["child"])
    client.force_login(member(Role.ADMIN, "root"))
    assert shown(client.get(PAGE, {"kind": "contact"})) == [contact.pk]
    assert set(shown(client.get(PAGE, {"organization": "unit"}))) == {
        rows["unit"].pk,
        rows["child"].pk,
        contact.pk,
    }
    assert shown(client.get(PAGE, {"organization": "sibling"})) == [rows["sibling"].pk]


def test_an_officer_cannot_pick_an_organisation_outside_their_subtree(client, officer, looks):
    client.force_login(officer)
    response = client.get(PAGE, {"organization": "sibling"})
    assert response.status_code == 400
    assert 'id="id_organization_error"' in response.content.decode()


def test_filtering_by_local_dates(client, member, feedback_in):
    handler = member(Role.HANDLER, "unit")
    feedback = feedback_in("unit")
    rows = {}
    for day, hour in ((1, 0), (1, 23), (2, 12), (3, 0)):
        moment = dt.datetime(2026, 3, day, hour, 30, tzinfo=HELSINKI)
        with time_machine.travel(moment, tick=False):
            rows[(day, hour)] = log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback)
    client.force_login(member(Role.ADMIN, "root"))
    found = shown(client.get(PAGE, {"start": "2026-03-01", "end": "2026-03-01"}))
    assert found == [rows[(1, 23)].pk, rows[(1, 0)].pk]  # Helsinki days, newest first
    found = shown(client.get(PAGE, {"start": "2026-03-02"}))
    assert found == [rows[(3, 0)].pk, rows[(2, 12)].pk]
    assert shown(client.get(PAGE, {"end": "2026-02-28"})) == []


def test_bad_filters_are_explained_at_their_fields(client, officer):
    client.force_login(officer)
    response = client.get(PAGE, {"start": "2026-03-02", "end": "2026-03-01", "reference": "12"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_end_error"' in html
    assert 'aria-describedby="id_end_error"' in html
    assert "Ajanjakso ei voi päättyä ennen kuin se alkaa." in html
    assert 'id="id_reference_error"' in html
    assert "Viitenumerossa on neljä numeroa" in html
    assert 'href="#id_end"' in html  # the error summary links to the field
    assert 'value="12"' in html  # nothing typed is lost
    assert client.get(EXPORT, {"start": "x"}).status_code == 400
    assert not AuditEvent.objects.exists()


def test_the_page_is_accessible_markup(client, officer, looks):
    client.force_login(officer)
    html = client.get(PAGE).content.decode()
    for name in ("person", "reference", "kind", "organization", "start", "end"):
        assert f'for="id_{name}"' in html
    assert "<caption>Henkilötietojen katselut, uusin ensin</caption>" in html
    assert '<th scope="col">' in html
    assert 'role="search"' in html


def test_newest_first_fifty_a_page(client, member, feedback_in):
    handler = member(Role.HANDLER, "unit")
    feedback = feedback_in("unit")
    start = dt.datetime(2026, 3, 1, 8, tzinfo=HELSINKI)
    rows = []
    for minute in range(51):
        with time_machine.travel(start + dt.timedelta(minutes=minute), tick=False):
            rows.append(log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback).pk)
    client.force_login(member(Role.ADMIN, "root"))
    assert shown(client.get(PAGE)) == rows[::-1][:50]
    assert shown(client.get(PAGE, {"page": 2})) == [rows[0]]


def test_searches_and_exports_are_audited(client, officer, looks):
    client.force_login(officer)
    client.get(PAGE, {"person": "hanna", "kind": "original", "organization": "unit"})
    search = AuditEvent.objects.get(action="access_log.search")
    assert search.actor == officer
    assert search.data == {"person": "hanna", "kind": "original", "organization": "unit", "page": 1}
    response = client.get(EXPORT, {"reference": looks["feedback"]["unit"].reference})
    b"".join(response.streaming_content)
    export = AuditEvent.objects.get(action="access_log.export")
    assert export.actor == officer
    assert export.data == {"reference": looks["feedback"]["unit"].reference}


def csv_rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_export_has_the_filtered_rows_for_finnish_excel(client, officer, looks, member):
    mallory = member(Role.HANDLER, "unit", username="mallory", first_name="=HYPERLINK(1)")
    feedback = looks["feedback"]
    log_access(
        user=mallory,
        kind=Kind.CONTACT,
        feedback=feedback["child"],
        client_address="192.0.2.1",
        purpose="+SUM(A1)",
    )
    client.force_login(officer)
    rows = csv_rows(client.get(EXPORT, {"organization": "child"}))
    assert rows[0] == [
        "Aika",
        "Käyttäjätunnus",
        "Nimi",
        "Katselun laji",
        "Viitenumerot",
        "Palautteiden määrä",
        "Organisaatio",
        "Organisaation tunnus",
        "IP-osoite",
        "Tarkoitus tai huomautus",
    ]
    assert len(rows) == 3  # the two looks at the child's feedback, newest first
    newest = rows[1]
    assert newest[1:] == [
        "mallory",
        "'=HYPERLINK(1)",
        "Yhteystiedot",
        feedback["child"].reference,
        "1",
        "Alayksikkö",
        "child",
        "192.0.2.1",
        "'+SUM(A1)",
    ]
    assert rows[2][1:5] == [
        "hanna",
        "Hanna Hoi",
        "Alkuperäinen teksti",
        feedback["child"].reference,
    ]


def test_a_big_log_streams_in_chunks(client, member, feedback_in):
    handler = member(Role.HANDLER, "unit")
    items = [feedback_in("unit") for _ in range(3)]
    moment = dt.datetime(2026, 3, 1, 8, tzinfo=HELSINKI)
    with time_machine.travel(moment, tick=False):  # equal times: the id breaks the tie
        for _ in range(800):
            log_bulk_access(user=handler, kind=Kind.LIST, feedback=items)
    client.force_login(member(Role.ADMIN, "root"))
    rows = csv_rows(client.get(EXPORT))
    assert len(rows) == 1 + 800
    assert len({row[0] for row in rows[1:]}) == 1
