"""App config of the forked dashboard."""

from django.apps import apps as django_apps
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map["figures-export"] = ["is_staff"]
        self.permissions_map["shop-figures-export"] = ["partner.dashboard_access"]

    def ready(self):
        super().ready()
        from .views import FiguresExportView, ShopFiguresExportView

        self.figures_export_view = FiguresExportView
        self.shop_figures_export_view = ShopFiguresExportView
        self.sellers_app = django_apps.get_app_config("sellers_dashboard")
        self.seller_centre_app = django_apps.get_app_config("seller_centre_dashboard")
        self.payments_app = django_apps.get_app_config("payments_dashboard")

    def get_urls(self):
        return [
            *super().get_urls(),
            # The seller centre's pages were under /dashboard/sellers/shop/ before they had an app of
            # their own: a bookmark or a link in an old e-mail still finds them.
            re_path(
                r"^sellers/shop/(?P<rest>.*)$",
                RedirectView.as_view(url="/dashboard/shop/%(rest)s", permanent=True, query_string=True),
            ),
            path("sellers/", include(self.sellers_app.urls[0])),
            path("shop/", include(self.seller_centre_app.urls[0])),
            path("payments/", include(self.payments_app.urls[0])),
            # Oscar decorates the patterns it makes with their permissions; this one is ours to.
            *self.post_process_urls(
                [
                    path(
                        "figures/export/<str:fmt>/", self.figures_export_view.as_view(), name="figures-export"
                    ),
                    path(
                        "shop/figures/export/<str:fmt>/",
                        self.shop_figures_export_view.as_view(),
                        name="shop-figures-export",
                    ),
                ]
            ),
        ]
