"""The real desk (``loan-kiosk``, a separate process) on a real X server, driven by xdotool.

:class:`DeskUnderX` prepares a data directory with the command line (init, staff,
assets, a technician with a badge), starts Xvfb and ``loan-kiosk`` on it with the
desk's log on (``LOAN_KIOSK_LOG=INFO``: every banner message is a log line), and
offers what a person or a scanner does: type at a scanner's pace or a person's,
press keys, draw with the mouse. Tests look at the database and the log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from sqlalchemy import create_engine, select

from db.models import AuditEvent
from tests.x11 import Xvfb, wait_for

BIN = Path(sys.executable).with_name("loan-kiosk")
BADGE, PIN = "TECH-BADGE-7", "482157"

STAFF_CSV = """Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date
AB1,Siân,Ó Briain,sian@example.org,Science,CARD-1,
CD2,Łukasz,Żółć,lukasz@example.org,Maths,CARD-2,
"""
ASSETS_CSV = """Asset Tag,Kind,Make,Model,Serial,Encrypted,Encryption Method
LT-0001,laptop,Dell,Latitude 5440,SN1,yes,bitlocker
LT-0002,laptop,Dell,Latitude 5440,SN2,no,
PH-0001,phone,Samsung,Galaxy A15,SN4,yes,android
"""

#: scanner pace for xdotool type: a key every few ms, far under the 80 ms gap limit, so a
#: loaded machine does not stretch a burst into typing
SCANNER_DELAY_MS = "4"
#: a person's pace: well over the gap limit
PERSON_DELAY_MS = "160"


def cli(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
    env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(data_dir)}
    env.pop("LOAN_KIOSK_DB", None)
    proc = subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, input=stdin,
                          timeout=120)
    assert proc.returncode == 0, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def prepare_school(data_dir: Path) -> None:
    (data_dir / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (data_dir / "assets.csv").write_text(ASSETS_CSV, encoding="utf-8")
    cli(data_dir, "init")
    cli(data_dir, "import", "staff", str(data_dir / "staff.csv"))
    cli(data_dir, "import", "assets", str(data_dir / "assets.csv"))
    cli(data_dir, "technician", "add", "bob", "--name", "Bob Tech", "--badge", BADGE,
        "--pin-stdin", stdin=PIN + "\n")


class DeskUnderX:
    def __init__(self, data_dir: Path, *, size: tuple[int, int] = (1280, 720),
                 args: tuple[str, ...] = ("--kiosk",)) -> None:
        self.data_dir = data_dir
        self.x = Xvfb(*size)
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "desk.log"
        self.window = ""

    def __enter__(self) -> DeskUnderX:
        self.x.__enter__()
        try:
            env = {**self.x.env, "LOAN_KIOSK_DATA_DIR": str(self.data_dir), "LOAN_KIOSK_LOG": "INFO"}
            env.pop("LOAN_KIOSK_DB", None)
            cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen([*cmd, *self.args], env=env, stdout=log,
                                             stderr=subprocess.STDOUT)
            self.window = self.x.window_named("Loan Kiosk")
            # no window manager, and the pointer away from the window: the desk must take the
            # keyboard focus itself, or the scanner types into nothing
            self.x.xdotool("mousemove", "0", "0")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        self.x.__exit__(exc_type, exc, tb)

    # -- what the desk says and stores ------------------------------------------------------
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, *words: str, timeout: float = 30) -> str:
        """The first log line holding every one of ``words``."""
        def line() -> str:
            assert self.proc is not None and self.proc.poll() is None, \
                f"the desk exited ({self.proc and self.proc.returncode}):\n{self.log()}"
            return next((ln for ln in self.log().splitlines() if all(w in ln for w in words)), "")
        try:
            return str(wait_for(line, timeout, f"a log line with {words}"))
        except AssertionError as e:
            raise AssertionError(f"{e}\n--- desk log ---\n{self.log()}") from None

    def db_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'loan-kiosk.sqlite3'}"

    def audit_actions(self) -> list[tuple[str, str]]:
        engine = create_engine(self.db_url())
        try:
            with engine.connect() as conn:
                return [(r.actor, r.action) for r in conn.execute(
                    select(AuditEvent.actor, AuditEvent.action).order_by(AuditEvent.seq))]
        finally:
            engine.dispose()

    # -- what a scanner and a person do ------------------------------------------------------
    def scan(self, text: str, end: str | None = "Return") -> None:
        """A USB scanner: ``xdotool type`` (Shift press/release around capitals), then the suffix."""
        self.x.xdotool("type", "--delay", SCANNER_DELAY_MS, text)
        if end:
            self.x.xdotool("key", end)

    def type_by_hand(self, text: str) -> None:
        self.x.xdotool("type", "--delay", PERSON_DELAY_MS, text)

    def key(self, *keys: str) -> None:
        time.sleep(0.3)  # a person's pause: never part of the burst before it
        self.x.xdotool("key", "--delay", PERSON_DELAY_MS, *keys)

    def sign_in_by_badge(self) -> None:
        self.scan(BADGE)  # fills the username, the PIN field takes the focus
        time.sleep(0.3)
        self.type_by_hand(PIN)
        self.key("Return")
        # the sign-in is recorded under the name typed (here the badge)
        wait_for(lambda: (BADGE, "sign_in") in self.audit_actions(), 30, "the technician signed in")

    def draw(self, strokes: list[list[tuple[float, float]]]) -> None:
        """Mouse strokes, in fractions of the window, one motion event every few pixels."""
        x0, y0, w, h = self.x.geometry(self.window)
        for stroke in strokes:
            pts = [(round(x0 + fx * w), round(y0 + fy * h)) for fx, fy in stroke]
            cmd = ["mousemove", str(pts[0][0]), str(pts[0][1]), "mousedown", "1"]
            for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
                for i in range(1, 21):
                    cmd += ["mousemove", str(ax + (bx - ax) * i // 20),
                            str(ay + (by - ay) * i // 20), "sleep", "0.005"]
            cmd += ["mouseup", "1"]
            self.x.xdotool(*cmd)
