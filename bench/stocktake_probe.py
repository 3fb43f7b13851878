"""Subprocess side of the stocktake-result row (offscreen): ours and the floor, alternating.

``python -m bench.stocktake_probe DB_URL DB_PATH NUMBER RUNS SLOW`` prints
``RESULT {"ours_ns": [...], "floor_ns": [...], "rows": n}``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from typing import Any

#: the rows the found tab shows, in plain SQL: what the service's queries read
FLOOR_SQL = """
SELECT a.tag, a.make, a.model, a.kind, h.code, c.code, s.scanned_at, s.scanned_by, s.desk
FROM stocktake_scans s
JOIN assets a ON a.id = s.asset_id
LEFT JOIN locations h ON h.id = a.home_location_id
LEFT JOIN locations c ON c.id = a.current_location_id
WHERE s.stocktake_id = ?
ORDER BY a.tag
"""


def main(argv: list[str]) -> int:
    db_url, db_path, number_s, runs_s, slow_s = argv
    number, runs, slow = int(number_s), int(runs_s), float(slow_s)
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    from app.database import open_database
    from app.services.stocktake_results import stocktake_result
    from app.uow import Actor
    from bench.scan_floor import settle_and_paint
    from bench.slowdown import slowed
    from bench.timing import time_once
    from printing.wording import fmt_datetime
    from ui.controllers.stocktake_controller import item_cells
    from ui.views.stocktake_view import HEADINGS, StocktakeView

    app = QApplication.instance() or QApplication([])
    db = open_database(db_url)
    actor = Actor("bench", "technician")
    view = StocktakeView()
    view.resize(1366, 700)
    view.show()
    bare = QTableWidget()
    bare.resize(1366, 700)
    bare.show()
    con = sqlite3.connect(db_path)
    shown: dict[str, int] = {}

    def ours(_i: int) -> None:
        with db.uow(actor, readonly=True) as uow:
            result = stocktake_result(uow, number)
        st = result.stocktake
        view.show_stocktake(f"Stocktake #{st.id}: {st.place}", st.status, result.counts(),
                            result.expected)
        view.show_rows([item_cells(i) for i in result.found])
        settle_and_paint()
        shown["ours"] = view.model.rowCount()

    def floor(_i: int) -> None:
        rows = con.execute(FLOOR_SQL, (number,)).fetchall()
        bare.clearContents()
        bare.setColumnCount(len(HEADINGS))
        bare.setHorizontalHeaderLabels(list(HEADINGS))
        bare.setRowCount(len(rows))
        for r, (tag, make, model, kind, home, current, at, by, desk) in enumerate(rows):
            what = " ".join(p for p in (make, model) if p) or kind
            cells = (tag, what, home or "", current or "", f"{fmt_datetime(at)}, {by} at {desk}", "")
            for c, cell in enumerate(cells):
                bare.setItem(r, c, QTableWidgetItem(cell))
        bare.resizeColumnsToContents()
        settle_and_paint()
        shown["floor"] = bare.rowCount()

    ours_side = slowed(ours, slow if slow != 1.0 else None)
    sides = (ours_side, floor)
    samples: list[list[int]] = [[], []]
    for i in range(2):  # warm-up
        for side in sides:
            side(i)
    for i in range(runs):  # alternating, each side first equally often
        for k in range(2):
            j = (i + k) % 2
            samples[j].append(time_once(lambda: sides[j](i)))  # noqa: B023 - called at once
    assert shown["ours"] == shown["floor"], shown
    out: dict[str, Any] = {"ours_ns": samples[0], "floor_ns": samples[1], "rows": shown["ours"]}
    print("RESULT " + json.dumps(out), flush=True)
    db.dispose()
    con.close()
    app.processEvents()
    time.sleep(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
