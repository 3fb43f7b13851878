"""The forms of issue 16 with demo data, at 1280×720, 1366×768 and 1920×1080: an asset card
with Edit and Add, the add-asset form refusing two fields, an asset being edited, the
person form for someone who has left (made active again with a reason), Admin → Records.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-*.png``;
otherwise the images go to a temporary folder and the test only proves each renders with
nothing cut off. A form is its own window: it is drawn onto the window's image, centred,
with the window dimmed behind it, as it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo_identity import DEMO_ACTOR
from db.models import Asset, Person
from tests.e2e.desk_shots import SIZES, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


def _composite(win, dialogs):  # type: ignore[no-untyped-def]
    """The window's image with each dialog drawn over it, centred, the one behind dimmed."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    image = win.grab()
    painter = QPainter(image)
    for dialog in dialogs:
        painter.fillRect(image.rect(), QColor(0, 0, 0, 90))
        where = QPoint((win.width() - dialog.width()) // 2,
                       max(0, (win.height() - dialog.height()) // 2))
        painter.drawPixmap(where, dialog.grab())
        painter.setPen(QColor(60, 60, 60))
        painter.drawRect(where.x() - 1, where.y() - 1, dialog.width() + 1, dialog.height() + 1)
    painter.end()
    return image


@pytest.mark.slow
def test_screenshots_of_the_edit_forms(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from tests.ui.layout_check import cut_off

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        phone = uow.session.execute(select(Asset.tag).where(Asset.kind == "phone")
                                    .order_by(Asset.tag).limit(1)).scalar_one()
        left = uow.session.execute(select(Person.staff_code).where(Person.status == "left")
                                   .order_by(Person.staff_code).limit(1)).scalar_one()
    shots: list[Path] = []
    cut: list[str] = []

    def shoot(name: str, prepare: Callable[[], object], dialog=None) -> None:  # type: ignore[no-untyped-def]
        for w, h in SIZES:
            win.resize(w, h)
            QApplication.processEvents()
            prepare()
            wait_idle(qtbot, win)
            QApplication.processEvents()
            cut.extend(f"{name} at {w}x{h}: {p}" for p in cut_off(win))
            forms = dialog() if dialog is not None else []
            for form in forms:
                if hasattr(form, "refit"):
                    form.refit()  # as the desk fits it to the window
                QApplication.processEvents()
                cut.extend(f"{name} at {w}x{h}, {form.windowTitle()}: {p}"
                           for p in cut_off(form))
            image = _composite(win, forms)
            path = out / f"screen-{name}-{w}x{h}.png"
            assert image.save(str(path))
            shots.append(path)
            for form in reversed(forms):
                form.reject()

    sign_in_demo(qtbot, win)
    asset = win.controller("asset")
    person = win.controller("person")

    def card() -> None:
        win.open_asset(phone)
    shoot("asset-card-edit-buttons", card)

    def adding() -> None:
        win.open_asset(phone)
        wait_idle(qtbot, win)
        asset.view.add_new.click()
        form = asset.editing.view
        form.set_values({"tag": "TB-0901", "kind": "tablet", "make": "Samsung",
                         "model": "Galaxy Tab A9", "imei": "490154203237517",
                         "phone_number": "+1 202 555 0143", "accessories": "charger",
                         "purchase_date": "19/08/2024", "purchase_cost": "179.00"})
        asset.editing._edited("make")
        form.save.click()
    shoot("asset-form-add-refused", adding, lambda: [asset.editing.view])

    def editing() -> None:
        win.open_asset(phone)
        wait_idle(qtbot, win)
        asset.view.edit.click()
        wait_idle(qtbot, win)
        asset.editing.view.set_value("accessories", "charger, case, SIM tool")
    shoot("asset-form-edit", editing, lambda: [asset.editing.view])

    from dataclasses import replace

    from app.services.asset_records import asset_form, edit_asset

    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        opened = asset_form(uow, phone)
    with ctx.uow(DEMO_ACTOR) as uow:
        edit_asset(uow, phone, replace(opened, accessories="charger, case, SIM tool",
                                       phone_number="07700 900418"), opened)

    def changes_tab() -> None:
        win.open_asset(phone)
        wait_idle(qtbot, win)
        asset.view.tabs.setCurrentWidget(asset.view.changes)
    shoot("asset-card-changes", changes_tab)

    def reactivating() -> None:
        win.open_person(left)
        wait_idle(qtbot, win)
        person.view.edit.click()
        wait_idle(qtbot, win)
        form = person.editing.view
        form.reactivate.setChecked(True)
        form.set_value("leaving_date", "")
        form.save.click()
    shoot("person-form-reactivate", reactivating, lambda: [person.editing.view])

    def records() -> None:
        win._navigate("admin")
        wait_idle(qtbot, win)
        admin = win.controller("admin").view
        admin.tabs.setCurrentWidget(admin.records)
    shoot("admin-records", records)

    exporting = win.controller("dashboard").exporting

    def export_dialog() -> None:
        win._navigate("dashboard")
        wait_idle(qtbot, win)
        win.controller("dashboard").view.export.click()
        exporting.view.set_choice("history", phone)
        exporting.view.pdf.setChecked(True)
    shoot("export-dialog", export_dialog, lambda: [exporting.view])

    def save_dialog() -> None:
        export_dialog()
        exporting.file_dialog = None
        exporting.view.save.click()
        assert exporting.file_dialog is not None
        exporting.file_dialog.resize(min(900, win.width() - 80), min(560, win.height() - 60))
    shoot("export-save-dialog", save_dialog,
          lambda: [exporting.view, exporting.file_dialog])

    # what the PDF export looks like: the first page of the on-loan report
    from app.services.report_export import export_report
    from tests.unit.printing.pdfs import render

    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        done = export_report(uow, "on-loan", None, "pdf", tmp_path / "on-loan.pdf")
    page = render(done.path.read_bytes(), dpi=100)
    page.save(out / "report-on-loan.png")
    shots.append(out / "report-on-loan.png")

    win.close()
    ctx.close()
    assert not cut, "\n".join(cut)
    assert len(shots) == len(SIZES) * 8 + 1
    assert all(p.stat().st_size > 10_000 for p in shots)
