"""The privacy and accessibility statements, included into the back office's namespace."""

from django.urls import path

from .views import statements

urlpatterns = [
    path("admin/statements/", statements.statement_list, name="admin-statements"),
    path("admin/statements/<slug:kind>/", statements.statement_edit, name="admin-statement"),
]
