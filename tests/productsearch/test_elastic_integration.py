"""Against a real Elasticsearch 8, when ELASTICSEARCH_URL points at one (none can run on these
machines; CI elsewhere can set it)."""

import os
import uuid

import pytest
from django.test import override_settings

from tests.factories import open_shop, product_for_sale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL"),
]


@pytest.fixture
def backend():
    from marketplace.productsearch.elastic import ElasticsearchBackend

    with override_settings(
        ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"], ELASTICSEARCH_INDEX=f"test-{uuid.uuid4().hex}"
    ):
        backend = ElasticsearchBackend()
        yield backend
        for index in backend.client.indices.get_alias(name=backend.alias).body:
            backend.client.indices.delete(index=index)


def test_rebuild_swaps_the_alias_and_search_folds_vietnamese(backend):
    from marketplace.productsearch.documents import sellable_ids
    from marketplace.productsearch.query import SearchQuery

    shop = open_shop()
    product_for_sale(shop, title="Chả mực Hạ Long hộp 500 g")
    product_for_sale(shop, title="Miến dong Bình Liêu gói 500 g")
    indexable = len(list(sellable_ids()))
    assert backend.rebuild() == indexable
    first = set(backend.client.indices.get_alias(name=backend.alias).body)
    assert backend.rebuild() == indexable
    assert set(backend.client.indices.get_alias(name=backend.alias).body) != first
    for typed in ["cha muc ha long", "Chả mực Hạ Long", "cha muc ha lonh", "cha mu"]:
        assert backend.search(SearchQuery(q=typed)).total > 0, typed
    assert backend.suggest("mien do")
