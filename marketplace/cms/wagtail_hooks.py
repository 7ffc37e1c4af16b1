"""CMS hooks: the product and shop choosers, and what sellers may do in the CMS."""

from wagtail import hooks

from .choosers import product_chooser_viewset, shop_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_shop_chooser():
    return shop_chooser_viewset
