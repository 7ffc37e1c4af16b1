"""Adding a gateway is one class and configuration: this file's `TokenGateway` is all it takes."""

import hashlib
import hmac

import pytest
from django.http import JsonResponse
from django.test import override_settings
from django.urls import reverse

from marketplace.payments import settlement
from marketplace.payments.gateways import Gateway, Start
from marketplace.purchases.models import Purchase
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db
KEY = b"token-gateway-key"


class TokenGateway(Gateway):
    """A made-up gateway: redirects to its site, calls back with an HMAC-SHA256 in a header."""

    code = "token"
    label = "TokenPay"
    redirects = True

    def start(self, payment, request):
        return Start(
            redirect_url=f"https://tokenpay.example/pay?ref={payment.reference}&amount={payment.amount}"
        )

    def handle_callback(self, request):
        expected = hmac.new(KEY, request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.headers.get("X-Token-Signature", "")):
            return JsonResponse({"ok": False}, status=400)
        ref, amount = request.body.decode().split(":")
        outcome = settlement.callback_record(
            gateway=self.code,
            reference=ref,
            paid=True,
            amount=int(amount),
            currency="VND",
            external_id="tok-1",
        )
        return JsonResponse({"ok": outcome.accepted})


PLUGGED = {
    "MARKETPLACE_PAYMENT_GATEWAYS": {
        "cod": "marketplace.payments.providers.offline.CashOnDelivery",
        "token": "tests.payments.test_gateway_plugin.TokenGateway",
    },
    "MARKETPLACE_PAYMENT_METHODS": ["token", "cod"],
}


@override_settings(**PLUGGED)
def test_a_new_gateway_class_named_in_settings_is_offered_started_and_settled(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    page = client.get(reverse("checkout:index")).content.decode()
    assert 'value="token"' in page and "TokenPay" in page and 'value="vietqr"' not in page
    placed = client.post(
        reverse("checkout:index"), checkout_data({a: option(a, "pickup")}, payment_method="token")
    )
    purchase = Purchase.objects.get(email="khach@example.vn")
    assert placed.url == f"https://tokenpay.example/pay?ref={purchase.number}-TT001&amount=350000"
    body = f"{purchase.number}-TT001:350000".encode()
    forged = client.post(
        "/payments/token/callback/", body, content_type="text/plain", HTTP_X_TOKEN_SIGNATURE="0"
    )
    assert forged.status_code == 400
    signature = hmac.new(KEY, body, hashlib.sha256).hexdigest()
    ok = client.post(
        "/payments/token/callback/", body, content_type="text/plain", HTTP_X_TOKEN_SIGNATURE=signature
    )
    assert ok.json() == {"ok": True}
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert purchase.parts.get().order.sources.get().source_type.code == "token"
    assert purchase.payment_events.filter(kind="start", outcome="redirected").exists()
