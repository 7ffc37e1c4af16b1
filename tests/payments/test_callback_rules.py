"""Callback rules that need many tries or many clients at once.

Concurrent duplicates: real threads, each with its own database connection, post the same signed
callback together; exactly one settles (PostgreSQL row locks; CI runs it there). Malformed and
mutated callbacks (hypothesis): never a 500, never a change to what is paid.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

from marketplace.payments.models import PaymentEvent
from marketplace.payments.viettelpay_protocol import CALLBACK_SIGNED
from tests.payments.paying import CALLBACK, paid_state, viettelpay_purchase

Basket = get_model("basket", "Basket")
Source = get_model("payment", "Source")
DUPLICATES = 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks; CI runs it there")
def test_concurrent_duplicate_callbacks_settle_exactly_once():
    purchase, fields = viettelpay_purchase()
    start = threading.Barrier(DUPLICATES, timeout=60)

    def deliver(_n):
        try:
            start.wait()  # the gateway's retries all land at once
            response = Client().post(CALLBACK, fields)
            return response.status_code, response.json()["error_code"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=DUPLICATES) as pool:
        answers = list(pool.map(deliver, range(DUPLICATES)))

    assert answers == [(200, "00")] * DUPLICATES
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert Source.objects.filter(order__purchase_part__purchase=purchase).count() == 2  # one per shop order
    outcomes = list(
        PaymentEvent.objects.filter(purchase=purchase, kind="callback").values_list("outcome", flat=True)
    )
    assert outcomes.count("settled") == 1 and outcomes.count("replay") == DUPLICATES - 1


# --- Malformed and mutated callbacks ------------------------------------------------------------

text = st.text(max_size=40)
field_names = st.sampled_from([*CALLBACK_SIGNED, "check_sum"])


def mutations(fields):
    """A callback with fields dropped, changed, garbled or added — anything but the gateway's own."""
    return st.one_of(
        # one signed field changed, the checksum kept
        st.tuples(st.sampled_from(CALLBACK_SIGNED), text).map(lambda kv: {**fields, kv[0]: kv[1]}),
        # fields dropped
        st.sets(field_names, min_size=1).map(lambda drop: {k: v for k, v in fields.items() if k not in drop}),
        # a forged checksum
        text.map(lambda forged: {**fields, "check_sum": forged}),
        # a different amount, signed correctly for the old one
        st.integers(min_value=-(10**20), max_value=10**20).map(lambda n: {**fields, "trans_amount": str(n)}),
        # anything at all
        st.dictionaries(st.one_of(field_names, text), text, max_size=12),
    ).filter(lambda mutated: mutated != fields)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_malformed_or_mutated_callbacks_never_fail_and_never_change_anything(data, client):
    purchase, fields = viettelpay_purchase()
    before = paid_state(purchase)
    mutated = data.draw(mutations(fields))
    response = client.post(CALLBACK, mutated)
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert response.json()["error_code"] != "00"  # only a payment we know of, to the đồng, is accepted
    assert paid_state(purchase) == before
