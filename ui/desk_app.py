"""Start the desk: ``loan-kiosk`` (or ``--demo`` / ``--kiosk``) opens this window."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext, bootstrap
from app.config import default_data_dir
from app.uow import Actor

DEMO_ACTOR = Actor("demo-setup", "admin")


def demo_data_dir(base: Path | None = None) -> Path:
    """The demo lives beside the real data, never in it."""
    return (base or default_data_dir()) / "demo"


def open_context(args: argparse.Namespace) -> AppContext:
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    if getattr(args, "demo", False):
        return bootstrap(None if not getattr(args, "db", None) else args.db,
                         data_dir=demo_data_dir(data_dir))
    return bootstrap(getattr(args, "db", None), data_dir=data_dir)


def warm_up() -> None:
    """Load the document machinery (modules, fonts) once, at start-up, before the first receipt.

    Loading it while a signature streams would make that first render slow and
    allocation-heavy; done here, it is part of what :func:`tune_gc` freezes.
    """
    import app.services.documents  # noqa: F401
    import printing.receipt  # noqa: F401
    from printing.fonts import register_fonts

    register_fonts()


def tune_gc() -> None:
    """Keep the GUI thread free of long garbage-collection pauses.

    A full collection holds the GIL while it walks every object, whichever thread
    triggers it; with Qt, SQLAlchemy and ReportLab loaded that took over 150 ms when
    a receipt rendered on the worker, and froze the window meanwhile. Objects that
    exist once the desk is up live for the whole session: freezing them takes them
    out of every later collection.
    """
    gc.collect()
    gc.freeze()
    # hand the GIL over sooner: the GUI thread waits at most ~1 ms, not 5, behind a worker
    sys.setswitchinterval(0.001)


def needs_demo_data(ctx: AppContext) -> bool:
    from sqlalchemy import select

    from db.models import Person

    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        return uow.session.execute(select(Person.id).limit(1)).first() is None


def fill_demo_in_background(window: object, ctx: AppContext) -> None:
    """Fill the demo school on the worker; the sign-in screen says when it is ready."""
    from app.demo import fill_demo
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.notify("info", "Setting up the demo school — this takes a few seconds…")

    def done(summary: str) -> None:
        tune_gc()
        window.notify("ok", summary[0].upper() + summary[1:] + ".")
        window.controller("sign_in").activated()

    # fill_demo opens its own units of work: it is not one to run again as a whole
    window.ops.run(DEMO_ACTOR, lambda _uow: fill_demo(ctx, DEMO_ACTOR), ok=done, retry=False,
                   err=lambda e: window.notify("error", f"Demo data could not be set up: {e.message}"))


def build_window(ctx: AppContext, *, demo: bool = False, kiosk: bool = False):  # type: ignore[no-untyped-def]
    from ui import theme
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    window = MainWindow(ctx, demo=demo, kiosk=kiosk)
    if demo and needs_demo_data(ctx):
        fill_demo_in_background(window, ctx)
    return window


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loan Kiosk")
    ctx = open_context(args)
    try:
        window = build_window(ctx, demo=bool(getattr(args, "demo", False)),
                              kiosk=bool(getattr(args, "kiosk", False)))
        window.start_serial_scanner()
        window.open_pad()
        if getattr(args, "kiosk", False):
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            window.showFullScreen()
        else:
            window.resize(1366, 768)
            window.show()
        # the document machinery loads once the window is up (the sign-in screen needs
        # none of it), still long before a receipt can render; then freeze start-up objects
        QTimer.singleShot(0, lambda: (warm_up(), tune_gc()))
        return int(app.exec())
    finally:
        ctx.close()
