"""Views of the CMS app that are not pages: the sitemap."""

from django.contrib.sitemaps.views import sitemap as django_sitemap

from .sitemaps import sitemaps


def sitemap(request):
    return django_sitemap(request, sitemaps=sitemaps(request))
