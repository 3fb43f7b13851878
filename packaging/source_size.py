"""How much disk a source install of Loan Kiosk takes, to set beside the frozen bundle's size.

Run with the source install's own Python (``packaging/smoke-test.sh`` does, for
``LOAN_KIOSK_SMOKE_SOURCE``)::

    .venv/bin/python packaging/source_size.py

It prints one line of ``key=value`` pairs, in kilobytes (1024 bytes, as ``du -k``):

* ``deps_kb``: the installed files of every distribution Loan Kiosk needs at run time
  (``loan-kiosk``'s requirements without extras, followed through theirs) — what
  ``pip install loan-kiosk`` adds to a virtual environment, test tools left out;
* ``app_kb``: our own packages (``app``, ``db``, ``printing``, ``ink``, ``ui``);
* ``python_kb``: the Python it runs on (standard library, compiled modules, ``libpython``),
  which a source install needs as well.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "db", "printing", "ink", "ui")


def _kb(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return total // 1024


def runtime_distributions(top: str = "loan-kiosk") -> list[metadata.Distribution]:
    """``top`` and everything its run-time requirements pull in, as installed here."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [top]
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:  # a requirement for another platform
            continue
        seen[name] = dist
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return list(seen.values())


def dependency_files() -> list[Path]:
    files = []
    for dist in runtime_distributions():
        if dist.metadata["Name"].lower() == "loan-kiosk":
            continue  # counted as app_kb (an editable install lists no files)
        files += [Path(str(dist.locate_file(f))) for f in dist.files or []]
    return files


def python_paths() -> list[Path]:
    """The interpreter, ``libpython`` and the standard library (without its own test suite,
    which distributions ship apart, and without the base Python's site-packages)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    paths = {p for p in stdlib.iterdir() if p.name not in ("site-packages", "dist-packages", "test")}
    paths.add(Path(getattr(sys, "_base_executable", sys.executable)).resolve())
    libdir = sysconfig.get_config_var("LIBDIR")
    library = sysconfig.get_config_var("LDLIBRARY")
    if libdir and library and (Path(libdir) / library).is_file():
        paths.add((Path(libdir) / library).resolve())
    return sorted(paths)


def main() -> None:
    deps = _kb(dependency_files())
    app = _kb([ROOT / p for p in PACKAGES])
    print(f"deps_kb={deps} app_kb={app} python_kb={_kb(python_paths())}")


if __name__ == "__main__":
    main()
