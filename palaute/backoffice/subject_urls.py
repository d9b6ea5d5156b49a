"""The data subject's rights, included into the back office's namespace."""

from django.urls import path

from .views import subject_rights

urlpatterns = [
    path("privacy/subject/", subject_rights.search, name="subject-search"),
    path("privacy/subject/export/", subject_rights.export, name="subject-export"),
    path("privacy/subject/erase/", subject_rights.erase, name="subject-erase"),
]
