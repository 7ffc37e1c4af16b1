"""App config of the CMS pages app (label ``cms``; Wagtail's own apps keep theirs)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "marketplace.cms"
    label = "cms"
    verbose_name = _("CMS pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 -- follows the sellers' signals (vendors/signals.py)
