"""Progress of long jobs (demo data, imports, re-indexing, roll-ups): tqdm's bar, set up once.

On a terminal the bar redraws in place; in a log (not a terminal) it writes a line at the start,
every ten seconds and at the end, so a log of `make run` or a worker stays readable.
"""

from django.core.management.base import OutputWrapper
from tqdm import tqdm


def bar(label: str, total: int, out=None) -> tqdm:
    """A progress bar of `total` steps named `label`, written to `out` (a command's stdout or a stream)."""
    stream = out._out if isinstance(out, OutputWrapper) else out  # tqdm draws its own line endings
    terminal = hasattr(stream, "isatty") and stream.isatty()
    return tqdm(
        total=max(total, 0),
        desc=label,
        file=stream,
        ascii=True,
        ncols=80,
        mininterval=0.2 if terminal else 10,
    )
