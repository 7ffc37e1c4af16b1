"""Availability policies: Oscar's, and one for goods the marketplace no longer sells."""

from django.utils.translation import gettext as _
from oscar.apps.partner.availability import *  # noqa: F403
from oscar.apps.partner.availability import Unavailable


class NotSold(Unavailable):
    """The product is hidden, its shop is closed or its codes were revoked: nobody may buy it.

    Every door that asks the strategy (product page, basket add and merge, basket, checkout)
    gives the shopper this same message.
    """

    code = "notsold"

    def __init__(self, product):
        self.title = product.get_title()

    @property
    def message(self) -> str:
        return _("“%(title)s” is no longer sold.") % {"title": self.title}

    short_message = message

    def is_purchase_permitted(self, quantity):
        return False, self.message
