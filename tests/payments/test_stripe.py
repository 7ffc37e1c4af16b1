"""Stripe Checkout: offered only with keys; webhooks checked by the stripe library, signed with a test key."""

import json
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from marketplace.payments import gateways
from marketplace.payments.models import Payment, PaymentEvent
from tests.payments.paying import KEYS, WEBHOOK, completed, signed_post
from tests.shopping import add

pytestmark = pytest.mark.django_db


def test_stripe_is_offered_only_when_its_keys_are_set(client, two_shops):
    add(client, two_shops["a1"])
    page = client.get(reverse("checkout:index")).content.decode()
    assert 'value="stripe"' not in page and 'value="viettelpay"' in page
    with override_settings(**KEYS):
        assert 'value="stripe"' in client.get(reverse("checkout:index")).content.decode()
    assert client.post(WEBHOOK, "{}", content_type="application/json").status_code == 404


def test_the_checkout_session_charges_whole_dong_as_a_zero_decimal_currency(stripe_payment):
    params = gateways.get("stripe").session_params(
        stripe_payment, success_url="https://cho.example/ok", cancel_url="https://cho.example/back"
    )
    (item,) = params["line_items"]
    assert item["price_data"]["currency"] == "vnd"
    assert item["price_data"]["unit_amount"] == stripe_payment.amount == 1_000_000  # not × 100
    assert params["client_reference_id"] == stripe_payment.reference
    assert params["payment_intent_data"]["metadata"]["payment_reference"] == stripe_payment.reference


@override_settings(**KEYS)
def test_a_signed_completed_session_settles_the_purchase_once(client, stripe_payment):
    answer = signed_post(client, completed(stripe_payment))
    assert answer.status_code == 200 and answer.json()["outcome"] == "settled"
    purchase = stripe_payment.purchase
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert [p.order.sources.get().reference for p in purchase.parts.all()] == ["pi_test_1", "pi_test_1"]
    again = signed_post(client, completed(stripe_payment))  # Stripe retries: same answer, nothing more
    assert again.json()["outcome"] == "replay"
    assert all(p.order.sources.count() == 1 for p in purchase.parts.all())


@override_settings(**KEYS)
def test_a_bad_or_stale_signature_is_refused_and_changes_nothing(client, stripe_payment):
    assert signed_post(client, completed(stripe_payment), secret="whsec_wrong").status_code == 400
    stale = int(time.time()) - 3600  # outside the library's five-minute tolerance: a replayed capture
    assert signed_post(client, completed(stripe_payment), timestamp=stale).status_code == 400
    assert (
        client.post(
            WEBHOOK, json.dumps(completed(stripe_payment)), content_type="application/json"
        ).status_code
        == 400
    )
    stripe_payment.refresh_from_db()
    assert stripe_payment.status == "pending" and stripe_payment.purchase.status == "placed"


@override_settings(**KEYS)
def test_a_different_amount_or_currency_is_rejected_and_flagged(client, stripe_payment):
    assert (
        signed_post(client, completed(stripe_payment, amount=10_000)).json()["outcome"] == "amount_mismatch"
    )
    assert (
        signed_post(client, completed(stripe_payment, currency="usd")).json()["outcome"] == "amount_mismatch"
    )
    stripe_payment.refresh_from_db()
    assert stripe_payment.status == "pending" and stripe_payment.purchase.status == "placed"
    assert PaymentEvent.objects.filter(flagged=True, outcome="amount_mismatch").count() == 2


@override_settings(**KEYS)
def test_a_failed_payment_intent_marks_the_attempt_failed_and_an_unpaid_session_waits(client, stripe_payment):
    waiting = completed(stripe_payment, status="unpaid")  # a delayed payment method: not money yet
    assert signed_post(client, waiting).status_code == 200
    assert Payment.objects.get(pk=stripe_payment.pk).status == "pending"
    failed = {
        "id": "evt_2",
        "object": "event",
        "type": "payment_intent.payment_failed",
        "data": {
            "object": {
                "id": "pi_test_2",
                "object": "payment_intent",
                "amount": stripe_payment.amount,
                "currency": "vnd",
                "metadata": {"payment_reference": stripe_payment.reference},
            }
        },
    }
    assert signed_post(client, failed).json()["outcome"] == "declined"
    stripe_payment.refresh_from_db()
    assert stripe_payment.status == "failed" and stripe_payment.purchase.status == "placed"
