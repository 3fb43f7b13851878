"""The options every command takes (``--db``, ``--data-dir``, ``--technician``, ``--pin-stdin``,
``--site``, ``--demo``),
before or after the sub-command."""

from __future__ import annotations

import argparse


def add_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL (default: LOAN_KIOSK_DB, else SQLite in the data dir)")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="data directory (default: LOAN_KIOSK_DATA_DIR, else the user data dir)")
    parser.add_argument("--technician", metavar="USER", default=default,
                        help="the registered technician doing this (default: "
                             "LOAN_KIOSK_TECHNICIAN); their PIN comes from LOAN_KIOSK_PIN, "
                             "--pin-stdin or the terminal")
    parser.add_argument("--pin-stdin", action="store_true", default=default,
                        help="read your PIN from the first line of standard input, unless "
                             "LOAN_KIOSK_PIN gives it (technician add/pin: the new PIN from "
                             "the next line — the first when LOAN_KIOSK_PIN is set)")
    parser.add_argument("--site", metavar="CODE", default=default,
                        help="the school (site) to work at: lists and reports show its rows, "
                             "new rows belong to it; ALL for every school (default: "
                             "LOAN_KIOSK_SITE, else [desk] site, else your own school)")
    if not top:  # the top level has its own, which also starts the demo desk
        parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                            help="on the demo school's own database, never the real one")


def common_parent() -> argparse.ArgumentParser:
    """A parent parser so ``--db`` etc. work after the sub-command too."""
    parent = argparse.ArgumentParser(add_help=False)
    add_common(parent)
    return parent
