"""The public, read-only endpoints: products on sale, open shops, categories.

What a shopper may see is the site's one rule (`vendors.selectors`): a hidden, delisted or closed
shop's product is 404 here as on the storefront. Each list costs the same queries whatever its page
size: prices, stock and stars are read with the products, the page's shops in one query.
"""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model
from rest_framework import generics

from vendors import selectors, stock
from vendors.models import OcopRecognition, Seller

from .serializers import CategorySerializer, ProductSerializer, ShopSerializer

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")


def products_on_sale():
    """Sellable products with their price (whole đồng), units available and OCOP stars in force."""
    record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    stars = OcopRecognition.objects.active().filter(product=OuterRef("pk")).order_by("-stars")
    return selectors.sellable_products().annotate(
        price_vnd=Subquery(record.values("price")[:1]),
        units_available=Subquery(record.annotate(net=stock.AVAILABLE).values("net")[:1]),
        ocop_stars=Subquery(stars.values("stars")[:1]),
        seller_pk=Subquery(record.values("partner__seller__pk")[:1]),
    )


def _with_shops(products: list) -> list:
    """Each product given its shop (`shop_of`), the page's shops read in one query."""
    shops = Seller.objects.in_bulk({p.seller_pk for p in products})
    for product in products:
        product.shop_of = shops.get(product.seller_pk)
    return products


class ProductList(generics.ListAPIView):
    """Products on sale, newest first; `?shop=<slug>` for one shop's."""

    serializer_class = ProductSerializer

    def get_queryset(self):
        products = products_on_sale().order_by("-date_created", "-pk")
        shop = self.request.query_params.get("shop", "")[:128]
        if shop:
            products = products.filter(stockrecords__partner__seller__slug=shop)
        return products

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return _with_shops(list(page)) if page is not None else page


class ProductDetail(generics.RetrieveAPIView):
    """One product on sale; 404 for one a shopper may not see."""

    serializer_class = ProductSerializer

    def get_object(self):
        return _with_shops([get_object_or_404(products_on_sale(), pk=self.kwargs["pk"])])[0]


class ShopList(generics.ListAPIView):
    """Open shops (activated, with a product on sale), by name."""

    serializer_class = ShopSerializer

    def get_queryset(self):
        return selectors.open_sellers().order_by("shop_name", "pk")


class ShopDetail(generics.RetrieveAPIView):
    serializer_class = ShopSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.open_sellers()


class CategoryList(generics.ListAPIView):
    """The catalogue's categories, in tree order."""

    serializer_class = CategorySerializer
    queryset = Category.objects.order_by("path")
