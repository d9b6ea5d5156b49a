"""One feedback in the back office: everything about it, and every handling action.

Actions are POSTs that call one service each. On bad input the page is shown again with
the form and its errors, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from palaute.addresses import client_address
from palaute.feedback import deadlines, selectors, services
from palaute.feedback.models import Answer, Attachment, DeadlineNotice, Event, Feedback, Topic
from palaute.improvements import selectors as improvement_selectors
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.organizations.policy import Action
from palaute.privacy.pdf import findings_by_attachment
from palaute.site.views import serve_attachment
from palaute.surveys import selectors as survey_selectors

from ..forms import (
    AcknowledgeForm,
    AnswerForm,
    ContactedForm,
    CriticalForm,
    EstimateForm,
    ForwardForm,
    ModerationForm,
    ReasonForm,
    StatusForm,
    TopicChangeForm,
)
from ..looks import Kind, record_look
from ..middleware import take_resumed_form
from .common import feedback_for, staff_required

DEADLINE_LABELS = {
    "processing": DeadlineNotice.Deadline.PROCESSING.label,
    "contact": DeadlineNotice.Deadline.CONTACT.label,
    "estimate": DeadlineNotice.Deadline.ESTIMATE.label,
}


def _history(feedback: Feedback) -> list[tuple]:
    """Events with their changes in words: statuses, units and topics by name."""
    events = selectors.staff_history(feedback=feedback)
    codes = {value for e in events for value in (e.from_value, e.to_value) if value}
    names = {
        **{o.code: o.name for o in Organization.objects.filter(code__in=codes)},
        **{t.service_code: t.name for t in Topic.objects.filter(service_code__in=codes)},
    }
    labels = {
        **dict(Feedback.Status.choices),
        **dict(Feedback.PublicationState.choices),
        **dict(DeadlineNotice.Deadline.choices),
        "critical": _("critical"),
        "normal": _("not critical"),
        "public": _("public"),
        "hidden": _("hidden"),
    }
    kind = Event.Kind

    def word(value: str, event: Event) -> str:
        if event.kind in (kind.ROUTED, kind.FORWARDED, kind.TOPIC_CHANGED):
            return names.get(value, value)
        if event.kind == kind.ESTIMATE and value:
            return date_format(dt.date.fromisoformat(value), "j.n.Y")
        return str(labels.get(value, value))

    rows = []
    for event in events:
        reason = event.data.get("reason") if event.kind == kind.PUBLICATION else None
        rows.append(
            (
                event,
                word(event.from_value, event) if event.from_value else "",
                word(event.to_value, event) if event.to_value else "",
                Feedback.PublicationReason(reason).label
                if reason in Feedback.PublicationReason.values
                else "",
            )
        )
    return rows


def _answers_to_questions(feedback: Feedback) -> list[tuple[str, str]]:
    """The answers to the topic's extra questions, with choice names instead of keys."""
    if not feedback.attributes:
        return []
    questions = {q.code: q for q in feedback.topic.attributes.prefetch_related("values")}
    rows = []
    for code, answer in feedback.attributes.items():
        question = questions.get(code)
        if question is None:
            rows.append((code, ", ".join(answer) if isinstance(answer, list) else str(answer)))
            continue
        names = {value.key: value.name for value in question.values.all()}
        values = answer if isinstance(answer, list) else [answer]
        rows.append((question.description, ", ".join(str(names.get(v, v)) for v in values)))
    return rows


def _by_field(findings) -> defaultdict[str, list]:
    """Findings grouped by the field they were found in, for highlighting each field; a
    field without findings gives an empty list."""
    grouped: defaultdict[str, list] = defaultdict(list)
    for finding in findings:
        grouped[finding["field"] if isinstance(finding, dict) else finding.field].append(finding)
    return grouped


