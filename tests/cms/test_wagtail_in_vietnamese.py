"""A seller writes a story in Vietnamese: the pages of the CMS a seller opens (their corner, a new
story, editing it, their stories in the seller centre) show no English message of Wagtail's."""

import pytest
from django.urls import reverse

from marketplace.cms.models import StoryPage
from marketplace.cms.stories import corner_for
from tests.english import english_on
from tests.factories import PASSWORD, product_for_sale, seller_shop

pytestmark = pytest.mark.django_db

# English that Wagtail 8 writes without gettext, so no catalogue can reach it (checked in its
# templates): a screen reader's label, a hidden button and a hidden counter, a listing's count.
UPSTREAM = {
    "Actions",  # wagtailadmin/shared/headers/_actions.html: aria-label="Actions"
    "Search",  # wagtailadmin/shared/header.html and home.html: a visually hidden submit button
    "None",  # the side panel's hidden comment counter prints the Python None
    "1-1 of 1 page",  # the page listing's title column header, built without gettext
}


def test_a_seller_reads_the_story_editor_in_vietnamese(client):
    seller = seller_shop(shop_name="Gian Một")
    product_for_sale(seller, title="Chè hoa vàng của Gian Một")
    corner = corner_for(seller)
    story = corner.add_child(
        instance=StoryPage(title="Chuyện của tôi", slug="chuyen-cua-toi", intro="x", live=False)
    )
    assert client.login(username=seller.owner.email, password=PASSWORD)
    pages = {
        "stories": reverse("dashboard:shop-stories"),
        "cms home": reverse("wagtailadmin_home"),
        "corner": reverse("wagtailadmin_explore", args=[corner.pk]),
        "new story": reverse("wagtailadmin_pages:add", args=["cms", "storypage", corner.pk]),
        "edit story": reverse("wagtailadmin_pages:edit", args=[story.pk]),
    }
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        if english := [piece for piece in english_on(response.content.decode()) if piece not in UPSTREAM]:
            found[name] = english
    assert not found, found
