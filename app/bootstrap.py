"""The composition root: the one place that wires paths, settings, database and devices.

The desk UI, the CLI and the tests all start here; tests pass their own data
directory, URL, clock and fakes instead of touching the user's real files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.clock import Clock, system_clock
from app.config import Paths, Settings, default_data_dir, default_db_url, load_settings
from app.uow import Actor, Database, UnitOfWork, open_database


@dataclass
class AppContext:
    paths: Paths
    settings: Settings
    db: Database

    def uow(self, actor: Actor, *, readonly: bool = False) -> UnitOfWork:
        return self.db.uow(actor, readonly=readonly)

    def close(self) -> None:
        self.db.dispose()


def resolve_db_url(db_url: str | None, paths: Paths) -> str:
    import os

    return db_url or os.environ.get("LOAN_KIOSK_DB") or default_db_url(paths.data_dir)


def bootstrap(db_url: str | None = None, *, data_dir: Path | None = None,
              settings: Settings | None = None, clock: Clock = system_clock) -> AppContext:
    """Open everything the app needs. ``db_url`` beats ``LOAN_KIOSK_DB`` beats the default file."""
    paths = Paths(data_dir or default_data_dir())
    paths.ensure()
    if settings is None:
        settings = load_settings(paths.settings_file)
    db = open_database(resolve_db_url(db_url, paths), clock=clock)
    db.settings = settings
    return AppContext(paths, settings, db)
