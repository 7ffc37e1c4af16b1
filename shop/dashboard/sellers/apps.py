"""Dashboard app of the activation queue; mounted at /dashboard/sellers/ by the forked dashboard."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class SellersDashboardConfig(OscarDashboardConfig):
    label = "sellers_dashboard"
    name = "shop.dashboard.sellers"
    verbose_name = _("Sellers dashboard")
    default_permissions = ["is_staff"]
    # The seller's own pages: an activated seller (Oscar's partner dashboard access) only.
    permissions_map = {
        name: ["partner.dashboard_access"]
        for name in [
            "shop-profile",
            "shop-import",
            "shop-import-detail",
            "shop-import-progress",
            "shop-import-template",
            "shop-statement",
            "shop-statement-csv",
            "shop-batches",
            "shop-batch",
            "shop-codes",
            "shop-stories",
            "shop-stock",
            "shop-stock-update",
        ]
    }

    def get_urls(self):
        from . import provenance, seller_views, views

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
            path("shop/batches/", provenance.SellerBatchesView.as_view(), name="shop-batches"),
            path("shop/batches/<int:pk>/", provenance.SellerBatchView.as_view(), name="shop-batch"),
            path("shop/codes/", provenance.SellerCodesView.as_view(), name="shop-codes"),
            path("shop/stories/", seller_views.StoriesView.as_view(), name="shop-stories"),
            path("shop/", seller_views.ShopProfileView.as_view(), name="shop-profile"),
            path("shop/stock/", seller_views.StockListView.as_view(), name="shop-stock"),
            path("shop/stock/<int:pk>/", seller_views.StockUpdateView.as_view(), name="shop-stock-update"),
            path("shop/statement/", seller_views.StatementView.as_view(), name="shop-statement"),
            path("shop/statement.csv", seller_views.StatementCsvView.as_view(), name="shop-statement-csv"),
            path("shop/import/", seller_views.ImportView.as_view(), name="shop-import"),
            path("shop/import/<int:pk>/", seller_views.ImportDetailView.as_view(), name="shop-import-detail"),
            path(
                "shop/import/<int:pk>/progress/",
                seller_views.ImportProgressView.as_view(),
                name="shop-import-progress",
            ),
            path(
                "shop/import/template.<str:fmt>",
                seller_views.ImportTemplateView.as_view(),
                name="shop-import-template",
            ),
        ]
        return self.post_process_urls(urls)
