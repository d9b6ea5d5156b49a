"""The twice-yearly customer-feedback summaries (C7): produced by the periodic job for every
unit with data, stored with their figures and PDF, regenerated with the commentary kept,
commented and published by those who lead the unit, and seen by the others only when
published."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader, PdfWriter

from palaute.organizations.models import Membership
from palaute.reports import services, tasks
from palaute.reports.models import Summary, SummaryEvent
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import Answers, create_collection_point, submit_survey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
D = dt.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))
H2 = (D(2026, 7, 1), D(2026, 12, 31))


def local(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    """Freeze the clock at a Helsinki wall-clock time: clock(2026, 7, 15)."""
    travellers: list = []

    def go(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
        while travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(local(year, month, day, hour), tick=False)
        traveller.start()
        travellers.append(traveller)
        return local(year, month, day, hour)

    yield go
    while travellers:
        travellers.pop().stop()


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def real_pdf():
    """Asked for by the tests that need the PDF rendered for real (WeasyPrint takes
    seconds); the others get a blank page."""


@pytest.fixture(autouse=True)
def rendered(request, monkeypatch):
    """Every PDF rendering, recorded."""
    calls: list[dict] = []
    real = services.render_report_pdf
    use_real = "real_pdf" in request.fixturenames
    stand_in = blank_pdf()

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs) if use_real else stand_in

    monkeypatch.setattr(services, "render_report_pdf", spy)
    return calls


@pytest.fixture
def people(tree):
    def make(username: str, role: str, key: str):
        user = UserFactory(username=username, email=f"{username}@example.fi")
        MembershipFactory(user=user, organization=tree[key], role=role)
        return user

    return {
        "supervisor": make("esihenkilo", Membership.Role.SUPERVISOR, "unit"),
        "staff": make("hoitaja", Membership.Role.STAFF, "unit"),
        "director": make("johtaja", Membership.Role.DIRECTOR, "area"),
        "sibling": make("sisar", Membership.Role.SUPERVISOR, "sibling"),
    }


@pytest.fixture
def answer(tree, tree_topics, adult):
    """One adults' questionnaire answered at a web collection point of the given node."""
    admin = UserFactory(username="paakayttaja", email="admin@example.fi")
    MembershipFactory(user=admin, organization=tree["root"], role=Membership.Role.ADMIN)
    points: dict[str, CollectionPoint] = {}

    def make(key: str, at: dt.datetime, *, nps: int = 9):
        if key not in points:
            points[key] = create_collection_point(
                organization=tree[key],
                channel=CollectionPoint.Channel.WEB,
                questionnaire=adult,
                topic=tree_topics[key],
                name=f"Kysely {key}",
                actor=admin,
            )
        point = points[key]
        return submit_survey(
            point=point,
            version=point.questionnaire.current_version(),
            answers=Answers(nps=nps, statements={}, own={}, open_text=""),
            received_at=at,
        )

    return make


@pytest.fixture
def half_year_data(tree, answer, feedback_in, clock):
    """Six answers in the child unit in spring 2026 (so its parent, the unit, has them too),
    feedback of the area (not a unit) in spring, the sibling's only feedback in July and
    December 2025 – outside the spring."""
    clock(2026, 7, 10)
    for day in range(1, 7):
        answer("child", local(2026, 3, day), nps=10 if day % 2 else 5)
    feedback_in("area", received_at=local(2026, 4, 1))
    feedback_in("sibling", received_at=local(2025, 12, 20))
    feedback_in("sibling", received_at=local(2026, 7, 2))


def pdf_bytes(summary: Summary) -> bytes:
    with summary.pdf.open("rb") as handle:
        return handle.read()


def pdf_text(summary: Summary) -> str:
    reader = PdfReader(io.BytesIO(pdf_bytes(summary)))
    return " ".join(page.extract_text() for page in reader.pages)


# The half-years


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 7, 1), H1),
        (D(2026, 12, 31), H1),
        (D(2027, 1, 1), (D(2026, 7, 1), D(2026, 12, 31))),
        (D(2026, 6, 30), (D(2025, 7, 1), D(2025, 12, 31))),
    ],
)
def test_the_last_complete_half_year(today, expected):
    assert services.last_complete_half_year(today) == expected


def test_only_half_years_can_be_summarised(tree, rendered):
    with pytest.raises(ValidationError):
        services.generate_summary(
            organization=tree["unit"], start=D(2026, 1, 1), end=D(2026, 3, 31)
        )
    assert not Summary.objects.exists()


