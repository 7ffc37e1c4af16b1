"""App config of the province's figures: every figure is read from the other apps' dated records; the
one model, `SalesDay`, keeps the orders' money of closed days added up (sales.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "marketplace.figures"
    label = "figures"
    verbose_name = _("Province figures")
