"""App config of the purchases app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasesConfig(AppConfig):
    name = "marketplace.purchases"
    label = "purchases"
    verbose_name = _("Purchases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 -- follows the sellers' signals (vendors/signals.py)
