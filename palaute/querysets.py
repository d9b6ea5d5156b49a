"""Reading large query results without holding them: keyset pagination."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet


def keyset_chunks(
    queryset: QuerySet, *, field: str, descending: bool = False, size: int = 1000
) -> Iterator[list]:
    """The rows ordered by ``field`` and the primary key, a chunk of ``size`` at a time:
    each chunk is read after the last row of the one before, so neither the whole result
    nor an open cursor is held while the rows are written out (exports)."""
    sign, after = ("-", "lt") if descending else ("", "gt")
    queryset = queryset.order_by(f"{sign}{field}", f"{sign}pk")
    last = None
    while True:
        page = queryset
        if last is not None:
            value = getattr(last, field)
            page = page.filter(
                Q(**{f"{field}__{after}": value}) | Q(**{field: value, f"pk__{after}": last.pk})
            )
        rows = list(page[:size])
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1]
