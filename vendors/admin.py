"""Django admin for sellers, producers and OCOP recognitions (a staff fallback to the dashboard)."""

from django.contrib import admin

from .models import OcopRecognition, Producer, Seller


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward_code"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["shop_name", "kind", "status", "ward_code", "applied_at"]
    list_filter = ["status", "kind"]
    search_fields = ["shop_name", "legal_name", "tax_code", "email"]
    raw_id_fields = ["partner", "owner", "producer"]


@admin.register(OcopRecognition)
class OcopRecognitionAdmin(admin.ModelAdmin):
    list_display = ["product", "stars", "score", "group", "decision_number", "decision_date", "valid_until"]
    list_filter = ["stars", "group", "issuing_level"]
    raw_id_fields = ["product", "producer"]
