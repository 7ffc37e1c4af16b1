"""The search backend on PostgreSQL: weighted full text (prefixes as you type) and trigram word
similarity (typos), both GIN-indexed; a page, its total and every facet counted in one pass.

It is the database backend (backends.DatabaseBackend) with PostgreSQL's matching, ranking and
counting; `backends.get_backend` chooses it when the database is PostgreSQL. Its SQL is named here:
the text indexes a first build drops and makes again, and the one-pass queries.
"""

from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, FloatField, Q, Value, When

from .backends import DatabaseBackend, _price_band, _sorted_facets
from .models import ProductDocument
from .query import CERTIFICATIONS, FACETS, SearchQuery, SearchResult


def _tsquery(tokens: list[str]):
    """Every word must match; the last one as a prefix, since the shopper may still be typing it."""
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


DROP_INDEX = "DROP INDEX IF EXISTS {name}"
VACUUM_ANALYZE = "VACUUM ANALYZE {table}"
# Ranked by relevance: the matches read once (materialised) for the counts and the page.
RANKED_PAGE_AND_COUNTS = (
    "WITH m AS MATERIALIZED ({matches}) {aggregates}, "
    "(SELECT array_agg(product_id ORDER BY {order}) FROM "
    "(SELECT * FROM m WHERE {flags} ORDER BY {order} LIMIT %s OFFSET %s) AS p) "
    "FROM m {grouped_by}"
)
# Ordered by a column: the page off that column's index, the counts straight over the scan.
PAGE_IN_ORDER = "SELECT product_id FROM ({matches}) AS m WHERE {flags} ORDER BY {order} LIMIT %s OFFSET %s"
COUNTS_OVER_THE_SCAN = "{aggregates}, NULL FROM ({matches}) AS m {grouped_by}"


