"""Viettel Pay through the sandbox wallet: signed redirect, verified callback, and every callback rule.

The callbacks here are the ones the sandbox itself builds and signs with the merchant key
(`sandbox.deliveries`), posted to the callback URL as the gateway posts them.
"""

import datetime
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.payments import sandbox
from marketplace.payments.models import Payment, PaymentEvent, SandboxTransaction
from marketplace.payments.viettelpay_protocol import CALLBACK_SIGNED, Config
from marketplace.purchases.models import Purchase
from tests.payments.paying import CALLBACK, pay_online, wallet
from tests.shopping import step

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


def order_payments(html: str) -> list[str]:
    """What the purchase page says about each shop order's payment."""
    return [
        re.sub(r"<[^>]+>", "", found).strip()
        for found in re.findall(r'class="order-payment">(.*?)</span>', html)
    ]


def call_back(client, params):
    return client.post(CALLBACK, params)


def state(purchase):
    """Everything a settlement could change."""
    purchase.refresh_from_db()
    return (
        purchase.status,
        sorted(purchase.payments.values_list("reference", "status", "external_id")),
        sorted(
            (part.order.number, part.order.sources.count(), part.order.status)
            for part in purchase.parts.select_related("order")
        ),
    )


def test_the_redirect_is_signed_with_the_merchant_key_and_carries_order_amount_and_return(client, two_shops):
    purchase, url, params = pay_online(client, two_shops)
    assert params["trans_amount"] == "1350000" == str(purchase.total)
    assert params["billcode"] == purchase.number and params["order_id"] == f"{purchase.number}-TT001"
    assert (
        params["merchant_code"] == "OCOPQN" and params["command"] == "PAYMENT" and params["version"] == "2.0"
    )
    assert params["return_url"] == "http://testserver/payments/viettelpay/return/"
    # Base64(HMAC-SHA1(key, access_code + billcode + command + merchant_code + order_id + amount + version))
    import base64
    import hashlib
    import hmac

    message = "sandbox-access" + "".join(
        params[k] for k in ("billcode", "command", "merchant_code", "order_id", "trans_amount", "version")
    )
    expected = base64.b64encode(
        hmac.new(b"sandbox-hash-key", message.encode(), hashlib.sha1).digest()
    ).decode()
    assert params["check_sum"] == expected
    page = client.get(url)
    assert page.status_code == 200 and "1.350.000\xa0₫" in page.content.decode()
    tampered = url.replace("trans_amount=1350000", "trans_amount=1000")
    refused = client.get(tampered)
    assert refused.status_code == 400 and "bad check_sum" in refused.content.decode()
    assert purchase.payments.get().status == "pending"


