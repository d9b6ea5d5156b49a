"""The organisation tree, staff users and their roles in the tree."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from palaute.translation import Localized


class PublicationPolicy(models.TextChoices):
    INHERIT = "inherit", _("As the level above")
    ALLOWED = "allowed", _("May be published")
    NEVER = "never", _("Never published")


class ModerationMode(models.TextChoices):
    INHERIT = "inherit", _("As the level above")
    POST = "post", _("Post-moderation: published at once, checked afterwards")
    PRE = "pre", _("Pre-moderation: published only after a handler's release")


class Organization(MP_Node):
    """A node of an organisation's tree: the city or county, its areas and units."""

    class Kind(models.TextChoices):
        ROOT = "root", _("Organisation")
        SERVICE_AREA = "service_area", _("Service area")
        DOMAIN = "domain", _("Domain")
        RESPONSIBILITY_UNIT = "responsibility_unit", _("Responsibility unit")
        SERVICE_UNIT = "service_unit", _("Service unit")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    publication_policy = models.CharField(
        _("publication policy"),
        max_length=16,
        choices=PublicationPolicy.choices,
        default=PublicationPolicy.INHERIT,
        help_text=_("Whether feedback routed here may ever be public. Inherited down the tree."),
    )
    moderation_mode = models.CharField(
        _("moderation"),
        max_length=16,
        choices=ModerationMode.choices,
        default=ModerationMode.INHERIT,
    )
    email = models.EmailField(_("contact email"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("retention of personal data (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Contact details, attachments and the original text of feedback are deleted this "
            "many months after the feedback is closed; statistics and the public text stay. "
            "Left empty, the level above applies, and at the top 24 months."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["name_fi"]

    name = Localized("name")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Residents do not have accounts."""

    class Notify(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one email for each new feedback")
        DIGEST = "digest", _("Once a day, a summary")
        NONE = "none", _("No email about new feedback")

    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
        default="fi",
    )
    notify_new = models.CharField(
        _("new feedback in my queue"),
        max_length=16,
        choices=Notify.choices,
        default=Notify.IMMEDIATE,
    )
    last_digest_at = models.DateTimeField(_("last summary sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A role a user holds at an organisation node; it covers the node's whole subtree."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Unit staff")
        HANDLER = "handler", _("Feedback handler")
        SUPERVISOR = "supervisor", _("Supervisor")
        DIRECTOR = "director", _("Service-area director")
        ADMIN = "admin", _("Customer-relationship manager / administrator")
        PRIVACY_OFFICER = "privacy_officer", _("Data-protection officer")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class AuditEvent(models.Model):
    """A change made in the back office's administration: who changed what, and when."""

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("actor")
    )
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("target"), max_length=200)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"
