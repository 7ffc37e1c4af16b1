"""Dashboard app of the activation queue; mounted at /dashboard/sellers/ by the forked dashboard."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class VendorsDashboardConfig(OscarDashboardConfig):
    label = "vendors_dashboard"
    name = "vendors.dashboard"
    verbose_name = _("Sellers dashboard")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("", views.VendorQueueView.as_view(), name="vendor-list"),
            path("approve/", views.BulkApproveView.as_view(), name="vendor-bulk-approve"),
            path("<int:pk>/", views.VendorDetailView.as_view(), name="vendor-detail"),
            path("<int:pk>/decide/", views.VendorDecideView.as_view(), name="vendor-decide"),
            path(
                "<int:pk>/documents/<int:document_pk>/",
                views.VendorDocumentView.as_view(),
                name="vendor-document",
            ),
        ]
        return self.post_process_urls(urls)
