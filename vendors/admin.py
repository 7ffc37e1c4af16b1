"""Django admin for vendors, producers and OCOP recognitions (a staff fallback to the dashboard)."""

from django.contrib import admin

from .models import LedgerEntry, OcopRecognition, Producer, ShippingOption, Vendor


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward_code"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ["shop_name", "kind", "status", "ward_code", "applied_at"]
    list_filter = ["status", "kind"]
    search_fields = ["shop_name", "legal_name", "tax_code", "email"]
    raw_id_fields = ["partner", "owner", "producer"]


@admin.register(OcopRecognition)
class OcopRecognitionAdmin(admin.ModelAdmin):
    list_display = ["product", "stars", "score", "group", "decision_number", "decision_date", "valid_until"]
    list_filter = ["stars", "group", "issuing_level"]
    raw_id_fields = ["product", "producer"]


@admin.register(ShippingOption)
class ShippingOptionAdmin(admin.ModelAdmin):
    list_display = ["vendor", "kind", "name", "fee", "free_over", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["vendor"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is append-only; corrections are new entries made by the services."""

    list_display = ["vendor", "kind", "amount", "order", "reference", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["vendor", "order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
