"""Staff find an applicant in the activation queue: newest first, a search box, filters kept while paging."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import SellerFactory, StaffFactory, a_ward_code
from vendors.models import BusinessKind, Seller

pytestmark = pytest.mark.django_db
QUEUE = reverse("dashboard:seller-list")


@pytest.fixture
def staff(client):
    client.force_login(StaffFactory())
    return client


def applicant(**fields) -> Seller:
    return SellerFactory(status=Seller.Status.APPLIED, activated_at=None, **fields)


def shown(response) -> list[str]:
    return [v.shop_name for v in response.context["sellers"]]


def test_a_new_application_is_the_first_row_of_the_first_page(staff):
    for n in range(50):  # a full page of applicants who have waited longer
        applicant(applied_at=timezone.now() - datetime.timedelta(days=8 + n))
    fresh = applicant(shop_name="Gian hàng vừa đăng ký")
    applicant(shop_name="Gian hàng tuần trước", applied_at=timezone.now() - datetime.timedelta(days=7))
    assert shown(staff.get(QUEUE))[0] == fresh.shop_name


def test_staff_find_an_applicant_by_name_shop_tax_code_phone_or_e_mail_with_or_without_marks(staff):
    wanted = applicant(
        legal_name="Hợp tác xã Nông nghiệp Yên Đức",
        shop_name="Đặc sản làng Yên Đức",
        tax_code="5709876543",
        phone="0987123456",
        email="YenDuc.HTX@example.vn",
    )
    other = applicant(
        legal_name="Hộ kinh doanh Trà Hoa Vàng Ba Chẽ", shop_name="Trà Ba Chẽ", tax_code="5701112223"
    )
    for typed in (
        "yen duc",
        "HỢP TÁC XÃ NÔNG NGHIỆP YÊN ĐỨC",
        "dac san lang",
        "5709876543",
        "0987 123 456",
        "yenduc.htx@EXAMPLE",
    ):
        found = shown(staff.get(QUEUE, {"q": typed}))
        assert wanted.shop_name in found and other.shop_name not in found, typed
    assert shown(staff.get(QUEUE, {"q": "tra hoa vang"})) == [other.shop_name]
    assert shown(staff.get(QUEUE, {"q": "không ai có tên này"})) == []
    assert staff.get(QUEUE, {"q": "\x00' OR 1=1 --"}).status_code == 200


def test_the_search_and_the_filters_are_kept_in_the_pagination_links(staff):
    ward = a_ward_code()
    for n in range(53):
        applicant(legal_name=f"HTX Phân trang {n}", kind=BusinessKind.COOPERATIVE)
    asked = {"q": "phan trang", "status": "applied", "kind": "cooperative", "ward": ward}
    first = staff.get(QUEUE, asked)
    html = first.content.decode()
    assert 'value="phan trang"' in html
    (next_link,) = [unescape(href) for href in re.findall(r'href="(\?[^"]*page=2)"', html)]
    second = staff.get(QUEUE + next_link)
    assert second.context["filters"] == {**asked, "ward": str(ward)}
    assert len(first.context["sellers"]) == 50 and len(second.context["sellers"]) == 3
    assert all(v.legal_name.startswith("HTX Phân trang") for v in second.context["sellers"])


def test_the_queue_costs_the_same_queries_for_three_rows_as_for_fifty(staff):
    for n in range(50):
        applicant(legal_name=f"HTX Đếm truy vấn {'ít' if n < 3 else 'nhiều'} {n}")

    def queries(q):
        with CaptureQueriesContext(connection) as ctx:
            response = staff.get(QUEUE, {"q": q})
        return len(response.context["sellers"]), len(ctx.captured_queries)

    few, few_queries = queries("dem truy van it")
    many, many_queries = queries("dem truy van")
    assert (few, many) == (3, 50) and few_queries == many_queries
