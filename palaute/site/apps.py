from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "palaute.site"
    label = "public_site"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from . import invalidation

        invalidation.connect()
