"""Django admin for purchases and offer funding (staff fallback; the dashboard is the main tool)."""

from django.contrib import admin
from django.utils.translation import gettext as _

from marketplace.payments import transfers

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
    actions = ["transfer_received"]

    @admin.action(description=_("Bank transfer received: mark paid"))
    def transfer_received(self, request, queryset):
        paid = sum(
            transfers.transfer_received(purchase=p, reference=f"admin:{request.user.pk}")
            for p in queryset.filter(payment_method="vietqr")
        )
        self.message_user(request, _("%(count)d purchases marked paid.") % {"count": paid})


@admin.register(OfferFunding)
class OfferFundingAdmin(admin.ModelAdmin):
    list_display = ["offer", "funded_by"]
    list_filter = ["funded_by"]


@admin.register(LineRefund)
class LineRefundAdmin(admin.ModelAdmin):
    list_display = ["line", "quantity", "amount", "reason", "by", "at"]
    raw_id_fields = ["line"]
