from django.utils.functional import SimpleLazyObject

from palaute.organizations import policy


def staff(request):
    """Which parts of the back office the user may open, worked out only when a page asks."""

    def menu() -> dict:
        user = request.user
        return {
            "templates": policy.can_anywhere(user=user, action=policy.Action.MANAGE_TEMPLATES),
            "administer": policy.can_anywhere(user=user, action=policy.Action.ADMINISTER),
        }

    return {"staff_menu": SimpleLazyObject(menu)}
