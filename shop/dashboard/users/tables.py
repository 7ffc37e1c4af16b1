"""The staff's list of accounts in the interface's language: the name column called "Name" through the
catalogue (Oscar's is named from its attribute), the family name first, and "Yes"/"No" for whether
an account is active or staff (Oscar's print Python's True/False)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tables2 import BooleanColumn, Column
from oscar.apps.dashboard.users import tables

YES_NO = (_("Yes"), _("No"))


class UserTable(tables.UserTable):
    name = Column(
        verbose_name=pgettext_lazy("User's name", "Name"),
        accessor="get_full_name",
        order_by=("last_name", "first_name"),
    )
    active = BooleanColumn(accessor="is_active", yesno=YES_NO)
    staff = BooleanColumn(accessor="is_staff", yesno=YES_NO)

    class Meta(tables.UserTable.Meta):
        pass
