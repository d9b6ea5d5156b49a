"""Template helpers: accessible form fields, finding highlights."""

from __future__ import annotations

from django import forms, template
from django.forms import BoundField

from palaute.feedback.models import Event, Feedback

register = template.Library()


@register.inclusion_tag("site/includes/field.html")
def field(bound: BoundField, **options) -> dict:
    """A field with its label, help and errors tied to the input for screen readers."""
    widget = bound.field.widget
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}_help")
    if bound.errors:
        described.append(f"{bound.auto_id}_error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound.errors:
        attrs["aria-invalid"] = "true"
    is_choice_list = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return {
        "field": bound,
        "widget_html": bound.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
        "is_choice_list": is_choice_list,
        "described_by": " ".join(described),
        "optional": not bound.field.required and not isinstance(widget, forms.CheckboxInput),
        **options,
    }


@register.filter
def mask_email(value: str) -> str:
    """m***@example.fi: enough for the sender to recognise, little for anyone else."""
    local, _sep, domain = (value or "").partition("@")
    if not domain:
        return ""
    return f"{local[:1]}***@{domain}"


@register.simple_tag
def event_label(event) -> str:
    """A sentence for the sender's history of their feedback."""
    if event.kind == Event.Kind.STATUS and event.to_value in Feedback.Status.values:
        return Feedback.Status(event.to_value).label
    return Event.Kind(event.kind).label


@register.filter
def getitem(form, name: str):
    """form|getitem:"field_name" – a bound field by a name known only at run time."""
    return form[name]
