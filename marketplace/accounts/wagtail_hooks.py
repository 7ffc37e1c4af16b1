"""Wagtail's account page: the e-mail address is changed in its own panel, which refuses a taken one.

Wagtail's own name-and-e-mail panel is told not to show the address (WAGTAIL_EMAIL_MANAGEMENT_ENABLED
is off) because it does not check whether another account uses it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel

from .forms import AccountEmailForm


class EmailSettingsPanel(BaseSettingsPanel):
    name = "email"
    title = _("E-mail address")
    order = 110
    form_class = AccountEmailForm


@hooks.register("register_account_settings_panel")
def register_email_panel(request, user, profile):
    return EmailSettingsPanel(request, user, profile)
