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
    assert out.splitlines()[0].endswith("2 anchors held)")
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


def test_verify_checks_the_archived_receipts_and_the_anchors_printed_on_them(
        cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    from tests.unit.printing import samples
    from tests.unit.printing.pdfs import page_texts

    cli.ok("checkout", "LT-0001", "AB1")
    anchor = head(cli)
    sig = tmp_path / "sig.json"
    sig.write_text(samples.signature().to_json())
    out = cli.ok("leaver", "return", "AB1", "--confirm-not-leaving", "--tags", "LT-0001",
                 "--signature", str(sig), "--out", str(tmp_path / "r.pdf"))
    number = re.search(r"R-\d{4}-\d{4}", out)
    assert number is not None, out
    # the receipt prints the anchor of the chain at its issue
    assert f"Audit anchor at issue: {anchor}" in " ".join(page_texts((tmp_path / "r.pdf").read_bytes()))
    lines = cli.ok("audit", "verify").splitlines()
    assert lines[1] == ("receipts archive intact (1 archived files match their SHA-256; "
                        "the anchors printed on 1 receipts hold)")

    archived = Path(cli.json("receipt", "show", number.group(0))["file"])
    good = archived.read_bytes()
    archived.write_bytes(good.replace(b"%%EOF", b"%%EOF\n% x", 1))
    proc = cli.run("audit", "verify")
    assert proc.returncode == 1
    assert f"receipts archive BROKEN: receipt {number.group(0)}: its archived file" in proc.stdout
    assert "was altered" in proc.stdout
    archived.write_bytes(good)

    # history rewritten up to the anchor the receipt carries: the paper exposes it
    with tamper.attacker(cli.db_url) as eng, eng.begin() as conn:
        from sqlalchemy import select

        from app import audit
        from db.models import AuditEvent

        first = conn.execute(select(AuditEvent.id, AuditEvent.details)
                             .order_by(AuditEvent.seq).limit(1)).one()
        conn.execute(tamper.EVENTS.update().where(AuditEvent.id == first.id)
                     .values(details=audit.canonical_json({"forged": True})))
        tamper.rechain(conn)
        tamper.reseal_rows(conn)
        tamper.rechain(conn)
    proc = cli.run("audit", "verify")
    assert proc.returncode == 1, proc.stdout
    assert f"anchor {anchor} does not hold" in proc.stdout
    assert f"(printed on receipt {number.group(0)})" in proc.stdout


def test_whois_takes_the_receipt_code_as_people_quote_it(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    cli.ok("checkout", "LT-0001", "AB1")
    out = cli.ok("leaver", "return", "AB1", "--confirm-not-leaving", "--out", str(tmp_path / "r.pdf"))
    number = re.search(r"R-\d{4}-\d{4}", out)
    assert number is not None, out
    code = cli.json("receipt", "show", number.group(0))["verification_code"]
    grouped = " ".join(code[i:i + 4] for i in range(0, 16, 4))
    quoted = f"{number.group(0).lower()} · {grouped}"  # as the receipt prints it, typed in lower case
    assert cli.ok("whois", quoted).strip() == f"receipt {number.group(0)}: matches the record"
    assert cli.json("whois", quoted)["matches"] is True
    wrong = f"{number.group(0).lower()} {'0000 ' * 3}0000"
    assert "does NOT match the record" in cli.ok("whois", wrong)


def test_head_writes_the_anchors_page_for_the_dpo(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    from tests.unit.printing.pdfs import page_count, page_texts

    out = tmp_path / "anchor.pdf"
    printed = cli.ok("audit", "head", "--pdf", str(out))
    token = printed.rstrip("\n").splitlines()[-1]
    assert TOKEN.match(token), printed  # the token alone on the last line, as before
    assert f"the anchor's page is saved as {out}" in printed
    pdf = out.read_bytes()
    assert page_count(pdf) == 1 and token in " ".join(page_texts(pdf)[0].split())
    cli.refused("audit", "head", "--pdf", str(out), match="already exists")
    assert TOKEN.match(cli.ok("audit", "head", "--pdf", str(out), "--force")
                       .rstrip("\n").splitlines()[-1])
    cli.refused("audit", "head", "--pdf", cli.env["LOAN_KIOSK_DATA_DIR"] + "/anchor.pdf",
                match="inside Loan Kiosk's data folder")
    # a file is written, so the technician proves it with their PIN
    proc = cli.as_(cli.env["LOAN_KIOSK_TECHNICIAN"], "000000").run(
        "audit", "head", "--pdf", str(tmp_path / "b.pdf"))
    assert proc.returncode == 2 and not (tmp_path / "b.pdf").exists(), proc.stderr
