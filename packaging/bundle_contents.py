"""What the frozen Loan Kiosk must carry besides what PyInstaller finds by following imports.

Read by ``loan-kiosk.spec`` (on every OS) and by ``tests/unit/test_packaging.py``; plain
Python with no PyInstaller import, so the test runs anywhere.

* **Our data files** are exactly what ``pyproject.toml`` ships as package data
  (``[tool.setuptools.package-data]``: the Alembic migrations with ``script.py.mako``,
  the DejaVu fonts, ``ui/resources``), at the same place relative to the package, so
  code that finds them from ``__file__`` finds them frozen too: PyInstaller sets a frozen
  module's ``__file__`` to ``sys._MEIPASS/<package>/<module>.pyc``.
* **Our modules, every one**: the CLI loads its command modules and the desk its screens
  by name (``importlib.import_module``), which import-following cannot see.
* **What the migrations import**: Alembic runs ``env.py`` and the version scripts from
  their files, so their imports (``alembic.op``, ``alembic.context``, ``db.models``...)
  are not followed either; they are read out of the files here.
* **Drivers chosen by name at run time**: SQLAlchemy's sqlite and postgresql+psycopg
  dialects, psycopg's compiled ``psycopg_binary`` implementation, pyserial's port
  listing and URL handlers.
"""

from __future__ import annotations

import ast
import glob
import tomllib
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent

#: our top-level packages (``[tool.setuptools.packages.find] include``)
PACKAGES = ("app", "db", "printing", "ink", "ui")

#: where Alembic's scripts live (run from their files, never imported by name)
MIGRATIONS = Path("db") / "migrations"

#: picked by name at run time, by a URL or an environment; import-following misses them
RUNTIME_CHOSEN = (
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg_binary",
    "psycopg_binary.pq",
    "psycopg_binary._psycopg",
    "serial.tools.list_ports",
    "serial.urlhandler.protocol_loop",
    "serial.urlhandler.protocol_socket",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    # keyring picks the credential store when the SMTP password is read or stored
    # (app/notices/password.py): its backends are imported by name
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.chainer",
    "keyring.backends.fail",
)

#: installed for building or testing, never part of the app
EXCLUDES = (
    "tkinter", "_tkinter", "tests", "bench", "pytest", "_pytest", "hypothesis", "pytestqt",
    "mypy", "ruff", "zxingcpp", "IPython", "sqlalchemy.testing", "alembic.testing",
)


#: Linux: GTK's platform theme plugin would load the desktop's own GTK 3 against the GLib,
#: Pango and Cairo copied from the build machine (a known way for a frozen Qt app to crash
#: on a GTK desktop). The desk draws its own style, so the plugin, and the libraries only
#: it needs, stay out; Qt falls back to its own theme and file dialog.
GTK_THEME_ONLY = (
    "libqgtk3.so", "libatk-1.0.so", "libcairo.so", "libcairo-gobject.so", "libgdk_pixbuf-2.0.so",
    "libpango-1.0.so", "libpangocairo-1.0.so", "libpangoft2-1.0.so", "libpixman-1.so",
    "libthai.so", "libdatrie.so", "libfribidi.so", "libgraphite2.so", "libharfbuzz.so",
)


def keep_binary(dest: str) -> bool:
    """Whether a binary PyInstaller collected (by its place in the bundle) goes in."""
    name = PurePath(dest).name
    return not name.startswith(GTK_THEME_ONLY)


def package_data(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(file, folder in the bundle)`` for every file ``pyproject.toml`` ships as package data."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    found: list[tuple[str, str]] = []
    for package, globs in sorted(patterns.items()):
        base = root / package.replace(".", "/")
        for pattern in globs:
            for name in sorted(glob.glob(pattern, root_dir=base)):
                path = base / name
                if path.is_file():
                    found.append((str(path), path.parent.relative_to(root).as_posix()))
    return found


def our_modules(root: Path = ROOT) -> list[str]:
    """Every module of our packages, outside the migrations (those run from their files)."""
    names = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root)
            if rel.is_relative_to(MIGRATIONS):
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def migration_imports(root: Path = ROOT) -> list[str]:
    """The modules Alembic's ``env.py`` and version scripts import."""
    names: set[str] = set()
    for path in sorted((root / MIGRATIONS).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                # ``from alembic import op``: op is a module
                names.update(f"{node.module}.{alias.name}" for alias in node.names
                             if node.module in ("alembic", "sqlalchemy.dialects"))
    names.discard("__future__")
    return sorted(names)


def hidden_imports(root: Path = ROOT) -> list[str]:
    return sorted({*our_modules(root), *migration_imports(root), *RUNTIME_CHOSEN})
