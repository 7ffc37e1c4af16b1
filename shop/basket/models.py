"""The basket's models: Oscar's, with lines fetched together with what each line shows, and goods
the marketplace no longer sells kept out of a merged basket."""

from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine
from oscar.core.loading import get_class

from vendors import selectors

NotSold = get_class("partner.availability", "NotSold")


class Basket(AbstractBasket):
    class Meta(AbstractBasket.Meta):
        app_label = "basket"

    def all_lines(self):
        # Oscar's lines leave each product's class and stock records to one query per line; the
        # basket page and the pricing strategy read both, so fetch them with the lines. Lines come
        # grouped by shop, as the basket page and the checkout show them.
        if self.id is not None and self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product__product_class", "product__parent", "stockrecord__partner__seller"
                )
                .prefetch_related("attributes", "product__images", "product__stockrecords")
                .order_by("stockrecord__partner_id", self._meta.pk.name)
            )
            # The strategy asks whether each line's product is still sold: answer for all at once.
            selectors.mark_sellable(line.product for line in self._lines)
        return super().all_lines()

    def merge_line(self, line, add_quantities=True):
        # A basket filled before signing in may hold goods that are no longer sold (a shop
        # suspended meanwhile): they are not carried over, and the shopper is told why.
        if not selectors.is_sellable(line.product):
            self.merge_refusals = [*getattr(self, "merge_refusals", []), NotSold(line.product).message]
            line.delete()
            self._lines = None
            return
        super().merge_line(line, add_quantities)

    merge_line.alters_data = True


class Line(AbstractLine):
    class Meta(AbstractLine.Meta):
        app_label = "basket"

    def get_warning(self):
        # Goods no longer sold get the strategy's own words, as on every other door.
        availability = self.purchase_info.availability
        if getattr(availability, "code", "") == "notsold":
            return availability.message
        return super().get_warning()


from oscar.apps.basket.models import *  # noqa: E402, F403 -- Oscar's remaining models
