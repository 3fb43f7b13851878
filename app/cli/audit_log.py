"""``loan-kiosk audit verify`` and ``audit head``: check the tamper-evident audit log, and
print its anchor to keep outside the database (the daily digest mails the same token)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    aud = sub.add_parser("audit", help="the tamper-evident audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = aud_sub.add_parser("verify", parents=common, help="check the chain and every audited row")
    p.add_argument("--anchor", action="append", default=[], metavar="TOKEN",
                   help="an anchor from `audit head` the chain must still hold (repeatable)")
    p.add_argument("--anchors", action="append", default=[], metavar="FILE",
                   help="a file of anchors, one a line (# comments allowed)")
    p.set_defaults(handler=cmd_audit_verify)
    p = aud_sub.add_parser("head", parents=common,
                           help="check the chain, then print its anchor (keep it off this PC)")
    p.add_argument("--pdf", metavar="FILE",
                   help="also write the anchor on one page, to print and give to the DPO "
                        "(needs a PIN)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=cmd_audit_head)


def cmd_audit_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app import anchors, audit
    from app.evidence import check_receipts

    given = anchors.parse_all(args.anchor, [Path(f) for f in args.anchors])
    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = audit.verify(uow.session, anchors=given)
        archive = check_receipts(uow.session, ctx.app.paths.data_dir)
        printed = [a for _, a in archive.printed]
        on_paper = audit.verify(uow.session, anchors=printed) if result.ok and printed else None
    if not result.ok:
        print(f"audit log BROKEN: {result.problem}")
        return 1
    if on_paper is not None and not on_paper.ok:
        problem = str(on_paper.problem)
        numbers = [n for n, a in archive.printed if f"anchor {a.token} " in problem]
        where = f" (printed on receipt {numbers[0]})" if numbers else ""
        print(f"audit log BROKEN: {problem}{where}")
        return 1
    held = f"; {len(given)} anchor{'s' if len(given) != 1 else ''} held" if given else ""
    print(f"audit log intact ({result.events} events{held})")
    if archive.problems:
        for problem in archive.problems:
            print(f"receipts archive BROKEN: {problem}")
        return 1
    print(f"receipts archive intact ({archive.archived} archived files match their SHA-256; "
          f"the anchors printed on {len(printed)} receipts hold)")
    return 0


def cmd_audit_head(args: argparse.Namespace, ctx: CliContext) -> int:
    """The chain is verified first: an anchor of a log already tampered with proves nothing."""
    from app import audit

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = audit.verify(uow.session)
        anchor = audit.head_anchor(uow.session)
    if not result.ok:
        print(f"audit log BROKEN: {result.problem}")
        print("no anchor given: fix or restore the log first")
        return 1
    if args.pdf:
        from app.errors import InvalidInput
        from app.services.anchor_sheet import anchor_pdf, save_anchor_sheet

        sheet = anchor_pdf(ctx.app, ctx.actor())
        try:
            path = save_anchor_sheet(ctx.app, sheet, Path(args.pdf).expanduser())
        except OSError as exc:
            raise InvalidInput(f"cannot write {args.pdf}: {exc.strerror or exc}") from exc
        print(f"the anchor's page is saved as {path}: print it and give it to your DPO")
        anchor_token = sheet.token  # checked again for the page: the newest, if one came since
    else:
        anchor_token = anchor.token
    print(f"audit log intact ({result.events} events). Write this anchor down, or keep it "
          "with your DPO, off this PC; `audit verify --anchor` checks it later:")
    print(anchor_token)
    return 0
