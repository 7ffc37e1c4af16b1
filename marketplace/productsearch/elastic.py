"""The Elasticsearch backend: the index's mapping, the query bodies, and the alias swap on rebuild.

The mapping and the bodies are plain dicts built by functions, so they are tested as code; talking
to a cluster happens only in ElasticsearchBackend (tested when ELASTICSEARCH_URL is set).
"""

from django.conf import settings
from django.utils import timezone

from marketplace.text import fold

from .documents import chunks, documents, sellable_ids
from .query import FACETS, PRICE_BANDS, SearchQuery, SearchResult

# Folding: lowercase, then ASCII folding (which maps đ → d and strips every Vietnamese mark), so
# the index and the query agree with marketplace.text.fold. Prefixes: an edge n-gram copy.
SETTINGS = {
    "analysis": {
        "filter": {"prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}},
        "analyzer": {
            "folded": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
            "folded_prefix": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "prefixes"],
            },
        },
    },
    "number_of_shards": 1,
}


def _text(boost_prefix=True):
    field = {"type": "text", "analyzer": "folded"}
    if boost_prefix:
        field["fields"] = {
            "prefix": {"type": "text", "analyzer": "folded_prefix", "search_analyzer": "folded"}
        }
    return field


MAPPING = {
    "properties": {
        "product_id": {"type": "long"},
        "title": {**_text(), "fields": {**_text()["fields"], "raw": {"type": "keyword"}}},
        "categories": _text(),
        "producer": _text(),
        "shop_name": _text(),
        "description": _text(boost_prefix=False),
        "category_paths": {"type": "keyword"},
        "ocop_group": {"type": "keyword"},
        "stars": {"type": "integer"},
        # Last day + 1 of the recognition and the VietGAP certificate, compared with today at search
        # time: what lapsed at midnight stops counting without a reindex.
        "stars_until": {"type": "date"},
        "vietgap_until": {"type": "date"},
        "shop_id": {"type": "integer"},
        "ward_code": {"type": "integer"},
        "price": {"type": "long"},
        "in_stock": {"type": "boolean"},
        "certifications": {"type": "keyword"},
        "date_created": {"type": "date"},
    }
}
TERM_FIELDS = {
    "group": "ocop_group",
    "stars": "stars",
    "cert": "certifications",
    "shop": "shop_id",
    "ward": "ward_code",
}


def index_body() -> dict:
    return {"settings": SETTINGS, "mappings": MAPPING}


def source(doc: dict) -> dict:
    """An Elasticsearch document from a document dict (documents.documents)."""
    return {
        "product_id": doc["product_id"],
        "title": doc["title"],
        "categories": doc["category_names"],
        "producer": doc["producer"],
        "shop_name": doc["shop_name"],
        "description": doc["description_folded"],
        "category_paths": doc["category_path_list"],
        "ocop_group": doc["ocop_group"] or None,
        "stars": doc["stars"],
        "stars_until": doc["stars_until"].isoformat() if doc["stars_until"] else None,
        "vietgap_until": doc["vietgap_until"].isoformat() if doc["vietgap_until"] else None,
        "shop_id": doc["shop_id"],
        "ward_code": doc["ward_code"],
        "price": doc["price"],
        "in_stock": doc["in_stock"],
        "certifications": doc["certifications"],
        "date_created": doc["date_created"].isoformat(),
    }


def _in_force(field: str, today) -> dict:
    return {"range": {field: {"gt": today.isoformat()}}}


def _filter_clause(name: str, values: list[str], today) -> dict | None:
    if name == "stars":
        return {"bool": {"filter": [{"terms": {"stars": values}}, _in_force("stars_until", today)]}}
    if name == "cert" and "vietgap" in values:
        vietgap = {
            "bool": {"filter": [{"term": {"certifications": "vietgap"}}, _in_force("vietgap_until", today)]}
        }
        others = [v for v in values if v != "vietgap"]
        should = [vietgap, *([{"terms": {"certifications": others}}] if others else [])]
        return {"bool": {"should": should, "minimum_should_match": 1}}
    if name in TERM_FIELDS:
        return {"terms": {TERM_FIELDS[name]: values}}
    if name == "in_stock" and "1" in values:
        return {"term": {"in_stock": True}}
    if name == "price":
        ranges = []
        for key, low, high in PRICE_BANDS:
            if key in values:
                bounds = {"gte": low, **({"lt": high} if high is not None else {})}
                ranges.append({"range": {"price": bounds}})
        return {"bool": {"should": ranges, "minimum_should_match": 1}} if ranges else None
    return None


def _text_query(q: str) -> dict:
    """Title first, then category, producer and shop, then description; prefixes; small typos."""
    folded = fold(q)
    return {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": folded,
                        "fields": ["title^6", "categories^3", "producer^3", "shop_name^2", "description"],
                        "type": "best_fields",
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "operator": "and",
                    }
                },
                {
                    "multi_match": {
                        "query": folded,
                        "fields": [
                            "title.prefix^4",
                            "categories.prefix^2",
                            "producer.prefix^2",
                            "shop_name.prefix",
                        ],
                        "operator": "and",
                    }
                },
                {"match_phrase_prefix": {"title": {"query": folded, "boost": 8}}},
            ],
            "minimum_should_match": 1,
        }
    }


