"""The hardware factories the composition root wires (:mod:`app.hardware`).

Which printer it builds: ``[printing] backend``, the platform's default, ``--backend``, the
queue name; the command line CUPS's ``lp`` is given; the pad and the serial scanner reader
the settings name, and the fakes tests hand in instead."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app import hardware as root
from app.config import Settings, load_settings
from app.devices.printer import CupsPrinter, PrinterUnavailable, UnusablePrinter
from app.errors import InvalidInput
from app.hardware import build_printer, default_print_backend, printer_factory
from app.services.settings import validate


def backend_of(printer: object) -> str:
    name = type(printer).__name__
    return {"CupsPrinter": "cups", "QtPrinter": "qt"}.get(name, name)


@pytest.mark.parametrize(("platform", "expected"), [
    ("win32", "qt"), ("darwin", "qt"), ("linux", "cups"), ("freebsd14", "cups"),
])
def test_each_platform_gets_its_default_backend(platform: str, expected: str) -> None:
    assert default_print_backend(platform) == expected
    assert backend_of(build_printer(Settings(), platform=platform)) == expected


def test_the_setting_beats_the_platform_and_backend_beats_the_setting() -> None:
    settings = Settings()
    settings.printing.backend = "cups"
    assert backend_of(build_printer(settings, platform="win32")) == "cups"
    settings.printing.backend = "qt"
    assert backend_of(build_printer(settings, platform="linux")) == "qt"
    assert backend_of(build_printer(settings, backend="cups", platform="linux")) == "cups"
    assert backend_of(printer_factory("cups", platform="win32")(settings, None)) == "cups"


def test_the_queue_is_the_argument_then_the_setting_then_the_default() -> None:
    settings = Settings()
    for backend in ("qt", "cups"):
        settings.printing.backend = backend
        settings.printing.printer = ""
        assert build_printer(settings).name is None
        settings.printing.printer = "IT-Office"
        assert build_printer(settings).name == "IT-Office"
        assert build_printer(settings, "Library").name == "Library"


def test_the_factory_reads_the_settings_each_time_it_builds() -> None:
    """The admin screen may change the backend while the desk runs."""
    settings = Settings()
    make = printer_factory(platform="linux")
    assert backend_of(make(settings, None)) == "cups"
    settings.printing.backend = "qt"
    assert backend_of(make(settings, None)) == "qt"


def test_the_backend_in_settings_toml_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[printing]\nbackend = "qt"\nprinter = "IT-Office"\nduplex = true\n',
                    encoding="utf-8")
    settings = load_settings(path)
    assert (settings.printing.backend, settings.printing.duplex) == ("qt", True)
    printer = build_printer(settings, platform="linux")
    assert (backend_of(printer), printer.name) == ("qt", "IT-Office")


def test_an_unknown_backend_says_so_instead_of_printing(tmp_path: Path) -> None:
    settings = Settings()
    settings.printing.backend = "lpr"
    printer = build_printer(settings, "IT-Office")
    assert isinstance(printer, UnusablePrinter)
    assert printer.status().message == ("Printer 'IT-Office' cannot be used: the setting "
                                        "printing.backend is 'lpr'; use one of qt, cups")
    with pytest.raises(PrinterUnavailable):
        printer.submit(tmp_path / "r.pdf")
    with pytest.raises(InvalidInput, match='printing.backend must be "qt", "cups" or empty'):
        validate(settings)
    settings.printing.backend = "qt"
    assert validate(settings).printing.backend == "qt"


def test_a_missing_qt_print_support_is_named_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(root, "QT_PRINTER_MODULE", "ui.printing.not_installed")
    settings = Settings()
    settings.printing.backend = "qt"
    status = build_printer(settings).status()
    assert not status.available
    assert status.message == ("The default printer cannot be used: Qt's print support is "
                              "incomplete in this installation (ui.printing.not_installed "
                              "is missing)")


def _recording_cups(bin_dir: Path) -> None:
    """``lp`` and ``lpstat`` stand-ins that answer as CUPS 2.4 does and log their arguments."""
    scripts = {
        "lpstat": '#!/bin/sh\necho "lpstat $*" >> "$LOG"\ncase "$1" in\n'
                  '  -p) echo "printer $2 is idle.  enabled since Mon 01 Jan 2026";;\n'
                  '  -a) echo "$2 accepting requests since Mon 01 Jan 2026";;\nesac\n',
        "lp": '#!/bin/sh\nfor a in "$@"; do printf "%s|" "$a" >> "$LOG"; done\necho >> "$LOG"\n'
              'echo "request id is IT-Office-7 (1 file(s))"\n',
    }
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_cups_is_told_one_or_two_sided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Label sheets must never print on their backs, whatever the queue's default."""
    log = tmp_path / "argv.log"
    _recording_cups(tmp_path)
    monkeypatch.setenv("LOG", str(log))
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    doc = tmp_path / "Łucja Wójcik receipt.pdf"
    doc.write_bytes(b"%PDF-1.4")
    printer = CupsPrinter("IT-Office")
    assert printer.submit(doc, copies=2, title="Receipt R-2026-0001", duplex=True) == "IT-Office-7"
    assert printer.submit(doc, title="Asset labels") == "IT-Office-7"
    calls = [line for line in log.read_text(encoding="utf-8").splitlines() if "|" in line]
    assert calls == [
        f"-d|IT-Office|-n|2|-o|sides=two-sided-long-edge|-t|Receipt R-2026-0001|--|{doc}|",
        f"-d|IT-Office|-n|1|-o|sides=one-sided|-t|Asset labels|--|{doc}|",
    ]


