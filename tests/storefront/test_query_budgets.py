"""The hot pages' query budgets, on the demo, as the views render them (the whole-page cache off):
at most 15 queries warm, and at most 30 cold — every cache empty, as after a restart (the pictures'
sizes made before it: they are made once per picture, not per visit)."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from marketplace.cms.models import StoryPage
from vendors import selectors

pytestmark = pytest.mark.django_db
WARM, COLD = 15, 30
PAGES = ["home", "catalogue", "category", "product", "shops", "shop", "stories", "experiences", "story"]


def hot_pages():
    product = selectors.sellable_products().order_by("pk").first()
    shop = product.stockrecords.get().partner.seller
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "category": product.categories.first().get_absolute_url(),
        "product": product.get_absolute_url(),
        "shops": "/shops/",
        "shop": reverse("sellers:shop", kwargs={"slug": shop.slug}),
        "stories": "/stories/",
        "experiences": "/experiences/",
        "story": a_story_with_goods().url,
    }


def a_story_with_goods():
    """A story with a buy block and linked products, as the demo's have."""
    for story in StoryPage.objects.live().order_by("pk"):
        if story.product_links.exists() and any(b.block_type == "buy" for b in story.body):
            return story
    raise AssertionError("the demo has no story selling goods")


@pytest.mark.parametrize("page", PAGES)
def test_a_hot_page_stays_within_its_budget_cold_and_warm(page, django_assert_max_num_queries):
    url = hot_pages()[page]
    Client().get(url)  # someone came before: the pictures' sizes are made once, not per visit
    for cache in caches.all():
        cache.clear()  # a restart
    with django_assert_max_num_queries(COLD):
        assert Client().get(url).status_code == 200
    with django_assert_max_num_queries(WARM):
        assert Client().get(url).status_code == 200
