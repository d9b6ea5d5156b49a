"""Back-office addresses of unit meetings and development actions (C5)."""

from django.urls import path  # noqa: F401 - filled in by the improvements pages

urlpatterns: list = []
