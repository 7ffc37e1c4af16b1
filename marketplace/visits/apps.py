"""App config of the visit counters."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "marketplace.visits"
    label = "visits"
    verbose_name = _("Visits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Oscar's analytics would add to a product's row on every view and a row per search: no
        # write on a read. Views and searches are counted in the cache (`counters`) instead.
        from oscar.apps.analytics import receivers
        from oscar.apps.catalogue.signals import product_viewed
        from oscar.apps.search.signals import user_search

        product_viewed.disconnect(receivers.receive_product_view)
        user_search.disconnect(receivers.receive_product_search)
