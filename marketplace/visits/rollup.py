"""Adding the cache's counters to the daily rows: on a schedule, never on a visitor's request.

One rollup at a time (a lock in the counters' cache). The rows are written in one transaction and
only then are the counters decreased by what was written, so a failed write leaves the counts to
the next run, and counts that arrive meanwhile are kept for it.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import counters
from .models import DailyCount

logger = logging.getLogger(__name__)

LOCK_KEY = "rollup:lock"
LOCK_SECONDS = 10 * 60
WRITE_BATCH = 500


def rollup() -> int | None:
    """Add what the counters hold to the daily rows; how many counters it took, None if one ran."""
    cache = counters.store()
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        return None
    try:
        today = timezone.localdate()
        days = [today - timedelta(days=back) for back in range(counters.DAYS_KEPT - 1, -1, -1)]
        items = counters.pending(days)
        if items:
            with transaction.atomic():
                _add_to_rows(items)
            counters.taken(items)
        return len(items)
    finally:
        cache.delete(LOCK_KEY)


def _add_to_rows(items: list[counters.Pending]) -> None:
    days = {item.day for item in items}
    kinds = {item.kind for item in items}
    rows = {
        (row.day, row.kind, row.subject): row
        for row in DailyCount.objects.select_for_update().filter(day__in=days, kind__in=kinds)
    }
    changed, new = {}, []
    for item in items:
        row = rows.get((item.day, item.kind, item.subject))
        if row is None:
            row = DailyCount(day=item.day, kind=item.kind, subject=item.subject, count=0)
            rows[(item.day, item.kind, item.subject)] = row
            new.append(row)
        elif row.pk is not None:
            changed[row.pk] = row
        row.count += item.count
    DailyCount.objects.bulk_update(changed.values(), ["count"], batch_size=WRITE_BATCH)
    DailyCount.objects.bulk_create(new, batch_size=WRITE_BATCH)
    logger.info("Visits rolled up: %d counters, %d new rows", len(items), len(new))
