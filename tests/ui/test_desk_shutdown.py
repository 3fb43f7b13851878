"""A closed desk lets its worker go: work still running when the window closes ends, a timer
that fires after the close (a search typed just before) starts nothing, and the process exits
instead of hanging in the thread pool's destructor (a past run hung the suite so)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.ui.desk import sign_in, sqlite_only_db

#: widget-level: stays on SQLite
db_url = sqlite_only_db

ROOT = Path(__file__).resolve().parents[2]


def test_a_search_timer_after_close_starts_no_work(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.show_screen("checkout")
    search = desk.controller("checkout").view.search
    started: list[str] = []
    desk.ops.busy_changed.connect(lambda busy: busy and started.append("job"))
    search.edit.setText("Ali")
    search.edit.textEdited.emit("Ali")  # as typing by hand: the type-ahead's timer runs
    assert search._timer.isActive()
    desk.close()
    qtbot.wait(300)  # the timer fires after the close
    assert started == [] and not desk.ops.busy
    assert desk.ops.wait_done(1000)


def test_the_process_exits_with_work_running_when_the_desk_closes(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from app.bootstrap import bootstrap
        from app.config import Settings
        from ui.desk_app import build_window

        app = QApplication([])
        ctx = bootstrap("sqlite:///{tmp_path / 'desk.sqlite3'}", data_dir=Path(r"{tmp_path / 'data'}"),
                        settings=Settings())
        window = build_window(ctx)
        window.show()
        window.ops.run_plain(lambda: time.sleep(0.5))  # still running at the close
        window.close()
        window.ops.run_plain(lambda: print("ran after close", flush=True))
        ctx.close()
        print("closed", flush=True)
    """)
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["closed"]
    assert time.monotonic() - began < 30
