"""Viettel Pay's check_sum runs its fields together without separators: moving the boundary
between two neighbours keeps it valid. Every such message is refused on its formats, before the
check_sum is looked at, with 400 and nothing changed."""

import itertools

import pytest

from marketplace.payments import gateways, sandbox
from marketplace.payments.viettelpay_protocol import CALLBACK_SIGNED, REDIRECT_SIGNED, Config, api_fields
from tests.payments.paying import CALLBACK, paid_state, viettelpay_purchase

pytestmark = pytest.mark.django_db


def boundary_shifts(params: dict, order) -> list[dict]:
    """Every message made by moving characters across one boundary of the signed fields."""
    shifted = []
    for left, right in itertools.pairwise(order):
        a, b = params[left], params[right]
        for k in range(1, len(a) + 1):  # the end of `left` becomes the start of `right`
            shifted.append({**params, left: a[:-k], right: a[-k:] + b})
        for k in range(1, len(b) + 1):  # the start of `right` becomes the end of `left`
            shifted.append({**params, left: a + b[:k], right: b[k:]})
    return shifted


def test_every_boundary_shifted_callback_keeps_its_check_sum_and_is_refused(client):
    purchase, fields = viettelpay_purchase()
    before = paid_state(purchase)
    cfg = Config.from_settings()
    messages = boundary_shifts(fields, CALLBACK_SIGNED)
    assert len(messages) > 100
    assert all(cfg.verify(m, CALLBACK_SIGNED) for m in messages)  # the scheme's weakness, as is
    accepted = [m for m in messages if client.post(CALLBACK, m).status_code != 400]
    assert accepted == []
    assert paid_state(purchase) == before
    # The message as signed still settles.
    assert client.post(CALLBACK, fields).json()["error_code"] == "00"


def test_every_boundary_shifted_payment_request_is_refused_by_the_wallet(client):
    purchase, _fields = viettelpay_purchase()
    payment = purchase.payments.get()
    params = gateways.get("viettelpay").redirect_params(
        payment, "http://testserver/payments/viettelpay/return/"
    )
    assert sandbox.check_redirect(params) == ""
    messages = boundary_shifts(params, REDIRECT_SIGNED)
    assert all(Config.from_settings().verify(m, REDIRECT_SIGNED) for m in messages)
    assert [m for m in messages if sandbox.check_redirect(m) == ""] == []
    for message in messages[:20]:
        assert client.get("/payments/viettelpay/sandbox/", message).status_code == 400


def test_every_boundary_shifted_api_request_is_refused_by_the_sandbox():
    _purchase, fields = viettelpay_purchase()
    cfg = Config.from_settings()
    request = {
        "cmd": "REFUND_PAYMENT",
        "merchant_code": cfg.merchant_code,
        "order_id": fields["order_id"],
        "originalRequestId": fields["vt_transaction_id"],
        "trans_amount": "250000",
        "trans_content": "Hoàn tiền: 2 hộp vỡ",
        "version": "2.0",
    }
    request["check_sum"] = cfg.sign(request, api_fields(request))
    messages = boundary_shifts(request, api_fields(request))
    assert all(cfg.verify(m, api_fields(m)) for m in messages)
    assert [m for m in messages if sandbox.api(m)["error_code"] == "00"] == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("trans_amount", "0250000"),
        ("trans_amount", "-250000"),
        ("trans_amount", "2" * 16),
        ("trans_amount", "٢٥٠٠٠٠"),
        ("error_code", "0"),
        ("error_code", "000"),
        ("payment_status", "11"),
        ("vt_transaction_id", "1SBX"),
        ("cust_msisdn", "09"),
        ("merchant_code", "OCOPQN2"),
        ("order_id", "123456789012-TT1"),
    ],
)
def test_each_field_is_held_to_its_format_before_the_check_sum(client, field, value):
    purchase, fields = viettelpay_purchase()
    before = paid_state(purchase)
    forged = Config.from_settings().signed({**fields, field: value}, CALLBACK_SIGNED)  # even signed
    response = client.post(CALLBACK, forged)
    assert response.status_code == 400 and response.json()["message"] == "malformed"
    assert paid_state(purchase) == before
