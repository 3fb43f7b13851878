"""``loan-kiosk`` command line.

Each command group lives in its own module exposing ``register(subparsers)``;
handlers take the parsed arguments and a :class:`~app.cli.context.CliContext`
and return an exit status. Refusals and bad input end with exit status 2 and a
single ``error: …`` line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.cli.context import CliContext
from app.cli.options import add_common as _add_common
from app.cli.options import common_parent as common_parent
from app.errors import LoanKioskError

#: modules that contribute sub-commands, in help order
COMMAND_MODULES = (
    "app.cli.setup",
    "app.cli.csv_imports",
    "app.cli.lending",
    "app.cli.kits",
    "app.cli.encryption",
    "app.cli.trips",
    "app.cli.bookings",
    "app.cli.leavers",
    "app.cli.whois",
    "app.cli.reports",
    "app.cli.audit_log",
    "app.cli.technicians",
    "app.cli.sites",
    "app.cli.backup",
    "app.cli.demo",
    "app.cli.incidents",
    "app.cli.assets",
    "app.cli.reversals",
    "app.cli.pad",
    "app.cli.documents",
    "app.cli.maintenance",
    "app.cli.notices",
    "app.cli.stocktakes",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False``: only the desk's own options."""
    parser = _Parser(
        prog="loan-kiosk",
        description="Lend school equipment to staff: check-out/in, leavers, trips, labels, reports.",
    )
    parser.add_argument("--version", action="version", version=f"loan-kiosk {__version__}")
    _add_common(parser, top=True)
    parser.add_argument("--demo", action="store_true",
                        help="use the demo school's own database, never the real one (the desk and "
                             "every command; filled on first use)")
    parser.add_argument("--kiosk", action="store_true",
                        help="full screen, no window chrome, locks after inactivity")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check that the desk starts: exit 0 once its sign-in screen is up and "
                             "the database open (2: the database cannot be opened); for installers "
                             "and CI, e.g. with QT_QPA_PLATFORM=offscreen")
    parser.add_argument("--smoke-screenshot", metavar="FILE.png",
                        help="with --smoke-test: save a picture of the sign-in screen here")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


_HELP = ("-h", "--help")


#: the options :func:`build_parser` gives the desk itself: option -> (its dest, takes a value)
_DESK_OPTIONS = {"--db": ("db", True), "--data-dir": ("data_dir", True),
                 "--technician": ("technician", True), "--site": ("site", True),
                 "--smoke-screenshot": ("smoke_screenshot", True), "--pin-stdin": ("pin_stdin", False),
                 "--demo": ("demo", False), "--kiosk": ("kiosk", False),
                 "--smoke-test": ("smoke_test", False)}


def _plain_desk_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The desk's options when each is spelled in full (``--db URL`` or ``--db=URL``), as a
    shortcut, desktop entry or the installers start it; None for anything else.

    The same namespace as the desk's parser gives (tested), without building it: a parser
    and its gettext look-ups (which import ``locale``) were ~3% of the desk's start.
    """
    values: dict[str, object] = {dest: None if takes or dest == "pin_stdin" else False
                                 for dest, takes in _DESK_OPTIONS.values()}
    args = iter(argv)
    for arg in args:
        option, equals, value = arg.partition("=")
        known = _DESK_OPTIONS.get(option)
        if known is None:
            return None
        dest, takes = known
        if not takes:
            if equals:
                return None
            values[dest] = True
            continue
        if not equals:
            following = next(args, None)
            if following is None or following.startswith("-"):
                return None  # argparse says what is missing
            value = following
        values[dest] = value
    return argparse.Namespace(**values, command=None)


def _desk_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only start the desk (no command), else None.

    The command modules import SQLAlchemy and the models (~0.6 s); the desk shows its
    window before it needs them (see ``ui.desk_app``), so ``loan-kiosk`` on its own
    does not build the full parser.
    """
    plain = _plain_desk_arguments(argv)
    if plain is not None:
        return plain
    if any(a in _HELP for a in argv):
        return None
    args, rest = build_parser(commands=False).parse_known_args(argv)
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _desk_arguments(argv)
    parser: argparse.ArgumentParser | None = None
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    ctx = CliContext(args)
    try:
        if args.command is None:
            from app.cli.desk import launch_desk

            return launch_desk(args, ctx)
        handler = getattr(args, "handler", None)
        if handler is None:
            assert parser is not None
            parser.parse_args([args.command, "--help"])
            return 2
        ctx.actor()  # who is acting, proven before anything runs (app.cli.auth)
        from app.cli.auth import command_path
        from app.cli.outputs import check_outputs

        check_outputs(args, ctx, command_path(args))  # before any transaction
        return int(handler(args, ctx))
    except LoanKioskError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `… --json | head`: the reader has what it wanted; no fault
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 141  # as a shell tool killed by SIGPIPE
    except Exception:  # a bug: say so in plain words; LOAN_KIOSK_DEBUG=1 shows the traceback
        import os

        if os.environ.get("LOAN_KIOSK_DEBUG"):
            raise
        print("error: something unexpected stopped the command (a fault in Loan Kiosk, not in "
              "what you typed); run it again with LOAN_KIOSK_DEBUG=1 to see the details for IT "
              "support", file=sys.stderr)
        return 1
    finally:
        ctx.close()
