"""`/sitemap.xml`: the CMS pages, every product on sale and every open shop."""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from vendors import selectors


class ProductSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return selectors.sellable_products().only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class ShopSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.open_vendors().only("pk", "slug").order_by("pk")


def sitemaps(request=None):
    return {"pages": PageSitemap(request), "products": ProductSitemap(), "shops": ShopSitemap()}
