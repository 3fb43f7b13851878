"""Today's audit anchor handed to the people it holds the desk to account to: printed on
one page, saved as a PDF, or mailed through the outbox (docs/reliability.md, "Where
the anchors go"). The chain is checked first each time: an anchor of a log already
tampered with proves nothing, so none is given for a broken log."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from app.atomic_files import write_new_file
from app.bootstrap import AppContext
from app.devices.printer import PrinterFactory
from app.errors import InvalidInput, Refused
from app.evidence import AnchorReport, current_anchor
from app.notices import outbox
from app.notices.messages import Draft
from app.services.documents.archive import logo_path
from app.services.label_printing import LabelPrintOutcome, print_saved
from app.uow import Actor
from printing.anchor_sheet import AnchorSheet, render_anchor_sheet

ANCHORS_DIR = Path("documents") / "anchors"
#: a light sanity check: something@something, no spaces (as a person's e-mail)
_EMAIL = re.compile(r"[^\s@,]\S*@\S*[^\s@,]")


@dataclass(frozen=True)
class AnchorPdf:
    report: AnchorReport
    token: str
    pdf: bytes


def _checked(app_ctx: AppContext, actor: Actor) -> tuple[AnchorReport, str]:
    with app_ctx.uow(actor, readonly=True) as uow:
        report = current_anchor(uow.session)
    if not report.ok or not report.token:
        raise Refused(f"the audit log is broken ({report.problem}): no anchor is given for a "
                      "broken log; tell your DPO")
    return report, report.token


def anchor_pdf(app_ctx: AppContext, actor: Actor) -> AnchorPdf:
    """Check the chain, then lay its anchor out on one page."""
    report, token = _checked(app_ctx, actor)
    settings = app_ctx.settings
    sheet = AnchorSheet(school=settings.school.name, token=token, events=report.events,
                        taken_at=app_ctx.db.clock(), technician=actor.name)
    try:
        pdf = render_anchor_sheet(sheet, size=settings.printing.page_size,
                                  logo=logo_path(app_ctx))
    except ValueError as exc:  # a page size the settings check let through
        raise InvalidInput(str(exc)) from None
    return AnchorPdf(report, token, pdf)


def save_anchor_sheet(app_ctx: AppContext, anchor: AnchorPdf, target: Path | None = None) -> Path:
    """The page saved as a new file: ``target``, or under the documents folder."""
    if target is None:
        stamp = app_ctx.db.clock().strftime("%Y%m%d-%H%M%S")
        target = app_ctx.paths.data_dir / ANCHORS_DIR / f"audit-anchor-{stamp}.pdf"
        return write_new_file(target, anchor.pdf, pick_new_name=True)
    return write_new_file(target, anchor.pdf, overwrite=True)


def print_anchor_sheet(app_ctx: AppContext, actor: Actor, *,
                       printer_factory: PrinterFactory | None = None) -> LabelPrintOutcome:
    """Check the chain, save the page under the documents folder and print it through the
    print queue (a printer that is away keeps it queued, and the message says so)."""
    anchor = anchor_pdf(app_ctx, actor)
    path = save_anchor_sheet(app_ctx, anchor)
    return print_saved(app_ctx, actor, path, f"Audit anchor {anchor.token}",
                       ("The audit anchor", "the audit anchor"), printer_factory=printer_factory)


def check_address(address: str) -> str:
    value = address.strip()
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise InvalidInput("that does not look like an email address (dpo@school.org.uk)")
    return value


def email_anchor(app_ctx: AppContext, actor: Actor, address: str) -> str:
    """Check the chain and queue its anchor in the outbox for ``address`` (audited as
    ``notice_queued``; the desk's sender delivers it). What happened, in a sentence."""
    to = check_address(address)
    if not app_ctx.settings.mail.host.strip():
        raise Refused("e-mail is not set up on this desk (Admin → Settings → Mail): print the "
                      "anchor or save it as a PDF instead")
    report, token = _checked(app_ctx, actor)
    school = app_ctx.settings.school.name
    text = (f"Audit anchor of {school}'s Loan Kiosk:\n\n    {token}\n\n"
            f"Taken {app_ctx.db.clock():%Y-%m-%d %H:%M} UTC by {actor.name}, when the audit "
            f"log held {report.events} events and was checked intact.\n\n"
            "Keep it off the desk PC, with the school's Data Protection Officer, beside the "
            "earlier ones. `loan-kiosk audit verify --anchor TOKEN` fails, naming it, if the "
            "history up to it is ever rewritten or rolled back.\n")
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                   for p in text.split("\n\n") if p.strip())
    draft = Draft("anchor", f"anchor:{token}:{to.casefold()}"[:200], [to], [],
                  f"Audit anchor {token} ({school})"[:500], text, body)
    with app_ctx.uow(actor) as uow:
        queued = outbox.queue(uow, draft)
        if queued is not None:
            uow.commit()
    if queued is None:
        return f"Anchor {token} is already in the outbox for {to}."
    return f"Anchor {token} queued for {to}: the desk sends it with the other notices."