# The periodic job


def test_the_job_makes_one_summary_per_unit_with_data(
    tree, half_year_data, rendered, clock, real_pdf
):
    now = clock(2026, 7, 15, 5)
    assert services.produce_summaries(now=now) == 2

    summaries = {s.organization.code: s for s in Summary.objects.select_related("organization")}
    # The area is no unit; the sibling had nothing in the spring.
    assert set(summaries) == {"unit", "child"}
    for code, summary in summaries.items():
        assert (summary.start, summary.end) == H1
        assert summary.state == Summary.State.DRAFT
        assert summary.generated_at == now
        assert summary.generated_by is None
        assert summary.figures["responses"] == 6
        assert summary.figures["organization"]["code"] == code
        assert summary.figures["start"] == "2026-01-01"
        assert summary.figures["end"] == "2026-06-30"
        assert summary.figures["nps"]["count"] == 6
        content = pdf_bytes(summary)
        assert content.startswith(b"%PDF")
        assert len(content) > 20
        name = summary.pdf.name.rsplit("/", 1)[-1]
        assert name.startswith(f"asiakaspalautekooste-{code}-2026-H1")
        assert name.endswith(".pdf")
        assert summary.organization.name_fi in pdf_text(summary)
        assert [event.kind for event in summary.events.all()] == [SummaryEvent.Kind.GENERATED]
    assert all(call["language"] == "fi" for call in rendered)
    assert len(rendered) == 2


def test_the_job_is_idempotent(tree, half_year_data, rendered, clock):
    now = clock(2026, 7, 15, 5)
    assert services.produce_summaries(now=now) == 2
    first = {s.pk: (s.pdf.name, s.generated_at) for s in Summary.objects.all()}

    later = clock(2026, 9, 1, 5)
    assert services.produce_summaries(now=later) == 0
    assert services.produce_summaries(now=later) == 0
    assert {s.pk: (s.pdf.name, s.generated_at) for s in Summary.objects.all()} == first
    assert SummaryEvent.objects.count() == 2
    assert len(rendered) == 2


def test_in_january_the_job_summarises_july_to_december(tree, half_year_data, rendered, clock):
    now = clock(2027, 1, 2, 5)
    assert services.produce_summaries(now=now) == 1
    summary = Summary.objects.get()
    assert summary.organization == tree["sibling"]
    assert (summary.start, summary.end) == H2
    assert summary.figures["volumes"]["total"] == 1
    assert "2026-H2" in summary.pdf.name


def test_the_task_runs_the_job(tree, half_year_data, rendered, clock):
    clock(2026, 7, 15, 5)
    tasks.produce_summaries.delay()
    assert Summary.objects.count() == 2
    tasks.roll_up.delay()