SORT_CLAUSES = {
    "price": [{"price": "asc"}, {"product_id": "asc"}],
    "-price": [{"price": "desc"}, {"product_id": "asc"}],
    "newest": [{"date_created": "desc"}, {"product_id": "desc"}],
    "stars": [{"stars": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
}


def search_body(query: SearchQuery) -> dict:
    """The whole request: text query, filters as post_filter, one aggregation per facet that
    applies every other facet's filter (so counts let a shopper widen as well as narrow)."""
    today = timezone.localdate()
    must = [_text_query(query.q)] if query.tokens else [{"match_all": {}}]
    base_filters = [{"term": {"category_paths": query.category_path}}] if query.category_path else []
    facet_filters = {
        name: clause
        for name, values in query.filters.items()
        if (clause := _filter_clause(name, values, today)) is not None
    }
    aggs = {}
    for name in FACETS:
        others = [clause for other, clause in facet_filters.items() if other != name]
        if name in TERM_FIELDS:
            inner = {"terms": {"field": TERM_FIELDS[name], "size": 20}}
        elif name == "in_stock":
            inner = {"filter": {"term": {"in_stock": True}}}
        else:
            inner = {
                "range": {
                    "field": "price",
                    "ranges": [
                        {"key": key, "from": low, **({"to": high} if high is not None else {})}
                        for key, low, high in PRICE_BANDS
                    ],
                }
            }
        if name == "stars":
            others = [*others, _in_force("stars_until", today)]  # only stars in force are offered
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": inner}}
        if name == "cert":
            # The terms count every VietGAP once indexed; this counts those still in force.
            aggs[name]["aggs"]["vietgap_now"] = {"filter": _in_force("vietgap_until", today)}
    body = {
        "query": {"bool": {"must": must, "filter": base_filters}},
        "post_filter": {"bool": {"filter": list(facet_filters.values())}},
        "aggs": aggs,
        "from": (query.page - 1) * query.per_page,
        "size": query.per_page,
        "_source": False,
        "track_total_hits": True,
    }
    sort = query.sort if query.sort in SORT_CLAUSES else ("relevance" if query.tokens else "newest")
    if sort != "relevance":
        body["sort"] = SORT_CLAUSES[sort]
    body["docvalue_fields"] = ["product_id"]
    return body


def suggest_body(prefix: str, limit: int = 8) -> dict:
    return {
        "query": {"multi_match": {"query": fold(prefix), "fields": ["title.prefix"], "operator": "and"}},
        "size": limit,
        "_source": ["product_id", "title"],
    }


def parse_result(response: dict) -> SearchResult:
    ids = [hit["fields"]["product_id"][0] for hit in response["hits"]["hits"]]
    facets = {}
    for name in FACETS:
        values = response["aggregations"][name]["values"]
        if name == "in_stock":
            facets[name] = [("1", values["doc_count"])] if values["doc_count"] else []
        else:
            counts = [(str(b["key"]), b["doc_count"]) for b in values["buckets"]]
            if name == "cert" and "vietgap_now" in response["aggregations"][name]:
                in_force = response["aggregations"][name]["vietgap_now"]["doc_count"]
                counts = [(key, in_force if key == "vietgap" else n) for key, n in counts]
            facets[name] = [(key, n) for key, n in counts if n]
    return SearchResult(ids, response["hits"]["total"]["value"], facets)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
        self.alias = settings.ELASTICSEARCH_INDEX

    def search(self, query: SearchQuery) -> SearchResult:
        return parse_result(self.client.search(index=self.alias, body=search_body(query)).body)

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[int, str]]:
        hits = self.client.search(index=self.alias, body=suggest_body(prefix, limit)).body["hits"]["hits"]
        return [(h["_source"]["product_id"], h["_source"]["title"]) for h in hits]

    def index(self, product_ids: list[int]) -> int:
        from elasticsearch.helpers import bulk

        if not self.client.indices.exists_alias(name=self.alias):
            return 0  # nothing to update before the first `search_index --rebuild`
        written = 0
        for batch in chunks(product_ids):
            docs = documents(batch)
            keep = {d["product_id"] for d in docs}
            actions = [{"_index": self.alias, "_id": d["product_id"], "_source": source(d)} for d in docs]
            actions += [
                {"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in batch if pk not in keep
            ]
            bulk(self.client, actions, raise_on_error=False)
            written += len(docs)
        return written

    def rebuild(self, progress=None) -> int:
        """Fill a new index, then point the alias at it in one step: search never goes dark."""
        from elasticsearch.helpers import bulk

        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.client.indices.create(index=name, body=index_body())
        ids = list(sellable_ids())
        done = 0
        for batch in chunks(ids):
            docs = documents(batch)
            bulk(self.client, [{"_index": name, "_id": d["product_id"], "_source": source(d)} for d in docs])
            done += len(docs)
            if progress:
                progress(len(batch), len(ids))
        self.client.indices.refresh(index=name)
        indices = self.client.indices
        old = list(indices.get_alias(name=self.alias).body) if indices.exists_alias(name=self.alias) else []
        if not old and indices.exists(index=self.alias):
            indices.delete(index=self.alias)  # a stray index by the alias's name, from before any rebuild
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return done
