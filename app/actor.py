"""Who is doing the work. Kept apart from :mod:`app.uow` so that the desk can name a
technician before SQLAlchemy is loaded (its window shows while the database opens)."""

from __future__ import annotations

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
    #: the school (site id) the technician belongs to; None: not tied to one (the CLI's
    #: bootstrap admin, system work, a database from before sites)
    site_id: int | None = None

    @property
    def is_admin(self) -> bool:
        """An admin of their school, or a trust admin (who is an admin of every school)."""
        return self.role in ("admin", "trust_admin")

    @property
    def is_trust_admin(self) -> bool:
        return self.role == "trust_admin"

    def may_write_at(self, site_id: int | None) -> bool:
        """Whether this actor may change a row of school ``site_id`` (None: of no school).

        A trust admin changes every school's rows; anyone else only their own school's
        (they may still look across schools, read-only). An actor tied to no school (a
        one-school install, system work) is not limited."""
        return (site_id is None or self.site_id is None or self.is_trust_admin
                or site_id == self.site_id)

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise PermissionDenied(f"only an admin technician can {what}; {self.name} is not an admin")


def current_os_user() -> str:
    """The operating-system account running this process ("unknown" if it has none)."""
    import getpass  # here: the desk's sign-in screen shows before anyone needs it

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


SYSTEM = Actor("system", "admin")