def test_the_beat_schedule_runs_both_jobs(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert (
        schedule["produce-half-year-summaries"]["task"] == "palaute.reports.tasks.produce_summaries"
    )
    assert schedule["roll-up-figures"]["task"] == "palaute.reports.tasks.roll_up"


# Regenerating, commentary and publishing


@pytest.fixture
def summary(tree, half_year_data, rendered, clock) -> Summary:
    services.produce_summaries(now=clock(2026, 7, 15, 5))
    return Summary.objects.get(organization=tree["unit"])


def test_the_commentary_goes_into_the_pdf(
    summary, people, rendered, clock, django_capture_on_commit_callbacks, real_pdf
):
    now = clock(2026, 8, 1)
    old_name = summary.pdf.name
    assert "Odotusajat" not in pdf_text(summary)
    with django_capture_on_commit_callbacks(execute=True):
        updated = services.write_commentary(
            summary=summary, text="  Odotusajat lyhenivät.  ", actor=people["supervisor"]
        )
    assert updated.commentary == "Odotusajat lyhenivät."
    assert (updated.commentary_at, updated.commentary_by) == (now, people["supervisor"])
    assert rendered[-1]["commentary"] == "Odotusajat lyhenivät."
    assert rendered[-1]["figures"] == summary.figures
    assert updated.pdf.name != old_name
    assert pdf_bytes(updated).startswith(b"%PDF")
    assert "Odotusajat lyhenivät." in pdf_text(updated)
    assert not updated.pdf.storage.exists(old_name)
    event = updated.events.last()
    assert (event.kind, event.actor, event.note) == (
        SummaryEvent.Kind.COMMENTED,
        people["supervisor"],
        "Odotusajat lyhenivät.",
    )


def test_an_empty_commentary_is_refused(summary, people):
    with pytest.raises(ValidationError) as error:
        services.write_commentary(summary=summary, text="   ", actor=people["supervisor"])
    assert "commentary" in error.value.error_dict
    assert summary.events.count() == 1


def test_regenerating_keeps_the_commentary_and_the_state(
    tree, summary, people, answer, rendered, clock
):
    services.write_commentary(summary=summary, text="Hyvä puolivuotis.", actor=people["supervisor"])
    # A late-registered answer of the spring changes the figures.
    clock(2026, 8, 2)
    answer("unit", local(2026, 6, 30, 20))
    regenerated = services.regenerate_summary(
        summary=Summary.objects.get(pk=summary.pk), actor=people["director"]
    )
    assert regenerated.pk == summary.pk
    assert regenerated.figures["responses"] == 7
    assert regenerated.commentary == "Hyvä puolivuotis."
    assert regenerated.state == Summary.State.DRAFT
    assert regenerated.generated_by == people["director"]
    assert rendered[-1]["commentary"] == "Hyvä puolivuotis."
    assert [event.kind for event in regenerated.events.all()] == [
        SummaryEvent.Kind.GENERATED,
        SummaryEvent.Kind.COMMENTED,
        SummaryEvent.Kind.REGENERATED,
    ]
    assert Summary.objects.count() == 2


def test_a_published_summary_regenerated_stays_published(summary, people, clock):
    clock(2026, 8, 3)
    services.publish_summary(summary=summary, actor=people["supervisor"])
    regenerated = services.generate_summary(
        organization=summary.organization, start=summary.start, end=summary.end
    )
    assert regenerated.state == Summary.State.PUBLISHED
    assert regenerated.published_by == people["supervisor"]
    event = regenerated.events.last()
    assert event.kind == SummaryEvent.Kind.REGENERATED
    assert event.note


def test_publishing(summary, people, clock):
    now = clock(2026, 8, 4)
    published = services.publish_summary(summary=summary, actor=people["supervisor"])
    assert published.state == Summary.State.PUBLISHED
    assert (published.published_at, published.published_by) == (now, people["supervisor"])
    assert published.events.last().kind == SummaryEvent.Kind.PUBLISHED
    with pytest.raises(ValidationError):
        services.publish_summary(summary=published, actor=people["supervisor"])
    assert published.events.filter(kind=SummaryEvent.Kind.PUBLISHED).count() == 1


# The pages


def detail(summary: Summary) -> str:
    return reverse("backoffice:summary", kwargs={"pk": summary.pk})


def test_a_draft_is_seen_only_by_those_who_lead_the_unit(client, summary, people):
    for name in ("supervisor", "director"):
        client.force_login(people[name])
        response = client.get(detail(summary))
        assert response.status_code == 200, name
        assert b'name="commentary"' in response.content
        assert (
            client.get(reverse("backoffice:summary-pdf", kwargs={"pk": summary.pk})).status_code
            == 200
        )
    for name in ("staff", "sibling"):
        client.force_login(people[name])
        assert client.get(detail(summary)).status_code == 404, name
        assert (
            client.get(reverse("backoffice:summary-pdf", kwargs={"pk": summary.pk})).status_code
            == 404
        )
        for view in ("summary-commentary", "summary-publish", "summary-regenerate"):
            url = reverse(f"backoffice:{view}", kwargs={"pk": summary.pk})
            assert client.post(url, {"commentary": "x"}).status_code == 404, (name, view)
    summary.refresh_from_db()
    assert summary.state == Summary.State.DRAFT
    assert summary.commentary == ""


def test_the_supervisor_comments_and_publishes_then_staff_see_it(client, summary, people):
    client.force_login(people["supervisor"])
    response = client.post(
        reverse("backoffice:summary-commentary", kwargs={"pk": summary.pk}),
        {"commentary": "Palautteita tuli hyvin."},
    )
    assert response.status_code == 302
    response = client.post(reverse("backoffice:summary-publish", kwargs={"pk": summary.pk}))
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.state == Summary.State.PUBLISHED
    assert summary.commentary == "Palautteita tuli hyvin."

    client.force_login(people["staff"])
    response = client.get(detail(summary))
    assert response.status_code == 200
    assert "Palautteita tuli hyvin." in response.content.decode()
    assert b'name="commentary"' not in response.content
    pdf = client.get(reverse("backoffice:summary-pdf", kwargs={"pk": summary.pk}))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # Viewing is not leading.
    for view in ("summary-commentary", "summary-publish", "summary-regenerate"):
        url = reverse(f"backoffice:{view}", kwargs={"pk": summary.pk})
        assert client.post(url, {"commentary": "x"}).status_code == 403, view
    # The sibling unit's supervisor still does not see it.
    client.force_login(people["sibling"])
    assert client.get(detail(summary)).status_code == 404


def test_a_missing_commentary_is_shown_by_its_field(client, summary, people):
    client.force_login(people["supervisor"])
    response = client.post(
        reverse("backoffice:summary-commentary", kwargs={"pk": summary.pk}), {"commentary": " "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_commentary_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'href="#id_commentary"' in page
    assert summary.events.count() == 1


def test_regenerating_from_the_page(client, summary, people):
    client.force_login(people["supervisor"])
    response = client.post(reverse("backoffice:summary-regenerate", kwargs={"pk": summary.pk}))
    assert response.status_code == 302
    assert summary.events.last().kind == SummaryEvent.Kind.REGENERATED
    assert summary.events.last().actor == people["supervisor"]


def test_the_page_shows_the_figures_and_the_history(client, summary, people):
    client.force_login(people["supervisor"])
    page = client.get(detail(summary)).content.decode()
    assert 'href="/staff/summaries/"' in page or reverse("backoffice:summaries") in page
    assert "Generated" in page
    assert 'aria-current="page"' in page
    assert reverse("backoffice:summary-publish", kwargs={"pk": summary.pk}) in page


def listed(client) -> set[str]:
    response = client.get(reverse("backoffice:summaries"))
    assert response.status_code == 200
    return {summary.organization.code for summary in response.context["page_obj"].object_list}


def test_the_list_shows_what_each_may_see(client, tree, summary, people, rendered, clock):
    clock(2026, 8, 5)
    sibling = services.generate_summary(organization=tree["sibling"], start=H1[0], end=H1[1])
    client.force_login(people["supervisor"])
    assert listed(client) == {"unit", "child"}
    client.force_login(people["director"])
    assert listed(client) == {"unit", "child", "sibling"}
    client.force_login(people["staff"])
    assert listed(client) == set()
    client.force_login(people["sibling"])
    assert listed(client) == {"sibling"}

    services.publish_summary(summary=summary, actor=people["supervisor"])
    services.publish_summary(summary=sibling, actor=people["sibling"])
    client.force_login(people["staff"])
    assert listed(client) == {"unit"}
    client.force_login(people["sibling"])
    assert listed(client) == {"sibling"}


def test_the_list_filters_by_organisation_and_half_year(client, tree, summary, people, clock):
    clock(2026, 8, 5)
    client.force_login(people["director"])
    response = client.get(reverse("backoffice:summaries"), {"unit": tree["child"].pk})
    assert {s.organization.code for s in response.context["page_obj"].object_list} == {"child"}
    response = client.get(reverse("backoffice:summaries"), {"period": "2026-H1"})
    assert len(response.context["page_obj"].object_list) == 2
    response = client.get(reverse("backoffice:summaries"), {"period": "2025-H2"})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2  # not a listed half-year: ignored


def test_generating_from_the_list(client, tree, half_year_data, people, rendered, clock):
    clock(2026, 8, 6)
    url = reverse("backoffice:summary-generate")
    client.force_login(people["staff"])
    assert (
        client.post(url, {"organization": tree["unit"].pk, "period": "2026-H1"}).status_code == 403
    )

    client.force_login(people["supervisor"])
    response = client.post(url, {"organization": tree["unit"].pk, "period": "2026-H1"})
    summary = Summary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == summary.get_absolute_url()
    assert summary.generated_by == people["supervisor"]
    assert (summary.start, summary.end) == H1

    # Another unit's: not a choice.
    response = client.post(url, {"organization": tree["sibling"].pk, "period": "2026-H1"})
    assert response.status_code == 400
    assert 'id="id_organization_error"' in response.content.decode()
    # The half-year still running: not a choice.
    response = client.post(url, {"organization": tree["unit"].pk, "period": "2026-H2"})
    assert response.status_code == 400
    assert Summary.objects.count() == 1

    # Again: regenerated.
    response = client.post(url, {"organization": tree["unit"].pk, "period": "2026-H1"})
    assert response.status_code == 302
    assert Summary.objects.count() == 1
    assert summary.events.last().kind == SummaryEvent.Kind.REGENERATED
