"""The public page "How your feedback was used". Included into the site's namespace:
``site:impact`` and ``site:impact-organization``."""

from django.urls import path

from . import impact_views

urlpatterns = [
    path("impact/", impact_views.impact, name="impact"),
    path("impact/<slug:code>/", impact_views.impact_organization, name="impact-organization"),
]
