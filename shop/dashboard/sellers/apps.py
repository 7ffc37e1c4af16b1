"""Dashboard app of the province staff's pages about sellers (the activation queue, a seller's file
and ledger, the register of codes and recognitions); mounted at /dashboard/sellers/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class SellersDashboardConfig(OscarDashboardConfig):
    label = "sellers_dashboard"
    name = "shop.dashboard.sellers"
    verbose_name = _("Sellers dashboard")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import provenance, views

        urls = [
            path("", views.SellerQueueView.as_view(), name="seller-list"),
            path("approve/", views.BulkApproveView.as_view(), name="seller-bulk-approve"),
            path("<int:pk>/", views.SellerDetailView.as_view(), name="seller-detail"),
            path("<int:pk>/decide/", views.SellerDecideView.as_view(), name="seller-decide"),
            path("<int:pk>/ledger/", views.SellerLedgerView.as_view(), name="seller-ledger"),
            path(
                "<int:pk>/documents/<int:document_pk>/",
                views.SellerDocumentView.as_view(),
                name="seller-document",
            ),
            path("registry/", provenance.CodeListView.as_view(), name="registry-codes"),
            path("registry/<int:pk>/", provenance.CodeDetailView.as_view(), name="registry-code"),
            path(
                "registry/recognitions/",
                provenance.RecognitionListView.as_view(),
                name="registry-recognitions",
            ),
            path(
                "registry/recognitions/<int:pk>/revoke/",
                provenance.RecognitionRevokeView.as_view(),
                name="registry-recognition-revoke",
            ),
        ]
        return self.post_process_urls(urls)
