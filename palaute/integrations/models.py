"""API keys of the applications that send feedback through the Open311 API."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palaute.organizations.models import Organization


class ApiKey(models.Model):
    """A key is shown once when made; only its hash is kept."""

    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("beginning of the key"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_keys",
        verbose_name=_("owner organisation"),
    )
    rate_limit = models.PositiveIntegerField(
        _("requests per hour"),
        default=600,
        help_text=_("Requests made with the key beyond this in an hour are refused."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def get_absolute_url(self) -> str:
        return reverse("backoffice:admin-api-key", kwargs={"pk": self.pk})


class ApiKeyRequest(models.Model):
    """One request made with a key: for the key's owner and for abuse checks."""

    key = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="requests", verbose_name=_("API key")
    )
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=200)
    status_code = models.PositiveSmallIntegerField(_("status"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status_code}"


class RequestToken(models.Model):
    """Given instead of a request id when a request is not public at once (held for review,
    or never public); tokens/{token} tells the id once the request is public."""

    token = models.CharField(_("token"), max_length=40, unique=True)
    feedback = models.OneToOneField(
        "feedback.Feedback",
        on_delete=models.CASCADE,
        related_name="open311_token",
        verbose_name=_("feedback"),
    )
    key = models.ForeignKey(
        ApiKey, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("API key")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("request token")
        verbose_name_plural = _("request tokens")

    def __str__(self) -> str:
        return self.token
