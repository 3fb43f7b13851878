"""What a CLI command needs: the opened app (lazily) and who is acting."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.actor import Actor
from app.bootstrap import AppContext, bootstrap

if TYPE_CHECKING:
    from app.devices.printer import PrinterFactory
    from app.uow import UnitOfWork

T = TypeVar("T")


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._app: AppContext | None = None

    @property
    def app(self) -> AppContext:
        if self._app is None:
            data_dir = getattr(self.args, "data_dir", None)
            self._app = bootstrap(getattr(self.args, "db", None),
                                  data_dir=Path(data_dir) if data_dir else None)
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
        """The acting technician.

        A name given with ``--technician`` that matches a registered technician
        acts with that technician's role. Anyone else at the command line is the
        desk's OS operator (they can already read and write the database file),
        recorded as given or as ``cli:<os user>``.
        """
        from app.services.technicians import find_technician

        name = getattr(self.args, "technician", None)
        if not name:
            return Actor(f"cli:{os_user()}", "admin")
        with self.app.uow(Actor(name), readonly=True) as uow:
            tech = find_technician(uow, name)
            if tech is not None:
                return Actor(tech.username, tech.role, tech.id)
        return Actor(name, "admin")

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


def print_json(data: Any) -> None:
    import json  # CLI output only: the desk starts through this module too

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
