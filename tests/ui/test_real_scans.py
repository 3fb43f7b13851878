"""The desk with the key events a real scanner makes (recorded from an X server): what each
kind of label opens, from whichever field has the focus, and nothing typed anywhere."""

from __future__ import annotations

from tests.factories import school
from tests.ui.desk import sign_in, wait_idle
from tests.ui.keys import _T
from tests.ui.x11_keys import load, retime, send


def scan_recording(qtbot, desk, name: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    events = retime(load(name).events, _T[0] + 1000)
    _T[0] = events[-1].ts
    send(events, QApplication.focusWidget())
    qtbot.wait(200)  # a scan with no suffix ends by silence
    wait_idle(qtbot, desk)


def test_a_capitalised_tag_from_the_scan_field_opens_the_check_out(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    entry = desk.controller("scan").view.entry
    assert entry.hasFocus()
    scan_recording(qtbot, desk, "us_lt0001_enter")
    assert desk.current.name == "checkout"
    assert [a.tag for a in desk.controller("checkout").items] == ["LT-0001"]
    assert entry.text() == ""
    view = desk.controller("checkout").view
    assert view.search.edit.hasFocus()  # the next scan lands in the borrower search field...
    scan_recording(qtbot, desk, "us_held_shift_tab")  # ...LT-0001 again, Shift held, Tab
    assert "LT-0001 is already in this check-out" in desk.banner.message
    assert view.search.edit.text() == ""


def test_every_label_form_opens_what_it_names(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    desk.ctx.settings.scanner.prefix = "LK:"
    sign_in(qtbot, desk)
    scan_recording(qtbot, desk, "us_prefixed_tab")  # LK:LT-0001
    assert desk.current.name == "checkout"
    assert [a.tag for a in desk.controller("checkout").items] == ["LT-0001"]
    desk.go_back()
    desk.controller("checkout").reset()
    desk.show_screen("scan")
    scan_recording(qtbot, desk, "us_no_suffix")  # PH-0002, ended by silence
    assert [a.tag for a in desk.controller("checkout").items] == ["PH-0002"]
    desk.controller("checkout").reset()
    desk.show_screen("scan")
    scan_recording(qtbot, desk, "us_receipt_qr_enter")  # the desk's own receipt QR
    assert desk.current.name == "receipt"
    assert desk.controller("receipt").view.isVisible()
    assert "R-2026-0042" in desk.banner.message + _texts(desk.controller("receipt").view)


def test_a_snipe_it_url_from_a_text_field_is_not_typed_into_it(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.show_screen("checkout")
    view = desk.controller("checkout").view
    view.purpose.setFocus()
    view.purpose.setText("Marking")
    scan_recording(qtbot, desk, "us_snipeit_url_enter")  # …/ht/LT-0001
    assert view.purpose.text() == "Marking"
    assert [a.tag for a in desk.controller("checkout").items] == ["LT-0001"]


def test_a_us_scanner_on_a_german_pc_is_told_what_to_change(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    scan_recording(qtbot, desk, "de_us_scanner_lt0001")  # LTß0001
    assert desk.current.name == "scan"
    message = desk.banner.message
    assert "“LTß0001”" in message and "“LT-0001”" in message and "laptop LT-0001" in message
    assert "German" in message and "keyboard layout" in message
    assert "not an asset tag" not in message
    assert "another keyboard layout" in desk.controller("scan").view.unknown.text()
    scan_recording(qtbot, desk, "fr_us_scanner_lt0001")  # LT)ààà&
    assert "French" in desk.banner.message and "“LT-0001”" in desk.banner.message


def _texts(widget) -> str:  # type: ignore[no-untyped-def]
    from tests.ui.desk import visible_text

    return visible_text(widget)
