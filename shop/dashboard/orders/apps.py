"""App config of the forked order dashboard: adds the shop's fulfilment steps and line refunds."""

from django.urls import path
from oscar.apps.dashboard.orders import apps
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        fulfil = (
            DashboardPermission.get("order", "view_order", "change_order"),
            DashboardPermission.partner_dashboard_access,
        )
        # Oscar's statistics count revenue their own way; a seller's figures are on their home, one
        # definition for the home, the figures and the statement: the page stays the staff's.
        self.permissions_map = {
            **self.permissions_map,
            "order-fulfil": fulfil,
            "order-line-refund": fulfil,
            "order-stats": (["is_staff"],),
        }

    def get_urls(self):
        from . import views

        return [
            *super().get_urls(),
            *self.post_process_urls(
                [
                    path("<str:number>/fulfil/", views.FulfilView.as_view(), name="order-fulfil"),
                    path(
                        "<str:number>/lines/<int:line_id>/refund/",
                        views.LineRefundView.as_view(),
                        name="order-line-refund",
                    ),
                ]
            ),
        ]
