"""The privacy and accessibility statements, in the page's language or in Finnish."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from palaute.statements import selectors
from palaute.statements.rendering import render as render_markdown
from palaute.translation import current_language


def statement(request: HttpRequest, kind: str) -> HttpResponse:
    shown = selectors.get_statement(kind=kind)
    return render(
        request,
        "site/statement.html",
        {"statement": shown, "text": shown.text_in(current_language())},
    )


def kiosk_statements(languages: tuple[str, ...]) -> list[dict]:
    """Both statements in every language of the kiosk, as dialogs inside its page: the
    tablet can show them offline and never leaves the kiosk (links become plain text)."""
    dialogs = []
    statements = selectors.all_statements()
    for language in languages:
        with translation.override(language):
            close = _("Close")
            for shown in statements:
                text = shown.text_in(language)
                dialogs.append(
                    {
                        "id": f"kiosk-{shown.kind}-{language}",
                        "language": language,
                        "text": text,
                        "html": render_markdown(text.body, shift=1, links=False),
                        "close": close,
                    }
                )
    return dialogs
