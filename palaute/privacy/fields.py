"""Model fields whose values the database holds only encrypted (see crypto.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import ExpressionWrapper, F, Value

from . import crypto


class EncryptedLookupError(FieldError):
    """The database holds only ciphertext, so it cannot compare or search the value."""


def _refuse(field: models.Field, name: str):
    raise EncryptedLookupError(
        f"{field.model.__name__}.{field.name} is encrypted: the lookup “{name}” cannot work "
        "on it (only isnull can). Search by its blind index (a *_digest field) instead."
    )


class EncryptedTextField(models.TextField):
    """Text stored encrypted and given back in plain; an empty value stays empty."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        _refuse(self, lookup_name)

    def get_transform(self, lookup_name):
        _refuse(self, lookup_name)


class EncryptedJSONField(EncryptedTextField):
    """A JSON object stored encrypted; an empty object is stored as an empty string."""

    description = "JSON encrypted at rest"

    def get_prep_value(self, value):
        if value is None:
            return None
        if not value:
            return ""
        return crypto.encrypt(
            json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        )

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        if value == "":
            return {}
        return json.loads(crypto.decrypt(value))

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value) if value else {}
        return value

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder)


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)
    ]


def raw_rows(
    queryset: models.QuerySet, names: list[str], *, batch: int = 500
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    """The stored (encrypted or, before encryption, plain) values of the fields, in batches
    of rows by primary key: [(pk, {name: raw value})]."""
    raw = {
        f"raw_{name}": ExpressionWrapper(F(name), output_field=models.TextField()) for name in names
    }
    last = None
    while True:
        rows = queryset.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        chunk = list(rows.annotate(**raw).values_list("pk", *raw)[:batch])
        if not chunk:
            return
        last = chunk[-1][0]
        yield [(row[0], dict(zip(names, row[1:], strict=True))) for row in chunk]


def write_raw(
    model: type[models.Model],
    pk: int,
    values: dict[str, str],
    *,
    expected: dict[str, str] | None = None,
) -> bool:
    """Store values as they are, past the fields' own encryption; with ``expected``, only
    while the stored values are still those (a row changed meanwhile is left alone)."""
    rows = model._base_manager.filter(pk=pk)
    if expected:
        rows = rows.annotate(
            **{
                f"raw_{name}": ExpressionWrapper(F(name), output_field=models.TextField())
                for name in expected
            }
        ).filter(**{f"raw_{name}": value for name, value in expected.items()})
    return bool(
        rows.update(
            **{
                name: Value(value, output_field=models.TextField())
                for name, value in values.items()
            }
        )
    )
