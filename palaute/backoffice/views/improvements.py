"""Unit meetings and development actions in the back office (C5).

The views parse forms, call palaute.improvements.services and .selectors, and come back
to the page (POST-redirect-GET). On bad input the page is shown again with the form, its
errors by the fields, and everything typed.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from palaute.feedback.models import Feedback
from palaute.feedback.selectors import get_staff_feedback
from palaute.improvements import selectors, services
from palaute.improvements.models import ActionEvent, DevelopmentAction, MeetingItem, UnitMeeting
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.organizations.policy import Action
from palaute.surveys.figures import MIN_GROUP
from palaute.translation import in_current_language

from ..improvement_forms import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    AddItemsForm,
    AssessForm,
    DecisionForm,
    LinkFeedbackForm,
    MeetingCreateForm,
    MeetingFilterForm,
    MeetingForm,
    ProgressNoteForm,
    national_statement_choices,
)
from ..looks import record_list
from .common import staff_required

PAGE_SIZE = 50


def _add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown by the field it concerns, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _attempt(form: forms.Form, perform: Callable) -> bool:
    """Validate the form and call the service; False (with errors on the form) if either
    refused."""
    if not form.is_valid():
        return False
    try:
        perform(form.cleaned_data)
    except ValidationError as error:
        _add_service_errors(form, error)
        return False
    return True


def _figures(figures: dict) -> dict:
    """The period's figures with labels, ready for the table."""
    if not figures:
        return {}
    feedback = figures.get("feedback") or {}
    kinds = dict(Feedback.Kind.choices)
    channels = dict(Feedback._meta.get_field("channel").choices)
    statements = [
        {**row, "label": in_current_language(row.get("text"))}
        for row in figures.get("statements", [])
    ]
    own = [
        {**row, "label": in_current_language(row.get("text"))}
        for row in figures.get("own_statements", [])
    ]
    return {
        **figures,
        "total": feedback.get("total", 0),
        "critical": feedback.get("critical", 0),
        "by_kind": [
            (kinds.get(key, key), count)
            for key, count in (feedback.get("by_kind") or {}).items()
            if count
        ],
        "by_channel": [
            (channels.get(key, key), count)
            for key, count in (feedback.get("by_channel") or {}).items()
            if count
        ],
        "statement_rows": statements,
        "own_rows": own,
        "min_group": figures.get("min_group", MIN_GROUP),
    }


def _render(
    request: HttpRequest, template: str, context: dict, *, failed: bool = False
) -> HttpResponse:
    response = render(request, template, context, status=400 if failed else 200)
    response["Cache-Control"] = "no-store"
    return response


# Unit meetings


def _meeting(request: HttpRequest, pk: int, *, lead: bool) -> UnitMeeting:
    """The meeting, if the user may see it (404 otherwise) and, for changes, lead the unit
    (403 otherwise)."""
    meeting = selectors.meeting_with_items(meeting_id=pk, user=request.user)
    if meeting is None:
        raise Http404
    if lead and not policy.can(
        user=request.user, action=Action.LEAD, organization=meeting.organization
    ):
        raise PermissionDenied
    return meeting


@staff_required
def meetings(request: HttpRequest) -> HttpResponse:
    filters = MeetingFilterForm(request.GET or None, user=request.user)
    unit = filters.cleaned_data["unit"] if filters.is_bound and filters.is_valid() else None
    rows = selectors.meetings_for(user=request.user, organization=unit)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    prepare_url = reverse("backoffice:meeting-create")
    if unit is not None and policy.can(user=request.user, action=Action.LEAD, organization=unit):
        prepare_url += f"?unit={unit.pk}"
    return render(
        request,
        "backoffice/improvements/meetings.html",
        {
            "filters": filters,
            "page_obj": page,
            "querystring": params.urlencode(),
            "can_lead": policy.can_anywhere(user=request.user, action=Action.LEAD),
            "prepare_url": prepare_url,
        },
    )


