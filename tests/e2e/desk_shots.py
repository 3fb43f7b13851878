"""What the screenshot tests share: the demo school on a desk, signed in, and where the
images go (``docs/screenshots`` with ``LOAN_KIOSK_SCREENSHOTS=1``, else a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.demo import DEMO_PIN, DEMO_TECHNICIAN, fill_demo
from app.demo_identity import DEMO_ACTOR
from tests.ui.desk import wait_idle

ROOT = Path(__file__).resolve().parents[2]
SIZES = ((1280, 720), (1366, 768), (1920, 1080))


def shots_dir(tmp_path: Path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("LOAN_KIOSK_SCREENSHOTS") == "1" \
        else tmp_path


def demo_desk(qtbot: Any, tmp_path: Path) -> tuple[Any, AppContext]:
    """The demo school on a fresh database, and the desk's window showing it (signed out)."""
    from ui.desk_app import build_window

    ctx = bootstrap(f"sqlite:///{tmp_path / 'demo.sqlite3'}", data_dir=tmp_path / "data",
                    settings=Settings())
    ctx.settings.kiosk.sound = False
    fill_demo(ctx, DEMO_ACTOR)
    win = build_window(ctx, demo=True)  # as the desk starts: the composition root
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, win)
    return win, ctx


def sign_in_demo(qtbot: Any, win: Any) -> None:
    sv = win.nav.screens.sign_in.view
    sv.username.setText(DEMO_TECHNICIAN)
    sv.pin.setText(DEMO_PIN)
    sv.submit.click()
    qtbot.waitUntil(lambda: win.session.is_signed_in, timeout=20000)
    wait_idle(qtbot, win)


class Shooter:
    """``shoot(name, prepare)``: the window at each of :data:`SIZES`, ``prepare`` run first,
    saved as ``screen-<prefix><name>-<w>x<h>.png`` in ``out``; what it saved in :attr:`shots`,
    text not shown whole in :attr:`cut`. :meth:`check` asserts how many, none cut, none
    blank."""

    def __init__(self, qtbot: Any, win: Any, out: Path, prefix: str = "",
                 what: str = "") -> None:
        self.qtbot, self.win, self.out, self.prefix, self.what = qtbot, win, out, prefix, what
        self.shots: list[Path] = []
        self.cut: list[str] = []

    def __call__(self, name: str, prepare: Any = None) -> None:
        from tests.ui.layout_check import look_at_sizes

        def picture(w: int, h: int) -> Path:
            self.shots.append(self.out / f"screen-{self.prefix}{name}-{w}x{h}.png")
            return self.shots[-1]

        self.cut.extend(look_at_sizes(self.win, f"{self.what}{name}", SIZES,
                                      lambda: wait_idle(self.qtbot, self.win), prepare, picture))

    def check(self, screens: int) -> None:
        assert len(self.shots) == len(SIZES) * screens
        assert not self.cut, "\n".join(self.cut)
        assert all(p.stat().st_size > 10_000 for p in self.shots)
