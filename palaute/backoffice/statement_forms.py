"""The administrator's form for the privacy and accessibility statements."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.statements.models import LANGUAGES, TEXT_FIELDS, Statement
from palaute.statements.rendering import placeholders, render

MAX_BODY = 50_000
LANGUAGE_NAMES = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
TITLE_LABELS = {
    "fi": _("Title in Finnish"),
    "sv": _("Title in Swedish"),
    "en": _("Title in English"),
}
BODY_LABELS = {
    "fi": _("Text in Finnish"),
    "sv": _("Text in Swedish"),
    "en": _("Text in English"),
}
BODY_HELP = _(
    "Markdown: “## Heading”, “- list item”, *emphasis*, **bold**, [link text](https://address). "
    "Any other markup is removed. Parts in square brackets such as [TÄYDENNÄ: …] are still "
    "to be completed."
)

HALF_TRANSLATED = {
    "sv": _(
        "Give both the Swedish title and the Swedish text, or leave both empty "
        "(the Finnish version is then shown)."
    ),
    "en": _(
        "Give both the English title and the English text, or leave both empty "
        "(the Finnish version is then shown)."
    ),
}


class _Text(forms.CharField):
    """Text with the line ends browsers send (CRLF) made plain, so an unchanged text
    compares equal to the saved one."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class StatementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, statement: Statement, **kwargs):
        kwargs.setdefault(
            "initial",
            {"version": statement.version}
            | {name: getattr(statement, name) for name in TEXT_FIELDS},
        )
        super().__init__(*args, **kwargs)
        self.statement = statement
        self.groups: list[tuple[str, str, list[str]]] = []
        for language in LANGUAGES:
            required = language == "fi"
            self.fields[f"title_{language}"] = _Text(
                label=TITLE_LABELS[language],
                max_length=200,
                required=required,
                widget=forms.TextInput(attrs={"lang": language}),
            )
            self.fields[f"body_{language}"] = _Text(
                label=BODY_LABELS[language],
                max_length=MAX_BODY,
                required=required,
                help_text=BODY_HELP,
                widget=forms.Textarea(attrs={"rows": 18, "lang": language}),
            )
            self.groups.append(
                (language, LANGUAGE_NAMES[language], [f"title_{language}", f"body_{language}"])
            )

    def clean(self):
        cleaned = super().clean()
        for language in LANGUAGES[1:]:
            title, body = (f"title_{language}", f"body_{language}")
            if title in self.errors or body in self.errors:
                continue
            if bool(cleaned.get(title)) != bool(cleaned.get(body)):
                empty = body if cleaned.get(title) else title
                self.add_error(
                    empty, forms.ValidationError(HALF_TRANSLATED[language], code="half_translated")
                )
        return cleaned

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}

    def preview(self) -> list[dict]:
        """The language versions with a text, as the public page shows them, with the parts
        still to complete highlighted."""
        return [
            {
                "language": language,
                "name": LANGUAGE_NAMES[language],
                "title": self.cleaned_data[f"title_{language}"],
                # Under the preview's heading and the title: sections are level 4.
                "html": render(
                    self.cleaned_data[f"body_{language}"], shift=2, mark_placeholders=True
                ),
            }
            for language in LANGUAGES
            if self.cleaned_data[f"body_{language}"]
        ]


def missing_parts(values: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Per language, the marked parts still to complete in the title and the text."""
    found = []
    for language in LANGUAGES:
        parts = placeholders(
            f"{values.get(f'title_{language}', '')}\n{values.get(f'body_{language}', '')}"
        )
        if parts:
            found.append((str(LANGUAGE_NAMES[language]), parts))
    return found
