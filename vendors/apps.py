"""App config of the sellers app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellersConfig(AppConfig):
    name = "vendors"
    # The package and the label are both `vendors`: the tables and migrations were made under it.
    label = "vendors"
    verbose_name = _("Sellers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from marketplace.images import limit_pillow
        from marketplace.text import sqlite_fold_register

        from . import visit_shops

        limit_pillow()
        # The activation queue's search folds names in the database; SQLite needs fold() lent to it.
        connection_created.connect(sqlite_fold_register, dispatch_uid="marketplace-sqlite-fold")
        # A shop's visitors are counted on its page and its products' pages.
        visit_shops.register()
