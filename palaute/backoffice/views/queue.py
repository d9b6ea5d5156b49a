"""The queue: the feedback of the user's part of the tree, most urgent first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from palaute.feedback import selectors
from palaute.improvements import selectors as improvement_selectors
from palaute.notifications.services import undelivered_count
from palaute.organizations import policy

from ..forms import QueueFilterForm
from ..looks import record_list
from .common import staff_required

PAGE_SIZE = 50


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """The queue; a data-protection officer who sees no feedback starts at the access log."""
    if not policy.can_anywhere(
        user=request.user, action=policy.Action.VIEW
    ) and policy.can_anywhere(user=request.user, action=policy.Action.AUDIT_ACCESS):
        return redirect("backoffice:access-log")
    filters = QueueFilterForm(request.GET or None, user=request.user)
    arguments = filters.queue_arguments() if filters.is_valid() else {"status": "open"}
    now = timezone.now()
    feedback = selectors.staff_queue(user=request.user, now=now, **arguments)
    counts = selectors.staff_counts(user=request.user)
    page = Paginator(feedback, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    status_params = params.copy()
    status_params.pop("status", None)
    critical_alerts = list(selectors.open_critical_alerts(user=request.user))
    response = render(
        request,
        "backoffice/queue.html",
        {
            "today": timezone.localdate(),
            "filters": filters,
            "page_obj": page,
            "querystring": params.urlencode(),
            "status_querystring": status_params.urlencode(),
            "held": selectors.staff_held_count(user=request.user),
            "critical_alerts": critical_alerts,
            "actions_due": improvement_selectors.due_soon(user=request.user),
            "undelivered": undelivered_count(now=now)
            if policy.can_anywhere(user=request.user, action=policy.Action.ADMINISTER)
            else 0,
            "current_status": arguments["status"],
            "status_tabs": [
                (value, label, counts.get(value, 0))
                for value, label in filters.fields["status"].choices
            ],
            "now": now,
        },
    )
    record_list(
        request,
        feedback=[alert.feedback for alert in critical_alerts] + list(page.object_list),
        purpose=_("Search: %(terms)s") % {"terms": arguments["query"]}
        if arguments.get("query")
        else "",
    )
    return response
