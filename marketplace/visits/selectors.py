"""What the dashboards read of the daily counts (rolled up; today's last minutes not yet)."""

from datetime import date

from django.db.models import Sum

from .models import DailyCount


def totals(since: date, until: date) -> dict[str, int]:
    """Each kind's total over the days from `since` to `until`, both included."""
    rows = (
        DailyCount.objects.filter(day__range=(since, until))
        .values("kind")
        .annotate(total=Sum("count"))
        .order_by()
    )
    found = {row["kind"]: row["total"] for row in rows}
    return {kind: found.get(kind, 0) for kind in DailyCount.Kind.values}


def top(kind: str, since: date, until: date, limit: int = 10) -> list[tuple[str, int]]:
    """The most counted subjects of `kind` over the days (the undivided rest left out)."""
    rows = (
        DailyCount.objects.filter(kind=kind, day__range=(since, until))
        .exclude(subject="")
        .values("subject")
        .annotate(total=Sum("count"))
        .order_by("-total", "subject")[:limit]
    )
    return [(row["subject"], row["total"]) for row in rows]