@staff_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_anywhere(user=request.user, action=Action.LEAD):
        raise PermissionDenied
    units = policy.organizations(user=request.user, action=Action.LEAD).filter(is_active=True)
    today = timezone.localdate()
    initial: dict = {"held_on": today}
    chosen = request.GET.get("unit", "")
    unit = units.filter(pk=chosen).first() if chosen.isdigit() else None
    if unit is None and units.count() == 1:
        unit = units.first()
    if unit is not None:
        initial["organization"] = unit
        initial["period_start"] = services.previous_period_start(organization=unit, held_on=today)
    form = MeetingCreateForm(request.POST or None, user=request.user, initial=initial)
    created: list[UnitMeeting] = []
    if request.method == "POST" and _attempt(
        form,
        lambda data: created.append(
            services.create_meeting(
                organization=data["organization"],
                title=data["title"],
                held_on=data["held_on"],
                period_start=data["period_start"],
                actor=request.user,
            )
        ),
    ):
        meeting = created[0]
        count = meeting.items.count()
        messages.success(
            request,
            ngettext(
                "The meeting was prepared. %(count)d feedback is on the agenda.",
                "The meeting was prepared. %(count)d feedback are on the agenda.",
                count,
            )
            % {"count": count},
        )
        return redirect(meeting.get_absolute_url())
    return _render(
        request,
        "backoffice/improvements/meeting_form.html",
        {"form": form, "unit": unit},
        failed=bool(form.errors),
    )


def render_meeting(
    request: HttpRequest, meeting: UnitMeeting, *, bound: dict | None = None
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    can_lead = policy.can(user=user, action=Action.LEAD, organization=meeting.organization)
    items = list(meeting.items.all())
    decision_forms = {
        item.pk: DecisionForm(initial={"decision": item.decision}, prefix=f"item{item.pk}")
        for item in items
    }
    if "decision" in bound:
        item_pk, form = bound["decision"]
        decision_forms[item_pk] = form
    details = bound.get("details") or MeetingForm(
        initial={"title": meeting.title, "held_on": meeting.held_on, "minutes": meeting.minutes},
        prefix="meeting",
    )
    add_form = None
    candidates = []
    if can_lead:
        candidates = list(selectors.agenda_candidates(meeting=meeting))
        add_form = bound.get("add") or AddItemsForm(candidates=candidates, prefix="add")
    failed = next((form for form in _forms_of(bound) if form.errors), None)
    response = _render(
        request,
        "backoffice/improvements/meeting.html",
        {
            "meeting": meeting,
            "items": [(item, decision_forms[item.pk]) for item in items],
            "decided": sum(1 for item in items if item.decided_at),
            "figures": _figures(selectors.meeting_figures(meeting=meeting)),
            "details": details,
            "add_form": add_form,
            "can_lead": can_lead,
            "actions": list(meeting.actions.select_related("owner", "organization")),
            "failed_form": failed,
        },
        failed=failed is not None,
    )
    record_list(request, feedback=[item.feedback for item in items] + candidates)
    return response


def _forms_of(bound: dict) -> list[forms.Form]:
    result = []
    for value in bound.values():
        result.append(value[1] if isinstance(value, tuple) else value)
    return result


@staff_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_meeting(request, _meeting(request, pk, lead=False))


@staff_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, lead=True)
    if request.method != "POST":
        return redirect(f"{meeting.get_absolute_url()}#details-heading")
    form = MeetingForm(request.POST, prefix="meeting")
    if _attempt(
        form,
        lambda data: services.update_meeting(
            meeting=meeting,
            actor=request.user,
            title=data["title"],
            held_on=data["held_on"],
            minutes=data["minutes"],
        ),
    ):
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting.get_absolute_url())
    return render_meeting(request, meeting, bound={"details": form})


