"""Brute force and abuse: failed sign-ins lock an account and an address out for a while on every
sign-in page, password reset and the seller application are rate-limited, each with a Vietnamese
message; signing in correctly, however often, never locks anyone out."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF, SHOPPER = "so.nnmt@example.vn", "lan@example.vn"
LOCKED = "Quá nhiều lần đăng nhập sai"
# An address from the documentation range: only a value in the request, nothing is sent there.
OTHER_NETWORK = "203.0.113.7"

SIGN_IN_PAGES = {
    "storefront": ("/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    "cms": ("/cms/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {"next": "/django-admin/"}),
}


@pytest.fixture(autouse=True)
def accounts():
    """A staff account (it signs in everywhere, the CMS and Django's admin too) and a shopper's."""
    StaffFactory(email=STAFF)
    UserFactory(email=SHOPPER)


def sign_in(client, page, username, password):
    url, user_field, password_field, extra = SIGN_IN_PAGES[page]
    return client.post(url, {user_field: username, password_field: password, **extra})


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("page", SIGN_IN_PAGES)
def test_failed_sign_ins_lock_the_account_out_even_with_the_right_password(client, page):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, page, STAFF, "doan-mo")
        assert response.status_code == 200  # the form again, with its error
        assert not signed_in(client)
    response = sign_in(client, page, STAFF, "doan-mo")
    assert response.status_code == 429

    response = sign_in(client, page, STAFF, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


def test_the_account_stays_locked_from_another_network_and_in_other_letters():
    attacker = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "storefront", "Lan@EXAMPLE.vn", "doan-mo")

    owner = Client(REMOTE_ADDR=OTHER_NETWORK)
    response = sign_in(owner, "cms", SHOPPER, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_one_address_trying_many_accounts_is_locked_out_but_others_still_sign_in(client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "storefront", f"nobody{n}@example.vn", "doan-mo")

    response = sign_in(client, "storefront", SHOPPER, PASSWORD)
    assert response.status_code == 429

    elsewhere = Client(REMOTE_ADDR=OTHER_NETWORK)
    response = sign_in(elsewhere, "storefront", SHOPPER, PASSWORD)
    assert response.status_code == 302
    assert signed_in(elsewhere)


def test_signing_in_correctly_many_times_never_locks_out(client):
    for _ in range(settings.AXES_FAILURE_LIMIT * 3):
        response = sign_in(client, "storefront", SHOPPER, PASSWORD)
        assert response.status_code == 302
        client.logout()


def test_a_mistyped_password_or_two_still_lets_the_owner_in(client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "storefront", SHOPPER, "doan-mo")
    response = sign_in(client, "storefront", SHOPPER, PASSWORD)
    assert response.status_code == 302


@pytest.mark.parametrize("url", ["/password-reset/", "/cms/password_reset/"])
def test_password_reset_is_limited_per_account(client, url):
    allowed = int(settings.MARKETPLACE_PASSWORD_RESET_RATE_PER_ACCOUNT.split("/")[0])
    for _ in range(allowed):
        assert client.post(url, {"email": STAFF}).status_code == 302
    sent = len(mail.outbox)

    elsewhere = Client(REMOTE_ADDR=OTHER_NETWORK)
    response = elsewhere.post(url, {"email": "So.NNMT@example.vn"})

    assert response.status_code == 429
    assert "Bạn đã yêu cầu đặt lại mật khẩu quá nhiều lần" in response.content.decode()
    assert len(mail.outbox) == sent


def test_password_reset_is_limited_per_address(client):
    allowed = int(settings.MARKETPLACE_PASSWORD_RESET_RATE_PER_IP.split("/")[0])
    for n in range(allowed):
        assert client.post("/password-reset/", {"email": f"ai{n}@example.vn"}).status_code == 302
    response = client.post("/password-reset/", {"email": SHOPPER})
    assert response.status_code == 429


def test_the_seller_application_is_limited_per_user_with_a_vietnamese_message(client):
    client.force_login(UserFactory())
    allowed = int(settings.MARKETPLACE_SELL_RATE_PER_USER.split("/")[0])
    for _ in range(allowed):
        # An empty application: refused with its errors, but counted all the same.
        assert client.post("/sell/", {}).status_code == 200

    response = client.post("/sell/", {})

    assert response.status_code == 429
    assert "Bạn đã gửi đơn đăng ký bán hàng quá nhiều lần" in response.content.decode()
    assert client.get("/sell/").status_code == 200  # reading the page is never limited


def test_the_seller_application_is_limited_per_address_across_accounts():
    allowed = int(settings.MARKETPLACE_SELL_RATE_PER_IP.split("/")[0])
    per_user = int(settings.MARKETPLACE_SELL_RATE_PER_USER.split("/")[0])
    browser = Client()
    for n in range(allowed):
        if n % per_user == 0:
            browser.force_login(UserFactory())
        assert browser.post("/sell/", {}).status_code == 200
    browser.force_login(UserFactory())
    assert browser.post("/sell/", {}).status_code == 429
