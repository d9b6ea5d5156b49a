from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from palaute.addresses import client_address
from palaute.organizations.admin import TREE_MOVE_FIELDS
from palaute.privacy.access_log import log_access
from palaute.privacy.models import AccessLog

from .models import Answer, Event, Feedback, Intake, Topic
from .services import refresh_publication_below


@admin.register(Topic)
class TopicAdmin(TreeAdmin):
    form = movenodeform_factory(Topic)
    list_display = ["name_fi", "service_code", "organization", "state", "location_mode"]
    list_filter = ["state", "location_mode", "publication_policy"]
    search_fields = ["name_fi", "name_sv", "name_en", "service_code"]
    autocomplete_fields = ["organization"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"publication_policy", "organization", *TREE_MOVE_FIELDS} & set(
            form.changed_data
        ):
            refresh_publication_below(topic=obj, actor=request.user)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = Event
    fields = ["created_at", "kind", "actor", "from_value", "to_value", "note"]


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["created_at", "organization", "author", "text", "removed_at"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only audit view; handling happens in the back office. Never deleted (S6)."""

    list_display = [
        "reference",
        "public_title",
        "topic",
        "organization",
        "status",
        "publication_state",
        "received_at",
    ]
    list_filter = ["status", "publication_state", "channel", "kind"]
    search_fields = ["reference", "public_title"]
    date_hierarchy = "received_at"
    list_select_related = ["topic", "organization"]
    exclude = ["tracking_token_hash"]
    inlines = [AnswerInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The page shows the original title, text and place: each look is logged."""
        response = super().change_view(request, object_id, form_url, extra_context)
        feedback = self.get_object(request, unquote(object_id))
        if response.status_code == 200 and feedback is not None:
            log_access(
                user=request.user,
                kind=AccessLog.Kind.ORIGINAL,
                feedback=feedback,
                client_address=client_address(request),
                purpose=_("Technical administration"),
            )
        return response


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    """Read-only: submissions accepted and being recorded, recorded, or failed. A failed
    one keeps its title and text here for staff; contact details stay encrypted."""

    list_display = ["public_id", "channel", "topic", "state", "received_at", "attempts", "feedback"]
    list_filter = ["state", "channel"]
    search_fields = ["public_id", "feedback__reference"]
    date_hierarchy = "received_at"
    list_select_related = ["topic", "feedback"]
    fields = [
        "public_id",
        "channel",
        "topic",
        "state",
        "received_at",
        "recorded_at",
        "feedback",
        "attempts",
        "last_error",
        "sent_text",
        "personal_data_erased_at",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("Title and text"))
    def sent_text(self, obj: Intake) -> str:
        payload = obj.payload or {}
        return "\n\n".join(part for part in (payload.get("title"), payload.get("text")) if part)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
