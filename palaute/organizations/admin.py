from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from palaute.feedback.services import refresh_publication_below

from .models import Membership, Organization, User

# Fields of treebeard's node form that move a node in the tree.
TREE_MOVE_FIELDS = ("treebeard_ref_node", "treebeard_position")


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name_fi", "code", "kind", "publication_policy", "moderation_mode", "is_active"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"publication_policy", "moderation_mode", *TREE_MOVE_FIELDS} & set(
            form.changed_data
        ):
            refresh_publication_below(organization=obj, actor=request.user)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(User)
class PalauteUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*UserAdmin.fieldsets, (None, {"fields": ["language"]}))
