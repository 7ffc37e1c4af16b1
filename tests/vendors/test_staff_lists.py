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
