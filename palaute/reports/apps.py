from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "palaute.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - marks changed days for the rollup
