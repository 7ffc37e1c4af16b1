"""One search interface, two backends: the database (PostgreSQL or SQLite) and Elasticsearch.

Queries and documents are folded the same way (marketplace.text.fold), so "ca phe", "Cà phê" and
"CA PHÊ" are one query. Ranking favours the title, then category, producer and shop, then the
description. Facets count each value over the results filtered by every *other* facet, so a
shopper can widen a choice as well as narrow it.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db import connection, reset_queries
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.module_loading import import_string

from marketplace.querystring import bounded_int

from .documents import chunks, indexable, sellable_ids, write_database_documents
from .models import ProductDocument
from .query import (
    CERTIFICATIONS,
    FACETS,
    PRICE_BANDS,
    SearchQuery,
    SearchResult,
    index_version,
)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    neighbours ("vnag" → "vang" is one), the slips thumbs make on a phone keyboard."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _corrected(query: SearchQuery) -> "SearchQuery | None":
    """The query with each word the vocabulary lacks replaced by its closest word (one slip for
    short words, two for long ones), or None when nothing needed or could be corrected."""
    from dataclasses import replace

    from .models import SearchWord

    tokens, changed = [], False
    for index, token in enumerate(query.tokens):
        if token.isdigit():  # a number (a weight, a year) is never corrected to another number
            tokens.append(token)
            continue
        last = index == len(query.tokens) - 1
        known = (
            SearchWord.objects.filter(word__startswith=token)
            if last
            else SearchWord.objects.filter(word=token)
        )
        if known.exists():
            tokens.append(token)
            continue
        allowed = 1 if len(token) <= 5 else 2
        candidates = SearchWord.objects.filter(word__startswith=token[0]).values_list("word", flat=True)
        scored = sorted(
            (edit_distance(token, word), word)
            for word in candidates.iterator(chunk_size=2000)
            if abs(len(word) - len(token)) <= allowed
        )
        if not scored or scored[0][0] > allowed:
            return None
        tokens.append(scored[0][1])
        changed = True
    return replace(query, q=" ".join(tokens)) if changed else None


def _in_band(low: int, high: "int | None") -> Q:
    return Q(price__gte=low) & (Q(price__lt=high) if high is not None else Q())


def _price_band() -> Case:
    """Each document's price band key ("" beyond them all)."""
    return Case(
        *[When(_in_band(low, high), then=Value(key)) for key, low, high in PRICE_BANDS],
        default=Value(""),
    )


def _sorted_facets(facets: dict) -> dict:
    """Price bands in their order; other facets most frequent first, at most 20 values."""
    order = {key: i for i, (key, _low, _high) in enumerate(PRICE_BANDS)}
    for name in list(facets):
        if name == "price":
            facets[name] = sorted(facets[name], key=lambda kv: order[kv[0]])
        elif name not in ("in_stock", "cert"):
            facets[name] = sorted(facets[name], key=lambda kv: (-kv[1], kv[0]))[:20]
    return facets


def get_backend():
    """The backend settings choose: Elasticsearch when ELASTICSEARCH_URL is set, else the database's."""
    path = settings.MARKETPLACE_SEARCH_BACKEND or (
        "marketplace.productsearch.elastic.ElasticsearchBackend"
        if settings.ELASTICSEARCH_URL
        else database_backend_path()
    )
    return import_string(path)()


def database_backend_path() -> str:
    """The database's own backend: PostgreSQL's (postgres.py) on PostgreSQL, else the portable one."""
    if connection.vendor == "postgresql":
        return "marketplace.productsearch.postgres.PostgresBackend"
    return "marketplace.productsearch.backends.DatabaseBackend"


