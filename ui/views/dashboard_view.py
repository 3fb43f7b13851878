"""The desk dashboard: tiles with the numbers that matter, lists behind them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.dashboard import Dashboard
from ui import theme
from ui.widgets.common import button, fmt_date, label
from ui.widgets.school_scope import AllSchoolsBox
from ui.widgets.screen import Screen
from ui.widgets.table import Table


class DashboardView(Screen):
    asset_opened = Signal(str)
    person_opened = Signal(str)
    export_clicked = Signal(str)  # the report of the list shown
    #: "All schools" ticked or cleared: show every school's numbers, or this desk's school's
    all_schools_toggled = Signal(bool)

    TILES = (
        ("on_loan", "On loan now", theme.INFO),
        ("overdue", "Overdue", theme.ERROR),
        ("due_today", "Due back today", theme.WARN),
        ("leavers", "Leavers with items", theme.WARN),
        ("unencrypted", "Unencrypted on loan", theme.ERROR),
        ("incidents", "Open incidents", theme.WARN),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 10, 20, 10)
        self.title = label("Dashboard", "title", name="Dashboard")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.all_schools = AllSchoolsBox("Show every school of the trust")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        top.addWidget(self.all_schools)
        self.export = button("Export a report…", "Export a report")
        top.addWidget(self.export)
        lay.addLayout(top)
        grid = QGridLayout()
        self.tiles: dict[str, QPushButton] = {}
        for i, (key, text, colour) in enumerate(self.TILES):
            b = QPushButton()
            b.setAccessibleName(text)
            b.setMinimumHeight(84)
            b.setStyleSheet(f"QPushButton {{ background: white; border: 3px solid {colour}; "
                            f"border-radius: 10px; font-size: 15pt; color: {colour}; font-weight: 700; }}"
                            "QPushButton:focus { border-width: 5px; }")
            b.setProperty("caption", text)
            self.tiles[key] = b
            grid.addWidget(b, i // 3, i % 3)
        lay.addLayout(grid)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Dashboard lists")
        self.overdue = Table(["Tag", "Kind", "Borrower", "Due"], "Overdue items",
                             "Nothing is overdue.", stretch=2, school=True)
        self.due_today = Table(["Tag", "Kind", "Borrower"], "Due back today",
                               "Nothing is due back today.", stretch=2, school=True)
        self.leavers = Table(["Name", "Staff code", "Leaving", "Items"], "Leavers with items",
                             "No leaver holds school equipment.", stretch=0, school=True)
        self.unencrypted = Table(["Tag", "Kind", "Encryption", "Holder"], "Unencrypted devices on loan",
                                 "Every device on loan is verified as encrypted.", stretch=(2, 3),
                                 school=True)
        self.incidents = Table(["#", "Kind", "Tag", "Person", "Description"], "Open incidents",
                               "No open incidents.", stretch=(3, 4), school=True)
        for key, (t, name) in zip(("overdue", "due_today", "leavers", "unencrypted", "incidents"),
                                  ((self.overdue, "Overdue"), (self.due_today, "Due today"),
                                   (self.leavers, "Leavers"), (self.unencrypted, "Unencrypted"),
                                   (self.incidents, "Incidents")), strict=True):
            self.tabs.addTab(t, name)
            self.tiles[key].clicked.connect(lambda _c=False, w=t: self.tabs.setCurrentWidget(w))
        self.tiles["on_loan"].clicked.connect(lambda: self.tabs.setCurrentWidget(self.overdue))
        lay.addWidget(self.tabs, 1)
        reports: dict[QWidget, str] = {self.overdue: "overdue", self.leavers: "leavers",
                                       self.unencrypted: "unencrypted"}
        self.export.clicked.connect(lambda: self.export_clicked.emit(
            reports.get(self.tabs.currentWidget(), "on-loan")))
        self._codes: dict[int, list[str]] = {}
        for t, kind in ((self.overdue, "asset"), (self.due_today, "asset"), (self.unencrypted, "asset"),
                        (self.incidents, "asset2"), (self.leavers, "person")):
            t.cellDoubleClicked.connect(lambda r, _c, t=t, kind=kind: self._open(t, r, kind))
            t.cellActivated.connect(lambda r, _c, t=t, kind=kind: self._open(t, r, kind))

    def _open(self, table: Table, row: int, kind: str) -> None:
        item = table.item(row, 2 if kind == "asset2" else (1 if kind == "person" else 0))
        if item is None or not item.text() or table.rowSpan(row, 0) > 1 or table.columnSpan(row, 0) > 1:
            return
        if kind == "person":
            self.person_opened.emit(item.text())
        else:
            self.asset_opened.emit(item.text())

    def show_dashboard(self, d: Dashboard) -> None:
        whose = f" — {d.scope}" if d.schools > 1 else ""
        self.title.setText(f"Dashboard{whose} — {fmt_date(d.today)}")
        self.all_schools.show_schools(d.schools)
        counts = {"on_loan": d.on_loan, "overdue": len(d.overdue), "due_today": len(d.due_today),
                  "leavers": len(d.leavers), "unencrypted": len(d.unencrypted_on_loan),
                  "incidents": len(d.open_incidents)}
        for key, b in self.tiles.items():
            b.setText(f"{counts[key]}\n{b.property('caption')}")
            b.setAccessibleDescription(f"{counts[key]} {b.property('caption')}")
        def schools_of(rows: list[dict[str, object]]) -> list[tuple[str, str] | None] | None:
            """Every school's: each row's school (code, name); one school's: no column."""
            if not d.several:
                return None
            return [(str(r["site"]), str(r.get("school") or r["site"])) if r.get("site") else None
                    for r in rows]

        self.overdue.set_rows([[str(r["tag"]), str(r["kind"]), f"{r['borrower']} ({r['staff_code']})",
                                _day(r["due"])] for r in d.overdue],
                              [theme.ERROR for _ in d.overdue], schools=schools_of(d.overdue))
        self.due_today.set_rows([[str(r["tag"]), str(r["kind"]), f"{r['borrower']} ({r['staff_code']})"]
                                 for r in d.due_today], schools=schools_of(d.due_today))
        self.leavers.set_rows([[str(r["name"]), str(r["staff_code"]), _day(r["leaving_date"]),
                                " ".join(map(str, r["tags"]))] for r in d.leavers],  # type: ignore[call-overload]
                              schools=schools_of(d.leavers))
        self.unencrypted.set_rows([[str(r["tag"]), str(r["kind"]), str(r["encryption"]),
                                    str(r["holder"] or "")] for r in d.unencrypted_on_loan],
                                  schools=schools_of(d.unencrypted_on_loan))
        self.incidents.set_rows([[str(i), k, t, p, desc] for i, k, t, p, desc in d.open_incidents],
                                schools=(d.incident_schools or [None] * len(d.open_incidents))
                                if d.several else None)


    def wants_all_schools(self) -> bool:
        return self.all_schools.wanted()


def _day(value: Any) -> str:
    """Dates as everywhere else on the desk ("Tue 15 Sep 2026"), not ISO."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return fmt_date(value) if isinstance(value, dt.date) else str(value or "")
