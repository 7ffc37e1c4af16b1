"""App config of the forked checkout: only the marketplace's one-page checkout and its thank-you page."""

from django.urls import path
from oscar.apps.checkout import apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def get_urls(self):
        from . import views

        # Oscar's multi-step flow makes one order for the whole basket; it is not mounted.
        urls = [
            path("", views.CheckoutView.as_view(), name="index"),
            path("thank-you/<str:number>/", views.ThankYouView.as_view(), name="thank-you"),
        ]
        return self.post_process_urls(urls)
