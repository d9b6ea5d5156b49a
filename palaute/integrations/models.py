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
        indexes = [models.Index(fields=["key", "created_at"], name="api_request_key_time")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status_code}"
