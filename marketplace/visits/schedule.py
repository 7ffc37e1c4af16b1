"""When the rollup runs: Celery beat with a shared cache; otherwise a thread in each process.

On the embedded default each process counts in its own memory, so each process rolls up its own
counters, every `MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS`, and once more as it exits.
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import connection

from . import rollup

logger = logging.getLogger(__name__)

_started = False
_start_lock = threading.Lock()


def start_in_process() -> bool:
    """Start this process's rollup thread, once; whether one runs."""
    global _started
    seconds = settings.MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS
    if seconds <= 0:
        return False
    with _start_lock:
        if not _started:
            _started = True
            threading.Thread(target=_every, args=(seconds,), name="visits-rollup", daemon=True).start()
            atexit.register(run_once)
    return True


def _every(seconds: int) -> None:
    while True:
        time.sleep(seconds)
        run_once()


def run_once() -> None:
    try:
        rollup.rollup()
    except Exception:  # the next run tries again; the counts stay in the cache
        logger.exception("Rolling up the visit counters failed")
    finally:
        connection.close()
