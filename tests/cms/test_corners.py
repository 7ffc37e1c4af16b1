"""In the CMS a seller sees only their own corner: another shop's draft is never named by the page
chooser, its search, the bulk actions, the move pages or the reports."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from marketplace.cms.models import StoryPage
from marketplace.cms.stories import corner_for
from tests.factories import StaffFactory, seller_shop

pytestmark = pytest.mark.django_db
DRAFT = "Bí quyết ủ men riêng của Gian Một"


def names(response, title: str) -> bool:
    body = response.content.decode()
    return title in body or json.dumps(title)[1:-1] in body


@pytest.fixture
def corners():
    """Seller one's draft in their corner; seller two, signed in next door."""
    one, two = seller_shop(shop_name="Gian Một"), seller_shop(shop_name="Gian Hai")
    mine, theirs = corner_for(two), corner_for(one)
    draft = theirs.add_child(instance=StoryPage(title=DRAFT, slug="bi-quyet-u-men", intro="x", live=False))
    own = mine.add_child(instance=StoryPage(title="Chuyện của Gian Hai", slug="chuyen-gian-hai", intro="x"))
    return {"draft": draft, "their_corner": theirs, "my_corner": mine, "own": own, "two": two}


@pytest.fixture
def seller2(client, corners):
    client.force_login(corners["two"].owner)
    return client


def test_the_page_chooser_and_its_search_show_only_my_corner(seller2, corners):
    draft, theirs = corners["draft"], corners["their_corner"]
    browse = seller2.get(reverse("wagtailadmin_choose_page"))
    assert browse.status_code == 200 and not names(browse, theirs.title)
    for page in (theirs, draft):
        inside = seller2.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
        assert inside.status_code == 404 and not names(inside, DRAFT)
    found = seller2.get(reverse("wagtailadmin_choose_page_search"), {"q": "Bí quyết ủ men"})
    assert found.status_code == 200 and not names(found, DRAFT)
    # My own pages are there to choose.
    mine = seller2.get(reverse("wagtailadmin_choose_page_child", args=[corners["my_corner"].pk]))
    assert mine.status_code == 200 and names(mine, corners["own"].title)
    own_found = seller2.get(reverse("wagtailadmin_choose_page_search"), {"q": "Gian Hai"})
    assert names(own_found, corners["own"].title)


@pytest.mark.parametrize("action", ["delete", "move", "unpublish", "publish"])
def test_bulk_actions_neither_name_nor_touch_another_shops_page(seller2, corners, action):
    draft = corners["draft"]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={draft.pk}"
    shown = seller2.get(url)
    assert shown.status_code == 404 and not names(shown, DRAFT)
    done = seller2.post(url, {"move_applicable": "on", "chooser": corners["my_corner"].pk})
    assert done.status_code == 404 and not names(done, DRAFT)
    assert Page.objects.filter(pk=draft.pk, path=draft.path, title=DRAFT).exists()
    # With my own page among them, only mine is listed.
    both = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + (
        f"?id={draft.pk}&id={corners['own'].pk}"
    )
    listed = seller2.get(both)
    assert not names(listed, DRAFT)


def test_the_move_pages_name_no_page_of_another_shop(seller2, corners):
    draft, own, theirs = corners["draft"], corners["own"], corners["their_corner"]
    for page, destination in ((draft, corners["my_corner"]), (own, theirs), (own, draft)):
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
        shown = seller2.get(url)
        assert shown.status_code == 404 and not names(shown, DRAFT) and not names(shown, theirs.title)
        assert seller2.post(url).status_code == 404
    draft.refresh_from_db()
    own.refresh_from_db()
    assert draft.get_parent().pk == theirs.pk and own.get_parent().pk == corners["my_corner"].pk


def test_reports_are_for_those_who_publish(seller2, client, corners):
    reports = ["page_types_usage", "page_types_usage_results", "aging_pages", "locked_pages", "site_history"]
    for name in reports:
        response = seller2.get(reverse(f"wagtailadmin_reports:{name}"))
        assert response.status_code == 404 and not names(response, DRAFT), name
    assert "page-types-usage" not in seller2.get(reverse("wagtailadmin_home")).content.decode()
    seller2.logout()
    client.force_login(StaffFactory())
    report = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert report.status_code == 200
    found = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Bí quyết ủ men"})
    assert names(found, DRAFT)  # staff still find every page
