"""Errors the services raise. Each carries a message fit to show a technician as-is."""

from __future__ import annotations


class LoanKioskError(Exception):
    """Base class: a refusal or bad input, explained in plain words. Nothing was changed."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class NotFound(LoanKioskError):
    """A tag, staff code, trip, receipt... that the database does not hold."""


class Refused(LoanKioskError):
    """A business rule forbids the operation (on loan, left, encryption gate...)."""


class InvalidInput(LoanKioskError):
    """Malformed input: a bad date, an unknown kind, an unreadable file."""


class PermissionDenied(Refused):
    """The signed-in technician's role does not allow the operation."""


class Busy(LoanKioskError):
    """Another desk holds the database; the operation can be retried."""


class CommitOutcomeUnknown(LoanKioskError):
    """The connection to the database server was lost while it committed, and it could not
    be asked afterwards whether the work was saved. ``anchor``: the audit anchor of the
    work's last event — ``loan-kiosk audit verify --anchor`` with it passes only if it was
    saved. Never retried by itself: doing it again might do it twice."""

    def __init__(self, message: str, anchor: str | None = None) -> None:
        super().__init__(message)
        self.anchor = anchor


class FormInvalid(InvalidInput):
    """Several fields of a form are wrong: ``errors`` maps each field to what is wrong with it.

    The message lists them all, so a command line or a banner can show it as it is,
    and the desk can put each one beside its field.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)
