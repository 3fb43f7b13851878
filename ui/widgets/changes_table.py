"""The "Changes" tab of an asset's or a person's card: what was done to the record itself
(added, edited, made active again, retired, a reversal…), newest first, from the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ui.widgets.common import fmt_when
from ui.widgets.table import Table

if TYPE_CHECKING:
    from app.services.record_history import ChangeRow


def changes_table() -> Table:
    return Table(["When", "By", "What", "Details"], "Changes to this record",
                 "No changes recorded: it is as it was added or imported.", stretch=3)


def show_changes(table: Table, rows: Sequence[ChangeRow]) -> None:
    table.set_rows([[fmt_when(r.at), r.by, r.what, r.details] for r in rows])