def test_no_pad_and_no_serial_scanner_unless_the_settings_name_them() -> None:
    from app.hardware import build_pad, build_scanner_reader

    settings = Settings()
    assert build_pad(settings.pad) is None
    settings.pad.port = "/dev/ttyUSB0"
    assert build_pad(settings.pad) is None  # a port but no protocol: not set up
    assert build_scanner_reader(settings.scanner) is None  # a keyboard-wedge scanner


def test_the_serial_scanner_reader_is_built_on_the_named_port_not_started() -> None:
    from app.hardware import build_scanner_reader

    settings = Settings()
    settings.scanner.serial_port = "/dev/ttyACM7"
    settings.scanner.serial_baud = 115200
    reader = build_scanner_reader(settings.scanner)
    assert reader is not None
    assert reader.port == "/dev/ttyACM7" and reader.line.baud == 115200
    assert not reader.running


@pytest.mark.skipif(os.name == "nt", reason="a pseudo-terminal stands in for the pad's port")
def test_the_pad_is_opened_on_the_named_port() -> None:
    from app.devices.serial_pad import SerialPad
    from app.hardware import build_pad

    controller, device = os.openpty()
    settings = Settings()
    settings.pad.protocol = "topaz"
    settings.pad.port = os.ttyname(device)
    pad = build_pad(settings.pad)
    try:
        assert isinstance(pad, SerialPad)
        assert pad.config.port == os.ttyname(device)
    finally:
        if pad is not None:
            pad.close()
        os.close(controller)
        os.close(device)


def test_the_composition_root_takes_fakes_for_every_adapter(tmp_path: Path) -> None:
    from app.bootstrap import bootstrap
    from app.devices.printer import FakePrinter

    printer = FakePrinter("Office")
    ctx = bootstrap(f"sqlite:///{tmp_path / 'k.sqlite'}", data_dir=tmp_path / "data",
                    settings=Settings(), printers=lambda s, n: printer,
                    pads=lambda s: None, scanners=lambda s: None)
    try:
        assert ctx.printer_factory(ctx.settings, None) is printer
        assert ctx.pad_factory(ctx.settings.pad) is None
        assert ctx.scanner_factory(ctx.settings.scanner) is None
    finally:
        ctx.close()
    real = bootstrap(f"sqlite:///{tmp_path / 'r.sqlite'}", data_dir=tmp_path / "data2",
                     settings=Settings())
    try:
        from app.hardware import build_pad, build_scanner_reader

        assert real.pad_factory is build_pad and real.scanner_factory is build_scanner_reader
    finally:
        real.close()
