"""``loan-kiosk audit head`` and ``audit verify --anchor/--anchors``, run as a subprocess."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.test_cli import Cli, cli  # noqa: F401 - fixture
from tests.reliability import tamper

TOKEN = re.compile(r"^\d+-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


def head(cli: Cli) -> str:  # noqa: F811 - the fixture's name
    last = cli.ok("audit", "head").rstrip("\n").splitlines()[-1]
    assert TOKEN.match(last), last
    return last


def test_head_then_verify_against_anchors_and_a_rollback(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    first = head(cli)
    with tamper.attacker(cli.db_url) as eng:
        dump = tamper.snapshot(eng)
    cli.ok("checkout", "LT-0001", "AB1")
    second = head(cli)
    assert second != first
    out = cli.ok("audit", "verify", "--anchor", first, "--anchor", second.lower())
    assert out.strip().endswith("2 anchors held)")
    book = tmp_path / "anchors.txt"
    book.write_text(f"# kept by the DPO\n2026-12-01 {first} JS\n\n{second}  # after LT-0001\n",
                    encoding="utf-8")
    assert "2 anchors held" in cli.ok("audit", "verify", "--anchors", str(book))

    # roll the check-out back: its events gone, the head and its rows as they were
    with tamper.attacker(cli.db_url) as eng:
        tamper.load(eng, dump)
    assert cli.ok("audit", "verify").startswith("audit log intact")
    proc = cli.run("audit", "verify", "--anchors", str(book))
    assert proc.returncode == 1, proc.stdout
    assert f"anchor {second} does not hold" in proc.stdout


def test_a_mistyped_anchor_is_refused_plainly(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    cli.refused("audit", "verify", "--anchor", "12-ABCD", match="is not an audit anchor")
    bad = tmp_path / "anchors.txt"
    bad.write_text("monday: forgot to copy it\n", encoding="utf-8")
    cli.refused("audit", "verify", "--anchors", str(bad), match="line 1: no audit anchor")
    cli.refused("audit", "verify", "--anchors", str(tmp_path / "missing.txt"),
                match="cannot read anchors file")
