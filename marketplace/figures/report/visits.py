"""Visits and daily visitors, from the daily counts (the whole province)."""

from django.db.models import (
    Q,
    Sum,
)

from marketplace.visits.models import DailyCount

from .scope import Scope


def visits(scope: Scope) -> dict:
    """Visits (pages shown) and daily visitors: since the first count, and in the day's month."""
    counted = DailyCount.objects.filter(
        day__lte=scope.at, subject="", kind__in=[DailyCount.Kind.PAGE_VIEWS, DailyCount.Kind.VISITORS]
    )
    found = counted.aggregate(
        visits=Sum("count", filter=Q(kind=DailyCount.Kind.PAGE_VIEWS)),
        visitors=Sum("count", filter=Q(kind=DailyCount.Kind.VISITORS)),
        month_visits=Sum("count", filter=Q(kind=DailyCount.Kind.PAGE_VIEWS, day__gte=scope.month_start)),
        month_visitors=Sum("count", filter=Q(kind=DailyCount.Kind.VISITORS, day__gte=scope.month_start)),
    )
    return {key: value or 0 for key, value in found.items()}
