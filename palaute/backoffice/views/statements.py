"""The privacy and accessibility statements: list, edit with a preview, and history. The
texts speak for the whole installation, so only the policy's statement editors open these."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from palaute.organizations import policy
from palaute.statements import selectors, services
from palaute.statements.models import TEXT_FIELDS, Statement

from ..statement_forms import BODY_LABELS, TITLE_LABELS, StatementForm, missing_parts
from .common import staff_required

FIELD_LABELS = {f"title_{code}": label for code, label in TITLE_LABELS.items()} | {
    f"body_{code}": label for code, label in BODY_LABELS.items()
}


def _require_editor(request: HttpRequest) -> None:
    if not policy.can_edit_statements(user=request.user):
        raise PermissionDenied


def _values(statement: Statement) -> dict[str, str]:
    return {name: getattr(statement, name) for name in TEXT_FIELDS}


@staff_required
def statement_list(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    rows = [
        {"statement": statement, "missing": missing_parts(_values(statement))}
        for statement in selectors.all_statements()
    ]
    return render(request, "backoffice/admin/statements.html", {"rows": rows})


def _history(kind: str) -> list[dict]:
    return [
        {
            "event": event,
            "changes": [
                {
                    "label": FIELD_LABELS.get(name, name),
                    "old": event.data.get("old", {}).get(name, ""),
                }
                for name in event.data.get("fields", [])
            ],
        }
        for event in selectors.history(kind=kind)
    ]


@staff_required
def statement_edit(request: HttpRequest, kind: str) -> HttpResponse:
    _require_editor(request)
    if kind not in Statement.Kind.values:
        raise Http404
    statement = selectors.get_statement(kind=kind)
    form = StatementForm(request.POST or None, statement=statement)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.preview()
        else:
            try:
                saved, changed = services.update_statement(
                    kind=kind,
                    values=form.texts(),
                    version=form.cleaned_data["version"],
                    actor=request.user,
                )
            except services.StaleStatement as error:
                # Keep the editor's text; the next save knowingly replaces the newer one.
                statement = selectors.get_statement(kind=kind)
                data = request.POST.copy()
                data["version"] = str(statement.version)
                form = StatementForm(data, statement=statement)
                form.is_valid()
                form.add_error(None, error)
            else:
                if changed:
                    messages.success(
                        request, pgettext("legal document", "The statement was saved.")
                    )
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(saved.get_staff_url())
    values = (
        {name: form.data.get(name, "") for name in TEXT_FIELDS}
        if form.is_bound
        else _values(statement)
    )
    return render(
        request,
        "backoffice/admin/statement_form.html",
        {
            "statement": statement,
            "form": form,
            "preview": preview,
            "missing": missing_parts(values),
            "history": _history(kind),
        },
        status=400 if form.errors else 200,
    )
