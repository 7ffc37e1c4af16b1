"""Vietnamese first, English one click away from every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/catalogue/", "/shops/", "/basket/", "/search/?q=tra"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_speak_vietnamese_to_a_browser_that_prefers_english(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Tìm kiếm" in html  # the search button


@pytest.mark.parametrize("url", PAGES)
def test_every_page_offers_the_language_switch(client, url):
    html = client.get(url).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert '<label for="id_language"' in html
    assert 'value="en"' in html and 'value="vi"' in html


def test_switching_to_english_sticks_and_switching_back_works(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/catalogue/"})
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/"
    english = client.get("/catalogue/")
    assert english["Content-Language"] == "en"
    assert "All products" in english.content.decode()

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Tất cả sản phẩm" in client.get("/catalogue/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "vi"
