"""A purchase: what a shopper pays once for, split into one order per shop; how each shop delivers
its order, and each shop's statement (the ledger) of what its orders earned it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .status import CASH_ON_DELIVERY, PurchaseStatus


class Purchase(models.Model):
    Status = PurchaseStatus  # status.py: the rules' words, here the column's choices

    number = models.CharField(_("Number"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Shopper"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="purchases",
    )
    email = models.EmailField(_("E-mail"))
    phone = models.CharField(_("Phone"), max_length=20)
    payment_method = models.CharField(_("Payment method"), max_length=30, default=CASH_ON_DELIVERY)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PLACED)
    goods_total = models.BigIntegerField(_("Goods (₫)"))
    shipping_total = models.BigIntegerField(_("Shipping (₫)"))
    total = models.BigIntegerField(_("Total (₫)"))
    created_at = models.DateTimeField(_("Placed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Purchase")
        verbose_name_plural = _("Purchases")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("purchases:detail", kwargs={"number": self.number})


class PurchaseOrder(models.Model):
    """One shop's part of a purchase: an Oscar order with its own number, shipping and status."""

    purchase = models.ForeignKey(
        Purchase, verbose_name=_("Purchase"), on_delete=models.CASCADE, related_name="parts"
    )
    order = models.OneToOneField(
        "order.Order", verbose_name=_("Order"), on_delete=models.PROTECT, related_name="purchase_part"
    )
    seller = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="purchase_parts"
    )
    shipping_option = models.ForeignKey(
        "ShippingOption", verbose_name=_("Shipping"), null=True, blank=True, on_delete=models.SET_NULL
    )
    carrier = models.CharField(_("Carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("Tracking number"), max_length=100, blank=True)
    shipped_at = models.DateTimeField(_("Shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("Delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Shop order of a purchase")
        verbose_name_plural = _("Shop orders of purchases")
        ordering = ["purchase", "pk"]

    def __str__(self):
        return f"{self.purchase_id}: {self.order_id}"


class LineRefund(models.Model):
    """Money given back for some units of an order line, by the shop that sold them."""

    line = models.ForeignKey(
        "order.Line", verbose_name=_("Line"), on_delete=models.PROTECT, related_name="refunds"
    )
    quantity = models.PositiveIntegerField(_("Quantity"))
    amount = models.BigIntegerField(_("Amount (₫)"))
    reason = models.CharField(_("Reason"), max_length=255)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("By"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("When"), default=timezone.now)

    class Meta:
        verbose_name = _("Line refund")
        verbose_name_plural = _("Line refunds")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.line_id} × {self.quantity}"


class OfferFunding(models.Model):
    """Who pays for an offer's discounts: the marketplace, or the shops whose goods it discounts."""

    class FundedBy(models.TextChoices):
        MARKETPLACE = "marketplace", _("The marketplace")
        SHOP = "shop", _("The shop")

    offer = models.OneToOneField(
        "offer.ConditionalOffer", verbose_name=_("Offer"), on_delete=models.CASCADE, related_name="funding"
    )
    funded_by = models.CharField(
        _("Funded by"), max_length=20, choices=FundedBy.choices, default=FundedBy.SHOP
    )

    class Meta:
        verbose_name = _("Offer funding")
        verbose_name_plural = _("Offer funding")

    def __str__(self):
        return f"{self.offer_id}: {self.funded_by}"


class ShippingOption(models.Model):
    """One way a shop delivers: a flat fee, free above a subtotal of that shop's goods, or pickup."""

    class Kind(models.TextChoices):
        FLAT = "flat", _("Delivery, flat fee")
        FREE_OVER = "free_over", _("Delivery, free above a subtotal")
        PICKUP = "pickup", _("Pickup at the shop")

    seller = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Seller"), on_delete=models.CASCADE, related_name="shipping_options"
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=128)
    fee = models.PositiveBigIntegerField(_("Fee (₫)"), default=0)
    free_over = models.PositiveBigIntegerField(
        _("Free above (₫)"), null=True, blank=True, help_text=_("The shop's own goods subtotal.")
    )
    is_active = models.BooleanField(_("Offered"), default=True)
    display_order = models.PositiveSmallIntegerField(_("Order"), default=0)

    class Meta:
        verbose_name = _("Shipping option")
        verbose_name_plural = _("Shipping options")
        ordering = ["seller", "display_order", "pk"]

    def __str__(self):
        return f"{self.seller_id}: {self.name}"

    def charge_for(self, subtotal: int) -> int:
        """What the shopper pays for delivery of this shop's goods, in whole đồng."""
        if self.kind == self.Kind.PICKUP:
            return 0
        if self.kind == self.Kind.FREE_OVER and self.free_over is not None and subtotal >= self.free_over:
            return 0
        return self.fee


class LedgerEntry(models.Model):
    """One line of a shop's statement, in whole đồng. Append-only: corrections are new entries."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        COMMISSION = "commission", _("Marketplace commission")
        SHIPPING = "shipping", _("Shipping income")
        DISCOUNT = "discount", _("Discount funded by the marketplace")
        REFUND = "refund", _("Refund reversal")
        PAYOUT = "payout", _("Payout")

    seller = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Seller"), on_delete=models.PROTECT, related_name="ledger"
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    amount = models.BigIntegerField(
        _("Amount (₫)"), help_text=_("Positive: owed to the shop; negative: owed by it.")
    )
    order = models.ForeignKey(
        "order.Order",
        verbose_name=_("Order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("Reference"), max_length=128, blank=True)
    note = models.CharField(_("Note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("When"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Ledger entry")
        verbose_name_plural = _("Ledger entries")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.seller_id} {self.kind} {self.amount}"
