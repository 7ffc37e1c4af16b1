"""The map holds: imports run only the way ARCHITECTURE.md draws them, and no module imports back.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter reads every import of the
project's packages, those inside functions included, so a cycle cannot hide in a function.
"""

from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_imports_follow_the_layers_and_have_no_cycles(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report
    assert "Contracts: 2 kept, 0 broken." in report
