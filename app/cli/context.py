"""What a CLI command needs: the opened app (lazily) and who is acting."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from app.bootstrap import AppContext, bootstrap
from app.uow import Actor


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

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
