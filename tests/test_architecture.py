"""The map holds: imports run only the way ARCHITECTURE.md draws them, and no module imports back.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter reads every import of the
project's packages, those inside functions included, so a cycle cannot hide in a function.
"""

import importlib
import re
from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_imports_follow_the_layers_and_have_no_cycles(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report
    assert "Contracts: 2 kept, 0 broken." in report


# The packages' names before the card's layout came back (`oscar_apps/` → `shop/`, `sellers/` →
# `vendors/`). Only the Celery task names queued under them stay, pinned on the tasks.
PINNED_TASK_NAMES = {
    "sellers.tasks.product_import_run": "vendors.tasks",
    "oscar_apps.catalogue.tasks.make_picture_sizes": "shop.catalogue.tasks",
}
TEXT_SUFFIXES = {
    ".py",
    ".html",
    ".txt",
    ".md",
    ".toml",
    ".cfg",
    ".ini",
    ".yaml",
    ".yml",
    ".sh",
    ".js",
    ".css",
    "",
}


def _old_path():
    """`oscar_apps` anywhere, and `sellers.<module>` or `sellers/<module>` naming a module of the
    package now called `vendors` (a variable `sellers`, a URL name `sellers:…` or a template folder
    `sellers/…html` is not a path)."""
    modules = sorted(
        p.stem
        for p in (ROOT / "vendors").iterdir()
        if p.name != "__init__.py" and not p.name.startswith("__")
    )
    return re.compile(r"\boscar_apps\b|(?<![\w./-])sellers[./](" + "|".join(modules) + r")\b(?!/\S*\.html)")


def _project_files():
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if any(
            part.startswith(".") or part in {"var", "node_modules", "__pycache__", "locale"} for part in parts
        ):
            continue
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size < 1_000_000:
            yield path


def test_the_card_layout_is_at_the_top_and_no_old_dotted_path_is_left():
    assert {"marketplace", "shop", "vendors", "themes", "tests", "docker"} <= {
        p.name for p in ROOT.iterdir() if p.is_dir()
    }
    assert (ROOT / "manage.py").is_file() and (ROOT / "requirements.txt").is_file()
    assert not (ROOT / "oscar_apps").exists() and not (ROOT / "sellers").exists()
    old_path, left = _old_path(), []
    for path in _project_files():
        if path.name == "test_architecture.py":
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
            if old_path.search(line) and not any(name in line for name in PINNED_TASK_NAMES):
                left.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not left, "\n".join(left)


def test_tasks_queued_before_the_rename_still_find_their_code():
    from marketplace.celery import app

    for name, module in PINNED_TASK_NAMES.items():
        importlib.import_module(module)  # as the worker's autodiscovery does
        assert name in app.tasks, name
        assert app.tasks[name].__module__ == module
