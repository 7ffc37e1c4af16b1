"""App config of the forked dashboard."""

from django.apps import apps as django_apps
from django.urls import include, path
from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    name = "oscar_apps.dashboard"

    def ready(self):
        super().ready()
        self.sellers_app = django_apps.get_app_config("sellers_dashboard")
        self.payments_app = django_apps.get_app_config("payments_dashboard")

    def get_urls(self):
        return [
            *super().get_urls(),
            path("sellers/", include(self.sellers_app.urls[0])),
            path("payments/", include(self.payments_app.urls[0])),
        ]
