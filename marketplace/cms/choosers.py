"""Choosers in the CMS for the marketplace's own models: products and shops.

A seller editing their shop's story chooses among their own shop's products only; staff choose
among every product on sale.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from vendors import selectors


def _own_products(request, products):
    if request.user.is_staff:
        return products
    seller = selectors.active_seller_of(request.user)
    return products.filter(stockrecords__partner_id=seller.partner_id) if seller else products.none()


def _choosable_products(request):
    return _own_products(request, selectors.sellable_products())


class ProductChooseMixin:
    def get_object_list(self):
        return _choosable_products(self.request).order_by("title")

    @property
    def columns(self):
        return [self.title_column, Column("upc", label=_("Barcode"))]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChosenView(ChosenView):
    # Asked for by id, as the chooser's list offers them: another shop's or a hidden product is
    # missing here too, so its title is never spelt out.
    def get_object(self, pk):
        return _choosable_products(self.request).get(pk=pk)


class ProductChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return _choosable_products(self.request).filter(pk__in=pks)


class ShopChosenView(ChosenView):
    def get_object(self, pk):
        return selectors.open_sellers().get(pk=pk)


class ShopChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return selectors.open_sellers().filter(pk__in=pks)


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView
    chosen_multiple_view_class = ProductChosenMultipleView


class ShopChooserViewSet(ChooserViewSet):
    model = "vendors.Seller"
    icon = "home"
    choose_one_text = _("Choose a shop")
    choose_another_text = _("Choose another shop")
    chosen_view_class = ShopChosenView
    chosen_multiple_view_class = ShopChosenMultipleView

    def get_object_list(self):
        return selectors.open_sellers().order_by("shop_name")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
shop_chooser_viewset = ShopChooserViewSet("shop_chooser")
