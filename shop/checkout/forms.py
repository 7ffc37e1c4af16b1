"""The checkout form: who receives the goods, where, and how they pay."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace import wards
from vendors.validators import normalize_phone

PAYMENT_METHODS = [("cod", _("Cash on delivery"))]


class CheckoutForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your order confirmation goes here."))
    name = forms.CharField(label=_("Recipient's name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    province_code = forms.TypedChoiceField(label=_("Province"), coerce=int, choices=())
    ward_code = forms.TypedChoiceField(
        label=_("Ward"),
        coerce=int,
        choices=(),
        error_messages={"invalid_choice": _("This ward is not in the chosen province.")},
    )
    street = forms.CharField(
        label=_("Street address"), max_length=255, help_text=_("House number, street, hamlet.")
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=PAYMENT_METHODS, initial="cod", widget=forms.RadioSelect
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = wards.province_choices()
        self.fields["province_code"].initial = settings.MARKETPLACE_PROVINCE_CODE
        province = self.data.get("province_code") if self.is_bound else None
        province = int(province) if str(province or "").isdigit() else settings.MARKETPLACE_PROVINCE_CODE
        self.fields["ward_code"].choices = [("", _("Choose a ward")), *wards.ward_choices(province)]
        if user is not None and user.is_authenticated:
            self.fields["email"].initial = user.email
            self.fields["name"].initial = user.get_full_name()

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])
