"""The checkout form: who receives the goods, where, and how they pay."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.address import ProvinceWardForm
from vendors.validators import normalize_phone

PAYMENT_LABELS = {"cod": _("Cash on delivery"), "vietqr": _("Bank transfer (VietQR)")}


def payment_choices() -> list[tuple[str, str]]:
    """The methods settings enable; VietQR only with a receiving account to pay into."""
    enabled = []
    for method in settings.MARKETPLACE_PAYMENT_METHODS:
        if method == "vietqr" and not settings.MARKETPLACE_VIETQR_ACCOUNT:
            continue
        if method in PAYMENT_LABELS:
            enabled.append((method, PAYMENT_LABELS[method]))
    return enabled


class CheckoutForm(ProvinceWardForm):
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your order confirmation goes here."))
    name = forms.CharField(label=_("Recipient's name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    street = forms.CharField(
        label=_("Street address"), max_length=255, help_text=_("House number, street, hamlet.")
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=(), initial="cod", widget=forms.RadioSelect
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"].choices = payment_choices()
        if user is not None and user.is_authenticated:
            self.fields["email"].initial = user.email
            self.fields["name"].initial = user.get_full_name()

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])
