"""Staff sessions end after a period without activity (PALAUTE_STAFF_IDLE_MINUTES). The
back office script keeps the session alive while someone types or clicks in a page, so
an answer being written is not lost."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

SESSION_KEY = "palaute_last_activity"
WRITE_INTERVAL_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(SESSION_KEY)
            if last is not None and now - last > settings.PALAUTE_STAFF_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
                return redirect_to_login(request.get_full_path())
            if last is None or now - last > WRITE_INTERVAL_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
