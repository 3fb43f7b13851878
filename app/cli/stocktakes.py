"""``loan-kiosk stocktake start|scan|report|close|pause|resume|list|move-unexpected|mark-missing-lost``:
a location (or a whole school) checked against the register by scanning."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    common = [common_parent()]
    st = sub.add_parser("stocktake", help="stocktakes: scan a room or a school, see what is "
                                          "found, missing, out of place or on loan")
    st_sub = st.add_subparsers(dest="stocktake_command", metavar="ACTION", required=True)

    def action(name: str, help_: str, handler: Any, *, number: bool = True,
               json_: bool = True) -> argparse.ArgumentParser:
        p = st_sub.add_parser(name, parents=common, help=help_)
        if number:
            p.add_argument("id", metavar="ID", help="the stocktake's number (stocktake list)")
        if json_:
            p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)
        return p

    p = action("start", "start a stocktake of a location (with the locations inside it) or "
               "of a whole school; prints its number", cmd_start, number=False)
    p.add_argument("place", metavar="LOCATION", help="a location's code, or a school's code")
    p = action("scan", "record tags scanned (or typed) into a stocktake", cmd_scan)
    p.add_argument("codes", metavar="TAG", nargs="+", help="asset tags (or label texts)")
    p.add_argument("--desk", metavar="NAME", help="the desk to record (default: this computer)")
    p = action("report", "what a stocktake found, missing, unexpected, on loan and unknown",
               cmd_report)
    p.add_argument("--section", choices=("found", "missing", "unexpected", "on_loan", "unknown"),
                   help="only this list")
    action("close", "close a stocktake and archive its PDF report", cmd_close)
    action("pause", "pause a stocktake (scans are refused until it is resumed)", cmd_pause)
    action("resume", "resume a paused stocktake", cmd_resume)
    p = action("list", "stocktakes, newest first", cmd_list, number=False)
    p.add_argument("--going", action="store_true", help="only those not closed")
    action("move-unexpected", "record every unexpected item as now in the stocktake's place",
           cmd_move)
    p = action("mark-missing-lost", "record missing items as lost, opening an incident each",
               cmd_lost)
    p.add_argument("tags", metavar="TAG", nargs="*", help="only these (default: every one missing)")


def _summary(info: Any) -> str:
    return f"stocktake #{info.id} of {info.place}: {info.status}, {info.scans} scanned"


def cmd_start(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktakes import start_stocktake

    done = ctx.transaction(lambda uow: start_stocktake(uow, args.place))
    if args.json:
        print_json(done.to_dict())
        return 0
    print(f"stocktake #{done.id} of {done.place} started; scan with "
          f"'loan-kiosk stocktake scan {done.id} TAG...'")
    print(done.id)
    return 0


def cmd_scan(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.errors import InvalidInput
    from app.services.stocktakes import MAX_CODES_AT_ONCE, scan, this_desk

    if len(args.codes) > MAX_CODES_AT_ONCE:
        raise InvalidInput(f"at most {MAX_CODES_AT_ONCE} codes at once")
    desk = (args.desk or this_desk())[:128]
    done = []
    for code in args.codes:
        def one(uow: UnitOfWork, code: str = code) -> Any:
            return scan(uow, args.id, code, desk=desk)

        done.append(ctx.transaction(one))
    if args.json:
        print_json([d.to_dict() for d in done])
        return 0
    for d in done:
        what = d.tag if d.tag else f"{d.code} (matches no asset: listed as unknown)"
        print(f"{what}: {'recorded' if d.new else 'already scanned'}")
    return 0


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktake_results import SECTION_TITLES, SECTIONS, stocktake_result
    from app.timetable import school_zone
    from printing.wording import fmt_datetime

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = stocktake_result(uow, args.id)
    sections = [args.section] if args.section else list(SECTIONS)
    if args.json:
        data = result.to_dict()
        if args.section:
            data = {k: v for k, v in data.items() if k not in SECTIONS or k == args.section}
        print_json(data)
        return 0
    counts = result.counts()
    st = result.stocktake
    print(_summary(st))
    zone = school_zone(ctx.app.settings.timetable)  # the school's clock ([timetable] timezone)
    print(f"started {fmt_datetime(st.started_at.isoformat(), zone)} by {st.started_by}"
          + (f"; closed {fmt_datetime(st.closed_at.isoformat(), zone)} by {st.closed_by}"
             if st.closed_at is not None else ""))
    print(f"expected {result.expected}: found {counts['found']}, missing {counts['missing']}, "
          f"on loan {counts['on_loan']}; unexpected {counts['unexpected']}, "
          f"unknown {counts['unknown']}")
    for name in sections:
        items = result.section(name)
        print(f"\n{SECTION_TITLES[name]} ({len(items)})")
        lines = [(item, item.home if name != "unknown" else (item.scanned_by or ""),
                  _extra(name, item)) for item in items]
        width = max([12, *(len(where) for _i, where, _e in lines)])
        for item, where, extra in lines:
            print(f"  {item.tag:<14} {item.description[:30]:<30} {where:<{width}} "
                  f"{extra}".rstrip())
    if result.stocktake.file:
        print(f"\nreport: {ctx.app.paths.data_dir / result.stocktake.file}")
    return 0


def _extra(section: str, item: Any) -> str:
    """The last column: the note, or for a missing item its status and, when it was last
    put somewhere else than its home, where (the first place to look for it)."""
    if section != "missing":
        return str(item.note)
    from app.status_words import status_in_words

    text = item.note or status_in_words(item.status)
    if item.current and item.current != item.home:
        text += f", last put in {item.current}"
    return str(text)


def cmd_close(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.retry import run_with_retry
    from app.services.documents.stocktake_reports import close_stocktake

    closed = run_with_retry(lambda: close_stocktake(ctx.app, ctx.actor(), args.id))
    if args.json:
        print_json({**closed.stocktake.to_dict(), "path": str(closed.path)})
        return 0
    print(f"{_summary(closed.stocktake)}; report archived at {closed.path}")
    return 0


def cmd_pause(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktakes import pause_stocktake

    return _show(args, ctx.transaction(lambda uow: pause_stocktake(uow, args.id)))


def cmd_resume(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktakes import resume_stocktake

    return _show(args, ctx.transaction(lambda uow: resume_stocktake(uow, args.id)))


def _show(args: argparse.Namespace, info: Any) -> int:
    if args.json:
        print_json(info.to_dict())
    else:
        print(_summary(info))
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_scope import every_school_shown
    from app.services.stocktakes import list_stocktakes
    from app.timetable import school_zone
    from printing.wording import fmt_datetime

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = list_stocktakes(uow, going_only=args.going)
        every = every_school_shown(uow)  # --site ALL: each line starts with its school
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("no stocktakes" + (" going" if args.going else ""))
    zone = school_zone(ctx.app.settings.timetable)  # the school's clock ([timetable] timezone)
    for r in rows:
        school = f"{r.site_code:<6} " if every else ""
        print(f"{school}#{r.id:<4} {fmt_datetime(r.started_at.isoformat(), zone)}  "
              f"{r.status:<7} {r.scans:>5} scanned  {r.place}  (by {r.started_by})")
    return 0


def cmd_move(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktake_results import confirm_moves

    done = ctx.transaction(lambda uow: confirm_moves(uow, args.id))
    if args.json:
        print_json(done.to_dict())
        return 0
    for m in done.moved:
        print(f"{m.tag}: now recorded at {done.to} (was {m.was or 'nowhere recorded'})")
    for tag, why in done.kept:
        print(f"{tag}: not moved, {why}")
    return 0


def cmd_lost(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.stocktake_results import mark_missing_lost

    done = ctx.transaction(lambda uow: mark_missing_lost(uow, args.id, args.tags or None))
    if args.json:
        print_json(done.to_dict())
        return 0
    for item in done.lost:
        print(f"{item.tag}: recorded as lost, incident opened")
    for tag, why in done.kept:
        print(f"{tag}: not recorded lost, {why}")
    return 0
