"""/open311/v2/: every endpoint as .json and as .xml."""

from django.urls import path, re_path
from django.views.decorators.http import conditional_page

from palaute.pagecache import public_page

from . import views

app_name = "open311"


def both(route: str, view, name: str, *, conditional: bool = True):
    """The route with its two suffixes; public reads answer conditional GETs (ETag, 304)
    and are kept in the page cache."""
    callback = view.as_view()
    if conditional:
        callback = public_page(conditional_page(callback))
    return [
        path(f"{route}.{suffix}", callback, {"format": suffix}, name=name)
        for suffix in ("json", "xml")
    ]


urlpatterns = [
    *both("discovery", views.DiscoveryView, "discovery"),
    *both("services", views.ServiceListView, "services"),
    *both("services/<str:service_code>", views.ServiceDefinitionView, "service"),
    *both("requests", views.RequestListView, "requests"),
    *both("requests/<str:service_request_id>", views.RequestDetailView, "request"),
    *both("tokens/<str:token>", views.TokenView, "token", conditional=False),
    *both("servicerequestupdates", views.RequestUpdatesView, "updates"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not-found"),
]
