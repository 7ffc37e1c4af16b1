"""Product forms of the seller centre: prices are whole đồng."""

import secrets
import uuid
from pathlib import PurePosixPath

from django import forms as django_forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms

from marketplace.amounts import PRICE_AT_MOST, STOCK_AT_MOST, WholeDongField, WholeNumberField, thousands
from marketplace.images import BoundedImageField
from marketplace.richtext import sanitize_rich_text
from shop.catalogue.models import MAX_SIDE_CM, MAX_WEIGHT_GRAMS
from vendors import stock
from vendors.provenance.gs1 import gtin_error
from vendors.validators import whole_dong_price


class StockRecordForm(forms.StockRecordForm):
    """Price and stock typed as people write them ("125.000" is a hundred and twenty-five thousand,
    "1.5" is refused); a price under a tenth or over ten times the saved one asks to be confirmed."""

    price = WholeDongField(label=_("Price"), at_least=None, at_most=PRICE_AT_MOST, required=False)
    num_in_stock = WholeNumberField(label=_("Number in stock"), at_most=STOCK_AT_MOST, required=False)
    confirm_price = django_forms.BooleanField(
        label=_("Yes, this price"), required=False, widget=django_forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "partner_sku" in self.fields:
            # A seller's own code is optional: one is made when left empty.
            self.fields["partner_sku"].required = False
            self.fields["partner_sku"].help_text = _(
                "Your own code for the product; left empty, one is made."
            )
        if "price_currency" in self.fields:
            self.fields["price_currency"].initial = "VND"
        if "price" in self.fields:
            self.fields["price"].help_text = _("In whole đồng: 125000 or 125.000")

    def clean_price(self):
        price = self.cleaned_data.get("price")
        return price if price is None else whole_dong_price(price)

    def clean_partner_sku(self):
        sku = (self.cleaned_data.get("partner_sku") or "").strip()
        return sku or self.instance.partner_sku or f"SP-{secrets.token_hex(4).upper()}"

    def clean(self):
        cleaned = super().clean()
        price = cleaned.get("price")
        if price is not None and self.instance.pk:
            try:
                stock.price_change_check(
                    int(price), self.instance.price, confirmed=bool(cleaned.get("confirm_price"))
                )
            except ValidationError as refused:
                # Offer the box only now, ticked by the seller who meant it.
                self.fields["confirm_price"].widget = django_forms.CheckboxInput()
                self.add_error("price", refused)
        return cleaned

    def clean_price_currency(self):
        currency = self.cleaned_data.get("price_currency") or "VND"
        if currency != "VND":
            raise ValidationError(_("Prices on this floor are in Vietnamese đồng (VND)."), code="currency")
        return currency


# The product form's own words: Oscar labels the web address like the title, and speaks of "UPC".
LABELS = {
    "title": (
        _("Product name"),
        _("As the shopper reads it: kind, place and pack, e.g. Chả mực Hạ Long hộp 500 g."),
    ),
    "upc": (_("Barcode (GTIN)"), _("8, 12, 13 or 14 digits as printed under the barcode (893… in Vietnam).")),
    "description": (_("Description"), ""),
    "is_public": (
        _("On sale (shown on the floor)"),
        _("Untick to take the product off the floor without deleting it."),
    ),
    "is_discountable": (_("Offers may apply"), ""),
    "slug": (_("Web address (slug)"), _("Leave it empty: it is made from the product's name.")),
    "meta_title": (_("Title for search engines"), ""),
    "meta_description": (_("Description for search engines"), ""),
    "weight_grams": (_("Weight when packed (g)"), _("One unit in its packing, in grams: 550")),
    "length_cm": (_("Length (cm)"), ""),
    "width_cm": (_("Width (cm)"), ""),
    "height_cm": (_("Height (cm)"), ""),
}
PARCEL_FIELDS = ("weight_grams", "length_cm", "width_cm", "height_cm")


class ProductForm(forms.ProductForm):
    """The product's barcode is its GTIN, checked to the check digit: batches' GS1 links are built on it.

    The description and rich-text attributes keep only the allowed markup: the product page prints them.
    The parcel one unit makes (weight and packed size) is asked for delivery.
    """

    class Meta(forms.ProductForm.Meta):
        fields = [*forms.ProductForm.Meta.fields, *PARCEL_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].help_text = help_text
        for name in PARCEL_FIELDS:
            if name in self.fields:
                # Read as people write numbers: "1.000" g is a thousand grams, never 1.
                self.fields[name] = WholeNumberField(
                    label=self.fields[name].label,
                    help_text=self.fields[name].help_text,
                    required=False,
                    at_least=1,
                    at_most=MAX_WEIGHT_GRAMS if name == "weight_grams" else MAX_SIDE_CM,
                    message=self._parcel_message(name),
                )

    @staticmethod
    def _parcel_message(name):
        if name == "weight_grams":
            return _("Give the weight in whole grams, from 1 to %(most)s.") % {
                "most": thousands(MAX_WEIGHT_GRAMS)
            }
        return _("Give each side in whole centimetres, from 1 to %(most)s.") % {"most": MAX_SIDE_CM}

    @property
    def parcel_fields(self):
        return [self[name] for name in PARCEL_FIELDS if name in self.fields]

    @property
    def attribute_fields(self):
        return [field for field in self if field.name.startswith("attr_")]

    def clean_upc(self):
        value = (self.cleaned_data.get("upc") or "").strip().replace(" ", "")
        if not value:
            return None  # no barcode: stored as NULL, never compared with other products' blanks
        problem = gtin_error(value)
        if problem == "check_digit":
            raise ValidationError(
                _("The last digit of %(gtin)s does not match: check the barcode.") % {"gtin": value},
                code="gtin_check",
            )
        if problem:
            raise ValidationError(_("A barcode (GTIN) has 8, 12, 13 or 14 digits."), code="gtin_length")
        return value

    def clean_description(self):
        return sanitize_rich_text(self.cleaned_data.get("description"))

    def get_attribute_field(self, attribute):
        field = super().get_attribute_field(attribute)
        if attribute.type == attribute.RICHTEXT:
            self.rich_text_fields = [*getattr(self, "rich_text_fields", []), f"attr_{attribute.code}"]
        return field

    def clean(self):
        data = super().clean()
        for name in getattr(self, "rich_text_fields", []):
            if data.get(name):
                data[name] = sanitize_rich_text(data[name])
        return data


class ProductImageForm(forms.ProductImageForm):
    """A product picture is refused above the pixel limit before anything decodes it.

    A picture chosen on a save that fails (a price typed wrong) is kept: `keep()` stores it among
    the pending pictures and the page carries a signed note of where (`kept`); the next save reads
    it from there when no other file is chosen, so the seller does not choose it again.
    """

    kept = django_forms.CharField(widget=django_forms.HiddenInput, required=False)

    class Meta(forms.ProductImageForm.Meta):
        field_classes = {"original": BoundedImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name, note = self.add_prefix("original"), self.add_prefix("kept")
        if not self.is_bound or self.files.get(name) or not self.data.get(note):
            return
        if path := self.kept_path():
            with default_storage.open(path) as stored:
                picture = SimpleUploadedFile(PurePosixPath(path).name, stored.read())
            self.files = self.files.copy()
            self.files[name] = picture
        else:  # a note too old, or not ours: the row is as if nothing was chosen
            self.data = self.data.copy()
            del self.data[note]

    def kept_path(self) -> str | None:
        """Where the picture kept from a failed save is, when the page's note is ours and fresh."""
        token = self.data.get(self.add_prefix("kept"))
        if not token:
            return None
        try:
            path = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_FOR)
        except signing.BadSignature:
            return None
        ok = isinstance(path, str) and path.startswith(KEPT_FOLDER) and default_storage.exists(path)
        return path if ok else None

    def keep(self) -> str | None:
        """Stores the picture of a failed save; the signed note of where it is, or None."""
        upload = getattr(self, "cleaned_data", {}).get("original")
        if not isinstance(upload, UploadedFile) or "original" in self.errors:
            return None
        if (path := self.kept_path()) and upload.name == PurePosixPath(path).name:
            return self.data[self.add_prefix("kept")]  # kept already, brought back by this save
        upload.seek(0)
        suffix = PurePosixPath(upload.name).suffix.lower()[:5]
        path = default_storage.save(f"{KEPT_FOLDER}{uuid.uuid4().hex}{suffix}", upload)
        return signing.dumps(path, salt=KEPT_SALT)

    def kept_url(self) -> str | None:
        path = self.kept_path()
        return default_storage.url(path) if path else None


KEPT_FOLDER = "pending-pictures/"
KEPT_SALT = "shop.dashboard.catalogue.kept-picture"
KEPT_FOR = 24 * 60 * 60  # seconds: a note older than a day is not read
