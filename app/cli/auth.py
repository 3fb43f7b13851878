"""Who is acting at the command line, proven: a registered technician and their PIN.

Every command that writes names a technician (``--technician`` or
``LOAN_KIOSK_TECHNICIAN``) and proves it with their PIN (``LOAN_KIOSK_PIN``, the
first line of standard input with ``--pin-stdin``, or asked at the terminal).
The PIN is checked by the same service as the desk's sign-in, with its lock-out;
the technician's role decides what they may do, and the OS user is recorded
beside their name in every audit event. The commands in :data:`OPEN_COMMANDS`
only read and need no PIN. Until the first technician is registered, the CLI
acts as the bootstrap admin (so ``init``, the imports and the first
``technician add`` work on a new database) and says so on standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from app.actor import Actor, current_os_user
from app.errors import InvalidInput, PermissionDenied

if TYPE_CHECKING:
    from app.bootstrap import AppContext

T = TypeVar("T")


class CliContext(Protocol):
    """What signing in needs of :class:`app.cli.context.CliContext` (which calls this
    module: named here, not imported, so the two do not import each other)."""

    signed_in_pin: str | None

    @property
    def app(self) -> AppContext: ...

    def transaction(self, work: Callable[[Any], T], actor: Actor | None = None) -> T: ...

TECHNICIAN_ENV = "LOAN_KIOSK_TECHNICIAN"
PIN_ENV = "LOAN_KIOSK_PIN"

#: commands (and sub-commands) open without a PIN: they only read
OPEN_COMMANDS = frozenset({
    ("whois",), ("report",), ("audit", "verify"), ("audit", "head"), ("trip", "status"),
    ("kit", "show"), ("kit", "list"), ("stocktake", "report"), ("stocktake", "list"),
    ("pad", "list"), ("pad", "test"), ("site", "list"), ("location", "list"),
    # a pretend pad on a pseudo-terminal for testing: touches no data of the app's
    ("pad", "simulate"),
})

#: a technician whose PIN is shorter than the minimum may still run this (to change it)
CHANGE_PIN_COMMAND = ("technician", "pin")

BOOTSTRAP_NAME = "bootstrap-admin"


def command_path(args: argparse.Namespace) -> tuple[str, ...]:
    """``("audit", "verify")`` for ``loan-kiosk audit verify``."""
    command = getattr(args, "command", None)
    if not command:
        return ()
    subs = [str(v) for k, v in sorted(vars(args).items()) if k.endswith("_command") and v]
    return (command, *subs)


def needs_pin(args: argparse.Namespace) -> bool:
    """Whether this command must be proven by a technician's PIN (``report --out`` and
    ``audit head --pdf`` write a file, so they do; to the screen they do not)."""
    path = command_path(args)
    if not path:
        return False  # the desk: it has its own sign-in screen
    if path == ("report",):
        return bool(getattr(args, "out", None))
    if path == ("audit", "head"):  # --pdf writes a file, signed by the technician
        return bool(getattr(args, "pdf", None))
    return path not in OPEN_COMMANDS


def technician_name(args: argparse.Namespace) -> str | None:
    name = getattr(args, "technician", None) or os.environ.get(TECHNICIAN_ENV, "")
    return name.strip() or None


#: commands a scheduled job runs as ``[notices] scheduled_technician`` when no technician is named
SCHEDULED_COMMANDS = {("notices", "run"), ("notices", "send")}


def _scheduled_technician(args: argparse.Namespace, ctx: CliContext) -> str | None:
    """``[notices] scheduled_technician`` for the daily notices job (its PIN is still needed)."""
    if command_path(args) not in SCHEDULED_COMMANDS:
        return None
    return ctx.app.settings.notices.scheduled_technician.strip() or None


def read_pin(args: argparse.Namespace) -> str:
    """The acting technician's PIN: ``LOAN_KIOSK_PIN``, else the first line of standard
    input with ``--pin-stdin``, else asked at the terminal."""
    pin = os.environ.get(PIN_ENV)
    if pin:
        args.signer_pin_from = PIN_ENV  # read_new_pin says so: stdin's first line is the new PIN
        return pin.strip()
    if getattr(args, "pin_stdin", False):
        args.signer_pin_from = "standard input"
        return sys.stdin.readline(64).strip()
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Your PIN: ").strip()
    raise PermissionDenied(f"no PIN given: set {PIN_ENV}, or pass it on standard input with "
                           "--pin-stdin")


def authenticate(args: argparse.Namespace, ctx: CliContext) -> Actor:
    """The technician this command acts as, proven; raises :class:`PermissionDenied`
    (one ``error:`` line, nothing changed but the failure count) otherwise."""
    os_user = current_os_user()
    if not needs_pin(args):
        return Actor(f"cli:{os_user}", "technician", None, os_user)
    from app.services.technicians import count_technicians

    with ctx.app.uow(Actor(f"cli:{os_user}", os_user=os_user), readonly=True) as uow:
        registered = count_technicians(uow)
    if registered == 0:
        print("note: no technician is registered yet, so this runs as the bootstrap admin; "
              "register the first one with 'loan-kiosk technician add USERNAME --admin'",
              file=sys.stderr)
        return Actor(BOOTSTRAP_NAME, "admin", None, os_user)
    name = technician_name(args) or _scheduled_technician(args, ctx)
    if name is None:
        raise PermissionDenied(f"say which technician you are: --technician USERNAME or "
                               f"{TECHNICIAN_ENV}, with your PIN in {PIN_ENV} or on standard "
                               "input with --pin-stdin")
    pin = read_pin(args)
    if not pin:
        raise PermissionDenied("no PIN given")
    return _sign_in(ctx, args, name[:128], pin, os_user)


def _sign_in(ctx: CliContext, args: argparse.Namespace, name: str, pin: str,
             os_user: str) -> Actor:
    from app.services.technicians import MIN_PIN_LENGTH, sign_in, username_key

    result = ctx.transaction(lambda uow: sign_in(uow, name, pin, record_success=False),
                             Actor(username_key(name)[:128], os_user=os_user))
    if not result.ok or result.actor is None:
        raise PermissionDenied(f"{name}: {result.message.rstrip('.')}")
    if result.must_change_pin and command_path(args) != CHANGE_PIN_COMMAND:
        raise PermissionDenied(f"your PIN is shorter than {MIN_PIN_LENGTH} digits: change it "
                               "first with 'loan-kiosk technician pin'")
    ctx.signed_in_pin = pin
    return result.actor


def read_new_pin(args: argparse.Namespace, prompt: str) -> str:
    """A new PIN for ``technician add`` or ``technician pin``: the next line of standard
    input with ``--pin-stdin`` — its first line when the acting technician's own PIN came
    from ``LOAN_KIOSK_PIN`` (or none was needed), its second when that was read there too —
    else asked twice at the terminal. With ``--pin-stdin`` :func:`new_pin_note` then says
    which line was taken and where the acting technician's PIN came from (a script that
    writes its own PIN first while ``LOAN_KIOSK_PIN`` is set would give the new technician
    that PIN)."""
    if getattr(args, "pin_stdin", False):
        source = getattr(args, "signer_pin_from", None)
        line = "second" if source == "standard input" else "first"
        yours = (f"your PIN from {source}" if source is not None
                 else "no PIN of yours needed (no technician yet)")
        what = prompt if prompt[:2].isupper() else prompt[:1].lower() + prompt[1:]
        args.new_pin_note = f"note: {what} was the {line} line of standard input ({yours})"
        return sys.stdin.readline(64).strip()
    if not sys.stdin.isatty():
        raise InvalidInput("no terminal to ask for a PIN: use --pin-stdin")
    import getpass

    pin = getpass.getpass(f"{prompt}: ")
    if getpass.getpass("Same PIN again: ") != pin:
        raise InvalidInput("the two PINs differ")
    return pin


def new_pin_note(args: argparse.Namespace) -> None:
    """Once the new PIN is saved: where it (and the acting technician's) came from, on
    standard error, when it was read from standard input (see :func:`read_new_pin`)."""
    note = getattr(args, "new_pin_note", None)
    if note:
        print(note, file=sys.stderr)
