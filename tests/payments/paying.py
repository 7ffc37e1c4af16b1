"""A shopper paying through each gateway, as the tests drive it: Viettel Pay through its sandbox
wallet, a VietQR transfer, and Stripe's signed webhooks."""

import hashlib
import hmac
import json
import time
from urllib.parse import parse_qsl, urlsplit

from django.urls import reverse
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.demo.loader import vietnam_present
from marketplace.payments import gateways, sandbox, settlement
from marketplace.payments.models import Payment
from marketplace.purchases import checkout as purchases
from marketplace.purchases.models import Purchase
from shop.partner.strategy import Default
from tests.factories import open_shop, product_for_sale
from tests.shopping import add, checkout_data, option

Basket = get_model("basket", "Basket")
Source = get_model("payment", "Source")

CALLBACK = "/payments/viettelpay/callback/"
SECRET = "whsec_test_ocop"
KEYS = {"STRIPE_SECRET_KEY": "sk_test_ocop", "STRIPE_WEBHOOK_SECRET": SECRET}
WEBHOOK = "/payments/stripe/callback/"


# --- Viettel Pay ------------------------------------------------------------------------------


def pay_online(client, two_shops):
    """A two-shop purchase paid with Viettel Pay: checkout → start → the sandbox wallet's address."""
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"], 2)  # 700.000 ₫
    add(client, two_shops["b1"], 1)  # 650.000 ₫
    placed = client.post(
        reverse("checkout:index"),
        checkout_data({a: option(a, "pickup"), b: option(b, "pickup")}, payment_method="viettelpay"),
    )
    purchase = Purchase.objects.get(email="khach@example.vn")
    # Placing it (a POST) starts the payment and sends the shopper straight to the gateway.
    to_gateway = placed
    assert to_gateway.status_code == 302
    url = urlsplit(to_gateway.url)
    assert url.path == reverse("payments:viettelpay-sandbox")
    return purchase, to_gateway.url, dict(parse_qsl(url.query))


def wallet(params, *, approve=True, msisdn="0987654321"):
    """What the sandbox does when the shopper presses a button (its HTTP delivery aside)."""
    assert sandbox.check_redirect(params) == ""
    return sandbox.charge(params, approve=approve, msisdn=msisdn)


def viettelpay_purchase():
    """A purchase from two shops, paid with Viettel Pay, and the wallet's signed callback for it,
    made without a request (the concurrency test's threads post the callback)."""
    vietnam_present()  # migrations make no country: a transactional test has only what they made
    basket = Basket.objects.create()
    basket.strategy = Default()
    choices = {}
    for title in ("Mật ong rừng Ba Chẽ", "Chè Đường Hoa"):
        seller = open_shop()
        basket.add_product(product_for_sale(seller, title=title, price=250_000, stock=5), 1)
        choices[seller.pk] = option(seller, "pickup").pk
    purchase = purchases.purchase_place(
        basket=basket,
        user=None,
        email="khach@example.vn",
        address=purchases.Address("Khách", "0912345678", 22, int(wards.wards(22)[0].code), "Số 1"),
        shipping_choices=choices,
        payment_method="viettelpay",
    )
    payment = settlement.payment_begin(purchase=purchase, gateway=gateways.get("viettelpay"))
    params = gateways.get("viettelpay").redirect_params(
        payment, "http://testserver/payments/viettelpay/return/"
    )
    txn = sandbox.charge(params, approve=True, msisdn="0987654321")
    return purchase, sandbox.result_params(txn)


def paid_state(purchase):
    """What a settlement could change: the purchase's status, its payments, its orders' sources."""
    purchase.refresh_from_db()
    return (
        purchase.status,
        list(Payment.objects.filter(purchase=purchase).values_list("status", "external_id")),
        Source.objects.filter(order__purchase_part__purchase=purchase).count(),
    )


# --- VietQR -----------------------------------------------------------------------------------


def vietqr_purchase(client, two_shops, quantity=2):
    """Shop A's first product bought to be paid by bank transfer (VietQR)."""
    a = two_shops["a"]
    add(client, two_shops["a1"], quantity)
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "pickup")}, payment_method="vietqr"))
    return Purchase.objects.get(email="khach@example.vn")


# --- Stripe -----------------------------------------------------------------------------------


def signed_post(client, event: dict, secret: str = SECRET, timestamp: int | None = None):
    """POST an event as Stripe does: `Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`."""
    payload = json.dumps(event)
    t = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return client.post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=f"t={t},v1={signature}"
    )


def completed(payment, *, amount=None, currency="vnd", status="paid"):
    """Stripe's event for a paid Checkout session of this payment."""
    return {
        "id": "evt_1",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_test_1",
                "object": "checkout.session",
                "client_reference_id": payment.reference,
                "amount_total": payment.amount if amount is None else amount,
                "currency": currency,
                "payment_status": status,
                "payment_intent": "pi_test_1",
            }
        },
    }
