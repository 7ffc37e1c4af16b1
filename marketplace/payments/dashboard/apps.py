"""Staff's payments desk; mounted at /dashboard/payments/ by the forked dashboard."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class PaymentsDashboardConfig(OscarDashboardConfig):
    label = "payments_dashboard"
    name = "marketplace.payments.dashboard"
    verbose_name = _("Payments dashboard")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("", views.PaymentsDeskView.as_view(), name="payments-desk"),
            path("statement/", views.StatementUploadView.as_view(), name="payments-statement"),
            path(
                "transfers/<str:number>/paid/",
                views.TransferPaidView.as_view(),
                name="payments-transfer-paid",
            ),
            path(
                "events/<int:pk>/reviewed/", views.EventReviewedView.as_view(), name="payments-event-reviewed"
            ),
            path("purchases/<str:number>/", views.PurchasePaymentsView.as_view(), name="payments-purchase"),
            path("payments/<int:pk>/inquire/", views.InquireView.as_view(), name="payments-inquire"),
        ]
        return self.post_process_urls(urls)
