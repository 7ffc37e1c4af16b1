"""The report's scope (the day, ward and group it stands at), its constants, and what one report
reads once for all its figures."""

import datetime
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils import timezone

from .. import sales

REGISTER_EXPIRING_DAYS = 90
TOP = 10
TREND_MONTHS = 12
STARS = (3, 4, 5)


@dataclass(frozen=True)
class Scope:
    """The day the figures stand at (its end), and the ward and OCOP group they are narrowed to."""

    at: datetime.date
    ward: int | None = None
    group: str = ""

    @property
    def end(self) -> datetime.datetime:
        """The first moment after the day, in the marketplace's time zone."""
        return sales.midnight(self.at + datetime.timedelta(days=1))

    @property
    def month_start(self) -> datetime.date:
        return self.at.replace(day=1)

    @property
    def month_begins(self) -> datetime.datetime:
        return sales.midnight(self.month_start)


def today_scope(ward: int | None = None, group: str = "") -> Scope:
    return Scope(timezone.localdate(), ward, group)


# Within one report, the days not rolled up yet are read once for all its figures, and so are the
# goods on sale of each scope.
_live_events: ContextVar[dict | None] = ContextVar("live_sales_events", default=None)
_floor_memo: ContextVar[dict | None] = ContextVar("floor_counts", default=None)
