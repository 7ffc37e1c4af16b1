"""Error pages are the marketplace's own: its header and menu, Vietnamese, a search box and ways
back — never Django's bare English "Not Found" (shoppers meet a 404 on every old product link)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

from tests.factories import StaffFactory, product_for_sale, seller_shop

pytestmark = pytest.mark.django_db


def _own_page(html: str, heading: str):
    assert '<html lang="vi"' in html
    assert heading in html
    assert 'name="q"' in html and 'href="/"' in html  # a search box and a way home
    assert "Not Found" not in html and "Server Error" not in html


def test_an_old_product_link_gets_the_marketplaces_404(client):
    response = client.get("/catalogue/cha-muc-cu_99999999/")
    assert response.status_code == 404
    _own_page(response.content.decode(), "Không có trang này")


def test_a_product_taken_off_sale_answers_the_same_404(client):
    product = product_for_sale(seller_shop(), title="Chả mực ngừng bán")
    product.is_public = False
    product.save()
    response = client.get(product.get_absolute_url())
    assert response.status_code == 404
    html = response.content.decode()
    _own_page(html, "Không có trang này")
    assert "Chả mực ngừng bán" not in html


def test_another_shops_page_gets_the_marketplaces_403(client):
    shop = seller_shop()
    client.force_login(seller_shop().owner)
    response = client.get(f"/dashboard/sellers/{shop.pk}/ledger/")
    assert response.status_code == 403
    _own_page(response.content.decode(), "Trang này không dành cho tài khoản của bạn")


def test_a_server_error_and_a_bad_request_are_in_vietnamese_without_the_database(
    django_assert_num_queries,
):
    request = RequestFactory().get("/")
    request.user = StaffFactory.build()
    with translation.override("vi"), django_assert_num_queries(0):
        response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi"' in html and "Xin lỗi, trang này đang gặp lỗi" in html and 'name="q"' in html
    with translation.override("vi"):
        bad = defaults.bad_request(RequestFactory().get("/"), BadRequest())
    assert bad.status_code == 400
