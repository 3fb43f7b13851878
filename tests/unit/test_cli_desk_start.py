"""``loan-kiosk`` with no command starts the desk without loading the command modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import _desk_arguments, _plain_desk_arguments, build_parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--kiosk", "--db", "sqlite:///x.sqlite3"],
    ["--data-dir", "/tmp/d", "--technician", "sam"], ["--db=sqlite:///a=b.sqlite3", "--pin-stdin"],
    ["--smoke-test", "--smoke-screenshot", "shot.png", "--site", "ALL"], ["--db", "a", "--db", "b"],
    ["--db", ""], ["--data", "/tmp/d"], ["--kio"],  # abbreviations: argparse's own parse
])
def test_desk_options_alone_start_the_desk(argv: list[str]) -> None:
    args = _desk_arguments(argv)
    assert args is not None and args.command is None
    full = build_parser().parse_args(argv)
    assert vars(args) == vars(full)  # the same namespace the whole parser would give


@pytest.mark.parametrize("argv", [["--db"], ["--db", "--demo"], ["--demo=yes"], ["--version"],
                                  ["--data", "/tmp/d"], ["--demo", "report"]])
def test_the_plain_reading_leaves_anything_unusual_to_argparse(argv: list[str]) -> None:
    """Options spelled in full are read without building a parser (the desk's start); a
    missing value, a value on a flag, an abbreviation or a command go to argparse."""
    assert _plain_desk_arguments(argv) is None


@pytest.mark.parametrize("argv", [["scan", "LT-1"], ["--db", "sqlite:///x", "report", "overdue"],
                                  ["--help"], ["-h"], ["nonsense"]])
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert _desk_arguments(argv) is None


def test_the_desk_path_does_not_load_sqlalchemy() -> None:
    script = ("import sys, app.cli; assert app.cli._desk_arguments(['--demo']) is not None; "
              "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'locale'))))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
