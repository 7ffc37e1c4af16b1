"""Webhooks never answer 500: a malformed header or body is a 400 and changes nothing; JSON is
bounded in size and depth before it is parsed."""

import hashlib
import hmac
import json
import time

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.payments import bounded_json
from marketplace.payments.models import PaymentEvent
from tests.payments.paying import KEYS, SECRET, WEBHOOK, completed

pytestmark = pytest.mark.django_db


def sign(payload: bytes, t: int | None = None) -> str:
    t = int(time.time()) if t is None else t
    return (
        f"t={t},v1={hmac.new(SECRET.encode(), str(t).encode() + b'.' + payload, hashlib.sha256).hexdigest()}"
    )


def post(client, payload: bytes, signature: str):
    # The test client sends headers as WSGI does: str, one latin-1 character per byte.
    return client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def state(payment):
    payment.refresh_from_db()
    payment.purchase.refresh_from_db()
    return payment.status, payment.external_id, payment.purchase.status


@pytest.fixture
def lenient_client():
    return Client(raise_request_exception=False)


@override_settings(**KEYS)
def test_a_signature_header_with_a_non_ascii_byte_is_a_400(lenient_client, stripe_payment):
    before = state(stripe_payment)
    payload = json.dumps(completed(stripe_payment)).encode()
    good = sign(payload)
    for header in [good[:-1] + "é", good.replace("v1=", "v1=\xff"), "t=1,v1=" + "ü" * 64, "\x00", ""]:
        assert post(lenient_client, payload, header).status_code == 400, repr(header)
    assert state(stripe_payment) == before


@override_settings(**KEYS)
def test_a_signed_body_of_deeply_nested_arrays_is_a_400(lenient_client, stripe_payment):
    before = state(stripe_payment)
    for payload in [b"[" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000, b"[" * 40 + b"]" * 40]:
        assert post(lenient_client, payload, sign(payload)).status_code == 400
    assert state(stripe_payment) == before
    assert PaymentEvent.objects.filter(gateway="stripe", outcome="malformed").count() == 3


@override_settings(**KEYS)
def test_a_huge_signed_body_is_refused_before_parsing(lenient_client, stripe_payment):
    event = completed(stripe_payment)
    event["padding"] = "x" * (bounded_json.MAX_BYTES + 1)
    payload = json.dumps(event).encode()
    assert post(lenient_client, payload, sign(payload)).status_code == 400
    assert state(stripe_payment)[2] == "placed"


@override_settings(**KEYS)
def test_a_well_formed_event_still_settles(client, stripe_payment):
    payload = json.dumps(completed(stripe_payment)).encode()
    assert post(client, payload, sign(payload)).json()["outcome"] == "settled"


@override_settings(**KEYS)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=40,
        ).map(lambda value: json.dumps(value).encode()),
    ),
    header=st.one_of(
        st.none(), st.text(max_size=200), st.binary(max_size=100).map(lambda b: b.decode("latin-1"))
    ),
)
def test_any_body_and_signature_header_is_a_200_or_400_and_settles_nothing(
    lenient_client,
    stripe_payment,
    body,
    header,
):
    before = state(stripe_payment)
    response = post(lenient_client, body, sign(body) if header is None else header)
    assert response.status_code in {200, 400}
    assert state(stripe_payment) == before


@pytest.mark.parametrize(
    "raw",
    [b"[" * 33 + b"]" * 33, b"{" * 10_000, b"\xff\xfe", b"", b"nul", "[" * 100_000],
)
def test_the_bounded_reader_refuses_deep_large_or_broken_json(raw):
    with pytest.raises(bounded_json.MalformedJSON):
        bounded_json.loads(raw)


def test_the_bounded_reader_counts_brackets_in_strings_as_text():
    assert bounded_json.loads(json.dumps({"note": "[" * 1000 + '\\"{' * 100})) == {
        "note": "[" * 1000 + '\\"{' * 100
    }
    assert bounded_json.loads(b"[" * 32 + b"]" * 32) is not None
