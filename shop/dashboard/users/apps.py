"""App config of the forked users dashboard."""

from oscar.apps.dashboard.users import apps


class UsersDashboardConfig(apps.UsersDashboardConfig):
    name = "shop.dashboard.users"
