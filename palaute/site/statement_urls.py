from django.urls import path

from palaute.statements.models import Statement

from . import statement_views

urlpatterns = [
    path(
        "privacy/",
        statement_views.statement,
        {"kind": Statement.Kind.PRIVACY},
        name="privacy",
    ),
    path(
        "accessibility/",
        statement_views.statement,
        {"kind": Statement.Kind.ACCESSIBILITY},
        name="accessibility",
    ),
]
