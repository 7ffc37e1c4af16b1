"""Dashboard app of the seller centre's own pages; mounted at /dashboard/shop/ by the forked dashboard.

Only an activated seller opens them (Oscar's partner dashboard access: activation grants it and
suspension takes it back); staff have no shop, and their pages are the sellers dashboard's.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class SellerCentreDashboardConfig(OscarDashboardConfig):
    label = "seller_centre_dashboard"
    name = "shop.dashboard.seller_centre"
    verbose_name = _("Seller centre")
    default_permissions = ["partner.dashboard_access"]

    def get_urls(self):
        from . import provenance, views

        urls = [
            path("", views.ShopProfileView.as_view(), name="shop-profile"),
            path("batches/", provenance.SellerBatchesView.as_view(), name="shop-batches"),
            path("batches/<int:pk>/", provenance.SellerBatchView.as_view(), name="shop-batch"),
            path("codes/", provenance.SellerCodesView.as_view(), name="shop-codes"),
            path("stories/", views.StoriesView.as_view(), name="shop-stories"),
            path("stock/", views.StockListView.as_view(), name="shop-stock"),
            path("stock/<int:pk>/", views.StockUpdateView.as_view(), name="shop-stock-update"),
            path("statement/", views.StatementView.as_view(), name="shop-statement"),
            path("statement.csv", views.StatementCsvView.as_view(), name="shop-statement-csv"),
            path("import/", views.ImportView.as_view(), name="shop-import"),
            path("import/<int:pk>/", views.ImportDetailView.as_view(), name="shop-import-detail"),
            path(
                "import/<int:pk>/progress/", views.ImportProgressView.as_view(), name="shop-import-progress"
            ),
            path(
                "import/template.<str:fmt>", views.ImportTemplateView.as_view(), name="shop-import-template"
            ),
        ]
        return self.post_process_urls(urls)
