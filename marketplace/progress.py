"""Progress reporting for long jobs (demo data, imports, re-indexing) on a terminal or in a log."""

import sys
import time


class Progress:
    """A progress bar on a terminal; on a log (not a TTY), one line per tenth of the way."""

    width = 30

    def __init__(self, label: str, total: int, out=None):
        self.label, self.total, self.done = label, max(total, 0), 0
        self.out = out or sys.stdout
        self.tty = hasattr(self.out, "isatty") and self.out.isatty()
        self.started = time.monotonic()
        self._last_tenth = -1
        self._draw()

    def advance(self, step: int = 1) -> None:
        self.done = min(self.done + step, self.total)
        self._draw()

    def finish(self) -> None:
        self.done = self.total
        self._draw(final=True)

    def _draw(self, final: bool = False) -> None:
        fraction = self.done / self.total if self.total else 1.0
        tenth = int(fraction * 10)
        if not self.tty and not final and tenth == self._last_tenth:
            return
        self._last_tenth = tenth
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"{self.label:<14} [{bar}] {self.done}/{self.total}"
        if final:
            line += f" ({time.monotonic() - self.started:.1f} s)"
        if self.tty:
            self.out.write("\r" + line + ("\n" if final else ""))
        elif final or self.done < self.total:
            self.out.write(line + "\n")
        self.out.flush()
