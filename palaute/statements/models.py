"""The statements the law asks the service to publish: the privacy statement (GDPR
articles 13 and 14) and the accessibility statement (act 306/2019), one of each for the
whole installation, in Finnish, Swedish and English, written in Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .rendering import render

LANGUAGES = ("fi", "sv", "en")
TEXT_FIELDS = tuple(f"{part}_{language}" for language in LANGUAGES for part in ("title", "body"))


@dataclass(frozen=True)
class StatementText:
    """One language version of a statement: the language it is really in (Finnish when
    the asked one is empty), so that the page can mark the text with the right lang."""

    language: str
    title: str
    body: str

    @property
    def html(self) -> SafeString:
        return render(self.body)


class Statement(models.Model):
    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy statement")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_fi = models.TextField(_("text in Finnish"))
    body_sv = models.TextField(_("text in Swedish"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Grows by one with every saved change.")
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = pgettext_lazy("legal document", "statement")
        verbose_name_plural = pgettext_lazy("legal document", "statements")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return reverse(f"site:{self.kind}")

    def get_staff_url(self) -> str:
        return reverse("backoffice:admin-statement", kwargs={"kind": self.kind})

    def text_in(self, language: str) -> StatementText:
        """The version in the language, or the Finnish one when that language has no text."""
        if language not in LANGUAGES or not getattr(self, f"body_{language}").strip():
            language = settings.LANGUAGE_CODE
        title = getattr(self, f"title_{language}") or str(self.get_kind_display())
        return StatementText(language=language, title=title, body=getattr(self, f"body_{language}"))
