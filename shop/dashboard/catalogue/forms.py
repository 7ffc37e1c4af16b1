"""Product forms of the seller centre: prices are whole đồng."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms


class StockRecordForm(forms.StockRecordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "price_currency" in self.fields:
            self.fields["price_currency"].initial = "VND"
        if "price" in self.fields:
            self.fields["price"].help_text = _("In đồng, without dots: 125000")

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is None:
            return price
        if price <= 0:
            raise ValidationError(_("A price must be more than 0 ₫."), code="price_positive")
        if price != price.to_integral_value():
            raise ValidationError(_("Prices are in whole đồng: no decimals."), code="price_whole")
        return Decimal(int(price))

    def clean_price_currency(self):
        currency = self.cleaned_data.get("price_currency") or "VND"
        if currency != "VND":
            raise ValidationError(_("Prices on this floor are in Vietnamese đồng (VND)."), code="currency")
        return currency