@staff_required
@require_POST
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the details and minutes typed on the page, then mark the meeting held."""
    meeting = _meeting(request, pk, lead=True)
    form = MeetingForm(request.POST, prefix="meeting")

    def perform(data: dict) -> None:
        updated = services.update_meeting(
            meeting=meeting,
            actor=request.user,
            title=data["title"],
            held_on=data["held_on"],
            minutes=data["minutes"],
        )
        services.mark_meeting_held(meeting=updated, actor=request.user, minutes=data["minutes"])

    if _attempt(form, perform):
        messages.success(
            request, _("The meeting was marked held. Its figures are kept as they are now.")
        )
        return redirect(meeting.get_absolute_url())
    return render_meeting(request, meeting, bound={"details": form})


def _item(meeting: UnitMeeting, item_pk: int) -> MeetingItem:
    return get_object_or_404(
        MeetingItem.objects.select_related("feedback"), meeting=meeting, pk=item_pk
    )


@staff_required
@require_POST
def meeting_item_decision(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    meeting = _meeting(request, pk, lead=True)
    agenda_item = _item(meeting, item)
    form = DecisionForm(request.POST, prefix=f"item{agenda_item.pk}")
    if _attempt(
        form,
        lambda data: services.record_decision(
            item=agenda_item, decision=data["decision"], actor=request.user
        ),
    ):
        messages.success(
            request,
            _("The decision on %(reference)s was saved.")
            % {"reference": agenda_item.feedback.reference},
        )
        return redirect(f"{meeting.get_absolute_url()}#item-{agenda_item.pk}")
    return render_meeting(request, meeting, bound={"decision": (agenda_item.pk, form)})


@staff_required
@require_POST
def meeting_items_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, lead=True)
    form = AddItemsForm(
        request.POST, candidates=selectors.agenda_candidates(meeting=meeting), prefix="add"
    )
    added: list[int] = []
    if _attempt(
        form,
        lambda data: added.append(
            services.add_meeting_items(
                meeting=meeting, feedback=list(data["feedback"]), actor=request.user
            )
        ),
    ):
        messages.success(
            request,
            ngettext(
                "%(count)d feedback was added to the agenda.",
                "%(count)d feedback were added to the agenda.",
                added[0],
            )
            % {"count": added[0]},
        )
        return redirect(f"{meeting.get_absolute_url()}#agenda-heading")
    return render_meeting(request, meeting, bound={"add": form})


@staff_required
@require_POST
def meeting_item_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    meeting = _meeting(request, pk, lead=True)
    agenda_item = _item(meeting, item)
    try:
        services.remove_meeting_item(item=agenda_item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(reference)s was removed from the agenda.")
            % {"reference": agenda_item.feedback.reference},
        )
    return redirect(f"{meeting.get_absolute_url()}#agenda-heading")


# Development actions


def _action(request: HttpRequest, pk: int) -> DevelopmentAction:
    action = selectors.action_detail(action_id=pk, user=request.user)
    if action is None:
        raise Http404
    return action


def _may(request: HttpRequest, action: DevelopmentAction) -> dict:
    """What the user may do on the action: leaders of its unit everything; its owner and
    participants write progress notes; its owner also assesses the impact."""
    user = request.user
    assess = selectors.can_assess_action(user=user, action=action)
    return {
        "lead": selectors.can_lead_action(user=user, action=action),
        "note": selectors.can_note_action(user=user, action=action),
        "assess": assess,
        "measure": assess and bool(action.measure),
    }


def _require_lead(request: HttpRequest, action: DevelopmentAction) -> None:
    if not _may(request, action)["lead"]:
        raise PermissionDenied


@staff_required
def actions(request: HttpRequest) -> HttpResponse:
    # The hidden "filtered" tells a sent form (with "include the units below" unticked)
    # from a first visit or a page link, where the box is ticked by default.
    filters = ActionFilterForm(
        request.GET if "filtered" in request.GET else None, user=request.user
    )
    rows = selectors.actions_for(user=request.user, **filters.arguments()).order_by(
        F("due_on").asc(nulls_last=True), "id"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "backoffice/improvements/actions.html",
        {
            "filters": filters,
            "page_obj": page,
            "querystring": params.urlencode(),
            "can_lead": policy.can_anywhere(user=request.user, action=Action.LEAD),
            "today": timezone.localdate(),
            "statements": dict(national_statement_choices()),
        },
    )


def _starting_points(request: HttpRequest) -> tuple[Feedback | None, UnitMeeting | None]:
    """The feedback (?feedback=reference) and meeting (?meeting=id) an action is drafted
    from, when the user may see them."""
    feedback = None
    reference = request.GET.get("feedback", "").strip()
    if reference:
        feedback = get_staff_feedback(user=request.user, reference=reference)
        if feedback is None:
            raise Http404
    meeting = None
    meeting_id = request.GET.get("meeting", "")
    if meeting_id:
        if not meeting_id.isdigit():
            raise Http404
        meeting = _meeting(request, int(meeting_id), lead=True)
    return feedback, meeting


@staff_required
def action_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_anywhere(user=request.user, action=Action.LEAD):
        raise PermissionDenied
    feedback, meeting = _starting_points(request)
    initial: dict = {"owner": request.user, "baseline_days": 180}
    source_unit: Organization | None = (
        meeting.organization if meeting else feedback.organization if feedback else None
    )
    lead_units = policy.organizations(user=request.user, action=Action.LEAD)
    if source_unit is not None and lead_units.filter(pk=source_unit.pk).exists():
        initial["organization"] = source_unit
    elif lead_units.count() == 1:
        initial["organization"] = lead_units.first()
    form = ActionForm(request.POST or None, user=request.user, initial=initial)
    created: list[DevelopmentAction] = []

    def perform(data: dict) -> None:
        created.append(
            services.create_action(
                organization=data["organization"],
                title=data["title"],
                description=data["description"],
                owner=data["owner"],
                actor=request.user,
                participants=list(data["participants"]),
                feedback=[feedback] if feedback else [],
                due_on=data["due_on"],
                meeting=meeting,
                measure=data["measure"],
                measure_statement=data["measure_statement"],
                measure_own_statement=data["measure_own_statement"],
                follow_up_on=data["follow_up_on"],
                baseline_days=data["baseline_days"],
                is_public=data["is_public"],
                public_description=data["public_description"],
            )
        )

    if request.method == "POST" and _attempt(form, perform):
        messages.success(request, _("The development action was created."))
        return redirect(created[0].get_absolute_url())
    response = _render(
        request,
        "backoffice/improvements/action_form.html",
        {"form": form, "action": None, "source_feedback": feedback, "source_meeting": meeting},
        failed=bool(form.errors),
    )
    record_list(request, feedback=[feedback] if feedback else [])
    return response


@staff_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    _require_lead(request, action)
    form = ActionForm(request.POST or None, user=request.user, action=action)
    if request.method == "POST" and _attempt(
        form,
        lambda data: services.update_action(
            action=action, actor=request.user, changes=form.changes()
        ),
    ):
        messages.success(request, _("The development action was saved."))
        return redirect(action.get_absolute_url())
    return _render(
        request,
        "backoffice/improvements/action_form.html",
        {"form": form, "action": action},
        failed=bool(form.errors),
    )


def render_action(
    request: HttpRequest, action: DevelopmentAction, *, bound: dict | None = None
) -> HttpResponse:
    bound = bound or {}
    may = _may(request, action)
    statements = dict(national_statement_choices())
    forms_ = {
        "status": ActionStatusForm(action=action, prefix="status"),
        "note": ProgressNoteForm(prefix="note"),
        "link": LinkFeedbackForm(user=request.user, prefix="link"),
        "assess": AssessForm(initial={"comment": action.impact_comment}, prefix="assess"),
    }
    forms_.update(bound)
    failed = next((form for form in bound.values() if form.errors), None)
    linked = list(action.feedback.all())
    response = _render(
        request,
        "backoffice/improvements/action.html",
        {
            "action": action,
            "forms": forms_,
            "may": may,
            "linked": linked,
            "events": _events(action),
            "statement_label": statements.get(action.measure_statement, action.measure_statement),
            "change": (
                round(action.measure_after - action.measure_before, 1)
                if action.measure_after is not None and action.measure_before is not None
                else None
            ),
            "failed_form": failed,
            "public_url": _public_url(action),
            "min_group": MIN_GROUP,
        },
        failed=failed is not None,
    )
    record_list(request, feedback=linked)
    return response


def _events(action: DevelopmentAction) -> list[tuple]:
    """The action's history with its changes in words: statuses by name, the fields that
    were changed, the feedback linked or unlinked."""
    statuses = dict(DevelopmentAction.Status.choices)
    kind = ActionEvent.Kind

    def field_names(names: list) -> str:
        labels = []
        for name in names:
            try:
                labels.append(str(DevelopmentAction._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:  # an old event may name a field since removed
                labels.append(str(name))
        return ", ".join(labels)

    rows = []
    for event in action.events.all():
        before = after = ""
        if event.kind == kind.STATUS:
            before = statuses.get(event.from_value, event.from_value)
            after = statuses.get(event.to_value, event.to_value)
        elif event.kind == kind.UPDATED:
            after = field_names(event.data.get("fields") or event.to_value.split(", "))
        elif event.kind == kind.LINKED:
            after = event.to_value
        elif event.kind == kind.UNLINKED:
            after = event.from_value
        elif event.kind == kind.TOLD:
            count = int(event.data.get("count") or 0)
            after = ngettext("%(count)d customer", "%(count)d customers", count) % {"count": count}
        rows.append((event, before, after))
    return rows


def _public_url(action: DevelopmentAction) -> str:
    """The public page "How your feedback was used" of the action's unit."""
    return reverse("site:impact-organization", kwargs={"code": action.organization.code})


