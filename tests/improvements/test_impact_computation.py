"""Following up a development action: the measure before and after, computed from seeded
survey answers with known scores (DESIGN.md section 3: NPS = % of 9–10 minus % of 0–6;
positive share = % of 4–5; fewer than five respondents are not shown)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from palaute.improvements import services
from palaute.improvements.models import ActionEvent, DevelopmentAction
from palaute.surveys.services import save_own_statement

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date
Status = DevelopmentAction.Status

# Started 1.3.2026 with a baseline of 60 days: before = 31.12.2025–28.2.2026.
# Done 1.4.2026, checked 1.6.2026: after = 1.4.–1.6.2026.
BEFORE = [  # (when, nps, kohtaaminen)
    (local(2025, 12, 31, 0), 10, 5),  # 00:xx on the first day counts
    (local(2026, 1, 10), 9, 4),
    (local(2026, 1, 20), 7, 2),
    (local(2026, 2, 1), 6, 3),
    (local(2026, 2, 14), 3, 1),
    (local(2026, 2, 28, 23), 8, 4),  # 23:xx on the last day counts
]  # promoters 2, detractors 2 of 6: NPS 0.0; kohtaaminen 4–5: 3 of 6 = 50.0 %
AFTER = [
    (local(2026, 4, 1, 0), 10, 5),
    (local(2026, 4, 15), 10, 5),
    (local(2026, 4, 20), 9, 4),
    (local(2026, 5, 2), 9, 4),
    (local(2026, 5, 10), 8, 4),
    (local(2026, 5, 11), 7, 3),
    (local(2026, 5, 20), 5, None),  # "don't know" on the statement
    (local(2026, 6, 1, 23), 10, 5),
]  # promoters 5, detractors 1 of 8: NPS 50.0; kohtaaminen 6 of 7 = 85.7 %
OUTSIDE = [
    (local(2025, 12, 30, 23), 0, 1),  # the day before the baseline
    (local(2026, 3, 15), 0, 1),  # while the action was going on
    (local(2026, 6, 2, 0), 0, 1),  # after the check date
]


@pytest.fixture
def action(tree, supervisor, answer, travel):
    travel(2026, 3, 1)
    action = services.create_action(
        organization=tree["unit"],
        title="Ystävällisempi vastaanotto",
        description="Asiakaspalvelukoulutus koko henkilökunnalle.",
        owner=supervisor,
        actor=supervisor,
        measure="nps",
        follow_up_on=D(2026, 6, 1),
        baseline_days=60,
    )
    services.set_action_status(action=action, status=Status.IN_PROGRESS, actor=supervisor)
    travel(2026, 4, 1)
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    travel(2026, 6, 15)
    for index, (when, nps, kohtaaminen) in enumerate(BEFORE + AFTER + OUTSIDE):
        # The child unit's answers count for the unit; the sibling's never.
        answer(
            "child" if index % 3 == 0 else "unit",
            when,
            nps=nps,
            statements={"kohtaaminen": kohtaaminen},
        )
        answer("sibling", when, nps=0, statements={"kohtaaminen": 1})
    return DevelopmentAction.objects.get(pk=action.pk)


def test_the_periods_compared(action):
    before, after = services.measure_periods(action=action, today=D(2026, 6, 15))
    assert before == (D(2025, 12, 31), D(2026, 2, 28))
    assert after == (D(2026, 4, 1), D(2026, 6, 1))
    # Checked early, the after period ends today.
    assert services.measure_periods(action=action, today=D(2026, 5, 1))[1] == (
        D(2026, 4, 1),
        D(2026, 5, 1),
    )


def test_nps_before_and_after(action):
    measured = services.measure_action(action=action)
    assert (measured.measure_before, measured.measure_before_count) == (0.0, 6)
    assert (measured.measure_after, measured.measure_after_count) == (50.0, 8)
    assert measured.measured_at is not None
    stored = DevelopmentAction.objects.get(pk=action.pk)
    assert (stored.measure_before, stored.measure_after) == (0.0, 50.0)
    [event] = stored.events.filter(kind=ActionEvent.Kind.MEASURED)
    assert (event.from_value, event.to_value) == ("0", "50")
    assert event.data["before"] == ["2025-12-31", "2026-02-28"]
    assert event.data["after"] == ["2026-04-01", "2026-06-01"]
    assert (event.data["before_count"], event.data["after_count"]) == (6, 8)


def test_positive_share_of_a_statement_before_and_after(action, supervisor):
    services.measure_action(action=action)
    changed = services.update_action(
        action=action,
        actor=supervisor,
        changes={"measure": "statement", "measure_statement": "kohtaaminen"},
    )
    # A new measure throws the old figures away.
    assert (changed.measure_before, changed.measured_at) == (None, None)
    measured = services.measure_action(action=changed)
    assert (measured.measure_before, measured.measure_before_count) == (50.0, 6)
    assert (measured.measure_after, measured.measure_after_count) == (85.7, 7)


def test_a_measure_of_fewer_than_five_respondents_is_not_shown(tree, supervisor, answer, travel):
    travel(2026, 3, 1)
    own = save_own_statement(
        organization=tree["unit"],
        statement=None,
        code="puhelin",
        texts={"text_fi": "Sain helposti yhteyden puhelimitse.", "text_sv": "", "text_en": ""},
        order=1,
        is_active=True,
        actor=supervisor,
    )
    action = services.create_action(
        organization=tree["unit"],
        title="Takaisinsoitto",
        description="Takaisinsoittopalvelu käyttöön.",
        owner=supervisor,
        actor=supervisor,
        measure="own_statement",
        measure_own_statement=own,
        baseline_days=30,
    )
    for day, value in [(5, 2), (10, 4), (15, 5), (20, 1)]:
        answer("unit", local(2026, 2, day), own={own.pk: value})
    travel(2026, 3, 20)
    for day, value in [(2, 4), (4, 5), (6, 5), (8, 4), (10, 2)]:
        answer("unit", local(2026, 3, day), own={own.pk: value})
    measured = services.measure_action(action=action)
    assert (measured.measure_before, measured.measure_before_count) == (None, 4)
    assert (measured.measure_after, measured.measure_after_count) == (80.0, 5)


def test_the_assessment_measures_first(action, supervisor):
    assessed = services.assess_impact(
        action=action, actor=supervisor, comment="Suositteluhalukkuus parani selvästi."
    )
    assert (assessed.measure_before, assessed.measure_after) == (0.0, 50.0)
    assert assessed.impact_comment == "Suositteluhalukkuus parani selvästi."
    assert assessed.assessed_at is not None
    assert [e.kind for e in action.events.filter(kind__in=["measured", "assessed"])] == [
        "measured",
        "assessed",
    ]
    [event] = action.events.filter(kind=ActionEvent.Kind.ASSESSED)
    assert (event.actor, event.data["before"], event.data["after"]) == (supervisor, 0.0, 50.0)
    with pytest.raises(ValidationError):
        services.assess_impact(action=action, actor=supervisor, comment="")


def test_an_action_without_a_measure_is_assessed_in_words(tree, supervisor):
    action = services.create_action(
        organization=tree["unit"],
        title="Opasteet",
        description="Uudet opasteet aulaan.",
        owner=supervisor,
        actor=supervisor,
    )
    with pytest.raises(ValidationError):
        services.measure_action(action=action)
    assessed = services.assess_impact(action=action, actor=supervisor, comment="Eksyminen väheni.")
    assert assessed.measured_at is None
    assert assessed.impact_comment == "Eksyminen väheni."
