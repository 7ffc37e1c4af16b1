"""The product list as a seller reads it: price and stock, units sold and whether it is on sale, in
place of Oscar's variants and stock-record counts (one query for the page, whatever its length)."""

from django.utils.translation import gettext_lazy as _
from django_tables2 import Column, TemplateColumn
from oscar.apps.dashboard.catalogue import tables


class ProductTable(tables.ProductTable):
    price_stock = TemplateColumn(
        verbose_name=_("Price and stock"),
        template_name="oscar/dashboard/catalogue/product_row_price_stock.html",
        orderable=False,
    )
    sold = Column(verbose_name=_("Sold"), accessor="units_sold", orderable=False)
    on_sale = TemplateColumn(
        verbose_name=_("On sale"),
        template_name="oscar/dashboard/catalogue/product_row_on_sale.html",
        order_by="is_public",
    )
    variants = None
    stock_records = None

    class Meta(tables.ProductTable.Meta):
        sequence = (
            "checkbox",
            "title",
            "image",
            "price_stock",
            "sold",
            "on_sale",
            "product_class",
            "actions",
        )
