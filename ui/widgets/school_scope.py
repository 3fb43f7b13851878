"""The "All schools" box of the desk's lists (the dashboard's, the Scan screen's search, the
lists of leavers, trips, kits and bookings): unticked, a list shows the desk's school's rows;
ticked, every school's, to look at (a change to another school's row stays refused unless
the technician is a trust admin: :mod:`app.site_guard`). Hidden while the trust has one
school: there is nothing to widen."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from app.services.site_scope import ALL, ListScope


class AllSchoolsBox(QCheckBox):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__("All schools", parent)
        self.setAccessibleName(accessible_name)
        self.setToolTip("Show every school's rows (to look at: another school's stay theirs "
                        "to change, unless you are a trust admin)")
        self.setVisible(False)  # a trust of one school has nothing to widen

    def show_scope(self, scope: ListScope) -> None:
        """Shown when the trust has more than one school."""
        self.setVisible(scope.schools > 1)

    def wanted(self) -> bool:
        """Ticked while shown (a hidden box, as on a one-school desk, never widens a list;
        ``isHidden``: the screen it is on need not be showing)."""
        return not self.isHidden() and self.isChecked()

    def choice(self) -> str | None:
        """The ``site`` a list service takes: ALL when ticked, else None (the desk's school)."""
        return ALL if self.wanted() else None
