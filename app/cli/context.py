"""What a CLI command needs: the opened app (lazily) and who is acting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.actor import Actor
from app.bootstrap import AppContext, bootstrap
from app.config import choose_database, default_data_dir

if TYPE_CHECKING:
    from app.devices.printer import PrinterFactory
    from app.uow import UnitOfWork

T = TypeVar("T")


def chosen_database(args: argparse.Namespace) -> tuple[str | None, Path | None]:
    """The database URL and data directory ``--db``, ``--data-dir`` and ``--demo`` name
    (None: the defaults)."""
    data_dir = getattr(args, "data_dir", None)
    return choose_database(getattr(args, "db", None), Path(data_dir) if data_dir else None,
                           demo=bool(getattr(args, "demo", False)))


def chosen_data_dir(args: argparse.Namespace) -> Path:
    """The data directory the arguments name, without opening the database (``--demo``: the
    demo school's)."""
    return chosen_database(args)[1] or default_data_dir()


#: the school a command works at when ``--site`` is not given
SITE_ENV = "LOAN_KIOSK_SITE"


def chosen_site(args: argparse.Namespace) -> str:
    """``--site``, else ``LOAN_KIOSK_SITE`` ("": the ``[desk] site`` setting decides)."""
    import os

    return (getattr(args, "site", None) or os.environ.get(SITE_ENV, "")).strip()


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._app: AppContext | None = None
        self._actor: Actor | None = None
        #: the PIN the acting technician proved themselves with (``technician pin`` needs it)
        self.signed_in_pin: str | None = None

    @property
    def demo(self) -> bool:
        return bool(getattr(self.args, "demo", False))

    @property
    def opened(self) -> bool:
        """Whether the app (and its database) has been opened yet."""
        return self._app is not None

    @property
    def app(self) -> AppContext:
        """The app on the database the arguments name; with ``--demo`` the demo school's own
        (filled on first use, as the desk does)."""
        if self._app is None:
            db_url, path = chosen_database(self.args)
            self._app = bootstrap(db_url, data_dir=path)
            site = chosen_site(self.args)
            if site:  # this command's school, for every unit of work (app.services.site_scope)
                self._app.settings.desk.site = site
            if self.demo and getattr(self.args, "command", None) != "demo-data":
                _fill_demo_once(self._app)
        return self._app

    def printer_factory(self) -> PrinterFactory:
        """The printers this command prints through: ``--backend`` if given, else the
        composition root's (``[printing] backend``, else the platform's default)."""
        backend = getattr(self.args, "backend", None)
        if backend:
            from app.bootstrap import printer_factory

            return printer_factory(backend)
        return self.app.printer_factory

    def actor(self) -> Actor:
        """The acting technician, proven by :func:`app.cli.auth.authenticate` (which the
        command dispatch calls before the command runs)."""
        if self._actor is None:
            from app.cli.auth import authenticate

            self._actor = authenticate(self.args, self)
        return self._actor

    def transaction(self, work: Callable[[UnitOfWork], T], actor: Actor | None = None) -> T:
        """Run ``work`` in one unit of work, again if another desk got in the way.

        ``work`` must read what it needs from ORM objects before it returns (they
        are detached afterwards). A transient conflict prints "another desk is
        busy, trying again…" on stderr; nothing is ever half-done.
        """
        from app.retry import run_with_retry

        who = actor or self.actor()

        def attempt() -> T:
            with self.app.uow(who) as uow:
                return work(uow)

        return run_with_retry(attempt, on_retry=lambda msg: print(msg, file=sys.stderr))

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def _fill_demo_once(app: AppContext) -> None:
    """An empty demo database gets the demo school (a note on stderr says so)."""
    from sqlalchemy import select

    from app.demo import fill_demo
    from app.demo_identity import DEMO_ACTOR
    from db.models import Person

    with app.uow(DEMO_ACTOR, readonly=True) as uow:
        empty = uow.session.execute(select(Person.id).limit(1)).first() is None
    if empty:
        print(f"note: demo school set up in {app.paths.data_dir}: {fill_demo(app, DEMO_ACTOR)}",
              file=sys.stderr)


def print_json(data: Any) -> None:
    import json  # CLI output only: the desk starts through this module too

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
