"""Django admin for purchases, offer funding, shipping options and the ledger (a staff fallback)."""

from django.contrib import admin
from django.db import models

from marketplace.amounts import DONG, WholeNumberField

from .models import LedgerEntry, LineRefund, OfferFunding, Purchase, PurchaseOrder, ShippingOption


class PurchaseOrderInline(admin.TabularInline):
    model = PurchaseOrder
    extra = 0
    raw_id_fields = ["order", "seller", "shipping_option"]


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ["number", "email", "payment_method", "status", "total", "created_at"]
    list_filter = ["status", "payment_method"]
    search_fields = ["number", "email", "phone"]
    inlines = [PurchaseOrderInline]


@admin.register(OfferFunding)
class OfferFundingAdmin(admin.ModelAdmin):
    list_display = ["offer", "funded_by"]
    list_filter = ["funded_by"]


@admin.register(LineRefund)
class LineRefundAdmin(admin.ModelAdmin):
    list_display = ["line", "quantity", "amount", "reason", "by", "at"]
    raw_id_fields = ["line"]


@admin.register(ShippingOption)
class ShippingOptionAdmin(admin.ModelAdmin):
    list_display = ["seller", "kind", "name", "fee", "free_over", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["seller"]
    # Fees in whole đồng read as people write them ("30.000"), never Django's "30.000" → 30.
    formfield_overrides = {models.PositiveBigIntegerField: {"form_class": WholeNumberField, "kind": DONG}}


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is append-only; corrections are new entries made by the services."""

    list_display = ["seller", "kind", "amount", "order", "reference", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["seller", "order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
