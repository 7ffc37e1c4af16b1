"""One search interface, two backends: the database (PostgreSQL or SQLite) and Elasticsearch.

Queries and documents are folded the same way (marketplace.text.fold), so "ca phe", "Cà phê" and
"CA PHÊ" are one query. Ranking favours the title, then category, producer and shop, then the
description. Facets count each value over the results filtered by every *other* facet, so a
shopper can widen a choice as well as narrow it.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.module_loading import import_string

from marketplace.text import fold

from .models import ProductDocument

FACETS = ["group", "stars", "shop", "ward", "price", "in_stock"]
# Price bands in đồng: (key, low, high); high None is open-ended.
PRICE_BANDS = [
    ("0-100000", 0, 100_000),
    ("100000-300000", 100_000, 300_000),
    ("300000-1000000", 300_000, 1_000_000),
    ("1000000-", 1_000_000, None),
]
SORTS = ["relevance", "price", "-price", "newest", "stars"]
TOKEN = re.compile(r"[a-z0-9]+")


@dataclass
class SearchQuery:
    q: str = ""
    category_path: str = ""
    filters: dict = field(default_factory=dict)  # facet → list of selected values (strings)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24

    @property
    def tokens(self) -> list[str]:
        return TOKEN.findall(fold(self.q))[:8]


@dataclass
class SearchResult:
    product_ids: list[int]
    total: int
    facets: dict[str, list[tuple[str, int]]]  # facet → [(value, count)], most frequent first


def get_backend():
    """The backend settings choose: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    path = settings.MARKETPLACE_SEARCH_BACKEND or (
        "marketplace.productsearch.elastic.ElasticsearchBackend"
        if settings.ELASTICSEARCH_URL
        else "marketplace.productsearch.backends.DatabaseBackend"
    )
    return import_string(path)()


class DatabaseBackend:
    """PostgreSQL: weighted full text (prefixes as you type) and trigram word similarity (typos),
    both GIN-indexed. SQLite: every word must occur in the folded text; no typo tolerance."""

    name = "database"

    def index(self, product_ids: list[int]) -> int:
        from .documents import chunks, write_database_documents

        return sum(write_database_documents(batch) for batch in chunks(product_ids))

    def rebuild(self, progress=None) -> int:
        """Index every sellable product and drop every other document; safe to run again."""
        from .documents import chunks, sellable_ids, write_database_documents

        ids = list(sellable_ids())
        ProductDocument.objects.exclude(product_id__in=ids).delete()
        done = 0
        for batch in chunks(ids):
            done += write_database_documents(batch)
            if progress:
                progress(len(batch), len(ids))
        return done

    def search(self, query: SearchQuery) -> SearchResult:
        matched = self._matching(query)
        filtered = self._filtered(matched, query.filters)
        total = filtered.count()
        ordered = self._ordered(filtered, query)
        start = (query.page - 1) * query.per_page
        ids = list(ordered.values_list("product_id", flat=True)[start : start + query.per_page])
        facets = {name: self._facet(matched, query.filters, name) for name in FACETS}
        return SearchResult(ids, total, facets)

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[int, str]]:
        query = SearchQuery(q=prefix, per_page=limit)
        if not query.tokens:
            return []
        docs = self._ordered(self._matching(query), query)[:limit]
        return list(docs.values_list("product_id", "title"))

    # --- pieces -------------------------------------------------------------------------------

    def _matching(self, query: SearchQuery):
        docs = ProductDocument.objects.all()
        if query.category_path:
            docs = docs.filter(category_paths__contains=f" {query.category_path} ")
        tokens = query.tokens
        if not tokens:
            return docs
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery as TsQuery

            prefixes = TsQuery(" & ".join(f"{t}:*" for t in tokens), search_type="raw", config="simple")
            return docs.filter(
                Q(search_vector=prefixes) | Q(title_folded__trigram_word_similar=" ".join(tokens))
            )
        for token in tokens:
            docs = docs.filter(all_folded__contains=f" {token}")
        return docs

    def _filtered(self, docs, filters: dict, skip: str = ""):
        for name, values in filters.items():
            if name == skip or not values:
                continue
            if name == "group":
                docs = docs.filter(ocop_group__in=values)
            elif name == "stars":
                docs = docs.filter(stars__in=[int(v) for v in values if v.isdigit()])
            elif name == "shop":
                docs = docs.filter(shop_id__in=[int(v) for v in values if v.isdigit()])
            elif name == "ward":
                docs = docs.filter(ward_code__in=[int(v) for v in values if v.isdigit()])
            elif name == "in_stock" and "1" in values:
                docs = docs.filter(in_stock=True)
            elif name == "price":
                bands = Q()
                for key, low, high in PRICE_BANDS:
                    if key in values:
                        bands |= Q(price__gte=low) & (Q(price__lt=high) if high is not None else Q())
                docs = docs.filter(bands) if bands else docs
        return docs

    def _ordered(self, docs, query: SearchQuery):
        if query.sort == "price":
            return docs.order_by("price", "pk")
        if query.sort == "-price":
            return docs.order_by("-price", "pk")
        if query.sort == "newest":
            return docs.order_by("-date_created", "-pk")
        if query.sort == "stars":
            return docs.order_by("-stars", "-date_created", "pk")
        tokens = query.tokens
        if not tokens:
            return docs.order_by("-stars", "-date_created", "pk")
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery as TsQuery
            from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity

            prefixes = TsQuery(" & ".join(f"{t}:*" for t in tokens), search_type="raw", config="simple")
            rank = SearchRank(
                "search_vector", prefixes, weights=[0.1, 0.2, 0.4, 1.0]
            ) + TrigramWordSimilarity(" ".join(tokens), "title_folded")
            return docs.annotate(rank=rank).order_by("-rank", "-stars", "pk")
        phrase = " ".join(tokens)
        rank = Case(
            When(title_folded__startswith=phrase, then=Value(4)),
            When(title_folded__contains=phrase, then=Value(3)),
            When(title_folded__contains=tokens[0], then=Value(2)),
            When(categories_folded__contains=tokens[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return docs.annotate(rank=rank).order_by("-rank", "-stars", "pk")

    def _facet(self, matched, filters: dict, name: str) -> list[tuple[str, int]]:
        docs = self._filtered(matched, filters, skip=name)
        if name == "price":
            counts = docs.aggregate(
                **{
                    key: Count(
                        "pk", filter=Q(price__gte=low) & (Q(price__lt=high) if high is not None else Q())
                    )
                    for key, low, high in PRICE_BANDS
                }
            )
            return [(key, counts[key]) for key, _low, _high in PRICE_BANDS if counts[key]]
        if name == "in_stock":
            count = docs.filter(in_stock=True).count()
            return [("1", count)] if count else []
        column = {"group": "ocop_group", "stars": "stars", "shop": "shop_id", "ward": "ward_code"}[name]
        rows = (
            docs.exclude(**{f"{column}__isnull": True})
            .values(column)
            .annotate(n=Count("pk"))
            .order_by("-n", column)[:20]
        )
        return [(str(row[column]), row["n"]) for row in rows if row[column] not in ("", None)]
