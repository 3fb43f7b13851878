"""What the frozen bundle carries (``packaging/bundle_contents.py``, read by the PyInstaller spec).

The build itself and a run of the bundle are ``.ci/run``'s (``packaging/build-linux.sh`` and
``packaging/smoke-test.sh``: about a minute and a half, too slow for the test command). These
checks are what that run would only find out the hard way, one missing file at a time: a data
file that neither a pip install nor the bundle would ship, a module loaded by name that the
bundle would lack, a migration's import left behind.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    # packaging/ is not a package (its name is taken by the PyPI "packaging" library)
    spec = importlib.util.spec_from_file_location(f"_lk_{name}", ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load("bundle_contents")


def _tracked(package: str) -> list[Path]:
    done = subprocess.run(["git", "ls-files", "-z", package], cwd=ROOT, capture_output=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the project's files from build leftovers")
    return [ROOT / name for name in done.stdout.decode().split("\0") if name]


@pytest.mark.parametrize("package", contents.PACKAGES)
def test_every_data_file_of_the_code_ships(package: str) -> None:
    """A file next to the code that is not Python must be package data (or a pip install and
    the bundle would both lack it), and the bundle puts it where the code looks for it."""
    shipped = {Path(src): dest for src, dest in contents.package_data()}
    for path in _tracked(package):
        if path.suffix == ".py" and not path.is_relative_to(ROOT / contents.MIGRATIONS):
            continue  # a module: frozen into the bundle's archive
        assert path in shipped, f"{path.relative_to(ROOT)} is not in pyproject's package-data"
        assert shipped[path] == path.parent.relative_to(ROOT).as_posix()


def test_the_files_found_by_path_are_in_the_bundle() -> None:
    from db import schema
    from printing import fonts
    from ui import theme

    dests = {(Path(src).name, dest) for src, dest in contents.package_data()}
    migrations = schema.MIGRATIONS_DIR.relative_to(ROOT).as_posix()
    assert {("env.py", migrations), ("script.py.mako", migrations)} <= dests
    versions = sorted((schema.MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert versions and all((v.name, f"{migrations}/versions") in dests for v in versions)
    fonts_dir = fonts.FONTS_DIR.relative_to(ROOT).as_posix()
    assert {(f, fonts_dir) for f in fonts._FILES.values()} <= dests
    assert ("check.svg", theme.RESOURCES.relative_to(ROOT).as_posix()) in dests


def test_modules_loaded_by_name_are_frozen_in() -> None:
    from app.cli import COMMAND_MODULES
    from ui.controllers.screens import SCREENS

    hidden = set(contents.hidden_imports())
    by_name = {*COMMAND_MODULES, "app.cli.desk", "ui.desk_app", "ui.smoke_test",
               *(module for module, _cls in SCREENS.values())}
    assert by_name <= hidden, sorted(by_name - hidden)
    assert not any(name.startswith("db.migrations") for name in hidden)  # run from their files


def test_what_the_migrations_import_is_frozen_in() -> None:
    hidden = set(contents.hidden_imports())
    assert {"alembic.context", "alembic.op", "db.models", "sqlalchemy"} <= hidden
    for name in contents.migration_imports():
        assert importlib.util.find_spec(name) is not None, f"a migration imports {name}, not found"


def test_the_drivers_picked_by_name_exist() -> None:
    import psycopg  # noqa: F401 - psycopg_binary refuses to be imported before it

    for name in contents.RUNTIME_CHOSEN:
        assert importlib.util.find_spec(name) is not None, name


def test_gtk_theme_plugin_and_its_libraries_stay_out() -> None:
    keep = contents.keep_binary
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("libpango-1.0.so.0") and not keep("libcairo.so.2") and not keep("libharfbuzz.so.0")
    assert keep("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so")
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so") and keep("libQt6Gui.so.6")
    assert keep("pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0")  # Pillow's own copy
    assert keep("libglib-2.0.so.0") and keep("libfontconfig.so.1")


def test_source_size_counts_the_run_time_dependencies_only() -> None:
    source_size = _load("source_size")
    names = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower()
             for d in source_size.runtime_distributions()}
    assert {"loan-kiosk", "pyside6-essentials", "sqlalchemy", "alembic", "reportlab"} <= names
    assert not names & {"pytest", "hypothesis", "mypy", "ruff", "pyinstaller"}


def test_the_qt_printer_and_what_it_prints_with_go_in() -> None:
    """The composition root loads the Qt printer by name; it needs QtPrintSupport (whose
    PyInstaller hook brings Qt's printsupport plugins: CUPS on Linux, the Windows spooler)
    and PDFium (pypdfium2, a run-time dependency, not a test tool)."""
    from app.hardware import QT_PRINTER_MODULE

    assert QT_PRINTER_MODULE in contents.hidden_imports()
    assert not {"pypdfium2", "pypdfium2_raw", "PySide6", "PySide6.QtPrintSupport"} & set(contents.EXCLUDES)
    source = (ROOT / "ui" / "printing" / "qt_printer.py").read_text(encoding="utf-8")
    assert "from PySide6.QtPrintSupport import" in source  # what makes the hook collect the plugin
