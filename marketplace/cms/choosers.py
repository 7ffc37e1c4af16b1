"""Choosers in the CMS for the marketplace's own models: products and shops.

A seller editing their shop's story chooses among their own shop's products only; staff choose
among every product on sale.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


def _own_products(request, products):
    from vendors.models import Vendor

    if request.user.is_staff:
        return products
    vendor = Vendor.objects.filter(owner=request.user, status=Vendor.Status.ACTIVE).first()
    return products.filter(stockrecords__partner_id=vendor.partner_id) if vendor else products.none()


class ProductChooseMixin:
    def get_object_list(self):
        from vendors import selectors

        return _own_products(self.request, selectors.sellable_products().order_by("title"))

    @property
    def columns(self):
        return [self.title_column, Column("upc", label=_("Barcode"))]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView


class ShopChooserViewSet(ChooserViewSet):
    model = "vendors.Vendor"
    icon = "home"
    choose_one_text = _("Choose a shop")
    choose_another_text = _("Choose another shop")

    def get_object_list(self):
        from vendors import selectors

        return selectors.open_vendors().order_by("shop_name")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
shop_chooser_viewset = ShopChooserViewSet("shop_chooser")
