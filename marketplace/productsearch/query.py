"""The search interface both backends answer: the query, the result, the facets and sorts offered,
and the index's version (what was counted over the index is cached per version)."""

import re
from dataclasses import dataclass, field

from django.core.cache import cache

from marketplace.text import fold

FACETS = ["group", "stars", "cert", "shop", "ward", "price", "in_stock"]
# Price bands in đồng: (key, low, high); high None is open-ended.
PRICE_BANDS = [
    ("0-100000", 0, 100_000),
    ("100000-300000", 100_000, 300_000),
    ("300000-1000000", 300_000, 1_000_000),
    ("1000000-", 1_000_000, None),
]
SORTS = ["relevance", "price", "-price", "newest", "stars"]
# Elasticsearch's default index.max_result_window: neither backend pages deeper than this.
MAX_RESULTS = 10_000
# What the certification facet offers, in order (see documents.certifications).
CERTIFICATIONS = ["vietgap", "growing_area", "export", "packing"]
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


VERSION_KEY = "productsearch:version"


def index_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def index_changed() -> None:
    """Whatever was counted over the index is out of date: start a new version."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
