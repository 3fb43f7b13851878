"""The layers hold: app/, db/ and printing/ never import Qt (nor the ui package)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["app", "db", "printing"])
def test_no_qt_below_the_ui(package: str) -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(imports_of(p) & set(FORBIDDEN))
        for p in (ROOT / package).rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_importing_the_core_loads_no_qt() -> None:
    import subprocess
    import sys

    code = ("import sys, app.cli, app.services.loans, app.services.leavers, app.services.scan, "
            "db.models; bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]; "
            "print(bad); raise SystemExit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
