"""A seller's corner of the CMS is made when their shop is activated, never by opening a page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from marketplace.cms.models import ShopStoriesPage
from tests.factories import SellerFactory, UserFactory
from vendors import lifecycle
from vendors.models import Seller

pytestmark = pytest.mark.django_db


def test_activation_opens_the_sellers_corner_of_the_cms():
    seller = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    assert not ShopStoriesPage.objects.filter(shop=seller).exists()
    lifecycle.seller_activate(seller=seller, by=None, reason="Đã đối chiếu hồ sơ bản giấy.")
    corner = ShopStoriesPage.objects.get(shop=seller)
    assert seller.owner.has_perm("wagtailadmin.access_admin")
    assert corner.permissions_for_user(seller.owner).can_add_subpage()


def test_opening_stories_in_the_seller_centre_writes_nothing(client):
    # A shop activated before corners were made at activation has none yet.
    owner = UserFactory()
    seller = SellerFactory(owner=owner, status=Seller.Status.APPLIED, activated_at=None)
    lifecycle.seller_activate(seller=seller, by=None, reason="Đã đối chiếu hồ sơ bản giấy.")
    ShopStoriesPage.objects.filter(shop=seller).delete()
    Group.objects.filter(name__startswith="Người bán: " + seller.slug).delete()
    client.force_login(owner)
    pages, groups = Page.objects.count(), Group.objects.count()
    response = client.get(reverse("dashboard:shop-stories"))
    assert response.status_code == 200
    assert (Page.objects.count(), Group.objects.count()) == (pages, groups)
    assert "Mở góc câu chuyện của gian hàng" in response.content.decode()
    # Asked for (a POST), the corner opens, and the page offers to write a story in it.
    response = client.post(reverse("dashboard:shop-stories"), follow=True)
    corner = ShopStoriesPage.objects.get(shop=seller)
    write = reverse("wagtailadmin_pages:add", args=["cms", "storypage", corner.pk])
    assert write in response.content.decode()