class PostgresBackend(DatabaseBackend):
    def rebuild(self, progress=None) -> int:
        """As the database backend's, with the text indexes of a first build made once at the end
        (much faster than keeping them up to date row by row) and fresh statistics after."""
        if connection.in_atomic_block:  # inside a transaction (tests): no VACUUM, indexes kept
            return super().rebuild(progress)
        ids = self._to_index()
        fresh = not ProductDocument.objects.exists()
        if fresh:
            with connection.cursor() as cursor:
                for name in TEXT_INDEXES:
                    cursor.execute(DROP_INDEX.format(name=name))
        try:
            return self._write(ids, progress)
        finally:
            with connection.cursor() as cursor:
                # Whatever happened to an earlier run, the text indexes are there after this one.
                for statement in TEXT_INDEXES.values():
                    cursor.execute(statement)
                # Fresh statistics for the planner, and the space of replaced rows made reusable.
                cursor.execute(VACUUM_ANALYZE.format(table=ProductDocument._meta.db_table))

    def search(self, query: SearchQuery) -> SearchResult:
        query, matched = self._matched(query)
        if query.tokens:
            return self._one_pass(query, matched, typos=getattr(matched, "typos", False))
        return self._browse(query, matched)

    def _unmatched(self, query: SearchQuery, matched):
        """Failing the corrected words, the names compared by trigrams."""
        return self._matching(query, typos=True)

    def _matching(self, query: SearchQuery, typos: bool = False):
        docs = self._documents(query)
        tokens = query.tokens
        if not tokens:
            return docs
        if typos:
            docs = docs.filter(title_folded__trigram_word_similar=" ".join(tokens))
            docs.typos = True
            return docs
        return docs.filter(search_vector=_tsquery(tokens))

    @staticmethod
    def _rank(tokens: list[str], typos: bool = False):
        """Trigram likeness of the name for slips, else the weighted full text."""
        if typos:
            return TrigramWordSimilarity(" ".join(tokens), "title_folded")
        # F(): rank the stored vector (a plain name would make Django rebuild it from text).
        return SearchRank(F("search_vector"), _tsquery(tokens), weights=[0.1, 0.2, 0.4, 1.0])

    def _one_pass(self, query: SearchQuery, matched, typos: bool) -> SearchResult:
        """The page, the total and every facet from one scan of the matching documents.

        Each match carries a flag per selected facet; the page is taken from the rows with every
        flag, and each facet is counted over the rows with every flag but its own (so a shopper
        can widen a choice as well as narrow it), all in one GROUPING SETS query. Ranked by
        relevance, the matches are read once into a materialised CTE for the counts and the page;
        ordered by a column, the page comes off that column's index and the counts straight from
        the scan. Before this, each selected facet, the certifications and the page each scanned
        the matches again.
        """
        conditions = {
            name: condition
            for name, values in query.filters.items()
            if name in FACETS and (condition := self._condition(name, values)) is not None
        }
        annotations = {"band": _price_band()}
        ranked = bool(query.tokens) and query.sort not in ("price", "-price", "newest", "stars")
        for name, condition in conditions.items():
            annotations[f"f_{name}"] = ExpressionWrapper(condition, output_field=BooleanField())
        order = _order_by(query.sort, ranked)
        # Only the columns the page's order needs ride along: a narrow CTE stays in memory.
        ordering = [c for c in ("price", "date_created", "stars") if c in order]
        if ranked:
            # Ranked in the scan, for the rows the page is chosen from only (those on every filter):
            # the CTE carries the rank, not the vector it is computed from.
            rank = self._rank(query.tokens, typos)
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
                    RANKED_PAGE_AND_COUNTS.format(
                        matches=sql, aggregates=aggregates, order=order, flags=flags(), grouped_by=grouped_by
                    ),
                    [*params, *cert_params, query.per_page, start],
                )
            else:
                # Ordered by a column: the page is read off its index in a moment, and the counts
                # are one aggregate straight over the scan (no materialised copy of the matches).
                cursor.execute(
                    PAGE_IN_ORDER.format(matches=sql, flags=flags(), order=order),
                    [*params, query.per_page, start],
                )
                page = [row[0] for row in cursor.fetchall()]
                cursor.execute(
                    COUNTS_OVER_THE_SCAN.format(aggregates=aggregates, matches=sql, grouped_by=grouped_by),
                    [*cert_params, *params],
                )
            rows = cursor.fetchall()
        total, ranked_page, facets = _read_grouping_sets(rows, names)
        return SearchResult(ranked_page if ranked else page, total, _sorted_facets(facets))

    def _browse(self, query: SearchQuery, matched) -> SearchResult:
        """Browsing without words, with or without filters: its counts are the same for every
        shopper until the index changes, so they are cached under the index's version; the page
        alone is asked each time (off the index of its order)."""
        key = self._browse_key(query)
        counted = cache.get(key)
        if counted is None:
            result = self._one_pass(query, matched, typos=False)
            cache.set(key, (result.total, result.facets), 60 * 60)
            return result
        start = (query.page - 1) * query.per_page
        page = self._ordered(self._filtered(matched, query.filters), query).values_list(
            "product_id", flat=True
        )
        return SearchResult(list(page[start : start + query.per_page]), *counted)


def _order_by(sort: str, ranked: bool) -> str:
    """The SQL order of a page: a column the shopper chose, else relevance when words were typed."""
    if sort in ("price", "-price"):
        return f"price {'DESC' if sort == '-price' else 'ASC'}, id"
    if sort == "newest":
        return "date_created DESC, id DESC"
    if sort == "stars" or not ranked:
        return "stars DESC, date_created DESC, id"
    return "rank DESC, stars DESC, id"


def _read_grouping_sets(rows, names: list[str]) -> tuple[int, list[int], dict]:
    """(total, the ranked page's ids, {facet: [(value, count)]}) from the one-pass query's rows: one
    row per facet value (its GROUPING flag unset) and the grand total's row (every flag set), which
    also carries the in-stock count, the certifications' counts and, ranked, the page."""
    width = 2 * len(names)
    facets: dict[str, list[tuple[str, int]]] = {}
    total, ids = 0, []
    for row in rows:
        values, grouped = row[0:width:2], row[1:width:2]
        everything, by_facet = row[width], row[width + 1 : width + 1 + len(names)]
        rest = row[width + 1 + len(names) :]
        if all(grouped):  # the grand total
            total, ids = everything, list(rest[-1] or [])
            in_stock = rest[0]
            facets["in_stock"] = [("1", in_stock)] if in_stock else []
            facets["cert"] = [(c, n) for c, n in zip(CERTIFICATIONS, rest[1:-1], strict=True) if n]
            continue
        for name, value, flag, count in zip(names, values, grouped, by_facet, strict=True):
            if not flag and value not in ("", None) and count:
                facets.setdefault(name, []).append((str(value), count))
    return total, ids, facets
