"""Catalogue browsing and product search through the marketplace's search backend, in place of
Oscar's Haystack views (Haystack's SimpleEngine lists nothing and cannot talk to Elasticsearch 8).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.money import format_vnd
from marketplace.productsearch.backends import get_backend
from marketplace.productsearch.query import FACETS, PRICE_BANDS, SORTS, SearchQuery
from marketplace.querystring import printable
from vendors import selectors
from vendors.models import OcopGroup, Seller

from .forms import SearchParametersForm

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

SORT_LABELS = {
    "relevance": _("Best match"),
    "price": _("Price, low to high"),
    "-price": _("Price, high to low"),
    "newest": _("Newest"),
    "stars": _("Most OCOP stars"),
}
CERTIFICATION_LABELS = {
    "vietgap": _("VietGAP certified"),
    "growing_area": _("Registered growing area"),
    "export": _("Export growing-area code"),
    "packing": _("Registered packing facility"),
}
FACET_LABELS = {
    "group": _("OCOP group"),
    "stars": _("OCOP stars"),
    "cert": _("Proof of origin"),
    "shop": _("Shop"),
    "ward": _("Ward"),
    "price": _("Price"),
    "in_stock": _("Availability"),
}


class ProductListView(TemplateView):
    """A page of product cards from the search backend, with facets and sorting."""

    category_path = ""

    def get(self, request, *args, **kwargs):
        query = self.search_query()
        result = get_backend().search(query)
        paginator = Paginator(range(result.total), query.per_page, allow_empty_first_page=True)
        try:
            page = paginator.page(query.page)
        except EmptyPage:
            messages.error(request, _("The given page number was invalid."))
            params = request.GET.copy()
            params.pop("page", None)
            return redirect(f"{request.path}?{params.urlencode()}" if params else request.path)
        products = {
            p.pk: p for p in selectors.with_card_data(Product.objects.filter(pk__in=result.product_ids))
        }
        page.object_list = [products[pk] for pk in result.product_ids if pk in products]
        context = self.get_context_data(
            products=page.object_list,
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            query=query.q,
            sort_by=query.sort,
            sort_options=[(key, SORT_LABELS[key]) for key in SORTS if key != "relevance" or query.q],
            facet_groups=self.facet_groups(result.facets, query.filters),
            selected_filters=query.filters,
            **kwargs,
        )
        return self.render_to_response(context)

    def search_query(self) -> SearchQuery:
        form = SearchParametersForm(self.request.GET, per_page=settings.OSCAR_PRODUCTS_PER_PAGE)
        form.is_valid()  # never invalid: a parameter that does not parse falls back to its default
        return SearchQuery(
            q=form.cleaned_data["q"],
            category_path=self.category_path,
            filters=form.filters(),
            sort=form.cleaned_data["sort_by"],
            page=form.cleaned_data["page"],
            per_page=settings.OSCAR_PRODUCTS_PER_PAGE,
        )

    def facet_groups(self, facets: dict, selected: dict) -> list[dict]:
        shop_names = dict(
            Seller.objects.filter(pk__in=[int(v) for v, _n in facets.get("shop", [])]).values_list(
                "pk", "shop_name"
            )
        )
        bands = {key: (low, high) for key, low, high in PRICE_BANDS}
        groups = []
        for name in FACETS:
            options = []
            for value, count in facets.get(name, []):
                if name == "group":
                    label = OcopGroup(value).label if value in OcopGroup.values else value
                elif name == "stars":
                    label = f"{value}★"
                elif name == "cert":
                    label = CERTIFICATION_LABELS.get(value, value)
                elif name == "shop":
                    label = shop_names.get(int(value), value)
                elif name == "ward":
                    label = wards.ward_name(int(value))
                elif name == "price":
                    low, high = bands[value]
                    label = (
                        f"{format_vnd(low)} – {format_vnd(high)}"
                        if high
                        else _("from %(low)s") % {"low": format_vnd(low)}
                    )
                else:
                    label = _("In stock")
                options.append(
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "selected": value in selected.get(name, []),
                    }
                )
            if options:
                groups.append({"name": name, "label": FACET_LABELS[name], "options": options})
        return groups


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=_("All products"), **kwargs)


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        self.category_path = self.category.path
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, summary=self.category.name, **kwargs)


class FacetedSearchView(ProductListView):
    """`/search/?q=`: Vietnamese typed with or without diacritics, prefixes, small typos."""

    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        query = kwargs["query"]
        summary = _("Products matching “%(query)s”") % {"query": query} if query else _("All products")
        return super().get_context_data(summary=summary, **kwargs)


def suggest(request):
    """Autocomplete for the search box: a few product titles for what has been typed so far."""
    prefix = printable(request.GET.get("q"), limit=100)
    if len(prefix) < 2:
        return JsonResponse({"suggestions": []})
    found = get_backend().suggest(prefix)
    urls = {p.pk: p.get_absolute_url() for p in Product.objects.filter(pk__in=[pk for pk, _t in found])}
    return JsonResponse({"suggestions": [{"title": title, "url": urls.get(pk, "")} for pk, title in found]})
