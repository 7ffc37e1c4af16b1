"""Forms sellers fill in: the application to sell."""

import re
import uuid
from pathlib import PurePath

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from marketplace.address import ProvinceWardForm
from marketplace.text import slugify_vi

from . import validators
from .banks import BANK_CHOICES
from .lifecycle import UploadedDocument
from .models import BusinessKind, Seller, SellerDocument, private_storage

STASH_SALT = "sellers.application.document"
STASH_MAX_AGE = 60 * 60 * 24  # a stashed upload is reused for a day


class ApplicationForm(ProvinceWardForm):
    """Apply to sell. A valid document survives a form error, so the applicant uploads it once."""

    kind = forms.ChoiceField(label=_("You are"), choices=BusinessKind.choices, widget=forms.RadioSelect)
    legal_name = forms.CharField(label=_("Legal name"), max_length=255)
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=14,
        validators=[validators.validate_tax_code],
        help_text=_("10 digits, or 10 digits-3 digits for a branch."),
    )
    representative = forms.CharField(label=_("Representative"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    email = forms.EmailField(label=_("E-mail"))
    street = forms.CharField(
        label=_("Street address"), max_length=255, help_text=_("House number, street, hamlet.")
    )
    shop_name = forms.CharField(label=_("Shop name"), max_length=128)
    slug = forms.SlugField(
        label=_("Shop address"),
        max_length=60,
        required=False,
        help_text=_(
            "Letters, digits and hyphens: /shops/<address>/. Left empty, it is made from the shop name."
        ),
    )
    bank_code = forms.ChoiceField(label=_("Bank"), choices=[("", "—"), *BANK_CHOICES])
    bank_account_number = forms.CharField(label=_("Account number"), max_length=19)
    bank_account_holder = forms.CharField(label=_("Account holder"), max_length=255)
    document = forms.FileField(
        label=_("Business registration or household business certificate"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        error_messages={"required": _("Upload your business registration or household certificate.")},
    )
    document_token = forms.CharField(required=False, widget=forms.HiddenInput)
    other_document = forms.FileField(label=_("Other document (optional)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and not self.is_bound:
            self.fields["email"].initial = user.email
        self.stashed_document = None
        # Required, and marked so, unless the one uploaded before a form error is kept for this form.
        self.fields["document"].required = self._stashed_from_token() is None

    def clean_phone(self):
        return validators.normalize_phone(self.cleaned_data["phone"])

    def clean_bank_account_number(self):
        number = re.sub(r"[\s.-]", "", self.cleaned_data["bank_account_number"])
        if not re.fullmatch(r"\d{6,19}", number):
            raise ValidationError(_("An account number has 6 to 19 digits."), code="account_number")
        return number

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            self.document_type = validators.sniff_document(upload)
        return upload

    def clean_other_document(self):
        upload = self.cleaned_data.get("other_document")
        if upload:
            self.other_document_type = validators.sniff_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("shop_name") and not data.get("slug"):
            data["slug"] = slugify_vi(data["shop_name"])[:60].strip("-")
        slug = data.get("slug")
        if slug and Seller.objects.filter(slug=slug).exclude(owner=self.user).exists():
            self.add_error("slug", _("This shop address is taken: choose another."))
        missing = not data.get("document") and not self._stashed_from_token()
        if missing and "document" not in self.errors:
            self.add_error("document", _("Upload your business registration or household certificate."))
        return data

    # --- keeping a valid upload across a form error ----------------------------------------

    def _stashed_from_token(self):
        token = self.data.get("document_token") if self.is_bound else None
        if not token:
            return None
        try:
            stash = signing.loads(token, salt=STASH_SALT, max_age=STASH_MAX_AGE)
        except signing.BadSignature:
            return None
        if stash.get("user") != getattr(self.user, "pk", None) or not private_storage().exists(stash["path"]):
            return None
        self.stashed_document = stash
        return stash

    def stash_document(self) -> None:
        """After an error elsewhere, keep a valid uploaded document and remember it in the form."""
        upload = self.cleaned_data.get("document") if hasattr(self, "cleaned_data") else None
        if not upload or "document" in self.errors:
            return
        suffix = PurePath(upload.name).suffix.lower()[:5]
        path = private_storage().save(f"pending/{uuid.uuid4().hex}{suffix}", upload)
        stash = {
            "path": path,
            "name": upload.name[:200],
            "type": self.document_type,
            "user": getattr(self.user, "pk", None),
        }
        self.stashed_document = stash
        data = self.data.copy()
        data["document_token"] = signing.dumps(stash, salt=STASH_SALT)
        self.data = data

    def documents(self) -> list[UploadedDocument]:
        kind = (
            SellerDocument.Kind.HOUSEHOLD_CERTIFICATE
            if self.cleaned_data["kind"] == BusinessKind.HOUSEHOLD
            else SellerDocument.Kind.BUSINESS_REGISTRATION
        )
        found = []
        upload = self.cleaned_data.get("document")
        if upload:
            found.append(UploadedDocument(kind, upload, self.document_type))
        elif self.stashed_document:
            storage = private_storage()
            with storage.open(self.stashed_document["path"]) as stashed:
                content = stashed.read()
            storage.delete(self.stashed_document["path"])
            found.append(
                UploadedDocument(
                    kind,
                    SimpleUploadedFile(self.stashed_document["name"], content, self.stashed_document["type"]),
                    self.stashed_document["type"],
                )
            )
        other = self.cleaned_data.get("other_document")
        if other:
            found.append(UploadedDocument(SellerDocument.Kind.OTHER, other, self.other_document_type))
        return found

    def seller_details(self) -> dict:
        fields = [
            "kind", "legal_name", "tax_code", "representative", "phone", "email", "province_code",
            "ward_code", "street", "shop_name", "slug", "bank_code", "bank_account_number",
            "bank_account_holder",
        ]  # fmt: skip
        return {field: self.cleaned_data[field] for field in fields}
