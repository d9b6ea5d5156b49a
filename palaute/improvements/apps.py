from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementsConfig(AppConfig):
    name = "palaute.improvements"
    verbose_name = _("Unit meetings and development actions")
