"""Django admin for purchases and offer funding (staff fallback; the dashboard is the main tool)."""

from django.contrib import admin

from .models import LineRefund, OfferFunding, Purchase, PurchaseOrder


class PurchaseOrderInline(admin.TabularInline):
    model = PurchaseOrder
    extra = 0
    raw_id_fields = ["order", "vendor", "shipping_option"]


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
