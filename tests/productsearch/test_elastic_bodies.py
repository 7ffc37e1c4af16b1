"""The Elasticsearch mapping and query bodies, as plain code (no cluster needed)."""

from django.utils import timezone

from marketplace.productsearch.elastic import MAPPING, SETTINGS, parse_result, search_body, suggest_body
from marketplace.productsearch.query import SearchQuery


def test_the_analyzer_folds_vietnamese_and_indexes_prefixes():
    folded = SETTINGS["analysis"]["analyzer"]["folded"]
    assert folded["filter"] == ["lowercase", "asciifolding"]  # asciifolding maps đ → d and drops the marks
    prefix = SETTINGS["analysis"]["analyzer"]["folded_prefix"]
    assert "prefixes" in prefix["filter"]
    assert SETTINGS["analysis"]["filter"]["prefixes"]["type"] == "edge_ngram"
    title = MAPPING["properties"]["title"]
    assert title["analyzer"] == "folded" and title["fields"]["prefix"]["search_analyzer"] == "folded"


def test_the_query_is_folded_ranks_title_first_and_tolerates_typos():
    body = search_body(SearchQuery(q="Chả mực Hạ Long"))
    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    main = should[0]["multi_match"]
    assert main["query"] == "cha muc ha long"
    assert main["fields"][0] == "title^6" and main["fields"][-1] == "description"
    assert main["fuzziness"] == "AUTO"
    assert should[1]["multi_match"]["fields"][0] == "title.prefix^4"


def test_no_words_match_everything_newest_first():
    body = search_body(SearchQuery(q=""))
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"][0] == {"date_created": "desc"}


def test_filters_narrow_hits_but_each_facet_counts_over_the_other_filters():
    body = search_body(SearchQuery(filters={"stars": ["4", "5"], "price": ["0-100000"], "shop": ["7"]}))
    post = body["post_filter"]["bool"]["filter"]
    stars = {"bool": {"filter": [{"terms": {"stars": ["4", "5"]}}, in_force("stars_until")]}}
    assert stars in post and {"terms": {"shop_id": ["7"]}} in post
    stars_agg_filters = body["aggs"]["stars"]["filter"]["bool"]["filter"]
    assert stars not in stars_agg_filters
    assert {"terms": {"shop_id": ["7"]}} in stars_agg_filters
    price_band = body["aggs"]["price"]["aggs"]["values"]["range"]["ranges"][0]
    assert price_band == {"key": "0-100000", "from": 0, "to": 100_000}


def in_force(field):
    return {"range": {field: {"gt": timezone.localdate().isoformat()}}}


def test_stars_and_vietgap_count_only_while_in_force_today():
    # A recognition or certificate that lapsed at midnight is in the index until its next write:
    # the query compares its last day with today, so it leaves filters and counts at once.
    body = search_body(SearchQuery(filters={"cert": ["vietgap", "export"]}))
    cert = body["post_filter"]["bool"]["filter"][0]["bool"]["should"]
    assert {"bool": {"filter": [{"term": {"certifications": "vietgap"}}, in_force("vietgap_until")]}} in cert
    assert {"terms": {"certifications": ["export"]}} in cert
    assert in_force("stars_until") in body["aggs"]["stars"]["filter"]["bool"]["filter"]
    assert body["aggs"]["cert"]["aggs"]["vietgap_now"] == {"filter": in_force("vietgap_until")}
    assert MAPPING["properties"]["stars_until"] == {"type": "date"}


def test_category_browsing_and_paging():
    body = search_body(SearchQuery(category_path="00010002", page=3, per_page=24, sort="price"))
    assert {"term": {"category_paths": "00010002"}} in body["query"]["bool"]["filter"]
    assert (body["from"], body["size"]) == (48, 24)
    assert body["sort"][0] == {"price": "asc"}


def test_suggestions_use_the_prefix_field():
    assert suggest_body("mien do")["query"]["multi_match"] == {
        "query": "mien do",
        "fields": ["title.prefix"],
        "operator": "and",
    }


def test_a_response_becomes_ids_total_and_facets():
    response = {
        "hits": {
            "total": {"value": 2},
            "hits": [{"fields": {"product_id": [7]}}, {"fields": {"product_id": [3]}}],
        },
        "aggregations": {
            "group": {"values": {"buckets": [{"key": "food", "doc_count": 2}]}},
            "stars": {"values": {"buckets": [{"key": 4, "doc_count": 2}, {"key": 5, "doc_count": 0}]}},
            "cert": {
                "values": {
                    "buckets": [{"key": "vietgap", "doc_count": 3}, {"key": "export", "doc_count": 1}]
                },
                "vietgap_now": {"doc_count": 1},
            },
            "shop": {"values": {"buckets": []}},
            "ward": {"values": {"buckets": []}},
            "price": {"values": {"buckets": [{"key": "0-100000", "doc_count": 1}]}},
            "in_stock": {"values": {"doc_count": 2}},
        },
    }
    result = parse_result(response)
    assert result.product_ids == [7, 3] and result.total == 2
    assert result.facets["stars"] == [("4", 2)] and result.facets["in_stock"] == [("1", 2)]
    assert result.facets["cert"] == [("vietgap", 1), ("export", 1)]  # two of three VietGAP lapsed
