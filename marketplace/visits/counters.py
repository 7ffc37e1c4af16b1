"""Per-day counters in the "visits" cache (`MARKETPLACE_VISITS_CACHE`), and the register of the ones made.

A count is one atomic increment of `count:<day>:<digest of kind and subject>` (Redis INCR, or the
local-memory cache's lock). The first time a day sees a counter it writes the counter's kind and
subject into the day's register (`register:<day>:<n>`, `n` from an increment too), which is how the
rollup finds every counter without listing the cache's keys. Counters live for `DAYS_KEPT` days:
a rollup that does not run for longer than that loses them, never a visitor's page.
"""

import contextlib
import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from marketplace.querystring import printable

DAYS_KEPT = 3
# Beyond this many different subjects in a day (searches typed, products viewed), a count goes to
# the kind's undivided total ("") only: the register stays bounded whatever is typed.
MAX_SUBJECTS_PER_DAY = 20_000
SUBJECT_LENGTH = 64
READ_BATCH = 1_000


@dataclass(frozen=True)
class Pending:
    day: date
    kind: str
    subject: str
    key: str
    count: int


def store():
    return caches[settings.MARKETPLACE_VISITS_CACHE]


def _seconds_kept() -> int:
    return DAYS_KEPT * 24 * 60 * 60


def _counter_key(day: date, kind: str, subject: str) -> str:
    digest = hashlib.sha256(f"{kind}\x00{subject}".encode()).hexdigest()[:24]
    return f"count:{day.isoformat()}:{digest}"


def _register_length_key(day: date) -> str:
    return f"register:{day.isoformat()}:length"


def _register_key(day: date, number: int) -> str:
    return f"register:{day.isoformat()}:{number}"


def add(kind: str, subject: str = "", *, day: date | None = None) -> None:
    """Count one of `kind` (of `subject`, if any) today."""
    day = day or timezone.localdate()
    subject = subject[:SUBJECT_LENGTH]
    cache = store()
    if subject and (cache.get(_register_length_key(day)) or 0) >= MAX_SUBJECTS_PER_DAY:
        subject = ""
    key = _counter_key(day, kind, subject)
    if cache.add(key, 0, _seconds_kept()):
        cache.add(_register_length_key(day), 0, _seconds_kept())
        number = cache.incr(_register_length_key(day))
        cache.set(_register_key(day, number), (kind, subject), _seconds_kept())
    with contextlib.suppress(ValueError):  # dropped from the cache between the two calls: one lost
        cache.incr(key)


def first_sighting(visitor: str, *, day: date | None = None) -> bool:
    """Whether this is the first time today that `visitor` (a digest, see `visitor_digest`) is seen."""
    day = day or timezone.localdate()
    return store().add(f"seen:{day.isoformat()}:{visitor}", 1, _seconds_kept())


def visitor_digest(*parts: str, day: date | None = None) -> str:
    """Who a visitor is, for today only: a keyed digest of what identifies them (address, browser).

    Keyed with the secret key and the day, so the digest says nothing about the address and
    tomorrow's cannot be matched with today's; nothing of it is ever stored in the database.
    """
    day = day or timezone.localdate()
    message = "\x00".join((day.isoformat(), *parts)).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def search_words(typed: str) -> str:
    """A search as it is counted: what was typed, lower-cased, with its spaces and controls tidied."""
    return printable(unicodedata.normalize("NFC", typed or "").lower(), limit=SUBJECT_LENGTH)


def pending(days: list[date]) -> list[Pending]:
    """Every counter of these days that holds counts not yet rolled up."""
    cache = store()
    found = []
    for day in days:
        length = cache.get(_register_length_key(day)) or 0
        names = [_register_key(day, number) for number in range(1, length + 1)]
        for start in range(0, len(names), READ_BATCH):
            entries = cache.get_many(names[start : start + READ_BATCH]).values()
            keyed = {_counter_key(day, kind, subject): (kind, subject) for kind, subject in entries}
            for key, count in cache.get_many(list(keyed)).items():
                if count > 0:
                    kind, subject = keyed[key]
                    found.append(Pending(day, kind, subject, key, count))
    return found


def taken(items: list[Pending]) -> None:
    """Take off the counters what the rollup added to the database; what came in since stays."""
    cache = store()
    for item in items:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing left to take off
            cache.decr(item.key, item.count)
