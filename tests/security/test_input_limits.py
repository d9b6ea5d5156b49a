"""Size limits on every input: text fields of forms, the request body, uploads."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import palaute

TEXT_FIELDS = (forms.CharField,)


def form_classes():
    """Every form class defined in the project's modules."""
    found = set()
    for module_info in pkgutil.walk_packages(palaute.__path__, "palaute."):
        if "migrations" in module_info.name or module_info.name.endswith(("wsgi", "asgi", "cli")):
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and value.__module__.startswith("palaute.")
            ):
                found.add(value)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def fields_of(cls) -> dict:
    """The fields of a form as made without arguments (so those added in __init__ count
    too), or its declared fields when it needs arguments."""
    try:
        return cls().fields
    except Exception:  # a form that needs arguments: its declared fields
        return cls.base_fields


@pytest.mark.django_db
def test_every_text_field_of_every_form_has_a_maximum_length(topics):
    classes = form_classes()
    assert len(classes) > 20
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in fields_of(cls).items()
        if isinstance(field, TEXT_FIELDS) and field.max_length is None
    ]
    assert unbounded == []
