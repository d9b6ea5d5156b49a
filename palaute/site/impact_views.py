"""The public page "Näin palautteesi vaikutti" ("How your feedback was used", C6): the done
development actions that their units chose to make public.

Only the action's public fields are shown: its title, public description, unit and month
of completion, and how many feedback it came from as a bare count. Nothing tells who gave
the feedback or who worked on the action.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from palaute.improvements import selectors
from palaute.organizations.models import Organization

PAGE_SIZE = 20
LATEST = 10


def impact(request: HttpRequest) -> HttpResponse:
    """The organisations with public actions, and the newest actions of them all."""
    return render(
        request,
        "site/impact.html",
        {
            "organizations": selectors.public_organizations(),
            "latest": selectors.public_actions()[:LATEST],
        },
    )


def impact_organization(request: HttpRequest, code: str) -> HttpResponse:
    """The public actions of one organisation and every unit below it."""
    organization = get_object_or_404(Organization, code=code, is_active=True)
    actions = selectors.public_actions(organization=organization)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "site/impact_organization.html",
        {"organization": organization, "page_obj": page},
    )
