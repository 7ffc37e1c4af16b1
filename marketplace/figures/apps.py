"""App config of the province's figures (no models: every figure is read from the others' records)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "marketplace.figures"
    label = "figures"
    verbose_name = _("Province figures")
