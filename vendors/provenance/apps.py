"""App config of provenance: certifications, growing-area and packing codes, traceable batches."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvenanceConfig(AppConfig):
    name = "vendors.provenance"
    label = "provenance"
    verbose_name = _("Provenance")
