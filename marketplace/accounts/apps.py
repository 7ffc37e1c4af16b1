"""App configs of the accounts app, and of Wagtail's users app with the marketplace's user forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Every page that names a person (Oscar's and Wagtail's call get_full_name) writes the
        # family name first: one reading for the whole site (names.py).
        from django.contrib.auth import get_user_model

        from .names import full_name

        get_user_model().get_full_name = full_name


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, whose add and edit forms refuse an e-mail address already in use.

    Wagtail's documented door for custom user forms: an app config naming its own user viewset.
    """

    user_viewset = "marketplace.accounts.wagtail_users.UserViewSet"
