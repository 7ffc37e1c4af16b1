"""The booking form on an experience's page: a coming date with enough places, and how many visitors."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How far ahead an experience may be booked.
BOOKABLE_DAYS = 60


class BookingForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.IntegerField(label=gettext_lazy("Visitors"), min_value=1, initial=2)

    def __init__(self, *args, experience, **kwargs):
        super().__init__(*args, **kwargs)
        self.experience = experience
        first = timezone.localdate() + datetime.timedelta(days=1)
        self.fields["date"].widget.attrs.update(
            min=first.isoformat(), max=(first + datetime.timedelta(days=BOOKABLE_DAYS - 1)).isoformat()
        )
        self.fields["visitors"].widget.attrs["max"] = experience.capacity_per_date

    def clean(self):
        data = super().clean()
        day, visitors = data.get("date"), data.get("visitors")
        if day is None or visitors is None:
            return data
        left = dict(self.experience.dates_open()).get(day)
        if left is None:
            raise forms.ValidationError(
                _("Book a date from tomorrow to %(days)s days ahead.") % {"days": BOOKABLE_DAYS}
            )
        if visitors > left:
            raise forms.ValidationError(
                _("Only %(left)s places are left on %(date)s.")
                % {"left": max(left, 0), "date": day.strftime("%d-%m-%Y")}
                if left > 0
                else _("%(date)s is fully booked: choose another date.") % {"date": day.strftime("%d-%m-%Y")}
            )
        return data
