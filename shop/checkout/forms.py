"""The checkout form: who receives the goods, where, and how they pay."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.address import ProvinceWardForm
from marketplace.payments import gateways
from marketplace.purchases.status import CASH_ON_DELIVERY
from vendors.validators import normalize_phone


def payment_choices() -> list[tuple[str, str]]:
    """The gateways the settings enable and configure, in their order."""
    return [(gateway.code, gateway.label) for gateway in gateways.available()]


class CheckoutForm(ProvinceWardForm):
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your order confirmation goes here."))
    name = forms.CharField(label=_("Recipient's name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    street = forms.CharField(
        label=_("Street address"), max_length=255, help_text=_("House number, street, hamlet.")
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=(), initial=CASH_ON_DELIVERY, widget=forms.RadioSelect
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"].choices = payment_choices()
        if user is not None and user.is_authenticated:
            self.fields["email"].initial = user.email
            self.fields["name"].initial = user.get_full_name()

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])
