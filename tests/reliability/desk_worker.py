"""A desk in its own process, for the concurrency and crash tests.

Run as ``python -m tests.reliability.desk_worker MODE DB_URL DATA_DIR ...``.
The race modes open the database, print ``ready``, wait for ``go`` on stdin
(so every desk starts at the same moment), then report each outcome as one
JSON line on stdout. Each operation goes through the real services, inside
:func:`app.retry.run_with_retry`, exactly as a desk would call them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.errors import LoanKioskError
from app.retry import run_with_retry
from app.uow import Actor

retries = 0


def emit(**data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _on_retry(message: str) -> None:
    global retries
    retries += 1
    sys.stderr.write(message + "\n")


def open_desk(db_url: str, data_dir: str) -> AppContext:
    return bootstrap(db_url, data_dir=Path(data_dir), settings=Settings())


def wait_for_go() -> None:
    emit(state="ready")
    line = sys.stdin.readline()
    if line.strip() != "go":
        raise SystemExit(3)


def race_checkout(ctx: AppContext, desk: str, staff_code: str, tags: list[str]) -> None:
    from app.services.loans import check_out

    actor = Actor(desk)
    for tag in tags:
        def attempt(tag: str = tag) -> int:
            with ctx.uow(actor) as uow:
                return check_out(uow, tag, staff_code).loans[0].id

        try:
            loan_id = run_with_retry(attempt, on_retry=_on_retry)
        except LoanKioskError as exc:
            emit(op="checkout", tag=tag, ok=False, error=exc.message, kind=type(exc).__name__)
        else:
            emit(op="checkout", tag=tag, ok=True, loan_id=loan_id)


def race_leaver(ctx: AppContext, desk: str, staff_codes: list[str]) -> None:
    from app.services.leavers import leaver_return

    actor = Actor(desk)
    for code in staff_codes:
        def attempt(code: str = code) -> str:
            with ctx.uow(actor) as uow:
                return leaver_return(uow, code, confirm_not_leaving=True).number

        try:
            number = run_with_retry(attempt, on_retry=_on_retry)
        except LoanKioskError as exc:
            emit(op="leaver", staff_code=code, ok=False, error=exc.message, kind=type(exc).__name__)
        else:
            emit(op="leaver", staff_code=code, ok=True, number=number)


#: in a stocktake race's codes: seal the audit chain here instead of scanning
SEAL = "@seal"


def race_stocktake(ctx: AppContext, desk: str, stocktake_id: str, codes: list[str]) -> None:
    from app.services.stocktakes import scan

    actor = Actor(desk)
    for code in codes:
        if code == SEAL:  # the audit chain sealed meanwhile, as 'audit head' does
            from app import audit

            with ctx.uow(actor, readonly=True) as uow:
                emit(op="seal", anchor=run_with_retry(lambda: audit.head_anchor(uow.session).token,
                                                      on_retry=_on_retry))
            continue

        def attempt(code: str = code) -> bool:
            with ctx.uow(actor) as uow:
                return scan(uow, stocktake_id, code, desk=desk).new

        try:
            new = run_with_retry(attempt, on_retry=_on_retry)
        except LoanKioskError as exc:
            emit(op="scan", code=code, ok=False, error=exc.message)
        else:
            emit(op="scan", code=code, ok=True, new=new)


def race_book(ctx: AppContext, desk: str, staff_code: str, wanted: list[str]) -> None:
    """Each of ``wanted`` is ``TARGET@FROM/TO`` (ISO datetimes, UTC)."""
    import datetime as dt

    from app.services.bookings import Slot, book

    actor = Actor(desk)
    for want in wanted:
        target, _, span = want.partition("@")
        start, _, end = span.partition("/")
        slot = Slot(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))

        def attempt(target: str = target, slot: Slot = slot) -> int:
            with ctx.uow(actor) as uow:
                return book(uow, target, staff_code, [slot])[0].id

        try:
            booking_id = run_with_retry(attempt, on_retry=_on_retry)
        except LoanKioskError as exc:
            emit(op="book", want=want, ok=False, error=exc.message, kind=type(exc).__name__)
        else:
            emit(op="book", want=want, ok=True, booking_id=booking_id)


def main(argv: list[str]) -> int:
    mode, db_url, data_dir, *rest = argv
    ctx = open_desk(db_url, data_dir)
    try:
        if mode == "race-checkout":
            desk, staff_code, *tags = rest
            wait_for_go()
            race_checkout(ctx, desk, staff_code, tags)
        elif mode == "race-book":
            desk, staff_code, *wanted = rest
            wait_for_go()
            race_book(ctx, desk, staff_code, wanted)
        elif mode == "race-leaver":
            desk, *codes = rest
            wait_for_go()
            race_leaver(ctx, desk, codes)
        elif mode == "race-stocktake":
            desk, stocktake_id, *codes = rest
            wait_for_go()
            race_stocktake(ctx, desk, stocktake_id, codes)
        elif mode == "crash-loop":
            from tests.reliability.crash_ops import crash_loop

            crash_loop(ctx, int(rest[0]))
        else:
            raise SystemExit(f"unknown mode {mode}")
        emit(state="done", retries=retries)
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
