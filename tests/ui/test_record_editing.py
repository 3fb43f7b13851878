"""Adding and editing one asset or person at the desk: the forms, their messages by field,
the encryption method following kind and make, a left person made active again."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import Asset, AuditEvent, Person
from tests.factories import school
from tests.ui.desk import TECH_PIN, sign_in, visible_text, wait_idle


def typed(form, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Text typed into a field (set at once: key clicks this fast read as a barcode scan)."""
    widget = form._fields[name]
    widget.setText(text)
    widget.textEdited.emit(text)


def _events(desk, action: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        rows = list(uow.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        uow.session.expunge_all()
        return rows


def test_add_an_asset_from_admin_with_messages_by_field(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.show_screen("admin")
    admin = desk.controller("admin")
    admin.view.records.add_asset.click()
    form = admin.asset_editing.view
    assert form.isVisible() and form.windowTitle() == "Add an asset"
    form.set_value("kind", "tablet")
    form.edited.emit("kind")
    typed(form, "make", "Samsung")
    assert form.value("encryption_method") == "android"  # a Samsung tablet: not BitLocker
    form.set_value("kind", "laptop")
    form.edited.emit("kind")
    typed(form, "make", "Dell")
    assert form.value("encryption_method") == "bitlocker"
    typed(form, "tag", "LT-0500")
    typed(form, "imei", "490154203237517")
    typed(form, "phone_number", "+1 202 555 0143")
    typed(form, "purchase_cost", "lots")
    form.save.click()
    wait_idle(qtbot, desk)
    assert form.isVisible()  # refused: nothing typed is lost
    text = visible_text(form)
    assert "IMEI: the IMEI's last digit does not match the others" in text
    assert "Phone number: not a UK number (it should start +44 or 0)" in text
    assert "3 fields need correcting." in text
    assert form.value("imei") == "490154203237517"
    typed(form, "imei", "490154203237518")
    form._fields["phone_number"].setText("07700 900123")
    form._fields["purchase_cost"].setText("£1,049.00")
    form.save.click()
    wait_idle(qtbot, desk)
    assert not form.isVisible()
    assert desk.banner.message == "LT-0500 added."
    assert desk.current.name == "asset"
    assert "LT-0500 — Dell" in visible_text(desk.controller("asset").view)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        asset = uow.session.scalars(select(Asset).where(Asset.tag == "LT-0500")).one()
        assert (asset.encryption_method, asset.imei, asset.purchase_cost_pence) == (
            "bitlocker", "490154203237518", 104900)
    assert [e.actor for e in _events(desk, "asset_added")] == ["alice"]


def test_a_technician_edits_an_asset_from_its_card(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.open_asset("PH-0001")
    wait_idle(qtbot, desk)
    card = desk.controller("asset")
    card.view.edit.click()
    wait_idle(qtbot, desk)
    form = card.editing.view
    assert form.isVisible() and form.windowTitle() == "Edit PH-0001"
    assert form.value("phone_number") == "07700 900001"
    assert form.value("encryption_method") == ""  # as saved: an edit keeps the choice
    form.set_value("accessories", "charger, case")
    form._fields["phone_number"].setText("447700900002")
    form.save.click()
    wait_idle(qtbot, desk)
    assert not form.isVisible() and desk.banner.message == "PH-0001 saved."
    [event] = _events(desk, "asset_edited")
    assert event.actor == "bob"
    assert json.loads(event.details)["changes"]["phone_number"] == {
        "before": "07700 900001", "after": "07700 900002"}
    assert "Number 07700 900002" in visible_text(card.view)


def test_a_left_person_is_made_active_again_with_a_reason(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.open_person("GN4")
    wait_idle(qtbot, desk)
    person = desk.controller("person")
    person.view.edit.click()
    wait_idle(qtbot, desk)
    form = person.editing.view
    assert form.isVisible() and form.reactivate.isVisible()
    assert "They have left" in form.intro.text()
    form.reactivate.setChecked(True)
    form.set_value("leaving_date", "")
    form.save.click()
    wait_idle(qtbot, desk)
    assert form.isVisible()
    assert form.reason_error.isVisible()
    assert form.reason_error.text().startswith("Say why Дмитрий Иванов is active again")
    form.reason.setText("rejoined as a supply teacher")
    form.save.click()
    wait_idle(qtbot, desk)
    assert not form.isVisible()
    assert desk.banner.message == "Дмитрий Иванов (GN4) saved; active."
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        p = uow.session.scalars(select(Person).where(Person.staff_code == "GN4")).one()
        assert (p.status, p.leaving_date) == ("active", None)
    [event] = _events(desk, "person_reactivated")
    assert json.loads(event.details)["reason"] == "rejoined as a supply teacher"
    assert "Status: Active" in visible_text(person.view)


def test_add_a_person_from_their_card_screen(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.open_person("AB1")
    wait_idle(qtbot, desk)
    person = desk.controller("person")
    person.view.add_new.click()
    form = person.editing.view
    assert form.isVisible() and not form.reactivate.isVisible()
    form.set_values({"staff_code": "JDO", "first_name": "Jane", "last_name": "Doe",
                     "badge_code": "card-001", "leaving_date": "31/08/2027"})
    form.save.click()
    wait_idle(qtbot, desk)
    assert "already used by Siân Ó Briain (AB1)" in visible_text(form)
    form.set_value("badge_code", "CARD-777")
    form.save.click()
    wait_idle(qtbot, desk)
    assert desk.banner.message == "Jane Doe (JDO) added; leaving."
    assert "Jane Doe (JDO)" in visible_text(person.view)


def test_export_a_report_from_the_dashboard(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.services.loans import check_out
    from tests.unit.printing.pdfs import page_texts

    school(desk.ctx)
    with desk.ctx.uow(SYSTEM) as uow:
        check_out(uow, ["LT-0002", "PH-0001"], "AB1")
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.show_screen("dashboard")
    wait_idle(qtbot, desk)
    dashboard = desk.controller("dashboard")
    dashboard.view.tabs.setCurrentWidget(dashboard.view.unencrypted)
    dashboard.view.export.click()
    dialog = dashboard.exporting.view
    assert dialog.isVisible() and dialog.choice() == ("unencrypted", "", "csv")
    # a history needs a tag or staff code: said under the field, nothing asked yet
    dialog.set_choice("history")
    dialog.save.click()
    assert dialog.code_error.isVisible() and dashboard.exporting.file_dialog is None
    dialog.code.setText("AB1")
    dialog.pdf.setChecked(True)
    dialog.save.click()
    files = dashboard.exporting.file_dialog
    assert files is not None and files.isVisible()
    assert files.selectedFiles()[0].endswith(".pdf")
    assert "history-AB1-" in files.selectedFiles()[0]
    target = tmp_path / "AB1 history.pdf"
    files.fileSelected.emit(str(target))
    files.close()
    wait_idle(qtbot, desk)
    assert not dialog.isVisible()
    assert desk.banner.message == f"History of AB1: 2 rows saved to {target}."
    text = " ".join(page_texts(target.read_bytes()))
    assert "History of AB1" in text and "LT-0002" in text and "by bob" in text
    # a folder that cannot be written: said in the dialog, which stays open
    dashboard.view.export.click()
    dialog.set_choice("on-loan")
    dialog.save.click()
    (tmp_path / "blocked").write_text("a file, not a folder")
    dashboard.exporting.file_dialog.fileSelected.emit(str(tmp_path / "blocked" / "x.csv"))
    dashboard.exporting.file_dialog.close()
    wait_idle(qtbot, desk)
    assert dialog.isVisible() and dialog.problem.text().startswith("Cannot save")


def test_a_barcode_scanned_into_the_form_fills_its_field(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.keys import scan

    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    card = desk.controller("asset")
    card.view.add_new.click()
    form = card.editing.view
    form._fields["serial"].setFocus()
    qtbot.waitUntil(lambda: form._fields["serial"].hasFocus())
    scan("5CG3411ABC")  # the serial's barcode on the box, typed by a wedge scanner
    wait_idle(qtbot, desk)
    assert form.value("serial") == "5CG3411ABC"
    assert form.isVisible() and desk.current.name == "asset"  # the desk stayed put
    form._fields["notes"].setFocus()
    qtbot.waitUntil(lambda: form._fields["notes"].hasFocus())
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert "click the field it is for" in form.problem.text()
    assert form.value("notes") == ""
