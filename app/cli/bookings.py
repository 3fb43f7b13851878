"""``loan-kiosk book`` and ``loan-kiosk bookings``: reserve equipment, list and export bookings.

``book TAG|KIT|"N KIND" STAFF_CODE --from DATE[THH:MM] --to DATE[THH:MM]`` or ``--periods
DATE P1[-P3]``, optionally ``--weekly-until DATE|term``; ``book cancel|ready|unready ID``,
``book change ID --from … --to …``. ``bookings [--day DATE] [--days N] [--json]`` lists a
day; ``bookings --ics FILE [--person CODE|--kit TAG]`` writes a calendar file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, chosen_site, print_json
from app.cli.inputs import date_arg
from app.cli.options import common_parent
from app.errors import InvalidInput
from app.services.site_scope import desk_school_name
from app.uow import UnitOfWork

#: ``book ACTION ID``: the actions on an existing booking
ACTIONS = ("cancel", "ready", "unready", "change")


def register(sub: Any) -> None:
    common = [common_parent()]
    p = sub.add_parser(
        "book", parents=common, help="book an asset, a kit or N of a kind for a member of staff",
        usage="%(prog)s TAG|KIT|'N KIND' STAFF_CODE (--from WHEN --to WHEN | --periods DATE "
              "P1[-P3]) [--weekly-until DATE|term] [--purpose TEXT]\n       %(prog)s "
              "cancel|ready|unready ID  |  %(prog)s change ID --from WHEN --to WHEN",
        description="WHEN is DATE or DATETHH:MM in school time. 'N KIND' books that many of a "
                    "kind (e.g. '12 phones') at the school. A clash exits 2 naming who has it.")
    p.add_argument("target", metavar="TAG|KIT|ACTION")
    p.add_argument("staff_code", metavar="STAFF_CODE|ID")
    p.add_argument("--from", dest="start", metavar="DATE[THH:MM]")
    p.add_argument("--to", dest="end", metavar="DATE[THH:MM]")
    p.add_argument("--periods", nargs=2, metavar=("DATE", "P1[-P3]"))
    p.add_argument("--weekly-until", metavar="DATE|term",
                   help="repeat every week (every other week with a week A/B timetable) until "
                        "this date or the end of the term, skipping holidays")
    p.add_argument("--purpose", metavar="TEXT")
    # --site (a common option, app.cli.options): the school a pool booking draws from
    p.add_argument("--series", action="store_true", help="cancel: the later weekly ones too")
    p.add_argument("--reason", metavar="TEXT", help="cancel: why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_book)

    p = sub.add_parser("bookings", parents=common, help="list a day's bookings, or export them")
    p.add_argument("--day", type=date_arg, metavar="DATE", help="default: today")
    p.add_argument("--days", type=int, default=1, metavar="N", help="this many days from --day")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ics", metavar="FILE", help="write the coming bookings as a calendar file")
    p.add_argument("--person", metavar="STAFF_CODE", help="--ics: only this person's")
    p.add_argument("--kit", metavar="TAG", help="--ics: only this kit's")
    p.add_argument("--force", action="store_true", help="replace the --ics file if it exists")
    p.set_defaults(handler=cmd_bookings)


def _booking_id(text: str) -> int:
    if not text.strip().isdigit():
        raise InvalidInput(f"a booking is named by its number, not {text!r}")
    return int(text)


def cmd_book(args: argparse.Namespace, ctx: CliContext) -> int:
    action = args.target.strip().lower()
    if action in ACTIONS:
        return _act(args, ctx, action, _booking_id(args.staff_code))
    from app.services.bookings import Slot, book, school_timetable, when_text
    from app.timetable import booking_times

    def make(uow: UnitOfWork) -> list[dict[str, Any]]:
        tt = school_timetable(uow)
        times = booking_times(tt, start=args.start, end=args.end,
                              periods=tuple(args.periods) if args.periods else None,
                              weekly_until=args.weekly_until)
        made = book(uow, args.target, args.staff_code, [Slot(a, b) for a, b in times],
                    purpose=args.purpose, site_code=chosen_site(args) or None)
        return [{"id": b.id, "from": b.starts_at.isoformat(), "to": b.ends_at.isoformat(),
                 "when": when_text(tt, b.starts_at, b.ends_at), "series_id": b.series_id}
                for b in made]

    made = ctx.transaction(make)
    if args.json:
        print_json({"bookings": made})
        return 0
    for b in made:
        print(f"booking {b['id']}: {args.target.strip()} for {args.staff_code.strip()}, "
              f"{b['when']}")
    return 0


def _act(args: argparse.Namespace, ctx: CliContext, action: str, booking_id: int) -> int:
    from app.services import booking_changes as changes
    from app.services.bookings import Slot, school_timetable, when_text
    from app.timetable import booking_times

    def act(uow: UnitOfWork) -> str:
        if action == "cancel":
            done = changes.cancel_booking(uow, booking_id, series=args.series, reason=args.reason)
            return "cancelled booking " + ", ".join(str(b.id) for b in done)
        if action in ("ready", "unready"):
            b = changes.mark_ready(uow, booking_id, ready=action == "ready")
            return f"booking {b.id} is {b.status}"
        tt = school_timetable(uow)
        times = booking_times(tt, start=args.start, end=args.end,
                              periods=tuple(args.periods) if args.periods else None)
        b = changes.change_booking(uow, booking_id, Slot(*times[0]))
        return f"booking {b.id} moved to {when_text(tt, b.starts_at, b.ends_at)}"

    print(ctx.transaction(act))
    return 0


def cmd_bookings(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.booking_changes import release_no_shows
    from app.services.booking_views import chosen_bookings, day_bookings, ics_bytes
    from app.services.bookings import school_timetable
    from app.services.site_scope import school_key

    if args.days < 1 or args.days > 62:
        raise InvalidInput("--days is 1 to 62")
    if (args.person or args.kit) and not args.ics:
        raise InvalidInput("--person and --kit choose what --ics exports")
    actor = ctx.actor()
    ctx.transaction(release_no_shows, actor)  # no-shows go when bookings are next read
    with ctx.app.uow(actor, readonly=True) as uow:
        if args.ics:
            rows = chosen_bookings(uow, person=args.person, kit=args.kit,
                                   since=uow.now - dt.timedelta(days=1))
            name = f"{desk_school_name(uow)} bookings"
            if args.person or args.kit:
                name += f": {args.person or args.kit}"
            data = ics_bytes(rows, name=name)
            from app.atomic_files import write_new_file

            write_new_file(Path(args.ics), data, mode=0o644, overwrite=args.force)
            print(f"{len(rows)} booking(s) written to {args.ics}")
            return 0
        day = args.day or school_timetable(uow).local(uow.now).date()
        rows = day_bookings(uow, day, args.days)
        # every school's (--site ALL): each booking names its school (asking nothing more)
        every = school_key(uow) is None
    if args.json:
        print_json({"day": day.isoformat(), "days": args.days,
                    "bookings": [r.to_json() for r in rows]})
        return 0
    print(f"bookings {day.isoformat()}" + (f" (+{args.days - 1} days)" if args.days > 1 else "")
          + f": {len(rows)}")
    for r in rows:
        where = f"  from {'; '.join(r.where)}" if r.where else ""
        school = f"{r.site or '-':<6} " if every else ""
        print(f"  {r.id:>6}  {school}{r.status:<9} {r.when}  {r.what}  for {r.name} "
              f"({r.staff_code}){where}")
        for w in r.warnings:
            print(f"          warning: {w}")
    return 0
