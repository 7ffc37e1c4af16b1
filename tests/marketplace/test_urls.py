"""Oscar and Wagtail side by side on the URL map of DESIGN.md."""

import pytest

from marketplace.cms.models import HomePage
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/cms/", "/cms/pages/", "/django-admin/", "/dashboard/"])
def test_province_staff_reach_both_back_offices(client, url):
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/cms/", "/django-admin/"])
def test_a_shopper_is_sent_to_sign_in_as_staff_instead(client, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_shopper_is_refused_the_dashboard(client):
    client.force_login(UserFactory())
    assert client.get("/dashboard/").status_code == 403


def test_the_home_page_is_edited_in_the_cms(client):
    home = HomePage.objects.get()
    home.hero_title = "Hội chợ OCOP mùa xuân"
    home.save_revision().publish()
    assert "Hội chợ OCOP mùa xuân" in client.get("/").content.decode()


def test_oscar_flows_keep_their_prefixes(client):
    assert client.get("/catalogue/").status_code == 200
    assert client.get("/basket/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/search/", {"q": "trà"}).status_code == 200


def test_an_unknown_path_is_a_404_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
