"""The version of what the public pages show, renewed after each commit that writes to it.

Writes are followed at the database connection (Django's execute wrappers), not through model
signals: `QuerySet.update()`, `bulk_create()` and deletes by query (stock moved under row locks,
imports, Wagtail's unpublishing of a subtree) send no signal but change what a shopper sees.
"""

import time
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "pagecache:version"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def current() -> int:
    """The version pages are cached under now (a new one if the cache lost it: never reused)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return version


def renew() -> None:
    """Every page cached so far is out of date."""
    cache.set(VERSION_KEY, time.time_ns(), None)


@memoize
def followed_tables() -> tuple[str, ...]:
    """The quoted names of the tables whose rows public pages show (MARKETPLACE_PAGE_CACHE_FOLLOWS:
    app labels, or "app_label.model" for one model of an app)."""
    follows = settings.MARKETPLACE_PAGE_CACHE_FOLLOWS
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        owner = meta.auto_created._meta if meta.auto_created else meta
        if owner.app_label in follows or owner.label_lower in follows:
            tables.add(f'"{meta.db_table}"')
    return tuple(sorted(tables))


def _writes_followed_table(sql: str) -> bool:
    # Every query passes here: a read is told by its first word, without copying the statement.
    return sql[:16].lstrip().upper().startswith(WRITES) and any(table in sql for table in followed_tables())


def follow_writes(sender, connection, **kwargs) -> None:
    """connection_created receiver: renew the version after each commit that wrote a followed table."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _writes_followed_table(sql):
        _renew_after_commit(context["connection"])
    return result


def _renew_after_commit(connection) -> None:
    # One renewal per transaction, however many rows it writes: the one registered is known until
    # it runs; if a rolled-back savepoint took it away, the next write registers another. Outside
    # a transaction, on_commit runs it at once.
    pending = getattr(connection, "_pagecache_renewal", None)
    queued = (callback for _savepoints, callback, _robust in connection.run_on_commit)
    if pending is not None and any(callback is pending for callback in queued):
        return

    def renewal():
        if getattr(connection, "_pagecache_renewal", None) is renewal:
            connection._pagecache_renewal = None
        renew()

    connection._pagecache_renewal = renewal
    transaction.on_commit(renewal, using=connection.alias, robust=True)
