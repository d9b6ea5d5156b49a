"""Staff sessions end after a period without activity (PALAUTE_STAFF_IDLE_MINUTES). The
back office script keeps the session alive while someone types or clicks in a page. If a
form is sent after the session has ended, what was typed is kept for the same user and
offered again after signing in."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_KEY = "palaute_last_activity"
RESUME_KEY = "palaute_resume"
WRITE_INTERVAL_SECONDS = 60
KEPT_FIELDS_MAX = 20


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only the staff pages touch the session: public pages and the API stay cacheable.
        if _is_staff_path(request.path) and request.user.is_authenticated:
            now = time.time()
            last = request.session.get(SESSION_KEY)
            if last is not None and now - last > settings.PALAUTE_STAFF_IDLE_MINUTES * 60:
                return self._expire(request)
            if last is None or now - last > WRITE_INTERVAL_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)

    def _expire(self, request):
        user_id = request.user.pk
        next_path = request.get_full_path()
        resume = None
        if request.method == "POST":
            referer = request.META.get("HTTP_REFERER", "")
            if url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                next_path = referer
            data = {
                key: value
                for key, value in list(request.POST.items())[:KEPT_FIELDS_MAX]
                if key != "csrfmiddlewaretoken"
            }
            resume = {"user": user_id, "action": request.path, "data": data}
        logout(request)
        if resume:
            request.session[RESUME_KEY] = resume
        messages.info(request, _("You were signed out after a period without activity."))
        return redirect_to_login(next_path)


def _is_staff_path(path: str) -> bool:
    return "/staff/" in path or path.startswith("/admin/")


def take_resumed_form(request, *, action_prefix: str) -> dict | None:
    """The data of a form sent after the session ended, if it was sent by this user to an
    address starting with the prefix; given once."""
    resume = request.session.get(RESUME_KEY)
    if not resume or resume.get("user") != request.user.pk:
        return None
    if not resume.get("action", "").startswith(action_prefix):
        return None
    del request.session[RESUME_KEY]
    return resume
