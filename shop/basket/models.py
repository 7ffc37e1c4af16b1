"""The basket's models: Oscar's, with lines fetched together with what each line shows."""

from oscar.apps.basket.abstract_models import AbstractBasket


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
                    "product__product_class", "product__parent", "stockrecord__partner__vendor"
                )
                .prefetch_related("attributes", "product__images", "product__stockrecords")
                .order_by("stockrecord__partner_id", self._meta.pk.name)
            )
        return super().all_lines()


from oscar.apps.basket.models import *  # noqa: E402, F403 -- Oscar's remaining models