class DatabaseBackend:
    """The portable database backend (SQLite, the embedded default): every word must occur in the
    folded text, a slip is corrected to the closest catalogue word, facets one query each.
    PostgreSQL's (`postgres.PostgresBackend`) builds on it with weighted full text, trigrams for
    typos and one-pass counts."""

    name = "database"

    def index(self, product_ids: list[int]) -> int:
        return sum(write_database_documents(batch) for batch in chunks(product_ids))

    def rebuild(self, progress=None) -> int:
        """Index every sellable product and drop every other document; safe to run again."""
        return self._write(self._to_index(), progress)

    @staticmethod
    def _to_index() -> list[int]:
        """The sellable products' ids, every other document dropped."""
        ids = list(sellable_ids())
        ProductDocument.objects.exclude(product__in=indexable()).delete()
        return ids

    @staticmethod
    def _write(ids: list[int], progress=None) -> int:
        done, words = 0, set()
        for batch in chunks(ids):
            done += write_database_documents(batch, known_words=words)
            reset_queries()  # under DEBUG, the statements of a million documents would pile up
            if progress:
                progress(len(batch), len(ids))
        return done

    def search(self, query: SearchQuery) -> SearchResult:
        query, matched = self._matched(query)
        filtered = self._filtered(matched, query.filters)
        ordered = self._ordered(filtered, query)
        start = (query.page - 1) * query.per_page
        ids = list(ordered.values_list("product_id", flat=True)[start : start + query.per_page])
        total, facets = self._browse_facets(query, matched, filtered)
        return SearchResult(ids, total, facets)

    def _matched(self, query: SearchQuery):
        """(the query as searched, its matches): when nothing matches as typed, each unknown word
        corrected to the closest catalogue word (a slip: "vnag" → "vang"), then `_unmatched`."""
        matched = self._matching(query)
        if query.tokens and not matched.exists():
            corrected = _corrected(query)
            if corrected is not None:
                query, matched = corrected, self._matching(corrected)
            if corrected is None or not matched.exists():
                matched = self._unmatched(query, matched)
        return query, matched

    def _unmatched(self, query: SearchQuery, matched):
        """What to try when even the corrected words match nothing: nothing more, here."""
        return matched

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[int, str]]:
        query = SearchQuery(q=prefix, per_page=limit)
        if not query.tokens:
            return []
        docs = self._ordered(self._matching(query), query)[:limit]
        return list(docs.values_list("product_id", "title"))

    # --- pieces -------------------------------------------------------------------------------

    def _matching(self, query: SearchQuery):
        docs = self._documents(query)
        for token in query.tokens:
            docs = docs.filter(all_folded__contains=f" {token}")
        return docs

    def _documents(self, query: SearchQuery):
        """Today's documents of the query's category (stars and VietGAP as they stand today: what
        lapsed at midnight no longer counts, with no reindex on the read)."""
        docs = ProductDocument.objects.as_of(timezone.localdate())
        if query.category_path:
            docs = docs.filter(category_paths__contains=f" {query.category_path} ")
        return docs

    def _filtered(self, docs, filters: dict, skip: str = ""):
        for name, values in filters.items():
            condition = self._condition(name, values) if name != skip else None
            if condition is not None:
                docs = docs.filter(condition)
        return docs

    @staticmethod
    def _condition(name: str, values) -> "Q | None":
        """A facet's selected values as a condition on the documents, None when nothing valid
        is selected."""
        numbers = {"stars": "stars_now", "shop": "shop_id", "ward": "ward_code"}
        if not values:
            return None
        if name == "group":
            return Q(ocop_group__in=values)
        if name in numbers:
            # Callers pass parsed values (shop.search.forms); anything else is ignored here
            # too, since an empty or overflowing IN list breaks the facet query.
            parsed = [n for v in values if (n := bounded_int(v)) is not None]
            return Q(**{f"{numbers[name]}__in": parsed}) if parsed else None
        if name == "cert":
            certified = Q()
            for value in values:
                if value in CERTIFICATIONS:
                    certified |= Q(certified_now__contains=f" {value} ")
            return certified or None
        if name == "in_stock":
            return Q(in_stock=True) if "1" in values else None
        if name == "price":
            bands = Q()
            for key, low, high in PRICE_BANDS:
                if key in values:
                    bands |= _in_band(low, high)
            return bands or None
        return None

    def _ordered(self, docs, query: SearchQuery, typos: bool = False):
        if query.sort == "price":
            return docs.order_by("price", "pk")
        if query.sort == "-price":
            return docs.order_by("-price", "pk")
        if query.sort == "newest":
            return docs.order_by("-date_created", "-pk")
        if query.sort == "stars":
            # The indexed column: a recognition lapsed since the last write sorts as before until
            # the scheduled lapse task rewrites its document (it no longer matches a star filter).
            return docs.order_by("-stars", "-date_created", "pk")
        tokens = query.tokens
        if not tokens:
            return docs.order_by("-stars", "-date_created", "pk")
        return docs.annotate(rank=self._rank(tokens, typos)).order_by("-rank", "-stars", "pk")

    @staticmethod
    def _rank(tokens: list[str], typos: bool = False):
        """Relevance without full text: the phrase at the start of the name, in it, its first word in
        the name, then in a category."""
        phrase = " ".join(tokens)
        return Case(
            When(title_folded__startswith=phrase, then=Value(4)),
            When(title_folded__contains=phrase, then=Value(3)),
            When(title_folded__contains=tokens[0], then=Value(2)),
            When(categories_folded__contains=tokens[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )

    @staticmethod
    def _browse_key(query: SearchQuery) -> str:
        """The cache key of a browse's counts: the index's version, the day (a recognition lapsing
        at midnight changes the star counts), the category and the filters chosen."""
        chosen = json.dumps(sorted((k, sorted(map(str, v))) for k, v in query.filters.items() if v))
        digest = hashlib.blake2b(chosen.encode(), digest_size=12).hexdigest()
        return f"productsearch:browse:{index_version()}:{timezone.localdate()}:{query.category_path}:{digest}"

    def _browse_facets(self, query: SearchQuery, matched, filtered) -> tuple[int, dict]:
        """The total and every facet, one query per facet (PostgreSQL counts in one pass instead).
        Browsing without words or filters counts the whole catalogue (or a category): the same
        for every shopper until the index changes, so it is cached under the index's version."""
        if query.tokens or query.filters:
            return self._counts(matched, filtered, query.filters)
        key = self._browse_key(query)
        cached = cache.get(key)
        if cached is None:
            cached = self._counts(matched, filtered, {})
            cache.set(key, cached, 60 * 60)
        return cached

    def _counts(self, matched, filtered, filters: dict) -> tuple[int, dict]:
        return filtered.count(), {name: self._facet(matched, filters, name) for name in FACETS}

    def _facet(self, matched, filters: dict, name: str) -> list[tuple[str, int]]:
        docs = self._filtered(matched, filters, skip=name)
        if name == "price":
            counts = docs.aggregate(
                **{key: Count("pk", filter=_in_band(low, high)) for key, low, high in PRICE_BANDS}
            )
            return [(key, counts[key]) for key, _low, _high in PRICE_BANDS if counts[key]]
        if name == "cert":
            counts = docs.aggregate(
                **{c: Count("pk", filter=Q(certified_now__contains=f" {c} ")) for c in CERTIFICATIONS}
            )
            return [(c, counts[c]) for c in CERTIFICATIONS if counts[c]]
        if name == "in_stock":
            count = docs.filter(in_stock=True).count()
            return [("1", count)] if count else []
        column = {"group": "ocop_group", "stars": "stars_now", "shop": "shop_id", "ward": "ward_code"}[name]
        rows = (
            docs.exclude(**{f"{column}__isnull": True})
            .values(column)
            .annotate(n=Count("pk"))
            .order_by("-n", column)[:20]
        )
        return [(str(row[column]), row["n"]) for row in rows if row[column] not in ("", None)]
