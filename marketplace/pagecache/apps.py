"""App config of the page cache: follows every connection's writes from the start."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "marketplace.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import versions

        connection_created.connect(versions.follow_writes, dispatch_uid="pagecache-follow-writes")
        for connection in connections.all(initialized_only=True):
            versions.follow_writes(sender=type(connection), connection=connection)
