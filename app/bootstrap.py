"""The composition root: the one place that wires paths, settings, database and devices
(the hardware factories of :mod:`app.hardware`: printer, signature pad, serial scanner).

The desk UI, the CLI and the tests all start here; tests pass their own data
directory, URL, clock and fakes instead of touching the user's real files.

Importing this module is cheap (no SQLAlchemy): the desk builds its window from
the paths and settings while :func:`bootstrap_in_background` opens the database
on a thread of its own (importing SQLAlchemy and the models is most of a cold
start). Whoever needs the database before it is open waits for it — in the desk
that is only ever the worker thread, never the GUI.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from app.actor import Actor
from app.clock import Clock, system_clock
from app.config import (
    Paths,
    Settings,
    default_data_dir,
    default_db_url,
)
from app.hardware import (
    PadFactory,
    ScannerFactory,
    build_pad,
    build_printer,
    build_scanner_reader,
    default_print_backend,
    printer_factory,
)
from db.first_look import FirstLook, first_look

if TYPE_CHECKING:
    from app.database import Database
    from app.devices.printer import PrinterFactory
    from app.notices.mailer import Mailer
    from app.uow import UnitOfWork


# -- mail ---------------------------------------------------------------------------------


def build_mailer(settings: Settings, data_dir: Path) -> Mailer | None:
    """The SMTP mailer for ``[mail]`` (None: mail is not set up). The password comes from
    the credential store (or the 0600 fallback file) each time it connects."""
    mail = settings.mail
    if not mail.host.strip():
        return None
    from app.notices.mailer import SmtpConfig, SmtpMailer
    from app.notices.password import load_password

    ca = mail.ca_file.strip()
    if ca and not Path(ca).expanduser().is_absolute():
        ca = str(data_dir / ca)
    config = SmtpConfig(mail.host.strip(), mail.effective_port(), mail.security.strip().lower(),
                        mail.username.strip(), "", ca, float(mail.timeout_seconds))
    return SmtpMailer(config, lambda: load_password(data_dir, config.host, config.username))


# -- the application --------------------------------------------------------------------


class AppContext:
    """Paths, settings and the database; the database may still be opening."""

    def __init__(self, paths: Paths, settings: Settings, db: Database | Future[Database],
                 opener: threading.Thread | None = None, *,
                 printers: PrinterFactory | None = None, first_look: FirstLook | None = None,
                 opens_on_use: bool = True, pads: PadFactory | None = None,
                 scanners: ScannerFactory | None = None,
                 mailer: Callable[[Settings, Path], Mailer | None] | None = None) -> None:
        self.paths = paths
        self.settings = settings
        #: builds the printer documents go to (:func:`printer_factory`; tests hand in fakes)
        self.printer_factory: PrinterFactory = printers or printer_factory()
        #: builds the signature pad the settings name (:func:`app.hardware.build_pad`)
        self.pad_factory: PadFactory = pads or build_pad
        #: builds the serial scanner reader (:func:`app.hardware.build_scanner_reader`)
        self.scanner_factory: ScannerFactory = scanners or build_scanner_reader
        #: builds the mailer notices go through (:func:`build_mailer`; tests hand in their own)
        self.mailer_factory: Callable[[Settings, Path], Mailer | None] = mailer or build_mailer
        #: what a look at the database file found before it opened (SQLite; see
        #: :mod:`db.first_look`), or None
        self.first_look = first_look
        #: a setting in the file that was out of range, replaced by its default until an
        #: admin corrects it (the desk says so; the CLI refuses to start instead)
        self.settings_problem: str | None = None
        if isinstance(db, Future):
            self._db = db
        else:
            self._db = Future()
            self._db.set_result(db)
        self._opener = opener
        self._opener_lock = threading.Lock()
        self._opens_on_use = opens_on_use

    def start_opening(self) -> None:
        """Start opening the database on its own thread (if it is not open or opening yet)."""
        with self._opener_lock:
            if self._opener is not None and self._opener.ident is None:
                self._opener.start()

    @property
    def db(self) -> Database:
        """The open database; waits while it is still opening (or, when it opens only when
        told, until :meth:`start_opening`), raises why it could not open."""
        if self._opens_on_use:
            self.start_opening()
        return self._db.result()

    @property
    def db_ready(self) -> bool:
        """True once the database is open (or has failed to open)."""
        return self._db.done()

    @property
    def embedded_ready(self) -> bool:
        """True once the database is open and is an embedded (SQLite) file."""
        return self._db.done() and self._db.exception() is None and self._db.result().is_sqlite

    def when_db_ready(self, fn: Callable[[BaseException | None], None]) -> None:
        """Call ``fn(None)`` once the database is open, or ``fn(error)`` if it could not be.

        ``fn`` runs on the thread that opened it (at once if that has happened already).
        """
        self._db.add_done_callback(lambda f: fn(f.exception()))

    def uow(self, actor: Actor, *, readonly: bool = False) -> UnitOfWork:
        return self.db.uow(actor, readonly=readonly)

    def mailer(self) -> Mailer | None:
        """The mailer for the current settings (None: mail is not set up)."""
        return self.mailer_factory(self.settings, self.paths.data_dir)

    def close(self) -> None:
        with self._opener_lock:
            if self._opener is not None and self._opener.ident is None:
                return  # never started opening: nothing to close
        try:
            db = self._db.result()
        except Exception:  # noqa: BLE001 - never opened: nothing to close
            return
        db.dispose()


def resolve_db_url(db_url: str | None, paths: Paths) -> str:
    return db_url or os.environ.get("LOAN_KIOSK_DB") or default_db_url(paths.data_dir)


def _paths_and_settings(data_dir: Path | None, settings: Settings | None) -> tuple[Paths, Settings]:
    paths = Paths(data_dir or default_data_dir())
    paths.ensure()
    if settings is not None:
        return paths, settings
    from app.settings_rules import load_checked_settings

    return paths, load_checked_settings(paths.settings_file)


def _open(url: str, settings: Settings, clock: Clock, data_dir: Path | None = None) -> Database:
    from app.database import open_database
    from app.private_files import make_private
    from db.engine import sqlite_path

    file = sqlite_path(url)
    new_file = file if file is not None and not file.exists() else None
    db = open_database(url, clock=clock)
    if new_file is not None and new_file.exists():
        make_private(new_file)  # 0600 already; on Windows an ACL, wherever the file is
    db.settings = settings
    db.data_dir = data_dir
    settle_sites_once(db, settings)
    if data_dir is not None and any((data_dir / "documents").glob("*/.*.pdf.pending")):
        # receipts archived with their commit when the app last stopped between the commit
        # and the file's final name (app.services.documents.staging)
        from app.services.documents.staging import recover_on_start

        recover_on_start(db.engine, data_dir)
    return db


def settle_sites_once(db: Database, settings: Settings) -> None:
    """A database with rows but no school yet (from before sites) gets its one school, every
    row placed in it, in one audited transaction (:func:`app.services.site_scope.settle_sites`).
    One read when there is nothing to do."""
    from sqlalchemy.exc import IntegrityError

    from app.actor import SYSTEM
    from app.errors import Busy
    from app.services.site_scope import needs_settling, settle_sites

    with db.uow(SYSTEM, readonly=True) as uow:
        if not needs_settling(uow):
            return
    try:
        with db.uow(SYSTEM) as uow:
            settle_sites(uow, settings.school.name)  # checks again, in its transaction
    except (Busy, IntegrityError):
        pass  # another desk did it at the same moment (its MAIN is the one)


def bootstrap(db_url: str | None = None, *, data_dir: Path | None = None,
              settings: Settings | None = None, clock: Clock = system_clock,
              printers: PrinterFactory | None = None, pads: PadFactory | None = None,
              scanners: ScannerFactory | None = None) -> AppContext:
    """Open everything the app needs. ``db_url`` beats ``LOAN_KIOSK_DB`` beats the default file.

    ``printers``, ``pads``, ``scanners``: the hardware factories (:mod:`app.hardware`'s by
    default; tests hand in fakes)."""
    paths, settings = _paths_and_settings(data_dir, settings)
    return AppContext(paths, settings, _open(resolve_db_url(db_url, paths), settings, clock,
                                                 paths.data_dir),
                      printers=printers, pads=pads, scanners=scanners)


def bootstrap_in_background(db_url: str | None = None, *, data_dir: Path | None = None,
                            settings: Settings | None = None, clock: Clock = system_clock,
                            start: bool = True, printers: PrinterFactory | None = None,
                            opens_on_use: bool = True, pads: PadFactory | None = None,
                            scanners: ScannerFactory | None = None) -> AppContext:
    """:func:`bootstrap`, returning at once: the database opens on a thread of its own.

    Paths and settings are ready on return (bad settings still fail here, at once), and
    so is :attr:`AppContext.first_look`, a look at a SQLite file with the standard
    library (how many technicians it has: all the sign-in screen needs);
    :meth:`AppContext.when_db_ready` callbacks run on that thread once it is done (the
    desk warms up there what must not hold up its first window). ``start=False`` leaves the thread to
    :meth:`AppContext.start_opening` (or the first use of ``db``; with ``opens_on_use=False``
    only to ``start_opening``, and ``db`` waits for it): the desk starts it once its window
    has painted, so that the two do not take turns at the GIL.
    """
    paths, settings = _paths_and_settings(data_dir, settings)
    url = resolve_db_url(db_url, paths)
    look = first_look(url)  # a millisecond: the sign-in screen takes a PIN meanwhile
    opening: Future[Database] = Future()

    def open_it() -> None:
        try:
            db = _open(url, settings, clock, paths.data_dir)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the database
            opening.set_exception(exc)
        else:
            opening.set_result(db)

    ctx = AppContext(paths, settings, opening, threading.Thread(target=open_it, name="open-database"),
                     printers=printers, first_look=look, opens_on_use=opens_on_use, pads=pads,
                     scanners=scanners)
    if start:
        ctx.start_opening()
    return ctx


#: the hardware factories, importable from the composition root as before
__all__ = ["AppContext", "bootstrap", "bootstrap_in_background", "build_pad", "build_printer",
           "build_scanner_reader", "default_print_backend", "printer_factory", "resolve_db_url"]
