"""Who is doing the work. Kept apart from :mod:`app.uow` so that the desk can name a
technician before SQLAlchemy is loaded (its window shows while the database opens)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from app.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    """Who is doing the work: a signed-in technician, or the CLI's OS user."""

    name: str
    role: str = "technician"
    technician_id: int | None = None
    #: the operating-system account the work was done from, recorded beside the name
    os_user: str | None = None

    @property
    def is_admin(self) -> bool:
        """An admin of their school, or a trust admin (who is an admin of every school)."""
        return self.role in ("admin", "trust_admin")

    @property
    def is_trust_admin(self) -> bool:
        return self.role == "trust_admin"

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise PermissionDenied(f"only an admin technician can {what}; {self.name} is not an admin")


def current_os_user() -> str:
    """The operating-system account running this process ("unknown" if it has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


SYSTEM = Actor("system", "admin")
