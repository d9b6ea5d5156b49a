"""Template helpers of the back office."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from palaute.feedback.deadlines import due_state
from palaute.privacy.checks import FindingKind

register = template.Library()


@register.filter
def highlight(text: str, findings) -> str:
    """The text with each finding of the sensitive-data check marked for the moderator."""
    text = text or ""
    spans = sorted(
        (f["start"], f["end"], f["kind"]) if isinstance(f, dict) else (f.start, f.end, f.kind)
        for f in findings or []
    )
    parts, position = [], 0
    for start, end, kind in spans:
        if start < position or end > len(text):
            continue
        parts.append(conditional_escape(text[position:start]))
        parts.append(
            format_html(
                '<mark class="finding" title="{label}">'
                '<span class="visually-hidden">{label}: </span>{value}</mark>',
                label=FindingKind(kind).label,
                value=text[start:end],
            )
        )
        position = end
    parts.append(conditional_escape(text[position:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


@register.inclusion_tag("backoffice/includes/due.html")
def due_badge(feedback) -> dict:
    state = due_state(feedback.due_at, timezone.now())
    labels = {"overdue": _("Overdue"), "today": _("Due today"), "upcoming": _("Due"), "none": ""}
    return {"state": state, "label": labels[state], "due_at": feedback.due_at}


@register.simple_tag
def finding_text(feedback, finding) -> str:
    """The text a finding of the public texts covers."""
    return getattr(feedback, finding.field, "")[finding.start : finding.end]


@register.filter
def template_text(template, language: str) -> str:
    return template.text_in(language)


@register.filter
def get_item(mapping, key):
    """A value of a dictionary by a key that is not a plain name (an id)."""
    return (mapping or {}).get(key)
