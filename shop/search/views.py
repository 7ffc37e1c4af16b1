"""Catalogue browsing and product search from the database, in place of Oscar's Haystack views.

Haystack's SimpleEngine lists nothing and cannot talk to Elasticsearch 8, so these views list
sellable products straight from the database with every card's data prefetched.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from vendors import selectors

Category = get_model("catalogue", "Category")

SORTS = {
    "newest": ("-date_created", _("Newest")),
    "title": ("title", _("Name (A–Z)")),
}


class ProductListView(ListView):
    """A page of product cards; subclasses narrow the products down."""

    context_object_name = "products"
    page_kwarg = "page"

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except (Http404, InvalidPage) as exc:
            raise _InvalidPage() from exc

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except _InvalidPage:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)

    def get_queryset(self):
        sort = self.request.GET.get("sort_by", "newest")
        order = SORTS.get(sort, SORTS["newest"])[0]
        return selectors.with_card_data(self.narrow(selectors.sellable_products())).order_by(order, "pk")

    def narrow(self, products):
        return products

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sort_options"] = [(key, label) for key, (_order, label) in SORTS.items()]
        ctx["sort_by"] = self.request.GET.get("sort_by", "newest")
        return ctx


class _InvalidPage(Exception):
    pass


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("All products")
        return ctx


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def narrow(self, products):
        return products.filter(categories__in=self.category.get_descendants_and_self()).distinct()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        return ctx


class FacetedSearchView(ProductListView):
    """`/search/?q=`: a plain name match until the marketplace's own search index lands."""

    template_name = "oscar/search/results.html"

    def narrow(self, products):
        query = self.request.GET.get("q", "").strip()
        if not query:
            return products
        return products.filter(Q(title__icontains=query) | Q(description__icontains=query))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.request.GET.get("q", "").strip()
        ctx["summary"] = (
            _("Products matching “%(query)s”") % {"query": ctx["query"]}
            if ctx["query"]
            else _("All products")
        )
        return ctx
