from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "palaute.statements"
    verbose_name = _("Privacy and accessibility statements")
