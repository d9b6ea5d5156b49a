"""Public pages: the front page, the feedback form, public feedback and private tracking."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from palaute import throttle
from palaute.feedback import selectors
from palaute.feedback.critical import warm_up
from palaute.feedback.guidance import route_advice
from palaute.feedback.models import Attachment, Channel, Intake, Topic
from palaute.feedback.services import (
    MAX_ATTACHMENTS,
    Acceptance,
    Idempotency,
    IdempotencyConflict,
    Submission,
    accept_submission,
    discard_staged_uploads,
    find_acceptance,
    find_submission,
    request_digest,
    stage_upload,
    submit_feedback,
    submit_feedback_once,
)
from palaute.privacy import lexicon
from palaute.privacy.checks import FindingKind, check_fields
from palaute.privacy.media import UploadRejected

from . import health
from .forms import SUBMISSION_KEY, FeedbackForm, PublicFilterForm, submission_key

# The tracking page greets the sender once, right after sending: a signed cookie names
# the feedback just sent (no session row is written for a public visitor).
SENT_COOKIE = "palaute_sent"
SENT_SALT = "palaute.site.sent"
SENT_MAX_AGE = 10 * 60
# The cookie's value for a submission accepted and not yet recorded: its intake's public id.
INTAKE_MARK = "intake:"
INTAKE_REFRESH_SECONDS = 2
# Sent by track-intake.js when it asks whether the feedback has been recorded.
INTAKE_CHECK_HEADER = "X-Palaute-Check"
PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/home.html",
        {
            "groups": selectors.topic_groups(),
            "latest": selectors.public_feedback()[:5],
        },
    )


def topics(request: HttpRequest) -> HttpResponse:
    """Every topic with its feeds, and where to go for topics not on the service (S10)."""
    return render(request, "site/topics.html", {"groups": selectors.topic_groups()})


class FeedbackCreateView(View):
    template_name = "site/feedback_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("topic", "")
        topic = selectors.get_topic(service_code=code) if code else None
        if topic is not None and topic.state == Topic.State.ELSEWHERE:
            return render(request, "site/topic_elsewhere.html", {"topic": topic})
        initial = {"topic": code} if topic is not None and topic.takes_feedback else {}
        warm_up(background=True)  # the live route check is ready when the sender types
        lexicon.warm_up()  # and the sensitive-data check when the form is sent
        return self.render_form(request, FeedbackForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FeedbackForm(request.POST, request.FILES)
        form.is_valid()
        idempotency = self._idempotency(request)
        deferred = settings.PALAUTE_DEFERRED_INTAKE
        # A form sent again (a double click, a reload) gets the receipt of the first.
        try:
            if idempotency is None:
                sent = None
            elif deferred:
                sent = find_acceptance(idempotency=idempotency)
            else:
                sent = find_submission(idempotency=idempotency)
        except IdempotencyConflict as conflict:
            return self._sent_before(request, form, conflict)
        if sent is not None:
            return self._receipt(request, sent)
        wait = throttle.hit(request, throttle.FEEDBACK_POSTS) or throttle.wait(
            request, throttle.FEEDBACK
        )
        if wait:
            form.add_error(
                None,
                _("You have sent a lot of feedback in a short time. Please try again in an hour."),
            )
            return throttle.retry_after(self.render_form(request, form, status=429), wait)
        if "website" in form.errors:
            return self.render_form(request, form)
        self._stage_new_files(request, form)
        if form.errors:
            return self.render_form(request, form)
        data = form.cleaned_data
        findings = check_fields(
            {"title": data["title"], "text": data["text"], "address": data["address"]},
            places=("address",),
        )
        if findings and not request.POST.get("send_anyway"):
            return self.render_form(request, form, findings=findings)
        arguments = {
            "topic": data["topic"],
            "kind": data["kind"],
            "title": data["title"],
            "text": data["text"],
            "channel": Channel.WEB,
            "language": get_language() or settings.LANGUAGE_CODE,
            "publish_consent": data["publish_consent"],
            "contact": form.contact(),
            "location": form.location(),
            "uploads": form.kept_uploads,
            "contact_requested": data["contact_requested"],
            "attributes": form.attributes(),
        }
        try:
            if deferred:
                submission = accept_submission(idempotency=idempotency, **arguments)
            elif idempotency is None:
                submission = submit_feedback(**arguments)
            else:
                submission = submit_feedback_once(idempotency=idempotency, **arguments)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(request, form)
        except IdempotencyConflict as conflict:
            discard_staged_uploads(uploads=form.kept_uploads)
            return self._sent_before(request, form, conflict)
        if submission.replayed:
            # Lost a race with its own first copy: the files this copy staged go.
            discard_staged_uploads(uploads=form.kept_uploads)
        else:
            throttle.bump(request, throttle.FEEDBACK)
        return self._receipt(request, submission)

    @staticmethod
    def _idempotency(request: HttpRequest) -> Idempotency | None:
        """The form's key and a digest of what was typed and attached; none for a form
        rendered before forms had keys."""
        key = request.POST.get("submission_key", "")
        if not SUBMISSION_KEY.fullmatch(key):
            return None
        fields = [
            (name, request.POST.getlist(name))
            for name in request.POST
            if name not in ("csrfmiddlewaretoken", "submission_key")
        ]
        files = [(f"file:{file.name}", file.size) for file in request.FILES.getlist("files")]
        return Idempotency(scope="web", key=key, digest=request_digest([*fields, *files]))

    @staticmethod
    def _receipt(request: HttpRequest, submission: Submission | Acceptance) -> HttpResponse:
        """To the private tracking page, greeted once: the cookie names the feedback, or
        the accepted submission until it is recorded."""
        response = redirect("site:track", token=submission.tracking_token)
        if submission.feedback is not None:
            sent = submission.feedback.reference
        else:
            sent = f"{INTAKE_MARK}{submission.intake.public_id}"
        response.set_signed_cookie(
            SENT_COOKIE,
            sent,
            salt=SENT_SALT,
            max_age=SENT_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def _sent_before(
        self, request: HttpRequest, form: FeedbackForm, conflict: IdempotencyConflict
    ) -> HttpResponse:
        """The key was used for other content (the sender went back, edited and sent):
        shown again with a new key, so sending once more makes new feedback."""
        if conflict.reference:
            message = _(
                "This form was already sent as feedback %(reference)s. To send what you "
                "changed as new feedback, check the form and send it again."
            ) % {"reference": conflict.reference}
        else:
            message = _(
                "This form was already sent. To send what you changed as new feedback, "
                "check the form and send it again."
            )
        form.add_error(None, message)
        return self.render_form(request, form, status=409, new_key=True)

    def _stage_new_files(self, request: HttpRequest, form: FeedbackForm) -> None:
        """Check and keep new files even when other fields failed, so none is lost; files
        beyond the limit of five are not stored at all."""
        discard_staged_uploads(uploads=form.removed_uploads)
        room = MAX_ATTACHMENTS - len(form.kept_uploads)
        uploaded = request.FILES.getlist("files")
        staged = []
        for file in uploaded[: max(room, 0)]:
            try:
                staged.append(stage_upload(uploaded=file))
            except UploadRejected as error:
                form.add_error("files", f"{file.name}: {error}")
        if len(uploaded) > room:
            form.add_error(
                "files",
                _("At most %(count)d files can be attached. Not attached: %(names)s")
                % {
                    "count": MAX_ATTACHMENTS,
                    "names": ", ".join(file.name for file in uploaded[max(room, 0) :]),
                },
            )
        form.add_uploads(staged)
        form.validate_uploads()

    def render_form(
        self,
        request: HttpRequest,
        form: FeedbackForm,
        findings: list | None = None,
        status: int = 200,
        new_key: bool = False,
    ) -> HttpResponse:
        topic = form.selected_topic()
        settings_by_topic = selectors.topic_settings()
        context = {
            "form": form,
            "findings": [
                {
                    "label": FindingKind(f.kind).label,
                    "field": form.fields[f.field].label,
                    "excerpt": form.cleaned_data[f.field][f.start : f.end],
                }
                for f in findings or []
            ],
            "selected_topic": topic,
            "location_required": topic is not None
            and topic.location_mode == Topic.LocationMode.REQUIRED,
            "selected_topic_private": topic is not None
            and not settings_by_topic.get(topic.service_code, {}).get("public", True),
            "topic_settings": settings_by_topic,
            "uploads": getattr(form, "kept_uploads", form.staged_uploads),
            "staged_token": form.staged_token(),
            "submission_key": submission_key(None if new_key else form.data),
            # Shown again with the form: the same notices the script gives while typing.
            "route_advice": route_advice(
                text=f"{form.data.get('title', '')}\n{form.data.get('text', '')}"
            )
            if form.is_bound
            else [],
        }
        response = render(request, self.template_name, context, status=status)
        add_never_cache_headers(response)
        return response


def feedback_list(request: HttpRequest) -> HttpResponse:
    filters = PublicFilterForm(request.GET or None)
    topic, status, query = None, "", ""
    if filters.is_valid():
        data = filters.cleaned_data
        topic = selectors.get_topic(service_code=data["topic"]) if data["topic"] else None
        status, query = data["status"], data["q"]
    page = Paginator(selectors.public_feedback(topic=topic, status=status, query=query), PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "site/feedback_list.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "querystring": params.urlencode(),
            "topic": topic,
            "is_filtered": bool(topic or status or query),
        },
    )


def feedback_detail(request: HttpRequest, reference: str) -> HttpResponse:
    feedback = selectors.get_public_feedback(reference=reference)
    if feedback is None:
        raise Http404
    return render(request, "site/feedback_detail.html", {"feedback": feedback})


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def track(request: HttpRequest, token: str) -> HttpResponse:
    """The sender's private page: status, answers and history, public or not."""
    if refused := throttle.token_guessed(request):
        return refused
    feedback = selectors.get_feedback_by_token(token=token)
    intake = None
    if feedback is None:
        intake = selectors.get_intake_by_token(token=token)
        if intake is None:
            raise throttle.token_missed(request)
    if request.headers.get(INTAKE_CHECK_HEADER) == "state":
        # The waiting page's script asks whether to reload: a small answer that leaves
        # the "just sent" greeting for the page itself.
        waiting = intake is not None and intake.state == Intake.State.PENDING
        return _private(JsonResponse({"waiting": waiting}))
    if intake is not None:
        return _intake_page(request, intake)
    sent = request.get_signed_cookie(
        SENT_COOKIE, default=None, salt=SENT_SALT, max_age=SENT_MAX_AGE
    )
    just_sent = sent == feedback.reference or (
        bool(sent)
        and sent.startswith(INTAKE_MARK)
        and selectors.was_just_sent(feedback=feedback, public_id=sent.removeprefix(INTAKE_MARK))
    )
    response = render(
        request,
        "site/track.html",
        {
            "feedback": feedback,
            "token": token,
            "just_sent": just_sent,
            "history": selectors.tracking_history(feedback=feedback),
            "tracking_url": request.build_absolute_uri(),
            "contact": getattr(feedback, "contact", None),
            "route_advice": route_advice(text=f"{feedback.title}\n{feedback.text}")
            if just_sent
            else [],
        },
    )
    if just_sent:
        response.delete_cookie(SENT_COOKIE, samesite="Lax")
    return _private(response)


