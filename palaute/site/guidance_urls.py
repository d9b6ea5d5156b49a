"""The live route-advice check, mounted in the public site's addresses (names in the
"site" namespace)."""

from django.urls import path

from . import guidance_views

urlpatterns = [
    path("route-advice/", guidance_views.route_advice_view, name="route-advice"),
]
