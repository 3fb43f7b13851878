"""The printer adapters, where no print system is needed to check them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import build_printer
from app.config import Settings
from app.devices.printer import CupsPrinter, FakePrinter, PrinterUnavailable


def test_a_computer_without_cups_says_so_plainly(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    printer = CupsPrinter("IT-Office")
    status = printer.status()
    assert not status.available
    assert status.message == ("Printer 'IT-Office' cannot be used: printing is not set up on "
                              "this computer (the CUPS command 'lpstat' was not found)")
    doc = tmp_path / "r.pdf"
    doc.write_bytes(b"%PDF-1.4")
    with pytest.raises(PrinterUnavailable) as err:
        printer.submit(doc, copies=2, title="Receipt R-2026-0001")
    assert err.value.printer == "IT-Office" and "not set up" in err.value.reason


def test_printer_choice_follows_argument_then_settings_then_default() -> None:
    settings = Settings()
    assert build_printer(settings).name is None  # the system default
    settings.printing.printer = "IT-Office"
    assert build_printer(settings).name == "IT-Office"
    assert build_printer(settings, "Library").name == "Library"


def test_fake_printer_records_jobs_and_can_go_offline(tmp_path: Path) -> None:
    doc = tmp_path / "r.pdf"
    doc.write_bytes(b"%PDF-1.4 receipt")
    printer = FakePrinter("IT-Office")
    assert printer.submit(doc, copies=1, title="Receipt") == "IT-Office-1"
    printer.go_offline("is out of paper")
    assert printer.status().message == "Printer 'IT-Office' is out of paper"
    with pytest.raises(PrinterUnavailable, match="Printer 'IT-Office' is out of paper"):
        printer.submit(doc)
    printer.go_online()
    assert printer.status().available
    assert [j.data for j in printer.jobs] == [b"%PDF-1.4 receipt"]
