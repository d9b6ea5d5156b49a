"""What every back-office view needs: a signed-in staff member and the policy's word."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from palaute.feedback.models import Feedback
from palaute.feedback.selectors import get_staff_feedback
from palaute.organizations import policy


def staff_required(view):
    """Signed in and holding a role somewhere; anyone else is sent to sign in or refused."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not policy.is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def feedback_for(request: HttpRequest, reference: str, action: policy.Action) -> Feedback:
    """The feedback, if the user may see it (404 otherwise, so nothing leaks) and may take
    the action on it (403 otherwise)."""
    feedback = get_staff_feedback(user=request.user, reference=reference)
    if feedback is None:
        raise Http404
    if not policy.can_on_feedback(user=request.user, action=action, feedback=feedback):
        raise PermissionDenied
    return feedback
