"""What proves where goods come from: VietGAP certificates, growing-area and packing-facility codes
(with their history), and a product's batches with the events that made them.

The province's staff keep the registry of codes; sellers attach codes to their products and
batches but never change a code. Revoking a code takes the products that rely on it off the
storefront or flags them, as MARKETPLACE_REVOKED_CODE_RULE says.
"""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace import wards

from .gs1 import LOT_PATTERN, digital_link_path

VIETGAP_MAX_YEARS = 2
# Inferred from three published examples only (DOMAIN.md): a warning, never a refusal.
CODE_PATTERN = re.compile(r"^VN-[A-Z]{2}(OR|PH)-\d{4}$")
VIETGAP_PATTERN = re.compile(r"^VietGAP-(TT|CN|TS)-\d{2}-\d{2}-\d{2}-\d{4}$")


class RegisteredCode(models.Model):
    """A growing-area code (domestic or export) or a packing-facility code, as the province issued it."""

    class Kind(models.TextChoices):
        GROWING_DOMESTIC = "growing_domestic", _("Growing area (domestic)")
        GROWING_EXPORT = "growing_export", _("Growing area (export)")
        PACKING = "packing", _("Packing facility")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    GROWING = (Kind.GROWING_DOMESTIC, Kind.GROWING_EXPORT)

    code = models.CharField(_("Code"), max_length=40, unique=True)
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    crop = models.CharField(_("Crop or product"), max_length=120)
    area_ha = models.DecimalField(
        _("Area (ha)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        null=True,
        blank=True,
    )
    ward_code = models.PositiveIntegerField(_("Ward"), db_index=True)
    latitude = models.DecimalField(
        _("Latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    households = models.PositiveIntegerField(_("Households"), null=True, blank=True)
    holder = models.ForeignKey(
        "vendors.Producer",
        verbose_name=_("Holder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_codes",
    )
    issued_on = models.DateField(_("Issued on"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(_("Reason"), blank=True)
    status_changed_on = models.DateField(_("Status since"), null=True, blank=True)
    # The products that rely on this code; sellers attach them, staff keep the code itself.
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("Products"), blank=True, related_name="registered_codes"
    )

    class Meta:
        verbose_name = _("Growing-area or packing code")
        verbose_name_plural = _("Growing-area and packing codes")
        ordering = ["code"]

    def __str__(self):
        return self.code

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    def format_warning(self) -> str:
        if CODE_PATTERN.match(self.code):
            return ""
        return str(
            _("“%(code)s” does not look like the published codes (VN-XXOR-0000 or VN-XXPH-0000); check it.")
            % {"code": self.code}
        )

    def clean(self):
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("A code cannot be issued in the future.")})
        if self.ward_code and not wards.ward_name(self.ward_code):
            raise ValidationError({"ward_code": _("Choose a ward of the province.")})


class CodeStatusChange(models.Model):
    """The history of a code: issued, suspended, reinstated, revoked — by whom, when, why."""

    code = models.ForeignKey(RegisteredCode, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(_("From"), max_length=20, blank=True, choices=RegisteredCode.Status.choices)
    new_status = models.CharField(_("To"), max_length=20, choices=RegisteredCode.Status.choices)
    reason = models.TextField(_("Reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("By"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("When"), default=timezone.now)

    class Meta:
        verbose_name = _("Code status change")
        verbose_name_plural = _("Code status changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.code_id}: {self.old_status} → {self.new_status}"


class VietGapCertificate(models.Model):
    """A VietGAP certificate of a producer (or a growing area), valid at most two years."""

    number = models.CharField(_("Certificate number"), max_length=60, unique=True)
    producer = models.ForeignKey(
        "vendors.Producer",
        verbose_name=_("Producer"),
        on_delete=models.CASCADE,
        related_name="vietgap_certificates",
    )
    growing_area = models.ForeignKey(
        RegisteredCode,
        verbose_name=_("Growing area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vietgap_certificates",
        limit_choices_to={"kind__in": RegisteredCode.GROWING},
    )
    certifying_body = models.CharField(_("Certifying body"), max_length=255)
    scope = models.CharField(_("Products in scope"), max_length=255)
    area_ha = models.DecimalField(
        _("Area (ha)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    issued_on = models.DateField(_("Issued on"))
    expires_on = models.DateField(_("Expires on"))

    class Meta:
        verbose_name = _("VietGAP certificate")
        verbose_name_plural = _("VietGAP certificates")
        ordering = ["-issued_on"]

    def __str__(self):
        return self.number

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.issued_on <= day < self.expires_on

    def format_warning(self) -> str:
        if VIETGAP_PATTERN.match(self.number):
            return ""
        return str(
            _("“%(number)s” does not look like VietGAP-TT-00-00-00-0000; check it.") % {"number": self.number}
        )

    def clean(self):
        if self.issued_on and self.expires_on:
            if self.expires_on <= self.issued_on:
                raise ValidationError({"expires_on": _("The certificate must expire after it is issued.")})
            if self.expires_on > self.issued_on + relativedelta(years=VIETGAP_MAX_YEARS):
                raise ValidationError(
                    {"expires_on": _("A VietGAP certificate is valid for at most two years from its issue.")}
                )
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("A certificate cannot be issued in the future.")})


class Batch(models.Model):
    """A lot of a product: where it grew, where it was packed, when, and what happened to it."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="batches"
    )
    lot_code = models.CharField(_("Lot code"), max_length=20)
    harvested_on = models.DateField(_("Harvested or made on"))
    packed_on = models.DateField(_("Packed on"))
    growing_area = models.ForeignKey(
        RegisteredCode,
        verbose_name=_("Growing area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batches_grown",
        limit_choices_to={"kind__in": RegisteredCode.GROWING},
    )
    packing_facility = models.ForeignKey(
        RegisteredCode,
        verbose_name=_("Packing facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batches_packed",
        limit_choices_to={"kind": RegisteredCode.Kind.PACKING},
    )
    quantity = models.PositiveIntegerField(_("Quantity"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("Unit"), max_length=30, default="sản phẩm")
    created_at = models.DateTimeField(_("Recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("Batch")
        verbose_name_plural = _("Batches")
        ordering = ["-packed_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["product", "lot_code"], name="unique_lot_per_product")]

    def __str__(self):
        return f"{self.product_id}/{self.lot_code}"

    def clean(self):
        errors = {}
        if self.lot_code and not LOT_PATTERN.match(self.lot_code):
            errors["lot_code"] = _("Use up to 20 letters, digits, dots, hyphens or underscores.")
        today = timezone.localdate()
        if self.harvested_on and self.harvested_on > today:
            errors["harvested_on"] = _("This date is in the future.")
        if self.packed_on and self.packed_on > today:
            errors["packed_on"] = _("This date is in the future.")
        if self.harvested_on and self.packed_on and self.packed_on < self.harvested_on:
            errors["packed_on"] = _("Packing cannot come before the harvest.")
        if self.growing_area_id and self.growing_area.status == RegisteredCode.Status.REVOKED:
            errors["growing_area"] = _("This code is revoked.")
        if self.packing_facility_id and self.packing_facility.status == RegisteredCode.Status.REVOKED:
            errors["packing_facility"] = _("This code is revoked.")
        if errors:
            raise ValidationError(errors)

    def digital_link_path(self) -> str:
        return digital_link_path(self.product.upc, self.lot_code)


class BatchEvent(models.Model):
    class Kind(models.TextChoices):
        PLANTING = "planting", _("Planting")
        CARE = "care", _("Care")
        HARVEST = "harvest", _("Harvest")
        PACKING = "packing", _("Packing")
        SHIPPING = "shipping", _("Shipping")

    batch = models.ForeignKey(Batch, verbose_name=_("Batch"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Step"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("Date"))
    place = models.CharField(_("Where"), max_length=255, blank=True)
    note = models.TextField(_("What was done"), blank=True)

    class Meta:
        verbose_name = _("Batch event")
        verbose_name_plural = _("Batch events")
        ordering = ["happened_on", "pk"]

    def __str__(self):
        return f"{self.batch_id} {self.kind} {self.happened_on}"

    def clean(self):
        if not self.happened_on:
            return
        if self.happened_on > timezone.localdate():
            raise ValidationError({"happened_on": _("This date is in the future.")})
        batch = self.batch if self.batch_id else None
        if batch is None:
            return
        if self.kind in (self.Kind.PLANTING, self.Kind.CARE) and self.happened_on > batch.harvested_on:
            raise ValidationError(
                {"happened_on": _("Planting and care come before the harvest of this batch.")}
            )
        if self.kind == self.Kind.SHIPPING and self.happened_on < batch.packed_on:
            raise ValidationError({"happened_on": _("Shipping comes after the packing of this batch.")})
