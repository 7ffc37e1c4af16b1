"""Who sees which of the marketplace's entries in the dashboard menu (no model imports: settings load it)."""


def seller_only(user, url_name, url_args=None, url_kwargs=None):
    """The seller's own pages: shown to activated sellers, not to staff, who have no shop."""
    return not user.is_staff and user.has_perm("partner.dashboard_access")
