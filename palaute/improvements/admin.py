"""Read-only views of meetings and actions for the technical administrator; the work itself
happens in the back office, through the services, so that every change leaves an event."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ActionEvent, DevelopmentAction, MeetingItem, UnitMeeting


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MeetingItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = MeetingItem
    extra = 0
    fields = ["order", "feedback_reference", "decision", "decided_at", "decided_by"]
    readonly_fields = ["feedback_reference"]

    @admin.display(description=_("feedback"))
    def feedback_reference(self, item: MeetingItem) -> str:
        """The reference alone: a feedback's name holds its original title, which is shown
        only where each look is logged."""
        return item.feedback.reference


class ActionEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ActionEvent
    extra = 0
    fields = ["created_at", "kind", "actor", "from_value", "to_value", "note"]


@admin.register(UnitMeeting)
class UnitMeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organization", "held_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "organization__name_fi"]
    date_hierarchy = "held_on"
    list_select_related = ["organization"]
    inlines = [MeetingItemInline]


@admin.register(DevelopmentAction)
class DevelopmentActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organization", "owner", "status", "due_on", "completed_on"]
    exclude = ["feedback"]
    readonly_fields = ["linked_feedback"]
    list_filter = ["status", "measure", "is_public"]
    search_fields = ["title", "organization__name_fi"]
    list_select_related = ["organization", "owner"]
    inlines = [ActionEventInline]

    @admin.display(description=_("feedback"))
    def linked_feedback(self, action: DevelopmentAction) -> str:
        """References only, for the same reason as on the meetings' agenda items."""
        return ", ".join(action.feedback.values_list("reference", flat=True))
