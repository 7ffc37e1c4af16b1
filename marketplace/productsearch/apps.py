"""App config of the product search; connects the index to the changes it follows."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductSearchConfig(AppConfig):
    name = "marketplace.productsearch"
    label = "productsearch"
    verbose_name = _("Product search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 -- connects the freshness receivers
