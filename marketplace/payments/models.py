"""A purchase's payment attempts through gateways, and the log of everything that happened to them.

Oscar's payment models (a Source and Transactions per shop order) record the money once it is
settled; a `Payment` is one attempt to collect it through a gateway — what the gateway knows it by,
how much, and where it stands. Every start, return, callback, refund and inquiry leaves a
`PaymentEvent`; those that need a person (an amount that does not match, money for a purchase that
was already cancelled, a refund the gateway refused) are flagged for staff.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the gateway")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Declined or failed")
        CANCELLED = "cancelled", _("Cancelled")

    purchase = models.ForeignKey(
        "purchases.Purchase", verbose_name=_("Purchase"), on_delete=models.PROTECT, related_name="payments"
    )
    gateway = models.CharField(_("Gateway"), max_length=30)
    # What the gateway knows this attempt by (Viettel Pay's order_id, Stripe's client_reference_id).
    reference = models.CharField(_("Reference"), max_length=64, unique=True)
    amount = models.BigIntegerField(_("Amount (₫)"))
    currency = models.CharField(_("Currency"), max_length=3, default="VND")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # The gateway's own transaction id, once it has one.
    external_id = models.CharField(_("Gateway transaction"), max_length=255, blank=True)
    refunded = models.BigIntegerField(_("Refunded (₫)"), default=0)
    created_at = models.DateTimeField(_("Started at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Payment")
        verbose_name_plural = _("Payments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference


class PaymentEvent(models.Model):
    class Kind(models.TextChoices):
        START = "start", _("Start")
        RETURN = "return", _("Shopper returned")
        CALLBACK = "callback", _("Server callback")
        REFUND = "refund", _("Refund")
        INQUIRY = "inquiry", _("Status inquiry")
        EXPIRY = "expiry", _("Expiry")
        STAFF = "staff", _("Staff")

    purchase = models.ForeignKey(
        "purchases.Purchase",
        verbose_name=_("Purchase"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="payment_events",
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("Payment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    gateway = models.CharField(_("Gateway"), max_length=30)
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    # A short machine word (settled, replay, bad_signature, amount_mismatch …) and a sentence for people.
    outcome = models.CharField(_("Outcome"), max_length=40)
    message = models.TextField(_("Message"), blank=True)
    data = models.JSONField(_("Data"), default=dict, blank=True)
    flagged = models.BooleanField(_("Needs staff"), default=False, db_index=True)
    reviewed_at = models.DateTimeField(_("Reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("When"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Payment event")
        verbose_name_plural = _("Payment events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.gateway} {self.kind}: {self.outcome}"


class SandboxTransaction(models.Model):
    """The sandbox wallet's own book: what the stand-in gateway charged, declined and refunded.

    It plays the gateway's side, so it lives apart from the marketplace's records: inquiries and
    refunds are answered from here, as the real gateway answers from its own database.
    """

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        DECLINED = "declined", _("Declined")

    vt_transaction_id = models.CharField(max_length=40, unique=True)
    merchant_code = models.CharField(max_length=40)
    order_id = models.CharField(max_length=64, db_index=True)
    billcode = models.CharField(max_length=64)
    amount = models.BigIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices)
    refunded = models.BigIntegerField(default=0)
    msisdn = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Sandbox wallet transaction")
        verbose_name_plural = _("Sandbox wallet transactions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.vt_transaction_id