def _intake_page(request: HttpRequest, intake: Intake) -> HttpResponse:
    """A submission accepted but not yet recorded: the page asks again every few seconds
    (track-intake.js, or a refresh without scripts) until the feedback shows; one that
    could not be recorded says so."""
    response = render(
        request,
        "site/track_intake.html",
        {"intake": intake, "refresh_seconds": INTAKE_REFRESH_SECONDS},
    )
    return _private(response)


def serve_attachment(attachment: Attachment, *, private: bool) -> FileResponse:
    """An attachment as a download or inline (images, PDF), sandboxed; private ones are
    never cached, public ones are revalidated on every use."""
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image and attachment.content_type != "application/pdf",
        filename=f"{attachment.feedback.reference}-{attachment.pk}{PurePath(attachment.file.name).suffix}",
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if private:
        _private(response)
    else:
        # Revalidated on every use, so a removed attachment disappears at once (S6).
        response["Cache-Control"] = "no-cache"
    return response


def attachment(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    found = selectors.get_public_attachment(reference=reference, pk=pk)
    if found is None:
        raise Http404
    return serve_attachment(found, private=False)


def tracked_attachment(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    if refused := throttle.token_guessed(request):
        return refused
    feedback = selectors.get_feedback_by_token(token=token)
    found = feedback.attachments.filter(pk=pk).first() if feedback else None
    if found is None:
        raise throttle.token_missed(request)
    return serve_attachment(found, private=True)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database, the cache and the broker answer; 503 naming the one that
    does not."""
    results = health.report()
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **results}, status=200 if healthy else 503
    )