def test_coming_back_from_the_gateway_settles_nothing_only_the_callback_does(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    back = sandbox.result_params(txn)  # signed, exactly what the gateway appends to the return URL
    before = state(purchase)
    page = client.get(reverse("payments:return", args=["viettelpay"]), back, follow=True)
    html = page.content.decode()
    assert state(purchase) == before and purchase.status == "placed"
    assert "Đang chờ Viettel Pay xác nhận" in html and 'http-equiv="refresh"' in html
    assert order_payments(html) == ["Chưa thanh toán", "Chưa thanh toán"]

    answer = call_back(client, sandbox.deliveries(txn, "once")[0][1])
    assert answer.status_code == 200 and answer.json()["error_code"] == "00"
    assert Config.from_settings().verify(answer.json(), ("error_code", "merchant_code", "order_id"))
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    for part in purchase.parts.select_related("order"):
        source = part.order.sources.get()
        assert (source.source_type.code, source.amount_debited) == ("viettelpay", part.order.total_incl_tax)
        assert source.reference == txn.vt_transaction_id
    html = client.get(reverse("checkout:thank-you", args=[purchase.number])).content.decode()
    assert order_payments(html) == ["Đã thanh toán", "Đã thanh toán"] and 'http-equiv="refresh"' not in html


def test_a_bad_signature_is_refused_with_400_and_changes_nothing(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    good = sandbox.result_params(wallet(params))
    before = state(purchase)
    forged = {**good, "check_sum": good["check_sum"][:-4] + "AAA="}
    assert call_back(client, forged).status_code == 400
    # A declined payment dressed up as a success: the fields no longer match the checksum.
    declined = sandbox.result_params(wallet({**params}, approve=False))
    assert call_back(client, {**declined, "error_code": "00", "payment_status": "1"}).status_code == 400
    # Signed with another key.
    with override_settings(MARKETPLACE_VIETTELPAY_HASH_KEY="not-the-key"):
        other = Config.from_settings().signed({k: good[k] for k in CALLBACK_SIGNED}, CALLBACK_SIGNED)
    assert call_back(client, other).status_code == 400
    assert state(purchase) == before
    assert PaymentEvent.objects.filter(outcome="bad_signature").count() == 3


def test_a_replayed_callback_gets_the_same_answer_and_settles_once(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    planned = sandbox.deliveries(txn, "twice")
    assert len(planned) == 2 and planned[0] == planned[1] and planned[0][0] == 0
    first, second = (call_back(client, fields) for _delay, fields in planned)
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    after_first = state(purchase)
    assert call_back(client, planned[0][1]).json() == first.json()
    assert state(purchase) == after_first
    assert all(part.order.sources.count() == 1 for part in purchase.parts.select_related("order"))
    outcomes = list(
        PaymentEvent.objects.filter(purchase=purchase, kind="callback").values_list("outcome", flat=True)
    )
    assert sorted(outcomes) == ["replay", "replay", "settled"]


def test_a_wrong_amount_is_rejected_and_flagged_for_staff(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    ((_delay, fields),) = sandbox.deliveries(txn, "wrong_amount")
    assert int(fields["trans_amount"]) == purchase.total - 1_000
    before = state(purchase)
    answer = call_back(client, fields)
    assert answer.status_code == 200 and answer.json()["error_code"] == "02"
    assert state(purchase) == before
    flagged = PaymentEvent.objects.get(flagged=True)
    assert flagged.outcome == "amount_mismatch" and flagged.purchase == purchase


def test_a_late_callback_is_planned_after_the_shopper_is_back(client, two_shops):
    _purchase, _url, params = pay_online(client, two_shops)
    ((delay, fields),) = sandbox.deliveries(wallet(params), "late")
    assert delay > 0 and fields["error_code"] == "00"


def test_a_declined_payment_can_be_tried_again_as_a_new_attempt(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params, approve=False)
    assert call_back(client, sandbox.result_params(txn)).json()["error_code"] == "00"  # received
    purchase.refresh_from_db()
    assert purchase.status == "placed" and purchase.payments.get().status == "failed"
    page = client.get(reverse("checkout:thank-you", args=[purchase.number])).content.decode()
    assert "Thanh toán bị từ chối" in page and "Thanh toán qua Viettel Pay" in page
    again = client.post(reverse("payments:start", args=["viettelpay", purchase.number]))
    params2 = dict(parse_qsl(urlsplit(again.url).query))
    assert params2["order_id"] == f"{purchase.number}-TT002"
    call_back(client, sandbox.result_params(wallet(params2)))
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert sorted(purchase.payments.values_list("status", flat=True)) == ["failed", "paid"]


def test_opening_the_start_address_by_get_starts_nothing(client, two_shops):
    # A link, a prefetch or another site's <img> must not begin a payment attempt.
    purchase, _url, _params = pay_online(client, two_shops)
    attempts = purchase.payments.count()
    response = client.get(reverse("payments:start", args=["viettelpay", purchase.number]))
    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you", args=[purchase.number])
    assert purchase.payments.count() == attempts


def test_someone_elses_purchase_cannot_be_started(client, two_shops):
    from django.test import Client

    purchase, _url, _params = pay_online(client, two_shops)
    stranger = Client()
    assert stranger.get(reverse("payments:start", args=["viettelpay", purchase.number])).status_code == 404
    assert stranger.get(reverse("checkout:thank-you", args=[purchase.number])).status_code == 404


def test_an_abandoned_payment_expires_and_gives_its_stock_back(client, two_shops):
    purchase, _url, _params = pay_online(client, two_shops)  # the shopper never pays
    record = StockRecord.objects.get(product=two_shops["a1"])
    assert record.num_allocated == 2
    out = io.StringIO()
    call_command("expire_payments", stdout=out)
    assert "0 unpaid purchases expired" in out.getvalue()
    Purchase.objects.filter(pk=purchase.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=31))
    call_command("expire_payments", stdout=out)
    purchase.refresh_from_db()
    assert purchase.status == "cancelled" and purchase.number in out.getvalue()
    assert StockRecord.objects.get(pk=record.pk).num_allocated == 0
    assert purchase.payments.get().status == "cancelled"
    # The gateway was asked first, and had seen no payment.
    assert PaymentEvent.objects.filter(purchase=purchase, kind="inquiry", outcome="pending").exists()


def test_expiry_asks_the_gateway_first_and_settles_a_payment_whose_callback_was_lost(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    wallet(params)  # paid at the gateway; its callback never arrived
    Purchase.objects.filter(pk=purchase.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    call_command("expire_payments", stdout=io.StringIO())
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert PaymentEvent.objects.get(purchase=purchase, outcome="settled").kind == "inquiry"


def test_money_arriving_after_expiry_is_flagged_for_a_refund(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    Purchase.objects.filter(pk=purchase.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    call_command("expire_payments", stdout=io.StringIO())
    txn = wallet(params)  # the shopper had the wallet open all along
    assert call_back(client, sandbox.result_params(txn)).json()["error_code"] == "00"
    purchase.refresh_from_db()
    assert purchase.status == "cancelled"
    assert PaymentEvent.objects.get(flagged=True).outcome == "paid_not_needed"


def test_a_cancelled_order_of_a_paid_purchase_is_refunded_through_the_gateway(
    client,
    two_shops,
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth import get_user_model

    from vendors import lifecycle

    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    call_back(client, sandbox.result_params(txn))
    a = two_shops["a"]
    a.owner = get_user_model().objects.create_user("ban@example.vn", "ban@example.vn", "pw-123456")
    a.save()
    lifecycle.seller_centre_access_set(a, allowed=True)
    order = purchase.parts.get(seller=a).order
    client.login(username="ban@example.vn", password="pw-123456")
    with django_capture_on_commit_callbacks(execute=True):
        step(client, order, "cancel", reason="Hết hàng.")
    txn.refresh_from_db()
    assert txn.refunded == int(order.total_incl_tax) == 700_000
    source = order.sources.get()
    assert source.amount_refunded == 700_000
    assert source.transactions.filter(txn_type="Refund", amount=700_000).exists()
    event = PaymentEvent.objects.get(kind="refund")
    assert event.outcome == "refunded" and not event.flagged


def test_the_sandbox_refuses_a_refund_beyond_what_was_paid(client, two_shops):
    from marketplace.payments import gateways
    from marketplace.payments.gateways import GatewayError

    purchase, _url, params = pay_online(client, two_shops)
    call_back(client, sandbox.result_params(wallet(params)))
    payment = Payment.objects.get(purchase=purchase)
    viettelpay = gateways.get("viettelpay")
    assert viettelpay.refund(payment, 1_000_000, "một phần").reference.startswith("SBR")
    with pytest.raises(GatewayError):
        viettelpay.refund(payment, 400_000, "quá số đã trả")
    assert SandboxTransaction.objects.get(order_id=payment.reference).refunded == 1_000_000


def test_callbacks_for_unknown_orders_are_answered_but_change_nothing(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    txn.order_id = f"{txn.billcode}-TT999"  # well formed, but no attempt of ours
    before = state(purchase)
    answer = call_back(client, sandbox.result_params(txn))
    assert answer.status_code == 200 and answer.json()["error_code"] == "01"
    assert state(purchase) == before


def test_a_purchase_is_not_expired_while_its_gateway_cannot_say_whether_it_was_paid(client, two_shops):
    purchase, _url, _params = pay_online(client, two_shops)
    Purchase.objects.filter(pk=purchase.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    with override_settings(MARKETPLACE_VIETTELPAY_API_URL="http://127.0.0.1:9/unreachable"):
        call_command("expire_payments", stdout=io.StringIO())
    purchase.refresh_from_db()
    assert purchase.status == "placed"
    assert PaymentEvent.objects.get(purchase=purchase, kind="inquiry", flagged=True).outcome == "error"
    call_command("expire_payments", stdout=io.StringIO())  # the gateway answers again: it saw no payment
    purchase.refresh_from_db()
    assert purchase.status == "cancelled"


def test_a_refund_the_gateway_cannot_make_is_flagged_and_the_cancellation_stands(
    client,
    two_shops,
    django_capture_on_commit_callbacks,
):
    from marketplace.purchases.fulfilment import order_cancel

    purchase, _url, params = pay_online(client, two_shops)
    call_back(client, sandbox.result_params(wallet(params)))
    order = purchase.parts.get(seller=two_shops["a"]).order
    unreachable = override_settings(MARKETPLACE_VIETTELPAY_API_URL="http://127.0.0.1:9/unreachable")
    with unreachable, django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=order, by=None, reason="Hết hàng.")
    order.refresh_from_db()
    assert order.status == "Cancelled"
    flagged = PaymentEvent.objects.get(kind="refund")
    assert flagged.flagged and flagged.outcome == "error" and order.number in flagged.message
    assert order.sources.get().amount_refunded == 0  # nothing recorded as given back


def test_the_purchase_page_stops_looking_again_when_the_gateway_stays_silent(client, two_shops):
    purchase, _url, params = pay_online(client, two_shops)
    back = sandbox.result_params(wallet(params))
    client.get(reverse("payments:return", args=["viettelpay"]), back)
    page = reverse("checkout:thank-you", args=[purchase.number])
    assert 'http-equiv="refresh"' in client.get(page).content.decode()
    PaymentEvent.objects.filter(purchase=purchase, kind="return").update(
        created_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    html = client.get(page).content.decode()
    assert 'http-equiv="refresh"' not in html and "Thanh toán qua Viettel Pay" in html


def test_after_a_decline_the_shopper_may_pay_through_another_gateway_and_it_becomes_the_method(
    client, two_shops
):
    from marketplace.payments import gateways, settlement

    purchase, _url, params = pay_online(client, two_shops)
    call_back(client, sandbox.result_params(wallet(params, approve=False)))
    settlement.payment_begin(purchase=purchase, gateway=gateways.get("vietqr"))
    purchase.refresh_from_db()
    assert purchase.payment_method == "vietqr"
    assert purchase.payments.filter(gateway="vietqr", status="pending").exists()
