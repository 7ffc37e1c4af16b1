"""Asking a payment's gateway where it stands: staff's button on the desk, and expiry's first step.

A paid or failed answer is the gateway's own word, so it is recorded like a verified callback; a
gateway that cannot be reached leaves a flagged event and the payment waits.
"""

from . import gateways
from .events import log
from .gateways import GatewayError
from .models import Payment, PaymentEvent
from .settlement import callback_record


def inquire(payment: Payment) -> str:
    """Ask the payment's gateway where it stands; a paid or failed answer is recorded like a callback."""
    gateway = gateways.get(payment.gateway)
    try:
        answer = gateway.inquiry(payment)
    except GatewayError as error:
        log(
            gateway=payment.gateway,
            kind=PaymentEvent.Kind.INQUIRY,
            outcome="error",
            payment=payment,
            message=str(error),
            flagged=True,
        )
        return "unknown"
    status = answer.get("status", "unknown")
    if status in {"paid", "failed"}:
        callback_record(
            gateway=payment.gateway,
            reference=payment.reference,
            paid=status == "paid",
            amount=answer.get("amount"),
            currency=answer.get("currency", "VND"),
            external_id=answer.get("external_id", ""),
            data=answer,
            kind=PaymentEvent.Kind.INQUIRY,
        )
    else:
        log(
            gateway=payment.gateway,
            kind=PaymentEvent.Kind.INQUIRY,
            outcome=status,
            payment=payment,
            data=answer,
        )
    return status
