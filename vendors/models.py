"""Producers (OCOP subjects), sellers (their shops on the floor) and OCOP recognitions."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace import wards

# A recognition is valid this long from its decision date (Decision 148/QĐ-TTg).
RECOGNITION_VALIDITY = relativedelta(months=36)
# Decision 148/QĐ-TTg: the score a star rating needs (out of 100).
STAR_SCORE_BANDS = {3: range(50, 70), 4: range(70, 90), 5: range(90, 101)}


class BusinessKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative (HTX)")
    ENTERPRISE = "enterprise", _("Enterprise")
    HOUSEHOLD = "household", _("Household business")


class OcopGroup(models.TextChoices):
    """The six product groups of Decision 148/QĐ-TTg (2023)."""

    FOOD = "food", _("Food")
    BEVERAGE = "beverage", _("Beverages")
    HERBAL = "herbal", _("Medicinal herbs and herbal products")
    HANDICRAFT = "handicraft", _("Handicrafts")
    ORNAMENTAL = "ornamental", _("Ornamental plants and animals")
    TOURISM = "tourism", _("Community tourism, eco-tourism and tourist sites")


def default_province_code() -> int:
    return settings.MARKETPLACE_PROVINCE_CODE


class Producer(models.Model):
    """An OCOP subject: the cooperative, enterprise or household that makes the goods."""

    name = models.CharField(_("Name"), max_length=255)
    kind = models.CharField(_("Kind"), max_length=20, choices=BusinessKind.choices)
    ward_code = models.PositiveIntegerField(_("Ward"), db_index=True)
    street = models.CharField(_("Street address"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)

    class Meta:
        verbose_name = _("Producer")
        verbose_name_plural = _("Producers")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "ward_code"], name="unique_producer_per_ward")]

    def __str__(self):
        return self.name

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)


class Seller(models.Model):
    """A seller account on the floor, and its shop; Oscar sees it as a Partner."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Activated")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", _("Rejected")

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("Partner"), on_delete=models.PROTECT, related_name="seller"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Owner"), on_delete=models.PROTECT, related_name="sellers"
    )
    producer = models.OneToOneField(
        Producer,
        verbose_name=_("Producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seller",
        help_text=_("The seller's own business as an OCOP producer, if it makes goods itself."),
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=BusinessKind.choices)
    legal_name = models.CharField(_("Legal name"), max_length=255)
    tax_code = models.CharField(_("Tax code"), max_length=14, blank=True)
    representative = models.CharField(_("Representative"), max_length=255, blank=True)
    phone = models.CharField(_("Phone"), max_length=20, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    province_code = models.PositiveIntegerField(_("Province"), default=default_province_code)
    ward_code = models.PositiveIntegerField(_("Ward"), db_index=True)
    street = models.CharField(_("Street address"), max_length=255, blank=True)
    shop_name = models.CharField(_("Shop name"), max_length=128)
    slug = models.SlugField(_("Shop address"), max_length=128, unique=True)
    story = models.TextField(_("Story"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="shops/logos/", blank=True)
    banner = models.ImageField(_("Banner"), upload_to="shops/banners/", blank=True)
    bank_code = models.CharField(_("Bank"), max_length=20, blank=True)
    bank_account_number = models.CharField(_("Account number"), max_length=19, blank=True)
    bank_account_holder = models.CharField(_("Account holder"), max_length=255, blank=True)
    commission_rate = models.DecimalField(
        _("Commission rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("A share of the goods' value, e.g. 0.05 for 5 %; empty: the marketplace default."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    status_reason = models.TextField(_("Reason"), blank=True)
    applied_at = models.DateTimeField(_("Applied"), default=timezone.now)
    activated_at = models.DateTimeField(_("Activated"), null=True, blank=True)

    class Meta:
        verbose_name = _("Seller")
        verbose_name_plural = _("Sellers")
        ordering = ["shop_name"]

    def __str__(self):
        return self.shop_name

    def get_absolute_url(self):
        return reverse("sellers:shop", kwargs={"slug": self.slug})

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    @property
    def province_name(self):
        return wards.province_name(self.province_code)

    @property
    def awaits_decision(self) -> bool:
        """An application the province's staff have yet to decide on (lifecycle.DECISIONS)."""
        return self.status == self.Status.APPLIED

    @property
    def is_open(self) -> bool:
        """Activated and not suspended: the seller centre and the shop are open to them."""
        return self.status == self.Status.ACTIVE


def private_storage():
    """Applicants' documents are never served from /media/: staff open them through a view."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class SellerDocument(models.Model):
    """A paper an applicant uploads: business registration or household business certificate."""

    class Kind(models.TextChoices):
        BUSINESS_REGISTRATION = "business_registration", _("Business registration certificate")
        HOUSEHOLD_CERTIFICATE = "household_certificate", _("Household business certificate")
        OTHER = "other", _("Other document")

    seller = models.ForeignKey(
        Seller, verbose_name=_("Seller"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("Kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("File"), upload_to="seller-documents/%Y/%m/", storage=private_storage)
    content_type = models.CharField(_("Content type"), max_length=50)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    original_name = models.CharField(_("File name"), max_length=255)
    uploaded_at = models.DateTimeField(_("Uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("Seller document")
        verbose_name_plural = _("Seller documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class SellerTransition(models.Model):
    """One step of a seller's lifecycle: who moved it from what to what, when and why."""

    seller = models.ForeignKey(
        Seller, verbose_name=_("Seller"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("From"), max_length=20, blank=True, choices=Seller.Status.choices)
    to_status = models.CharField(_("To"), max_length=20, choices=Seller.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("By"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("When"), default=timezone.now)
    reason = models.TextField(_("Reason"), blank=True)

    class Meta:
        verbose_name = _("Seller status change")
        verbose_name_plural = _("Seller status changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.seller_id}: {self.from_status} → {self.to_status}"


class OcopRecognitionQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Recognitions in force on a day (today by default): decided, not expired, not revoked."""
        on = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True, decision_date__lte=on, valid_until__gt=on)


class OcopRecognition(models.Model):
    """A product's OCOP star rating, as decided by the province (3–4★) or the centre (5★)."""

    class IssuingLevel(models.TextChoices):
        PROVINCE = "province", _("Province")
        CENTRAL = "central", _("Central")

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Product"),
        on_delete=models.CASCADE,
        related_name="ocop_recognitions",
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("Producer"), on_delete=models.PROTECT, related_name="recognitions"
    )
    stars = models.PositiveSmallIntegerField(
        _("Stars"), validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    score = models.PositiveSmallIntegerField(
        _("Score"), validators=[MinValueValidator(50), MaxValueValidator(100)]
    )
    group = models.CharField(_("OCOP group"), max_length=20, choices=OcopGroup.choices)
    criteria_version = models.CharField(_("Criteria version"), max_length=40, default="148/QĐ-TTg")
    decision_number = models.CharField(_("Decision number"), max_length=40)
    decision_date = models.DateField(_("Decision date"))
    valid_until = models.DateField(_("Valid until"))
    issuing_level = models.CharField(_("Issued by"), max_length=20, choices=IssuingLevel.choices)
    revoked_at = models.DateField(_("Revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("Reason for revocation"), blank=True)

    objects = OcopRecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("OCOP recognition")
        verbose_name_plural = _("OCOP recognitions")
        ordering = ["-decision_date"]
        indexes = [models.Index(fields=["product", "valid_until"])]

    def __str__(self):
        return f"{self.product_id} {self.stars}★ {self.decision_number}"

    class Standing(models.TextChoices):
        ACTIVE = "active", _("in force")
        PENDING = "pending", _("not yet in force")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    @property
    def status(self) -> str:
        """active, expired or revoked, from the dates and decisions (pending before its decision date)."""
        today = timezone.localdate()
        if self.revoked_at:
            return self.Standing.REVOKED
        if self.decision_date > today:
            return self.Standing.PENDING
        return self.Standing.EXPIRED if self.valid_until <= today else self.Standing.ACTIVE

    @property
    def status_label(self) -> str:
        return self.Standing(self.status).label

    @property
    def revocable(self) -> bool:
        """Only a recognition that is, or is about to be, in force can be withdrawn."""
        return self.status in {self.Standing.ACTIVE, self.Standing.PENDING}

    def clean(self):
        errors = {}
        band = STAR_SCORE_BANDS.get(self.stars)
        if band is None:
            errors["stars"] = _("OCOP recognises only 3, 4 or 5 stars.")
        elif self.score is not None and self.score not in band:
            errors["score"] = _("A %(stars)s-star product scores %(low)s–%(high)s, not %(score)s.") % {
                "stars": self.stars,
                "low": band.start,
                "high": band.stop - 1,
                "score": self.score,
            }
        if band is not None and self.issuing_level:
            expected = self.IssuingLevel.CENTRAL if self.stars == 5 else self.IssuingLevel.PROVINCE
            if self.issuing_level != expected:
                errors["issuing_level"] = _(
                    "The province recognises 3 and 4 stars; the central level 5 stars."
                )
        if self.decision_date:
            if self.decision_date > timezone.localdate():
                errors["decision_date"] = _("A decision cannot be dated in the future.")
            if self.valid_until and not (
                self.decision_date < self.valid_until <= self.decision_date + RECOGNITION_VALIDITY
            ):
                errors["valid_until"] = _("A recognition is valid for at most 36 months from its decision.")
        if self.revoked_at and self.decision_date and self.revoked_at < self.decision_date:
            errors["revoked_at"] = _("A recognition cannot be revoked before its decision.")
        if errors:
            raise ValidationError(errors)


class ProductImport(models.Model):
    """A seller's upload of many products at once: validated whole, then written whole or not at all."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    seller = models.ForeignKey(
        Seller, verbose_name=_("Seller"), on_delete=models.CASCADE, related_name="product_imports"
    )
    file = models.FileField(_("File"), upload_to="product-imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("File name"), max_length=255)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("Rows"), default=0)
    created_count = models.PositiveIntegerField(_("Created"), default=0)
    updated_count = models.PositiveIntegerField(_("Updated"), default=0)
    # [{"row": 3, "errors": ["…"]}, …] — empty when every row is valid.
    report = models.JSONField(_("Report"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("By"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Uploaded"), default=timezone.now)
    started_at = models.DateTimeField(_("Started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("Product import")
        verbose_name_plural = _("Product imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.original_name
