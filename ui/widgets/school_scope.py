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
        self._several = False
        self._on_list = True

    def show_scope(self, scope: ListScope) -> None:
        """Shown when the trust has more than one school (and its list is showing)."""
        self.show_schools(scope.schools)

    def show_schools(self, schools: int) -> None:
        self._several = schools > 1
        self.setVisible(self._several and self._on_list)

    def list_showing(self, showing: bool) -> None:
        """A screen whose title row holds the box shows it only on its list's page."""
        self._on_list = showing
        self.setVisible(self._several and showing)

    def wanted(self) -> bool:
        """Ticked, in a trust of several schools (a one-school desk's hidden box never widens
        a list; a box hidden while its screen shows another page still counts)."""
        return self._several and self.isChecked()

    def choice(self) -> str | None:
        """The ``site`` a list service takes: ALL when ticked, else None (the desk's school)."""
        return ALL if self.wanted() else None


class SchoolScoped:
    """What a list screen with an "All schools" box answers its controller (which asks the
    view, never its box)."""

    all_schools: AllSchoolsBox

    def school_choice(self) -> str | None:
        """The ``site`` its list service takes: ALL when ticked, else None (the desk's)."""
        return self.all_schools.choice()

    def show_school_scope(self, scope: ListScope) -> None:
        self.all_schools.show_scope(scope)
