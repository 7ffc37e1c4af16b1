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
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
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


def _tsquery(tokens: list[str]):
    """Every word must match; the last one as a prefix, since the shopper may still be typing it."""
    from django.contrib.postgres.search import SearchQuery as TsQuery

    terms = [*tokens[:-1], f"{tokens[-1]}:*"]
    return TsQuery(" & ".join(terms), search_type="raw", config="simple")


# PostgreSQL's text indexes on the documents (made by migration 0002): the weighted vector, and
# trigrams of the folded title for slips.
TEXT_INDEXES = {
    "productdoc_vector_gin": "CREATE INDEX IF NOT EXISTS productdoc_vector_gin "
    "ON productsearch_productdocument USING gin (search_vector)",
    "productdoc_title_trgm": "CREATE INDEX IF NOT EXISTS productdoc_title_trgm "
    "ON productsearch_productdocument USING gin (title_folded gin_trgm_ops)",
}


def _in_band(low: int, high: "int | None") -> Q:
    return Q(price__gte=low) & (Q(price__lt=high) if high is not None else Q())


def _price_band() -> Case:
    """Each document's price band key ("" beyond them all)."""
    return Case(
        *[When(_in_band(low, high), then=Value(key)) for key, low, high in PRICE_BANDS],
        default=Value(""),
    )


