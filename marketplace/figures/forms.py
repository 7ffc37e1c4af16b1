"""What a reader chooses on the figures' pages: the day, a ward, an OCOP group."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace import wards
from vendors.models import OcopGroup

from .report import Scope
from .shop import PERIODS


def _day_field(label) -> forms.DateField:
    """A day typed 31/12/2026 or picked from the phone's calendar (2026-12-31)."""
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Enter a date such as 31/12/2026.")},
    )


class ScopeForm(forms.Form):
    at = _day_field(_("Figures at the end of"))
    ward = forms.TypedChoiceField(label=_("Ward"), required=False, coerce=int, empty_value=None)
    group = forms.ChoiceField(label=_("OCOP group"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", _("All wards")), *wards.ward_choices()]
        self.fields["group"].choices = [("", _("All groups")), *OcopGroup.choices]

    def clean_at(self):
        day = self.cleaned_data.get("at")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The figures cannot be read for a day still to come."))
        return day

    def scope(self) -> Scope:
        """The chosen scope; today, all wards and groups for what is missing or not valid (the
        form's errors say which), or when nothing was chosen."""
        data = {}
        if self.is_bound:
            self.is_valid()  # keeps the valid fields' values in cleaned_data
            data = self.cleaned_data
        today = timezone.localdate()
        return Scope(data.get("at") or today, data.get("ward"), data.get("group") or "")


class PeriodForm(forms.Form):
    """A period of the province's figures: from one day to another, both included."""

    since = _day_field(_("From day"))
    until = _day_field(_("Through day"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="period", **kwargs)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if self.errors:
            return cleaned
        if (since is None) != (until is None):
            raise forms.ValidationError(_("Choose both the first and the last day."))
        if since and until:
            if until > timezone.localdate():
                raise forms.ValidationError(_("The figures cannot be read for a day still to come."))
            if since > until:
                raise forms.ValidationError(_("The period ends before it begins."))
        return cleaned

    def chosen(self):
        """(since, until) when a valid period was asked for, else None."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get("since"):
            return self.cleaned_data["since"], self.cleaned_data["until"]
        return None


class ShopPeriodForm(forms.Form):
    """The days a shop's figures cover: the last 7, 30 or 90."""

    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose 7, 30 or 90 days.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [
            (n, ngettext("Last day", "Last %(days)s days", n) % {"days": n}) for n in PERIODS
        ]

    def chosen_days(self) -> int:
        """The chosen number of days; the shortest when none (or a wrong one) was chosen."""
        if self.is_bound and self.is_valid() and self.cleaned_data["days"]:
            return self.cleaned_data["days"]
        return PERIODS[0]
