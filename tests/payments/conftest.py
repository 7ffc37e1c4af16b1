"""Fixtures of the payment tests."""

import pytest
from django.test import override_settings
from django.urls import reverse

from marketplace.payments import gateways, settlement
from marketplace.purchases.models import Purchase
from tests.payments.paying import KEYS
from tests.shopping import add, checkout_data, option


@pytest.fixture
def stripe_payment(client, two_shops):
    """A two-shop purchase whose shopper chose Stripe, with the attempt the start would create."""
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"], 1)
    add(client, two_shops["b1"], 1)
    with override_settings(**KEYS):
        response = client.post(
            reverse("checkout:index"),
            checkout_data({a: option(a, "pickup"), b: option(b, "pickup")}, payment_method="stripe"),
        )
    purchase = Purchase.objects.get(email="khach@example.vn")
    # Placing it starts the payment at once; Stripe's API cannot be reached from here, so the
    # shopper lands on the purchase page, told so, with the attempt kept.
    assert response.url == reverse("checkout:thank-you", args=[purchase.number])
    return settlement.payment_begin(purchase=purchase, gateway=gateways.get("stripe"))
