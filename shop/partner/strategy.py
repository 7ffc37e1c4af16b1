"""The pricing and availability strategy: Oscar's default, refusing what the marketplace does not sell.

A product is sellable while it is public, sold by an activated shop and, under the "delist" rule,
relies on no revoked code (`vendors.selectors.sellable_products`). Listings fetch that answer with
their products (`with_card_data`, the basket's lines); anything else asks once per product.
"""

from oscar.apps.partner import strategy
from oscar.core.loading import get_class

from vendors import selectors

NotSold = get_class("partner.availability", "NotSold")


class SellableRequired(strategy.StockRequired):
    """Stock is required, and before stock, the product must be on sale at all."""

    def availability_policy(self, product, stockrecord):
        if not selectors.is_sellable(product):
            return NotSold(product)
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        if not selectors.is_sellable(product):
            return NotSold(product)
        for child, _stockrecord in children_stock:
            # A variant is judged by its parent, just answered.
            child.marketplace_sellable = True
        return super().parent_availability_policy(product, children_stock)


class Default(strategy.UseFirstStockRecord, SellableRequired, strategy.NoTax, strategy.Structured):
    """Prices in whole đồng with no tax shown apart, the first stock record, sellable goods only."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
