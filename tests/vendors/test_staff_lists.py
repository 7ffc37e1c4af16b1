"""The staff's list of accounts reads in Vietnamese: its columns named, yes and no in words."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_accounts_list_names_its_columns_and_says_yes_or_no(client):
    UserFactory(email="lan@example.vn", first_name="Thị Lan", last_name="Nguyễn")
    client.force_login(StaffFactory())
    soup = BeautifulSoup(client.get("/dashboard/users/").content, "html.parser")
    headers = [" ".join(th.get_text().split()) for th in soup.select("table thead th")]
    assert "Họ tên" in headers and "Name" not in headers
    row = soup.find("td", string=lambda s: s and "Nguyễn Thị Lan" in s).find_parent("tr")
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert "Có" in cells  # active
    assert "True" not in cells and "False" not in cells
    assert row.find("td", attrs={"data-label": "Họ tên"})  # a card's labelled line on a phone


def test_a_range_name_with_a_script_reaches_the_offer_pages_as_text(client):
    # Oscar writes a range's name into the offers' descriptions unescaped (a link to the range):
    # the pages print them through the project's sanitizer, so a script typed as a name never runs.
    import datetime

    from django.utils import timezone
    from oscar.core.loading import get_model

    Range = get_model("offer", "Range")
    Benefit = get_model("offer", "Benefit")
    Condition = get_model("offer", "Condition")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Voucher = get_model("voucher", "Voucher")
    VoucherSet = get_model("voucher", "VoucherSet")

    payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>Đặc sản Tết'
    rng = Range.objects.create(name=payload, includes_all_products=True)
    offer = ConditionalOffer.objects.create(
        name="Giảm 10% đặc sản Tết",
        benefit=Benefit.objects.create(range=rng, type=Benefit.PERCENTAGE, value=10),
        condition=Condition.objects.create(range=rng, type=Condition.COUNT, value=2),
    )
    now = timezone.now()
    voucher_set = VoucherSet.objects.create(
        name="Hội chợ OCOP",
        count=1,
        code_length=8,
        start_datetime=now,
        end_datetime=now + datetime.timedelta(days=3),
    )
    Voucher.objects.create(
        name="Hội chợ OCOP - 1",
        code="HOICHO01",
        voucher_set=voucher_set,
        start_datetime=now,
        end_datetime=voucher_set.end_datetime,
    ).offers.add(offer)
    client.force_login(StaffFactory())
    for url in ("/dashboard/offers/", f"/dashboard/vouchers/sets/detail/{voucher_set.pk}/"):
        html = client.get(url).content.decode()
        assert "Đặc sản Tết" in html, url  # the name is there, as text in its link
        assert "<script>alert" not in html and "onerror" not in html, url
