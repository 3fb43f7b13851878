"""The admin screen's Schools & rooms tab: the trust's schools and their locations as a
tree, with what an admin does to them (add, rename, nest, close and reopen, labels)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.choices import LOCATION_KINDS
from ui.widgets.common import Form, button, card, label

#: item data: ("site" | "location", code)
_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class SchoolLine:
    code: str
    name: str
    active: bool
    assets: int
    people: int


@dataclass(frozen=True)
class PlaceLine:
    code: str
    name: str
    kind: str
    active: bool
    depth: int
    parent: str | None
    site: str
    assets: int


class PlacesTab(QWidget):
    """Views show: the controller (:mod:`ui.controllers.places_admin`) decides."""

    refresh_clicked = Signal()
    add_school_clicked = Signal(str, str)  # code, name
    #: code, name, kind, the site's code, the parent location's code ("" : at the top)
    add_location_clicked = Signal(str, str, str, str, str)
    rename_clicked = Signal(str, str, str)  # "site"/"location", code, new name
    close_clicked = Signal(str, str, bool)  # "site"/"location", code, reopen?
    move_clicked = Signal(str, str)  # location code, into ("": to the top)
    labels_clicked = Signal(list)  # location codes

    def __init__(self) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Schools and their locations")
        self.tree.setHeaderLabels(["Code", "Name", "Kind", "Assets", ""])
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(1, 210)
        self.tree.setColumnWidth(2, 95)
        self.tree.setColumnWidth(3, 75)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        left.addWidget(self.tree, 1)
        self.refresh = button("Refresh", "Read the schools and locations again")
        row = QHBoxLayout()
        row.addWidget(self.refresh)
        row.addStretch(1)
        left.addLayout(row)
        lay.addLayout(left, 3)

        right = QVBoxLayout()
        box, bl = card()
        bl.addWidget(label("<b>Selected</b>", name="Selected"))
        self.selected = label("Choose a school or a location in the tree.", "hint",
                              name="Selected place")
        bl.addWidget(self.selected)
        form = Form()
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New name")
        form.addRow("New name", self.new_name)
        self.into = QLineEdit()
        self.into.setAccessibleName("Move into location")
        self.into.setPlaceholderText("a location's code; empty: to the top")
        form.addRow("Move into", self.into)
        bl.addLayout(form)
        r1 = QHBoxLayout()
        self.rename = button("Rename", "Rename the selected school or location")
        self.move_button = button("Move", "Move the selected location")
        self.close_ = button("Close", "Close the selected school or take the location out of use")
        r1.addWidget(self.rename)
        r1.addWidget(self.move_button)
        r1.addWidget(self.close_)
        bl.addLayout(r1)
        self.labels = button("Save labels…", "Save QR labels of the selected locations")
        bl.addWidget(self.labels)
        right.addWidget(box)

        box, bl = card()
        bl.addWidget(label("<b>Add a location</b> to the selected school, or inside the "
                           "selected location", name="Add a location"))
        form = Form()
        self.loc_code = QLineEdit()
        self.loc_code.setAccessibleName("Location code")
        self.loc_code.setPlaceholderText("NHS-ICT1")
        self.loc_name = QLineEdit()
        self.loc_name.setAccessibleName("Location name")
        self.loc_kind = QComboBox()
        self.loc_kind.setAccessibleName("Kind of location")
        for kind in LOCATION_KINDS:
            self.loc_kind.addItem(kind.capitalize(), kind)
        form.addRow("Code", self.loc_code)
        form.addRow("Name", self.loc_name)
        form.addRow("Kind", self.loc_kind)
        bl.addLayout(form)
        self.add_location = button("Add location", "Add the location", primary=True)
        bl.addWidget(self.add_location)
        right.addWidget(box)

        box, bl = card()
        bl.addWidget(label("<b>Add a school</b> (a trust admin)", name="Add a school"))
        form = Form()
        self.site_code = QLineEdit()
        self.site_code.setAccessibleName("School code")
        self.site_code.setPlaceholderText("NHS")
        self.site_name = QLineEdit()
        self.site_name.setAccessibleName("School name")
        form.addRow("Code", self.site_code)
        form.addRow("Name", self.site_name)
        bl.addLayout(form)
        self.add_school = button("Add school", "Add the school")
        bl.addWidget(self.add_school)
        right.addWidget(box)
        right.addStretch(1)
        # the forms scroll on a small screen rather than making the whole window taller
        panel = QWidget()
        panel.setLayout(right)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("What to do with schools and locations")
        lay.addWidget(scroll, 2)

        self.refresh.clicked.connect(self.refresh_clicked.emit)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.add_school.clicked.connect(lambda: self.add_school_clicked.emit(
            self.site_code.text().strip(), self.site_name.text().strip()))
        self.add_location.clicked.connect(self._add_location)
        self.rename.clicked.connect(self._rename)
        self.move_button.clicked.connect(self._move)
        self.close_.clicked.connect(self._close)
        self.labels.clicked.connect(lambda: self.labels_clicked.emit(
            [code for kind, code, _a in self._chosen() if kind == "location"]))
        self._selection_changed()

    # -- what the controller shows ---------------------------------------------------------
    def show_places(self, schools: list[SchoolLine], places: list[PlaceLine]) -> None:
        """The tree, keeping the selection (by code) and what is expanded."""
        keep = {(k, c) for k, c, _a in self._chosen()}
        self.tree.clear()
        sites: dict[str, QTreeWidgetItem] = {}
        for s in schools:
            item = QTreeWidgetItem([s.code, s.name, "school", str(s.assets),
                                    "" if s.active else "closed"])
            item.setData(0, _ROLE, ("site", s.code, s.active))
            self.tree.addTopLevelItem(item)
            sites[s.code] = item
        items: dict[str, QTreeWidgetItem] = {}
        for p in places:
            parent = items.get(p.parent or "") or sites.get(p.site)
            item = QTreeWidgetItem([p.code, p.name, p.kind, str(p.assets) if p.assets else "",
                                    "" if p.active else "out of use"])
            item.setData(0, _ROLE, ("location", p.code, p.active))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[p.code] = item
        self.tree.expandAll()
        for column, least in ((0, 240), (1, 210)):  # a long code or name is never cut off
            self.tree.setColumnWidth(column, max(least, self.tree.sizeHintForColumn(column)))
        for item in (*sites.values(), *items.values()):
            kind, code, _active = item.data(0, _ROLE)
            if (kind, code) in keep:
                item.setSelected(True)
        self._selection_changed()

    def clear_location_form(self) -> None:
        self.loc_code.clear()
        self.loc_name.clear()

    def clear_school_form(self) -> None:
        self.site_code.clear()
        self.site_name.clear()

    # -- what the technician chose -------------------------------------------------------
    def _chosen(self) -> list[tuple[str, str, bool]]:
        return [tuple(item.data(0, _ROLE)) for item in self.tree.selectedItems()]

    def _site_of(self, item: QTreeWidgetItem) -> str:
        up = item.parent()
        while up is not None:
            item, up = up, up.parent()
        return str(item.data(0, _ROLE)[1])

    def _selection_changed(self) -> None:
        chosen = self._chosen()
        one = len(chosen) == 1
        if not chosen:
            self.selected.setText("Choose a school or a location in the tree.")
        elif one:
            kind, code, active = chosen[0]
            what = "School" if kind == "site" else "Location"
            state = "" if active else (" (closed)" if kind == "site" else " (out of use)")
            self.selected.setText(f"{what} {code}{state}")
            self.close_.setText("Close" if active else "Reopen")
        else:
            self.selected.setText(f"{len(chosen)} chosen")
        self.rename.setEnabled(one)
        self.close_.setEnabled(one)
        self.move_button.setEnabled(one and chosen[0][0] == "location")
        self.labels.setEnabled(any(kind == "location" for kind, _c, _a in chosen))
        self.add_location.setEnabled(one)

    def _add_location(self) -> None:
        items = self.tree.selectedItems()
        if len(items) != 1:
            return
        kind, code, _active = items[0].data(0, _ROLE)
        self.add_location_clicked.emit(
            self.loc_code.text().strip(), self.loc_name.text().strip(),
            str(self.loc_kind.currentData()), self._site_of(items[0]),
            code if kind == "location" else "")

    def _rename(self) -> None:
        chosen = self._chosen()
        if len(chosen) == 1:
            self.rename_clicked.emit(chosen[0][0], chosen[0][1], self.new_name.text().strip())

    def _move(self) -> None:
        chosen = self._chosen()
        if len(chosen) == 1 and chosen[0][0] == "location":
            self.move_clicked.emit(chosen[0][1], self.into.text().strip())

    def _close(self) -> None:
        chosen = self._chosen()
        if len(chosen) == 1:
            kind, code, active = chosen[0]
            self.close_clicked.emit(kind, code, not active)

    def select(self, code: str) -> None:
        """Select the school or location with this code (tests and the controller)."""
        for item in self.tree.findItems(code, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0):
            self.tree.clearSelection()
            item.setSelected(True)
            self.tree.scrollToItem(item)
            return
