"""The address fields every form shares: province, then a ward of that province (post-2025 list)."""

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from marketplace import wards
from marketplace.querystring import bounded_int


class ProvinceWardForm(forms.Form):
    province_code = forms.TypedChoiceField(label=_("Province"), coerce=int, choices=())
    ward_code = forms.TypedChoiceField(
        label=_("Ward"),
        coerce=int,
        choices=(),
        error_messages={"invalid_choice": _("This ward is not in the chosen province.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_field = self.fields["province_code"]
        province_field.choices = wards.province_choices()
        province_field.initial = settings.MARKETPLACE_PROVINCE_CODE
        # static/themes/js/wards.js refreshes the ward list when the province changes.
        province_field.widget.attrs.update(
            {"data-wards-url": reverse_lazy("sell:wards"), "data-wards-for": "id_ward_code"}
        )
        province = self.data.get("province_code") if self.is_bound else None
        province = bounded_int(province, high=99) or settings.MARKETPLACE_PROVINCE_CODE
        self.fields["ward_code"].choices = [("", _("Choose a ward")), *wards.ward_choices(province)]
        # The province this ward list is for: wards.js then fetches a list only for another one,
        # so the ward chosen before a form error stays chosen.
        self.fields["ward_code"].widget.attrs["data-wards-province"] = province