def _forms(request: HttpRequest, feedback: Feedback) -> dict:
    """Fresh forms for every action, the answer pre-filled from a chosen template."""
    templates = selectors.response_templates_for(feedback=feedback)
    initial_answer = {}
    chosen = request.GET.get("template")
    if chosen:
        template = next((t for t in templates if str(t.pk) == chosen), None)
        if template is not None:
            initial_answer["text"] = template.text_in(feedback.language)
    return {
        "status": StatusForm(allowed=services.allowed_statuses(feedback=feedback), prefix="status"),
        "answer": AnswerForm(initial=initial_answer, prefix="answer"),
        "estimate": EstimateForm(
            initial={"estimated_done_on": feedback.estimated_done_on}, prefix="estimate"
        ),
        "forward": ForwardForm(
            targets=policy.forward_targets(user=request.user, feedback=feedback), prefix="forward"
        ),
        "topic": TopicChangeForm(
            topics=selectors.topics_within_tree(organization=feedback.organization),
            prefix="topic",
        ),
        "critical": CriticalForm(prefix="critical"),
        "moderation": ModerationForm(
            initial={
                "public_title": feedback.public_title,
                "public_text": feedback.public_text,
                "public_address": feedback.public_address,
            },
            prefix="moderation",
        ),
        "remove": ReasonForm(prefix="remove"),
        "acknowledge": AcknowledgeForm(prefix="acknowledge"),
        "contacted": ContactedForm(prefix="contacted"),
        "templates": templates,
    }


