"""Product forms of the seller centre: prices are whole đồng."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms

from marketplace.images import BoundedImageField
from marketplace.richtext import sanitize_rich_text
from sellers.provenance.gs1 import gtin_error
from sellers.validators import whole_dong_price


class StockRecordForm(forms.StockRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "price_currency" in self.fields:
            self.fields["price_currency"].initial = "VND"
        if "price" in self.fields:
            self.fields["price"].help_text = _("In đồng, without dots: 125000")

    def clean_price(self):
        price = self.cleaned_data.get("price")
        return price if price is None else whole_dong_price(price)

    def clean_price_currency(self):
        currency = self.cleaned_data.get("price_currency") or "VND"
        if currency != "VND":
            raise ValidationError(_("Prices on this floor are in Vietnamese đồng (VND)."), code="currency")
        return currency


class ProductForm(forms.ProductForm):
    """The product's barcode is its GTIN, checked to the check digit: batches' GS1 links are built on it.

    The description and rich-text attributes keep only the allowed markup: the product page prints them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "upc" in self.fields:
            self.fields["upc"].label = _("Barcode (GTIN)")
            self.fields["upc"].help_text = _(
                "8, 12, 13 or 14 digits as printed under the barcode (893… in Vietnam)."
            )

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
    """A product picture is refused above the pixel limit before anything decodes it."""

    class Meta(forms.ProductImageForm.Meta):
        field_classes = {"original": BoundedImageField}
