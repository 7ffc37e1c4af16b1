"""Product forms of the seller centre: prices are whole đồng."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms

from vendors.validators import whole_dong_price


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
