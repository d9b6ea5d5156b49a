from django.utils.functional import SimpleLazyObject

from palaute.organizations import policy
from palaute.surveys import selectors as survey_selectors

REPORT_URL_NAMES = frozenset(
    {
        "report",
        "report-pdf",
        "dashboard",
        "exports",
        "summaries",
        "summary",
        "summary-generate",
    }
)


def staff(request):
    """Which parts of the back office the user may open, worked out only when a page asks."""

    def menu() -> dict:
        user = request.user
        return {
            "queue": policy.can_anywhere(user=user, action=policy.Action.VIEW),
            "templates": policy.can_anywhere(user=user, action=policy.Action.MANAGE_TEMPLATES),
            "access_log": policy.can_anywhere(user=user, action=policy.Action.AUDIT_ACCESS),
            "administer": policy.can_anywhere(user=user, action=policy.Action.ADMINISTER),
            "statements": policy.can_edit_statements(user=user),
            "meetings": policy.can_anywhere(user=user, action=policy.Action.LEAD),
            "actions": policy.can_anywhere(user=user, action=policy.Action.VIEW),
            "reports": policy.can_anywhere(user=user, action=policy.Action.VIEW),
            "subject_rights": policy.can_anywhere(user=user, action=policy.Action.SUBJECT_RIGHTS),
            "surveys": policy.can_anywhere(user=user, action=policy.Action.ADMINISTER)
            or survey_selectors.manageable_points(user=user).exists(),
        }

    return {"staff_menu": SimpleLazyObject(menu), "reports_url_names": REPORT_URL_NAMES}
