"""Benchmark: how long `load_demo` takes on the embedded default (SQLite), first run and re-run.

Runs in a scratch folder with its own SQLite file and media, so it never touches var/db.sqlite3.
Usage: .venv/bin/python bench/demo_load.py   (or `make bench-demo`)
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args, env):
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main():
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.dev",
            "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
            "MEDIA_ROOT": f"{scratch}/media",
        }
        migrate = timed(["migrate", "--noinput"], env)
        first = timed(["load_demo"], env)
        again = timed(["load_demo"], env)
    print(f"migrate (empty SQLite)      {migrate:6.1f} s")
    print(f"load_demo, first run        {first:6.1f} s   (target: under 60 s)")
    print(f"load_demo, second run       {again:6.1f} s   (finds everything, adds nothing)")


if __name__ == "__main__":
    main()
