"""``loan-kiosk --smoke-test``, through the real entry point: what installers and CI run on a build.

It must say yes only when the desk is really up (sign-in screen, database open, the sign-in
screen's first-run question answered), and no, with the exit status the desk would have,
when the database cannot be opened. ``packaging/smoke-test.sh`` runs the same on the bundle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).with_name("loan-kiosk")


def _desk(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("LOAN_KIOSK_DB", None)
    return subprocess.run([*cmd, "--data-dir", str(tmp_path / "data"), "--smoke-test", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_new_install_comes_up_asking_for_the_first_admin(tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "desk.png"
    done = _desk("--smoke-screenshot", str(shot), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines()[-1] == (
        "smoke-test: ok: the sign-in screen is up (create the first admin) and the database is open")
    assert (tmp_path / "data" / "loan-kiosk.sqlite3").is_file()  # created and migrated
    with Image.open(shot) as picture:
        # the offscreen screen is 800×800, smaller than the desk's preferred 1366×768: the
        # desk is maximised onto it (less nothing, or a frame's few pixels)
        width, height = picture.size
        assert 780 <= width <= 800 and 780 <= height <= 800, picture.size
        # not a blank window: the header bar and the sign-in card are drawn
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 20


def test_a_desk_with_technicians_comes_up_on_sign_in(tmp_path: Path) -> None:
    from app.bootstrap import bootstrap
    from tests.ui.desk import add_techs

    ctx = bootstrap(None, data_dir=tmp_path / "data")
    add_techs(ctx)
    ctx.close()
    done = _desk(tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "smoke-test: ok: the sign-in screen is up (sign in) and the database is open" in done.stdout


def test_a_database_that_cannot_open_fails_it(tmp_path: Path) -> None:
    # nothing listens on port 1: the connection is refused at once
    done = _desk("--db", "postgresql+psycopg://nobody@127.0.0.1:1/loankiosk", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "smoke-test: failed: the database could not be opened" in done.stdout
    assert "error: the database could not be opened" in done.stderr
    assert "smoke-test: ok" not in done.stdout