def render_detail(
    request: HttpRequest,
    feedback: Feedback,
    *,
    bound: dict | None = None,
    contact=None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    now = timezone.now()
    forms = _forms(request, feedback)
    forms.update(bound or {})
    open_deadlines = [
        {
            "label": DEADLINE_LABELS[name],
            "due": due,
            "state": deadlines.due_state(due, now),
        }
        for name, due in sorted(
            deadlines.open_deadlines(feedback).items(), key=lambda item: item[1]
        )
    ]
    answers = list(feedback.answers.all())
    attachments = list(feedback.attachments.all())
    public_findings = services.public_findings(feedback=feedback)
    context = {
        "feedback": feedback,
        "forms": forms,
        "answers": [a for a in answers if a.kind == Answer.Kind.ANSWER],
        "notes": [a for a in answers if a.kind == Answer.Kind.NOTE],
        "history": _history(feedback),
        "attachments": attachments,
        "attachment_findings": findings_by_attachment(feedback.sensitive_findings, attachments),
        "public_findings": public_findings,
        "original_marks": _by_field(feedback.sensitive_findings),
        "question_answers": _answers_to_questions(feedback),
        "survey": survey_selectors.response_summary(feedback=feedback),
        "improvements": improvement_selectors.for_feedback(feedback=feedback, user=user),
        "critical": selectors.critical_status(feedback=feedback, now=now)
        if feedback.is_critical
        else None,
        "public_marks": _by_field(public_findings),
        "failed_form": next((form for form in (bound or {}).values() if form.errors), None),
        "open_deadlines": open_deadlines,
        "contact": contact,
        "has_contact": hasattr(feedback, "contact"),
        "can": {
            action.value: policy.can_on_feedback(user=user, action=action, feedback=feedback)
            for action in Action
        },
    }
    response = render(request, "backoffice/feedback.html", context, status=status)
    record_look(request, kind=Kind.ORIGINAL, feedback=feedback)
    response["Cache-Control"] = "no-store"
    return response


RESUMABLE = {"answer": AnswerForm, "moderation": ModerationForm, "estimate": EstimateForm}


@staff_required
def feedback_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """The feedback; if a form was sent after the session had ended, it is shown again
    with what was typed, to be sent once more."""
    feedback = feedback_for(request, reference, Action.VIEW)
    if feedback.is_critical:
        services.mark_critical_seen(feedback=feedback, user=request.user)
    resumed = take_resumed_form(request, action_prefix=feedback.get_staff_url())
    bound = {}
    if resumed is not None:
        name = resumed["action"].rstrip("/").rsplit("/", 1)[-1]
        form_class = RESUMABLE.get(name)
        if form_class is not None:
            initial = {
                key.removeprefix(f"{name}-"): value
                for key, value in resumed["data"].items()
                if key.startswith(f"{name}-")
            }
            bound[name] = form_class(initial=initial, prefix=name)
            messages.warning(
                request,
                _("Your text was kept when the session ended. Check it and send it again."),
            )
    return render_detail(request, feedback, bound=bound)


@staff_required
@require_POST
def show_contact(request: HttpRequest, reference: str) -> HttpResponse:
    """Contact details are shown on request only, and each look is logged."""
    feedback = feedback_for(request, reference, Action.VIEW_CONTACT)
    contact = services.view_contact(
        feedback=feedback, actor=request.user, client_address=client_address(request)
    )
    return render_detail(request, feedback, contact=contact)


def _act(
    request: HttpRequest,
    reference: str,
    *,
    action: Action,
    name: str,
    form: Callable,
    perform: Callable,
    done: str,
) -> HttpResponse:
    """Validate one action's form, call its service, and come back to the feedback."""
    feedback = feedback_for(request, reference, action)
    bound = form(request, feedback)
    if bound.is_valid():
        try:
            perform(feedback, bound.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                error = ValidationError(
                    [message for messages_ in error.message_dict.values() for message in messages_]
                )
            bound.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(feedback.get_staff_url())
    feedback.refresh_from_db()
    return render_detail(request, feedback, bound={name: bound}, status=400)


@staff_required
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.HANDLE,
        name="status",
        form=lambda r, f: StatusForm(
            r.POST, allowed=services.allowed_statuses(feedback=f), prefix="status"
        ),
        perform=lambda f, d: services.change_status(
            feedback=f, status=d["status"], actor=request.user, note=d["note"]
        ),
        done=_("The status was changed."),
    )


@staff_required
@require_POST
def answer(request: HttpRequest, reference: str) -> HttpResponse:
    kind = request.POST.get("answer-kind")
    action = Action.NOTE if kind == Answer.Kind.NOTE else Action.HANDLE
    return _act(
        request,
        reference,
        action=action,
        name="answer",
        form=lambda r, f: AnswerForm(r.POST, prefix="answer"),
        perform=lambda f, d: services.add_answer(
            feedback=f, text=d["text"], author=request.user, kind=d["kind"]
        ),
        done=_("The internal note was saved.")
        if kind == Answer.Kind.NOTE
        else _("The answer was saved."),
    )


@staff_required
@require_POST
def estimate(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.HANDLE,
        name="estimate",
        form=lambda r, f: EstimateForm(r.POST, prefix="estimate"),
        perform=lambda f, d: services.give_estimate(
            feedback=f,
            estimated_done_on=d["estimated_done_on"],
            actor=request.user,
            note=d["note"],
        ),
        done=_("The processing estimate was saved."),
    )


@staff_required
@require_POST
def contacted(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.HANDLE,
        name="contacted",
        form=lambda r, f: ContactedForm(r.POST, prefix="contacted"),
        perform=lambda f, d: services.record_contact(
            feedback=f, actor=request.user, note=d["note"]
        ),
        done=_("The contact was recorded."),
    )


@staff_required
@require_POST
def forward(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.FORWARD,
        name="forward",
        form=lambda r, f: ForwardForm(
            r.POST, targets=policy.forward_targets(user=request.user, feedback=f), prefix="forward"
        ),
        perform=lambda f, d: services.forward_feedback(
            feedback=f, organization=d["organization"], actor=request.user, note=d["note"]
        ),
        done=_("The feedback was forwarded."),
    )


@staff_required
@require_POST
def change_topic(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.FORWARD,
        name="topic",
        form=lambda r, f: TopicChangeForm(
            r.POST, topics=selectors.topics_within_tree(organization=f.organization), prefix="topic"
        ),
        perform=lambda f, d: services.change_topic(
            feedback=f, topic=d["topic"], actor=request.user, note=d["note"], reroute=d["reroute"]
        ),
        done=_("The topic was changed."),
    )


@staff_required
@require_POST
def critical(request: HttpRequest, reference: str) -> HttpResponse:
    if request.POST.get("critical") == "0":
        feedback = feedback_for(request, reference, Action.HANDLE)
        services.set_critical(feedback=feedback, critical=False, actor=request.user)
        messages.success(request, _("The critical flag was removed."))
        return redirect(feedback.get_staff_url())
    return _act(
        request,
        reference,
        action=Action.NOTE,
        name="critical",
        form=lambda r, f: CriticalForm(r.POST, prefix="critical"),
        perform=lambda f, d: services.set_critical(
            feedback=f, critical=True, actor=request.user, reason=d["reason"]
        ),
        done=_("The feedback was flagged critical."),
    )


@staff_required
@require_POST
def acknowledge_critical(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.ACKNOWLEDGE,
        name="acknowledge",
        form=lambda r, f: AcknowledgeForm(r.POST, prefix="acknowledge"),
        perform=lambda f, d: services.acknowledge_critical(
            feedback=f, actor=request.user, note=d["note"]
        ),
        done=_("You acknowledged the critical feedback."),
    )


@staff_required
@require_POST
def moderate(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.MODERATE,
        name="moderation",
        form=lambda r, f: ModerationForm(r.POST, prefix="moderation"),
        perform=lambda f, d: services.edit_public_text(
            feedback=f,
            actor=request.user,
            title=d["public_title"],
            text=d["public_text"],
            address=d["public_address"],
            note=d["note"],
        ),
        done=_("The public text was saved."),
    )


@staff_required
@require_POST
def redact(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = feedback_for(request, reference, Action.MODERATE)
    try:
        if request.POST.get("all"):
            count = services.redact_all_findings(feedback=feedback, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d finding was removed from the public text.",
                    "%(count)d findings were removed from the public text.",
                    count,
                )
                % {"count": count},
            )
        else:
            services.redact(
                feedback=feedback,
                actor=request.user,
                field=request.POST.get("field", ""),
                start=int(request.POST.get("start", "-1")),
                end=int(request.POST.get("end", "-1")),
                expected=request.POST.get("expected", ""),
            )
            messages.success(request, _("The finding was removed from the public text."))
    except (ValidationError, ValueError) as error:
        messages.error(
            request,
            error.messages[0] if isinstance(error, ValidationError) else _("Unknown field."),
        )
    return redirect(feedback.get_staff_url())


@staff_required
@require_POST
def attachment_visibility(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    feedback = feedback_for(request, reference, Action.MODERATE)
    attachment = get_object_or_404(Attachment, pk=pk, feedback=feedback)
    public = request.POST.get("public") == "1"
    services.set_attachment_public(attachment=attachment, public=public, actor=request.user)
    messages.success(
        request,
        _("The attachment is now public.") if public else _("The attachment is now hidden."),
    )
    return redirect(feedback.get_staff_url())


@staff_required
@require_POST
def release(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = feedback_for(request, reference, Action.MODERATE)
    try:
        services.release_for_publication(
            feedback=feedback,
            actor=request.user,
            despite_findings=request.POST.get("despite_findings") == "1",
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(feedback.get_staff_url())
    feedback.refresh_from_db()
    if feedback.is_published:
        messages.success(request, _("The feedback was released and is now public."))
    else:
        messages.info(
            request,
            _("The feedback was released, but it stays private: %(reason)s")
            % {"reason": feedback.get_publication_reason_display()},
        )
    return redirect(feedback.get_staff_url())


@staff_required
@require_POST
def remove(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        action=Action.MODERATE,
        name="remove",
        form=lambda r, f: ReasonForm(r.POST, prefix="remove"),
        perform=lambda f, d: services.remove_feedback(
            feedback=f, actor=request.user, reason=d["reason"]
        ),
        done=_("The feedback was removed. It stays in the records with its reason."),
    )


@staff_required
@require_POST
def remove_answer(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    feedback = feedback_for(request, reference, Action.MODERATE)
    item = get_object_or_404(Answer, pk=pk, feedback=feedback)
    form = ReasonForm(request.POST, prefix="remove-answer")
    if form.is_valid():
        services.remove_answer(answer=item, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The answer was removed. It stays in the records with its reason.")
        )
    else:
        messages.error(request, _("Give a reason for the removal."))
    return redirect(feedback.get_staff_url())


@staff_required
def attachment_file(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    feedback = feedback_for(request, reference, Action.VIEW)
    attachment = feedback.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    response = serve_attachment(attachment, private=True)
    record_look(request, kind=Kind.ATTACHMENT, feedback=feedback, purpose=response.filename or "")
    return response
