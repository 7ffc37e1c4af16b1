"""App config of the vendors app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Sellers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from marketplace.images import limit_pillow

        limit_pillow()
