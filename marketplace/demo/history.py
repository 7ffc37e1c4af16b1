"""When the demo's history happened: inside the article's half-year, and still in force today.

The article describes the province's floor at the end of June 2025 (332 accounts, 432 products,
96,000 visits in the first six months…). The demo dates every step of that history (applications,
activations, listings, OCOP decisions, codes, certificates) on or before 30/06/2025, so that
`marketplace_stats --at 2025-06-30` gives the article; and where a record has a validity (an OCOP
recognition lasts 36 months, a VietGAP certificate two years) it is dated late enough to be still in
force today, so today's figures are the article's too. Once today is too far from 2025 for both to
hold, the demo dates such records from today instead (the article's day then shows fewer).
"""

import datetime
import random

from dateutil.relativedelta import relativedelta

ARTICLE_START = datetime.date(2025, 1, 1)
ARTICLE_END = datetime.date(2025, 6, 30)  # "6 tháng đầu năm" 2025
# The first application of the demo's history: the floor opened a year and a half before.
FIRST_APPLICATION = datetime.date(2024, 1, 2)


class History:
    def __init__(self, today: datetime.date, rng: random.Random):
        self.today, self.rng = today, rng
        self.end = min(ARTICLE_END, today)

    def _between(self, earliest: datetime.date, latest: datetime.date) -> datetime.date:
        return earliest + datetime.timedelta(days=self.rng.randint(0, max((latest - earliest).days, 0)))

    def day(self, *, earliest: datetime.date, before_end: int = 0) -> datetime.date:
        """A day from `earliest` to `before_end` days before the article's end."""
        latest = self.end - datetime.timedelta(days=before_end)
        return self._between(min(earliest, latest), latest)

    def lasting(self, validity: relativedelta, *, within_days: int) -> datetime.date:
        """The day a record lasting `validity` was issued: in the `within_days` before the article's
        end and still in force today (or, when no day is both, in the `within_days` before today)."""
        still_in_force = self.today - validity + datetime.timedelta(days=1)
        for latest in (self.end, self.today):
            earliest = max(latest - datetime.timedelta(days=within_days), still_in_force)
            if earliest <= latest:
                return self._between(earliest, latest)
        raise AssertionError("unreachable: the last window ends today")
