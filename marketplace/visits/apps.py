"""App config of the visit counters."""

import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class VisitsConfig(AppConfig):
    name = "marketplace.visits"
    label = "visits"
    verbose_name = _("Visits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Oscar's analytics would add to a product's row on every view and a row per search: no
        # write on a read. Views and searches are counted in the cache (`counters`) instead.
        from oscar.apps.analytics import receivers
        from oscar.apps.basket.signals import basket_addition
        from oscar.apps.catalogue.signals import product_viewed
        from oscar.apps.search.signals import user_search

        from . import counters
        from .models import DailyCount

        product_viewed.disconnect(receivers.receive_product_view)
        user_search.disconnect(receivers.receive_product_search)

        def count_basket_addition(sender, product, **kwargs):
            # What a shop's figures call "added to basket"; a count, not a row per addition.
            try:
                counters.add(DailyCount.Kind.BASKET_ADDS, str(product.pk))
            except Exception:  # the shopper's basket matters more than its count
                logger.warning("A basket addition could not be counted", exc_info=True)

        basket_addition.connect(count_basket_addition, dispatch_uid="visits-basket-addition", weak=False)