def _rank_postgres(tokens: list[str], typos: bool):
    """Relevance on PostgreSQL: trigram likeness of the name for slips, else the weighted full text."""
    from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity

    if typos:
        return TrigramWordSimilarity(" ".join(tokens), "title_folded")
    # F(): rank the stored vector (a plain name would make Django rebuild it from text).
    return SearchRank(F("search_vector"), _tsquery(tokens), weights=[0.1, 0.2, 0.4, 1.0])


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
        return sum(write_database_documents(batch) for batch in chunks(product_ids))

    def rebuild(self, progress=None) -> int:
        """Index every sellable product and drop every other document; safe to run again."""
        ids = list(sellable_ids())
        ProductDocument.objects.exclude(product__in=indexable()).delete()
        postgres = connection.vendor == "postgresql" and not connection.in_atomic_block
        # A first build fills an empty table: its text indexes are built once at the end, which
        # is much faster than keeping them up to date row by row.
        fresh = postgres and not ProductDocument.objects.exists()
        if fresh:
            with connection.cursor() as cursor:
                for name in TEXT_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
        done, words = 0, set()
        try:
            for batch in chunks(ids):
                done += write_database_documents(batch, known_words=words)
                reset_queries()  # under DEBUG, the statements of a million documents would pile up
                if progress:
                    progress(len(batch), len(ids))
        finally:
            if postgres:
                with connection.cursor() as cursor:
                    # Whatever happened to an earlier run, the text indexes are there after this one.
                    for statement in TEXT_INDEXES.values():
                        cursor.execute(statement)
                    # Fresh statistics for the planner, and the space of replaced rows made reusable.
                    cursor.execute(f"VACUUM ANALYZE {ProductDocument._meta.db_table}")
        return done

    def search(self, query: SearchQuery) -> SearchResult:
        matched = self._matching(query)
        if query.tokens and not matched.exists():
            # Nothing matches as typed: correct each unknown word to the closest catalogue word
            # (a slip: "vnag" → "vang"), then, failing that, compare names by trigrams.
            corrected = _corrected(query)
            if corrected is not None:
                query = corrected
                matched = self._matching(query)
            if (corrected is None or not matched.exists()) and connection.vendor == "postgresql":
                matched = self._matching(query, typos=True)
        if connection.vendor == "postgresql":
            if query.tokens:
                return self._one_pass_postgres(query, matched, typos=getattr(matched, "typos", False))
            return self._browse_postgres(query, matched)
        filtered = self._filtered(matched, query.filters)
        ordered = self._ordered(filtered, query, typos=getattr(matched, "typos", False))
        start = (query.page - 1) * query.per_page
        ids = list(ordered.values_list("product_id", flat=True)[start : start + query.per_page])
        total, facets = self._browse_facets(query, matched, filtered)
        return SearchResult(ids, total, facets)

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[int, str]]:
        query = SearchQuery(q=prefix, per_page=limit)
        if not query.tokens:
            return []
        docs = self._ordered(self._matching(query), query)[:limit]
        return list(docs.values_list("product_id", "title"))

    # --- pieces -------------------------------------------------------------------------------

    def _matching(self, query: SearchQuery, typos: bool = False):
        # Stars and VietGAP as they stand today: what lapsed at midnight no longer counts, with no
        # reindex on the read (the scheduled lapse task rewrites the documents later).
        docs = ProductDocument.objects.as_of(timezone.localdate())
        if query.category_path:
            docs = docs.filter(category_paths__contains=f" {query.category_path} ")
        tokens = query.tokens
        if not tokens:
            return docs
        if connection.vendor == "postgresql":
            if typos:
                docs = docs.filter(title_folded__trigram_word_similar=" ".join(tokens))
                docs.typos = True
                return docs
            return docs.filter(search_vector=_tsquery(tokens))
        for token in tokens:
            docs = docs.filter(all_folded__contains=f" {token}")
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
        if connection.vendor == "postgresql":
            return docs.annotate(rank=_rank_postgres(tokens, typos)).order_by("-rank", "-stars", "pk")
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

    def _one_pass_postgres(self, query: SearchQuery, matched, typos: bool) -> SearchResult:
        """The page, the total and every facet from one scan of the matching documents.

        Each match carries a flag per selected facet; the page is taken from the rows with every
        flag, and each facet is counted over the rows with every flag but its own (so a shopper
        can widen a choice as well as narrow it), all in one GROUPING SETS query. Ranked by
        relevance, the matches are read once into a materialised CTE for the counts and the page;
        ordered by a column, the page comes off that column's index and the counts straight from
        the scan. Before this, each selected facet, the certifications and the page each scanned
        the matches again.
        """
        from django.db.models import BooleanField, ExpressionWrapper, FloatField

        conditions = {
            name: condition
            for name, values in query.filters.items()
            if name in FACETS and (condition := self._condition(name, values)) is not None
        }
        annotations = {"band": _price_band()}
        ranked = bool(query.tokens) and query.sort not in ("price", "-price", "newest", "stars")
        for name, condition in conditions.items():
            annotations[f"f_{name}"] = ExpressionWrapper(condition, output_field=BooleanField())
        # Only the columns the page's order needs ride along: a narrow CTE stays in memory.
        if query.sort in ("price", "-price"):
            order = f"price {'DESC' if query.sort == '-price' else 'ASC'}, id"
        elif query.sort == "newest":
            order = "date_created DESC, id DESC"
        elif query.sort == "stars" or not ranked:
            order = "stars DESC, date_created DESC, id"
        else:
            order = "rank DESC, stars DESC, id"
        ordering = [c for c in ("price", "date_created", "stars") if c in order]
        if ranked:
            # Ranked in the scan, for the rows the page is chosen from only (those on every filter):
            # the CTE carries the rank, not the vector it is computed from.
            rank = _rank_postgres(query.tokens, typos)
            on_every_filter = Q()
            for condition in conditions.values():
                on_every_filter &= condition
            annotations["rank"] = (
                Case(When(on_every_filter, then=rank), default=Value(None), output_field=FloatField())
                if conditions
                else rank
            )
        inner = matched.annotate(**annotations).values(
            "id", "product_id", "stars_now", "certified_now", "ocop_group", "shop_id", "ward_code",
            "in_stock", *ordering, *annotations,
        )  # fmt: skip
        sql, params = inner.query.sql_with_params()

        def flags(skip: str = "") -> str:
            return " AND ".join(f"f_{n}" for n in conditions if n != skip) or "TRUE"

        columns = {"group": "ocop_group", "stars": "stars_now", "shop": "shop_id", "ward": "ward_code"}
        columns["price"] = "band"
        names = list(columns)
        counts = ", ".join(f"COUNT(*) FILTER (WHERE {flags(n)})" for n in names)
        certs = ", ".join(
            f"COUNT(*) FILTER (WHERE {flags('cert')} AND certified_now LIKE %s)" for _c in CERTIFICATIONS
        )
        start = (query.page - 1) * query.per_page
        grouped_by = f"GROUP BY GROUPING SETS ((), {', '.join(f'({c})' for c in columns.values())})"
        aggregates = (
            f"SELECT {', '.join(f'{c}, GROUPING({c})' for c in columns.values())}, "
            f"COUNT(*) FILTER (WHERE {flags()}), {counts}, "
            f"COUNT(*) FILTER (WHERE {flags('in_stock')} AND in_stock), {certs}"
        )
        cert_params = [f"% {c} %" for c in CERTIFICATIONS]
        with connection.cursor() as cursor:
            if ranked:
                # The page needs every match on the filters ranked: read the matches once for
                # both the counts and the page.
                cursor.execute(
                    f"WITH m AS MATERIALIZED ({sql}) {aggregates}, "
                    f"(SELECT array_agg(product_id ORDER BY {order}) FROM "
                    f"(SELECT * FROM m WHERE {flags()} ORDER BY {order} LIMIT %s OFFSET %s) AS p) "
                    f"FROM m {grouped_by}",
                    [*params, *cert_params, query.per_page, start],
                )
            else:
                # Ordered by a column: the page is read off its index in a moment, and the counts
                # are one aggregate straight over the scan (no materialised copy of the matches).
                page_sql = f"SELECT product_id FROM ({sql}) AS m WHERE {flags()} ORDER BY {order}"
                cursor.execute(f"{page_sql} LIMIT %s OFFSET %s", [*params, query.per_page, start])
                page = [row[0] for row in cursor.fetchall()]
                cursor.execute(f"{aggregates}, NULL FROM ({sql}) AS m {grouped_by}", [*cert_params, *params])
            rows = cursor.fetchall()
        width = 2 * len(names)
        facets: dict[str, list[tuple[str, int]]] = {}
        total, ids = 0, []
        for row in rows:
            values, grouped = row[0:width:2], row[1:width:2]
            everything, by_facet = row[width], row[width + 1 : width + 1 + len(names)]
            rest = row[width + 1 + len(names) :]
            if all(grouped):  # the grand total
                total, ids = everything, list(rest[-1] or []) if ranked else page
                in_stock = rest[0]
                facets["in_stock"] = [("1", in_stock)] if in_stock else []
                facets["cert"] = [(c, n) for c, n in zip(CERTIFICATIONS, rest[1:-1], strict=True) if n]
                continue
            for name, value, flag, count in zip(names, values, grouped, by_facet, strict=True):
                if not flag and value not in ("", None) and count:
                    facets.setdefault(name, []).append((str(value), count))
        return SearchResult(ids, total, _sorted_facets(facets))

    def _browse_postgres(self, query: SearchQuery, matched) -> SearchResult:
        """Browsing without words, with or without filters: its counts are the same for every
        shopper until the index changes, so they are cached under the index's version; the page
        alone is asked each time (off the index of its order)."""
        key = self._browse_key(query)
        counted = cache.get(key)
        if counted is None:
            result = self._one_pass_postgres(query, matched, typos=False)
            cache.set(key, (result.total, result.facets), 60 * 60)
            return result
        start = (query.page - 1) * query.per_page
        page = self._ordered(self._filtered(matched, query.filters), query).values_list(
            "product_id", flat=True
        )
        return SearchResult(list(page[start : start + query.per_page]), *counted)

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