@staff_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_action(request, _action(request, pk))


def _act(
    request: HttpRequest,
    pk: int,
    *,
    name: str,
    allowed: str,
    form: Callable,
    perform: Callable,
    done: str,
) -> HttpResponse:
    """Validate one form of the action's page, call its service, and come back."""
    action = _action(request, pk)
    if not _may(request, action)[allowed]:
        raise PermissionDenied
    bound = form(action)
    if _attempt(bound, lambda data: perform(action, data)):
        messages.success(request, done)
        return redirect(action.get_absolute_url())
    return render_action(request, _action(request, pk), bound={name: bound})


@staff_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        name="status",
        allowed="lead",
        form=lambda a: ActionStatusForm(request.POST, action=a, prefix="status"),
        perform=lambda a, d: services.set_action_status(
            action=a, status=d["status"], actor=request.user, note=d["note"]
        ),
        done=_("The status was changed."),
    )


@staff_required
@require_POST
def action_note(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        name="note",
        allowed="note",
        form=lambda a: ProgressNoteForm(request.POST, prefix="note"),
        perform=lambda a, d: services.add_progress_note(
            action=a, actor=request.user, note=d["note"]
        ),
        done=_("The progress note was saved."),
    )


@staff_required
@require_POST
def action_link(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    _require_lead(request, action)
    form = LinkFeedbackForm(request.POST, user=request.user, prefix="link")
    linked: list[bool] = []
    if _attempt(
        form,
        lambda data: linked.append(
            services.link_feedback(action=action, feedback=data["reference"], actor=request.user)
        ),
    ):
        if linked[0]:
            messages.success(request, _("The feedback was linked to the action."))
        else:
            messages.info(request, _("The feedback was already linked to the action."))
        return redirect(f"{action.get_absolute_url()}#feedback-heading")
    return render_action(request, action, bound={"link": form})


@staff_required
@require_POST
def action_unlink(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    action = _action(request, pk)
    _require_lead(request, action)
    feedback = get_object_or_404(action.feedback.all(), reference=reference)
    try:
        services.unlink_feedback(action=action, feedback=feedback, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(reference)s was unlinked from the action.") % {"reference": reference},
        )
    return redirect(f"{action.get_absolute_url()}#feedback-heading")


@staff_required
@require_POST
def action_measure(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    if not _may(request, action)["measure"]:
        raise PermissionDenied
    try:
        services.measure_action(action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The measure was computed."))
    return redirect(f"{action.get_absolute_url()}#follow-up-heading")


@staff_required
@require_POST
def action_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        name="assess",
        allowed="assess",
        form=lambda a: AssessForm(request.POST, prefix="assess"),
        perform=lambda a, d: services.assess_impact(
            action=a, actor=request.user, comment=d["comment"]
        ),
        done=_("The impact assessment was saved."),
    )
