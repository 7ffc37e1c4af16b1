"""Browser tests: the real app under gunicorn on the test database, driven by Debian's chromium."""

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def _copy_test_database(scratch: Path, suffix: str = "e2e"):
    """A copy of the demo-loaded test database for the server, and a function that drops it.

    The server's writes (accounts, applications, products made through the browser) go to the
    copy, so the rest of the suite, and the next run of a kept test database, never see them.
    """
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        copy = scratch / f"{suffix}.sqlite3"
        with sqlite3.connect(s["NAME"]) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        return f"sqlite:///{copy}", lambda: None
    # Each server its own copy: two fixtures sharing one name would drop each other's database.
    name = f"{s['NAME']}_{suffix}"
    env = {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}
    where = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
    subprocess.run(["dropdb", *where, "--if-exists", "--force", name], env=env, check=True)
    subprocess.run(["createdb", *where, name], env=env, check=True)
    dump = subprocess.run(["pg_dump", *where, "-Fc", s["NAME"]], env=env, check=True, capture_output=True)
    subprocess.run(["pg_restore", *where, "--no-owner", "-d", name], input=dump.stdout, env=env, check=True)
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    return url, lambda: subprocess.run(["dropdb", *where, "--if-exists", "--force", name], env=env)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(database_url):
    """gunicorn serving the marketplace, as `make run` serves it, on the database at `database_url`."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": database_url,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "marketplace.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/catalogue/", timeout=5)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(
                    "gunicorn did not start: " + server.stderr.read().decode()[-3000:]
                ) from None
            time.sleep(0.3)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
def served_marketplace(django_db_setup, django_db_blocker, tmp_path_factory):
    """The marketplace served by gunicorn, as `make run` serves it, on a copy of the demo data."""
    with django_db_blocker.unblock():
        database_url, drop_copy = _copy_test_database(tmp_path_factory.mktemp("e2e-db"))
    with serving(database_url) as base:
        yield base
    drop_copy()


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one file of journeys.

    Playwright's sync API keeps an event loop running in this thread while it is open: Django then
    takes every test for async code, refuses the database fixtures' own (synchronous) rollbacks
    unless told to allow them, and gives each test a connection of its own, without what the test
    database's setup keeps on it (the transactional tests' serialized rows). Closed after each
    file, it leaves the tests that follow, in whatever order they run, as they were.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the tests stay synchronous throughout
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
        connections.close_all()  # the connection the file's tests had, left open by no one


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
