"""Unit meetings and development actions, included into the back office's namespace."""

from django.urls import path

from palaute.site.urls import ReferenceConverter  # noqa: F401 - registers <reference:…>

from .views import improvements

urlpatterns = [
    path("meetings/", improvements.meetings, name="meetings"),
    path("meetings/new/", improvements.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", improvements.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", improvements.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/held/", improvements.meeting_held, name="meeting-held"),
    path("meetings/<int:pk>/items/add/", improvements.meeting_items_add, name="meeting-items-add"),
    path(
        "meetings/<int:pk>/items/<int:item>/decision/",
        improvements.meeting_item_decision,
        name="meeting-item-decision",
    ),
    path(
        "meetings/<int:pk>/items/<int:item>/remove/",
        improvements.meeting_item_remove,
        name="meeting-item-remove",
    ),
    path("actions/", improvements.actions, name="actions"),
    path("actions/new/", improvements.action_create, name="action-create"),
    path("actions/<int:pk>/", improvements.action_detail, name="action"),
    path("actions/<int:pk>/edit/", improvements.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", improvements.action_status, name="action-status"),
    path("actions/<int:pk>/note/", improvements.action_note, name="action-note"),
    path("actions/<int:pk>/feedback/", improvements.action_link, name="action-link"),
    path(
        "actions/<int:pk>/feedback/<reference:reference>/unlink/",
        improvements.action_unlink,
        name="action-unlink",
    ),
    path("actions/<int:pk>/measure/", improvements.action_measure, name="action-measure"),
    path("actions/<int:pk>/assess/", improvements.action_assess, name="action-assess"),
]
