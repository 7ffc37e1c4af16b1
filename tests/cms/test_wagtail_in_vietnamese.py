"""A seller writes a story in Vietnamese: the pages of the CMS a seller opens (their corner, a new
story, editing it, their stories in the seller centre) show no English message of Wagtail's."""

import pytest

from tests.english import WAGTAIL_UPSTREAM, english_on
from tests.factories import PASSWORD, product_for_sale, seller_shop
from tests.floor import cms_pages

pytestmark = pytest.mark.django_db


def test_a_seller_reads_the_story_editor_in_vietnamese(client):
    seller = seller_shop(shop_name="Gian Một")
    product_for_sale(seller, title="Chè hoa vàng của Gian Một")
    pages = cms_pages(seller)
    assert client.login(username=seller.owner.email, password=PASSWORD)
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        english = english_on(response.content.decode())
        if english := [piece for piece in english if piece not in WAGTAIL_UPSTREAM]:
            found[name] = english
    assert not found, found
