"""`/sitemap.xml`: the CMS pages, every product on sale and every open shop, all under the host the
sitemap was asked for (the Wagtail and Django site records may name another)."""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from vendors import selectors

from .models import ShopStoriesPage


class HostSitemap(Sitemap):
    def __init__(self, request):
        self.request = request
        self.protocol = request.scheme

    def get_domain(self, site=None):
        return self.request.get_host()


class PageSitemap(HostSitemap):
    changefreq = "weekly"

    def items(self):
        pages = Page.objects.live().public().exclude(depth=1).not_type(ShopStoriesPage)
        return pages.order_by("path")

    def location(self, page):
        return page.get_url(request=self.request)

    def lastmod(self, page):
        return page.last_published_at


class ProductSitemap(HostSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return selectors.sellable_products().only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class ShopSitemap(HostSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.open_sellers().only("pk", "slug").order_by("pk")


def sitemaps(request):
    return {"pages": PageSitemap(request), "products": ProductSitemap(request), "shops": ShopSitemap(request)}
