"""The asset header's badge and holder line change look from one asset to the next without a
re-polish (``ui.widgets.role_label.RoleLabel``), and look and read as one label did."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.services.cards import AssetSummary
from ui import theme
from ui.views.asset_card_view import AssetHeader
from ui.widgets.common import set_role

LAPTOP = AssetSummary(tag="LT-0001", kind="laptop", make="Lenovo", model="ThinkPad E14",
                      serial="SN1", status="on_loan", accessories=["charger"], encrypted=True,
                      encryption_label="Encrypted (BitLocker)", gated=True, last_condition=None,
                      holder_code="AB1", holder_name="Siân Ó Briain",
                      out_at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC),
                      due_on=dt.date(2026, 12, 2))


class Polishes(QObject):
    """Counts the palette and font changes of the labels it watches: a re-polish through the
    style sheet sets both (a role changed with ``set_role`` on one label sends them)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.count += 1
        return False


def shown_labels(header: AssetHeader) -> list[QLabel]:
    return [w for w in header.findChildren(QLabel) if w.isVisibleTo(header)]


def test_each_look_is_its_own_label_shown_in_turn_with_no_repolish(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    top = QWidget()
    header = AssetHeader(top)
    qtbot.addWidget(top)
    top.resize(900, 200)
    top.show()
    qtbot.waitExposed(top)
    header.show_asset(LAPTOP)
    qtbot.wait(10)
    height = header.height()
    first = header.grab().toImage()
    polishes = Polishes()
    for w in header.findChildren(QLabel):
        w.installEventFilter(polishes)

    looks = [(True, False, "badge-ok", "✓"), (False, True, "badge-bad", "✗"),
             (None, True, "badge-unknown", "?"), (True, False, "badge-ok", "✓")]
    for encrypted, overdue, role, mark in looks:
        header.show_asset(dataclasses.replace(LAPTOP, encrypted=encrypted, overdue=overdue))
        qtbot.wait(10)
        assert header.badge.property("role") == role
        assert header.badge.text().startswith(mark)
        assert header.holder.property("role") == ("overdue" if overdue else "")
        assert ("OVERDUE" in header.holder.text()) is overdue
        # one badge and one holder line show, carrying the names a screen reader reads
        names = [w.accessibleName() for w in shown_labels(header)]
        assert names.count("Holder") == 1 and names.count("Encryption: Encrypted (BitLocker)") == 1
        assert header.badge.label.isVisibleTo(header) and header.holder.label.isVisibleTo(header)
        assert header.height() == height  # a change of look does not move the layout
    assert polishes.count == 0
    set_role(header.title, "prompt")  # the watch sees a re-polish (the title: one label)
    assert polishes.count > 0
    set_role(header.title, "title")
    # back to the first look: the same pixels as before any change
    assert header.grab().toImage() == first

    header.show_asset(dataclasses.replace(LAPTOP, holder_name=None, holder_code=None))
    assert not header.holder.isVisible()
    header.show_asset(dataclasses.replace(LAPTOP, overdue=True))  # a holder again, overdue
    assert header.holder.isVisible() and header.holder.property("role") == "overdue"
    assert [w.accessibleName() for w in shown_labels(header)].count("Holder") == 1
