"""A failing mail server never fails or undoes what the shopper, seller or staff just did."""

import logging
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from marketplace.purchases.models import Purchase
from tests.factories import SellerFactory
from tests.shopping import add, checkout_data, option
from vendors import lifecycle
from vendors.models import Seller

pytestmark = pytest.mark.django_db


class DownMailServer(EmailBackend):
    """A mail server that hangs up on every message (a real SMTP error, as smtplib raises it)."""

    attempts = 0

    def send_messages(self, messages):
        DownMailServer.attempts += 1
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesShoppers(EmailBackend):
    """Refuses mail to one address and delivers the rest."""

    def send_messages(self, messages):
        if "khach@example.vn" in messages[0].to:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_purchase_is_placed_while_the_mail_server_is_down(
    client,
    two_shops,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.marketplace.test_mail.DownMailServer"
    DownMailServer.attempts = 0
    add(client, two_shops["a1"])
    add(client, two_shops["b1"])
    with (
        caplog.at_level(logging.ERROR, logger="marketplace.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        choices = {shop: option(shop, "flat") for shop in (two_shops["a"], two_shops["b"])}
        response = client.post(reverse("checkout:index"), checkout_data(choices), follow=True)
    assert response.status_code == 200
    purchase = Purchase.objects.get(email="khach@example.vn")
    assert purchase.number in response.content.decode()
    assert purchase.parts.count() == 2
    # Each of the three e-mails (shopper, two sellers) was tried, and each is in the log for staff.
    assert DownMailServer.attempts == 3
    given_up = [r for r in caplog.records if "was not sent" in r.getMessage()]
    assert len(given_up) == 3
    assert any("khach@example.vn" in r.getMessage() for r in given_up)


def test_one_refused_mail_does_not_stop_the_others(
    client,
    two_shops,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.marketplace.test_mail.RefusesShoppers"
    add(client, two_shops["a1"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("checkout:index"), checkout_data({two_shops["a"]: option(two_shops["a"], "flat")})
        )
    assert [m.to[0] for m in mail.outbox] == [two_shops["a"].email or two_shops["a"].owner.email]


def test_staff_activate_a_seller_while_the_mail_server_is_down(settings, django_capture_on_commit_callbacks):
    # (A worker retries a failed e-mail: marketplace.mail.send_email retries on SMTP and socket errors.)
    settings.EMAIL_BACKEND = "tests.marketplace.test_mail.DownMailServer"
    seller = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.seller_activate(seller=seller, by=None, reason="Đã đối chiếu hồ sơ bản giấy.")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.ACTIVE
