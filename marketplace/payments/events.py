"""The payment event log: every start, return, callback, inquiry, refund and expiry leaves one row.

Event data is kept for staff to read, bounded and made storable whatever a caller sends; rows that
need a person are flagged for the payments desk.
"""

from .models import PaymentEvent

# Event data is kept for staff to read, not to store whatever a caller sends.
_MAX_DATA_VALUE = 500
_MAX_DATA_KEYS = 40


def _printable(value: str) -> str:
    # PostgreSQL's text and jsonb cannot hold NUL; a caller's garbage must not become our 500.
    return value.replace("\x00", "\N{REPLACEMENT CHARACTER}")


def log(
    *,
    gateway: str,
    kind: str,
    outcome: str,
    message: str = "",
    purchase=None,
    payment=None,
    data=None,
    flagged: bool = False,
) -> PaymentEvent:
    if payment is not None and purchase is None:
        purchase = payment.purchase
    clean = {}
    for key, value in list((data or {}).items())[:_MAX_DATA_KEYS]:
        if not isinstance(value, int | bool | None):
            value = _printable(str(value)[:_MAX_DATA_VALUE])
        clean[_printable(str(key)[:100])] = value
    return PaymentEvent.objects.create(
        gateway=gateway[:30],
        kind=kind,
        outcome=outcome[:40],
        message=_printable(str(message)),
        purchase=purchase,
        payment=payment,
        data=clean,
        flagged=flagged,
    )
