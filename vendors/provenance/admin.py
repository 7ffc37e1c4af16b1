"""Django admin for provenance (a staff fallback): VietGAP certificates and batches are edited here;
codes are read here and changed only through the dashboard's registry, which keeps their history."""

from django.contrib import admin

from .models import Batch, BatchEvent, CodeStatusChange, RegisteredCode, VietGapCertificate


class CodeStatusChangeInline(admin.TabularInline):
    model = CodeStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["old_status", "new_status", "reason", "by", "at"]


@admin.register(RegisteredCode)
class RegisteredCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "crop", "area_ha", "ward_code", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "crop"]
    inlines = [CodeStatusChangeInline]

    def has_change_permission(self, request, obj=None):
        return False  # the registry page issues, suspends and revokes, and records who and why

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VietGapCertificate)
class VietGapCertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "producer", "certifying_body", "area_ha", "issued_on", "expires_on"]
    search_fields = ["number", "producer__name"]
    raw_id_fields = ["producer", "growing_area"]


class BatchEventInline(admin.TabularInline):
    model = BatchEvent
    extra = 0


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["lot_code", "product", "harvested_on", "packed_on", "quantity"]
    search_fields = ["lot_code", "product__title", "product__upc"]
    raw_id_fields = ["product", "growing_area", "packing_facility"]
    inlines = [BatchEventInline]
