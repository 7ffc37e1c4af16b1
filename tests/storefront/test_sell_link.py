"""A cooperative finds `/sell/` from any page; a seller finds the seller centre instead."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, UserFactory, seller_shop
from vendors import lifecycle

pytestmark = pytest.mark.django_db
SELL = "Bán hàng cùng OCOP Quảng Ninh"
CENTRE = "Kênh người bán"


def links(html: str) -> list[tuple[str, str]]:
    """Every link of the page: (address, words)."""
    return [
        (href, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", words)).strip())
        for href, words in re.findall(r'<a\b[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    ]


def menu_and_footer(html: str) -> tuple[str, str]:
    menu = re.search(r'<nav class="[^"]*site-nav[^"]*">(.*?)</nav>', html, re.S).group(1)
    footer = html[html.index('class="site-footer') :]
    return menu, footer


def test_a_signed_out_visitor_finds_sell_in_the_menu_the_footer_and_the_sign_in_page(client):
    menu, footer = menu_and_footer(client.get("/").content.decode())
    assert ("/sell/", SELL) in links(menu) and ("/sell/", SELL) in links(footer)
    sign_in = client.get(reverse("customer:login")).content.decode()
    assert links(sign_in).count(("/sell/", SELL)) == 3  # menu, under the forms, footer
    assert CENTRE not in sign_in


def test_a_shopper_finds_sell_in_the_menu_and_on_the_account_pages(client):
    client.force_login(UserFactory())
    menu, footer = menu_and_footer(client.get("/").content.decode())
    assert ("/sell/", SELL) in links(menu) and ("/sell/", SELL) in links(footer)
    account = client.get(reverse("customer:profile-view")).content.decode()
    tabs = re.search(r'<ul class="nav nav-pills flex-column">(.*?)</ul>', account, re.S).group(1)
    assert ("/sell/", SELL) in links(tabs)
    assert CENTRE not in account


def test_a_seller_sees_the_seller_centre_instead_until_their_shop_is_suspended(client):
    seller = seller_shop()
    assert client.login(username=seller.owner.email, password=PASSWORD)
    home = client.get("/").content.decode()
    menu, footer = menu_and_footer(home)
    assert ("/dashboard/", CENTRE) in links(menu) and ("/dashboard/", CENTRE) in links(footer)
    assert "/sell/" not in [href for href, _words in links(home)]
    account = client.get(reverse("customer:profile-view")).content.decode()
    assert ("/dashboard/", CENTRE) in links(account) and SELL not in account

    lifecycle.seller_suspend(seller=seller, by=None, reason="Kiểm tra hồ sơ")
    menu, _footer = menu_and_footer(client.get("/").content.decode())
    assert ("/sell/", SELL) in links(menu) and CENTRE not in menu

    client.force_login(StaffFactory())  # staff have the dashboard, no shop
    assert CENTRE not in menu_and_footer(client.get("/").content.decode())[0]
