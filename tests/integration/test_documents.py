"""Archiving, printing (with a printer that comes and goes), verifying, labels and trip
sheets, on SQLite and PostgreSQL, through the same services the desk and CLI use."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import audit
from app.bootstrap import AppContext
from app.config import Settings
from app.devices.printer import FakePrinter, Printer
from app.errors import InvalidInput, NotFound, Refused
from app.services import documents
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.services.receipts import loan_ack
from app.services.trips import create_trip
from app.uow import Actor
from db.models import AuditEvent, Loan, PrintJob, Receipt
from printing.render import CONTENT_ATTACHMENT
from tests.factories import add_asset, add_person, school
from tests.unit.printing import samples
from tests.unit.printing.pdfs import decode_qr, ink_pixels, page_texts, render


def make_leaver_receipt(ctx: AppContext, actor: Actor) -> str:
    """Siân Ó Briain leaves: hands back two items, one stays missing. Returns R-number."""
    school(ctx)
    with ctx.uow(actor) as uow:
        check_out(uow, ["LT-0001", "PH-0001", "TB-0001"], "AB1")
    with ctx.uow(actor) as uow:
        receipt = leaver_return(uow, "AB1", confirm_not_leaving=True, returned_tags=["LT-0001", "TB-0001"],
                                notes={"PH-0001": "left it on the coach"},
                                signature=samples.signature())
        return receipt.number


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


class Printers:
    """A printer factory for the services that hands out fakes by queue name."""

    def __init__(self) -> None:
        self.by_name: dict[str | None, FakePrinter] = {}

    def __call__(self, settings: Settings, name: str | None) -> Printer:
        return self.get(name)

    def get(self, name: str | None) -> FakePrinter:
        return self.by_name.setdefault(name, FakePrinter(name))


@pytest.fixture
def printers() -> Printers:
    return Printers()


def audit_events(ctx: AppContext) -> int:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def audit_ok(ctx: AppContext) -> bool:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return audit.verify(uow.session).ok


def tamper(ctx: AppContext, number: str, **values: object) -> None:
    """Change a receipt row behind the app's back (as someone with a SQL client could)."""
    with Session(ctx.db.engine) as s:
        s.execute(update(Receipt).where(Receipt.number == number).values(**values))
        s.commit()


# -- archive ----------------------------------------------------------------------------


def test_leaver_receipt_is_archived_once_with_its_hash(app_ctx: AppContext, tech: Actor) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    path = documents.archive_receipt(app_ctx, tech, number)
    assert path == app_ctx.paths.documents_dir / "2026" / f"{number}.pdf"
    data = path.read_bytes()
    with app_ctx.uow(tech, readonly=True) as uow:
        r = uow.session.execute(select(Receipt).where(Receipt.number == number)).scalar_one()
        assert r.file == f"documents/2026/{number}.pdf"
        assert r.file_sha256 == hashlib.sha256(data).hexdigest()
    assert audit_ok(app_ctx)

    text = squash(" ".join(page_texts(data)))
    assert "Siân Ó Briain" in text and "AB1" in text and "Science" in text
    assert "LT-0001" in text and "TB-0001" in text and "PH-0001" in text
    assert "left it on the coach" in text
    assert "2 returned, 1 not returned" in text
    assert "plain-tech" in text  # the technician who did it
    page = render(data, 0, dpi=300)
    assert ink_pixels(page) > 300  # the leaver's signature
    with app_ctx.uow(tech, readonly=True) as uow:
        sha = uow.session.execute(select(Receipt.content_sha256)
                                  .where(Receipt.number == number)).scalar_one()
    assert [r.text for r in decode_qr(page)] == [f"LKR:{number}:{sha[:16]}"]

    events = audit_events(app_ctx)
    assert documents.archive_receipt(app_ctx, tech, number) == path  # idempotent
    assert audit_events(app_ctx) == events
    assert path.read_bytes() == data


def test_an_altered_archive_is_kept_and_a_fresh_copy_written(app_ctx: AppContext,
                                                              tech: Actor) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    first = documents.archive_receipt(app_ctx, tech, number)
    first.write_bytes(first.read_bytes().replace(b"%PDF", b"%PDF ", 1))  # damaged
    second = documents.archive_receipt(app_ctx, tech, number)
    assert second != first and second.name == f"{number}-2.pdf"
    assert first.exists()  # never overwritten: it is evidence
    with app_ctx.uow(tech, readonly=True) as uow:
        r = uow.session.execute(select(Receipt).where(Receipt.number == number)).scalar_one()
        assert r.file == f"documents/2026/{number}-2.pdf"
        assert r.file_sha256 == hashlib.sha256(second.read_bytes()).hexdigest()
    assert audit_ok(app_ctx)


def test_a_record_changed_outside_the_app_is_not_rendered(app_ctx: AppContext,
                                                          tech: Actor) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    with app_ctx.uow(tech, readonly=True) as uow:
        content = uow.session.execute(select(Receipt.content)
                                      .where(Receipt.number == number)).scalar_one()
    content = json.loads(json.dumps(content))
    missing = next(i for i in content["items"] if i["outcome"] == "not_returned")
    missing["outcome"] = "returned"
    archived = documents.archive_receipt(app_ctx, tech, number)  # as it was committed
    original = archived.read_bytes()
    tamper(app_ctx, number, content=content)
    with pytest.raises(Refused, match="changed outside Loan Kiosk"):
        documents.render_receipt_pdf(app_ctx, number)
    # the archive keeps the genuine PDF, made from the record as it was committed
    assert documents.archive_receipt(app_ctx, tech, number) == archived
    assert archived.read_bytes() == original
    assert sorted(p.name for p in archived.parent.iterdir()) == [archived.name]


def test_unknown_receipt_is_not_found(app_ctx: AppContext, tech: Actor) -> None:
    with pytest.raises(NotFound, match="R-2026-9999"):
        documents.archive_receipt(app_ctx, tech, "R-2026-9999")


def test_export_copies_the_archive_and_never_overwrites(app_ctx: AppContext, tech: Actor,
                                                        tmp_path: Path) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    out = tmp_path / "out" / "receipt.pdf"
    documents.export_receipt(app_ctx, tech, number, out)
    assert out.read_bytes() == documents.archive_receipt(app_ctx, tech, number).read_bytes()
    out.write_bytes(b"someone else's file")
    with pytest.raises(Refused, match="already exists"):
        documents.export_receipt(app_ctx, tech, number, out)
    assert out.read_bytes() == b"someone else's file"
    documents.export_receipt(app_ctx, tech, number, out, overwrite=True)
    assert out.read_bytes().startswith(b"%PDF")


# -- printing ---------------------------------------------------------------------------


def test_leaver_receipt_prints_two_copies(app_ctx: AppContext, tech: Actor,
                                          printers: Printers) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    outcome = documents.queue_print(app_ctx, tech, number, "IT-Office",
                                    printer_factory=printers)
    assert outcome.printed
    assert outcome.message == f"Receipt {number} sent to printer 'IT-Office' (2 copies)"
    printer = printers.get("IT-Office")
    archived = documents.archive_receipt(app_ctx, tech, number).read_bytes()
    assert [j.data for j in printer.jobs] == [archived, archived]
    assert [j.title for j in printer.jobs] == [f"Receipt {number} (copy 1 of 2)",
                                               f"Receipt {number} (copy 2 of 2)"]
    with app_ctx.uow(tech, readonly=True) as uow:
        jobs = uow.session.execute(select(PrintJob).order_by(PrintJob.id)).scalars().all()
        assert [(j.state, j.attempts, j.printer) for j in jobs] == [("done", 1, "IT-Office")] * 2
        assert [j.system_job_id for j in jobs] == ["IT-Office-1", "IT-Office-2"]
    assert audit_ok(app_ctx)


def test_an_offline_printer_loses_nothing(app_ctx: AppContext, tech: Actor,
                                          printers: Printers) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    printer = printers.get("IT-Office")
    printer.go_offline()
    outcome = documents.queue_print(app_ctx, tech, number, "IT-Office",
                                    printer_factory=printers)
    assert not outcome.printed
    assert outcome.message == (f"Printer 'IT-Office' is offline — receipt {number} saved, "
                               "will print when it is back")
    assert documents.archive_receipt(app_ctx, tech, number).is_file()
    with app_ctx.uow(tech, readonly=True) as uow:
        jobs = uow.session.execute(select(PrintJob)).scalars().all()
        assert [(j.state, j.last_error) for j in jobs] == \
            [("queued", "Printer 'IT-Office' is offline")] * 2
    pending = documents.pending_print_jobs(app_ctx)
    assert [p.title for p in pending] == [f"Receipt {number} (copy 1 of 2)",
                                          f"Receipt {number} (copy 2 of 2)"]

    # retrying while the printer is still away changes nothing and writes nothing
    events = audit_events(app_ctx)
    again = documents.retry_print_jobs(app_ctx, tech, printers)
    assert [o.printed for o in again] == [False]
    assert "saved, will print when it is back" in again[0].message
    assert audit_events(app_ctx) == events and printer.jobs == []

    printer.go_online()
    done = documents.retry_print_jobs(app_ctx, tech, printers)
    assert [(o.printed, o.number, o.sent) for o in done] == [(True, number, 2)]
    assert len(printer.jobs) == 2
    assert documents.pending_print_jobs(app_ctx) == []
    assert documents.retry_print_jobs(app_ctx, tech, printers) == []
    assert audit_ok(app_ctx)


def test_a_printer_that_fails_halfway_keeps_the_rest(app_ctx: AppContext, tech: Actor,
                                                     printers: Printers) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    printer = printers.get(None)
    real_submit = printer.submit

    def jam_after_first(path: Path, *, copies: int = 1, title: str = "") -> str:
        job = real_submit(path, copies=copies, title=title)
        printer.go_offline("is out of paper")
        return job

    printer.submit = jam_after_first  # type: ignore[method-assign]
    outcome = documents.queue_print(app_ctx, tech, number, printer_factory=printers)
    assert not outcome.printed
    assert outcome.message == (f"The default printer is out of paper — receipt {number} "
                               "saved, will print when it is back (1 of 2 copies printed)")
    printer.submit = real_submit  # type: ignore[method-assign]
    printer.go_online()
    assert [o.sent for o in documents.retry_print_jobs(app_ctx, tech, printers)] == [1]
    assert len(printer.jobs) == 2


def make_loan_ack(ctx: AppContext, actor: Actor) -> str:
    """Łukasz borrows two laptops (one unencrypted) and signs: the acknowledgement's A-number."""
    school(ctx)
    with ctx.uow(actor) as uow:
        result = check_out(uow, ["LT-0001", "LT-0002"], "CD2", purpose="Marking at home",
                           signature=samples.signature())
        ids = [ln.id for ln in result.loans]
    with ctx.uow(actor) as uow:
        ack = loan_ack(uow, [uow.session.get(Loan, i) for i in ids])  # type: ignore[misc]
        uow.commit()
        return ack.number


def test_loan_acknowledgement_prints_once(app_ctx: AppContext, tech: Actor,
                                          printers: Printers) -> None:
    number = make_loan_ack(app_ctx, tech)
    outcome = documents.queue_print(app_ctx, tech, number, printer_factory=printers)
    assert outcome.printed and outcome.message == \
        f"Acknowledgement {number} sent to the default printer"
    (job,) = printers.get(None).jobs
    text = squash(" ".join(page_texts(job.data)))
    assert "Łukasz Żółć" in text and "Marking at home" in text
    assert "Not encrypted: LT-0002" in text
    assert ink_pixels(render(job.data, 0, dpi=100)) > 100


# -- verify -----------------------------------------------------------------------------


def test_an_archived_receipt_matches_the_record(app_ctx: AppContext, tech: Actor,
                                                tmp_path: Path) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    copy = documents.export_receipt(app_ctx, tech, number, tmp_path / "r.pdf")
    outcome = documents.verify_receipt_pdf(app_ctx, copy)
    assert (outcome.status, outcome.message) == ("match", f"receipt {number} matches the record")


def test_one_character_changed_in_the_database_is_named(app_ctx: AppContext, tech: Actor,
                                                        tmp_path: Path) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    copy = documents.export_receipt(app_ctx, tech, number, tmp_path / "r.pdf")
    with app_ctx.uow(tech, readonly=True) as uow:
        content = uow.session.execute(select(Receipt.content)
                                      .where(Receipt.number == number)).scalar_one()
    content = json.loads(json.dumps(content))
    content["person"]["last_name"] = "Ó Briaim"  # one character
    tamper(app_ctx, number, content=content)
    outcome = documents.verify_receipt_pdf(app_ctx, copy)
    assert outcome.status == "mismatch"
    assert "person.last_name: the PDF says 'Ó Briain', the record says 'Ó Briaim'" in \
        outcome.message
    assert "changed after the receipt was issued" in outcome.message


def test_one_character_changed_in_the_stored_fingerprint_is_caught(app_ctx: AppContext,
                                                                   tech: Actor,
                                                                   tmp_path: Path) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    copy = documents.export_receipt(app_ctx, tech, number, tmp_path / "r.pdf")
    with app_ctx.uow(tech, readonly=True) as uow:
        sha = uow.session.execute(select(Receipt.content_sha256)
                                  .where(Receipt.number == number)).scalar_one()
    tamper(app_ctx, number, content_sha256=("1" if sha[0] != "1" else "2") + sha[1:])
    outcome = documents.verify_receipt_pdf(app_ctx, copy)
    assert outcome.status == "mismatch"
    assert "verification code on the PDF" in outcome.message


@pytest.mark.parametrize("where", [0.25, 0.5, 0.75, -40])
def test_one_byte_changed_in_the_pdf_is_caught(app_ctx: AppContext, tech: Actor,
                                               tmp_path: Path, where: float) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    copy = documents.export_receipt(app_ctx, tech, number, tmp_path / "r.pdf")
    data = bytearray(copy.read_bytes())
    i = int(len(data) * where) if where > 0 else len(data) + int(where)
    data[i] = (data[i] + 1) % 256
    copy.write_bytes(bytes(data))
    outcome = documents.verify_receipt_pdf(app_ctx, copy)
    assert outcome.status == "mismatch", outcome.message
    assert outcome.number == number


def test_a_changed_visible_name_is_caught_even_before_archiving(app_ctx: AppContext,
                                                                tech: Actor,
                                                                tmp_path: Path) -> None:
    """A PDF whose embedded content was edited to match a forged name does not verify."""
    number = make_leaver_receipt(app_ctx, tech)
    copy = documents.export_receipt(app_ctx, tech, number, tmp_path / "r.pdf")
    reader = pypdf.PdfReader(copy)
    content = json.loads(reader.attachments[CONTENT_ATTACHMENT][0])
    index = next(n for n, i in enumerate(content["items"]) if i["outcome"] == "not_returned")
    content["items"][index]["outcome"] = "returned"
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.attachments  # noqa: B018  (load the name tree)
    writer._root_object.pop("/Names")  # drop the old attachment, add the forged one
    writer.add_attachment(CONTENT_ATTACHMENT, json.dumps(content).encode())
    forged = io.BytesIO()
    writer.write(forged)
    path = tmp_path / "forged.pdf"
    path.write_bytes(forged.getvalue())
    outcome = documents.verify_receipt_pdf(app_ctx, path)
    assert outcome.status == "mismatch"
    assert f"items[{index + 1}].outcome: the PDF says 'returned', the record says " \
        "'not_returned'" in outcome.message


def test_files_that_are_not_our_receipts(app_ctx: AppContext, tech: Actor,
                                         tmp_path: Path) -> None:
    school(app_ctx)
    labels = tmp_path / "labels.pdf"
    labels.write_bytes(documents.render_labels(app_ctx, all_=True))
    text = tmp_path / "notes.txt"
    text.write_text("LKR is not here\n")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for path in (labels, text, empty):
        assert documents.verify_receipt_pdf(app_ctx, path).status == "not_ours"
    with pytest.raises(NotFound):
        documents.verify_receipt_pdf(app_ctx, tmp_path / "missing.pdf")


def test_a_receipt_from_elsewhere_is_not_in_the_database(app_ctx: AppContext,
                                                         tmp_path: Path) -> None:
    from app.fingerprint import seal
    from printing.render import render_receipt

    path = tmp_path / "other.pdf"
    path.write_bytes(render_receipt(seal(samples.leaver_content(number="R-2026-0777"))))
    outcome = documents.verify_receipt_pdf(app_ctx, path)
    assert (outcome.status, outcome.message) == \
        ("mismatch", "receipt R-2026-0777 is not in the database")


@pytest.mark.parametrize(("first", "last", "note"), [
    ("\u200fمحمد", "عبد الله", "أعاده غدا"),  # right-to-left, with a mark
    ("👩🏽‍💻 Zoë", "Ødegård", "left on the bus 🚌"),  # emoji the font has no glyph for
    ("Ζωή", "Παπαδοπούλου", "x" * 10_000),  # a note longer than a table cell can hold
])
def test_receipts_for_any_name_or_note_render_and_verify(app_ctx: AppContext, tech: Actor,
                                                         first: str, last: str,
                                                         note: str) -> None:
    add_person(app_ctx, "W1", first, last)
    add_asset(app_ctx, "LT-0100", encrypted=True)
    with app_ctx.uow(tech) as uow:
        check_out(uow, "LT-0100", "W1")
    with app_ctx.uow(tech) as uow:
        number = leaver_return(uow, "W1", confirm_not_leaving=True, returned_tags=[], notes={"LT-0100": note},
                               signature=samples.signature()).number
    path = documents.archive_receipt(app_ctx, tech, number)
    outcome = documents.verify_receipt_pdf(app_ctx, path)
    assert outcome.status == "match", outcome.message


# -- labels -----------------------------------------------------------------------------


def test_labels_by_tag_kind_or_all(app_ctx: AppContext) -> None:
    school(app_ctx)
    add_asset(app_ctx, "OLD-1", "laptop", status="retired")

    def payloads(pdf: bytes) -> list[str]:
        return sorted(r.text for r in decode_qr(render(pdf, 0, dpi=200)))

    assert payloads(documents.render_labels(app_ctx, tags=["lt-0002", "PH-0001"])) == \
        ["LT-0002", "PH-0001"]
    assert payloads(documents.render_labels(app_ctx, kind="phone")) == ["PH-0001", "PH-0002"]
    everything = payloads(documents.render_labels(app_ctx, all_=True))
    assert "OLD-1" not in everything and len(everything) == 8
    text = " ".join(page_texts(documents.render_labels(app_ctx, kind="tablet")))
    assert "TB-0001" in text and "Tablet" in text and "Example Academy" in text


def test_labels_carry_the_scanner_prefix_when_set(app_ctx: AppContext) -> None:
    school(app_ctx)
    app_ctx.settings.scanner.prefix = "LK:"
    app_ctx.settings.printing.label_use_prefix = True
    pdf = documents.render_labels(app_ctx, tags=["LT-0001"], template="roll-62x29")
    assert [r.text for r in decode_qr(render(pdf, 0, dpi=300))] == ["LK:LT-0001"]
    assert "LT-0001" in page_texts(pdf)[0]


def test_label_requests_that_make_no_sense_are_refused(app_ctx: AppContext) -> None:
    school(app_ctx)
    with pytest.raises(NotFound, match="NOPE"):
        documents.render_labels(app_ctx, tags=["NOPE"])
    with pytest.raises(InvalidInput, match="choose"):
        documents.render_labels(app_ctx)
    with pytest.raises(InvalidInput, match="choose"):
        documents.render_labels(app_ctx, tags=["LT-0001"], all_=True)
    with pytest.raises(InvalidInput, match="avery"):
        documents.render_labels(app_ctx, all_=True, template="dymo")
    with pytest.raises(InvalidInput, match="between 1 and 14"):
        documents.render_labels(app_ctx, all_=True, template="avery-l7163", start=15)


# -- trip sheets ------------------------------------------------------------------------


def make_trip(ctx: AppContext, actor: Actor, phones: list[str]) -> None:
    """Zoë leads Year 9 to Iceland with ``phones``."""
    school(ctx)
    add_person(ctx, "ZO7", "Zoë", "Ødegård", department="Geography")
    with ctx.uow(actor) as uow:
        create_trip(uow, "Year 9 Iceland", leader="ZO7", start=dt.date(2026, 11, 26),
                    end=dt.date(2026, 11, 29), destination="Reykjavík")
    with ctx.uow(actor) as uow:
        check_out(uow, phones, "ZO7", trip="Year 9 Iceland")


def test_trip_sheet_lists_the_phones_out_and_is_reissued_when_they_change(
        app_ctx: AppContext, tech: Actor) -> None:
    make_trip(app_ctx, tech, ["PH-0001"])
    number, path = documents.render_trip_sheet(app_ctx, tech, "Year 9 Iceland")
    assert number == "T-2026-0001"
    text = squash(" ".join(page_texts(path.read_bytes())))
    assert "Year 9 Iceland" in text and "Reykjavík" in text
    assert "Zoë Ødegård" in text
    assert "PH-0001" in text and "07700 900001" in text and "356938035643809" in text
    assert "29 Nov 2026" in text

    assert documents.render_trip_sheet(app_ctx, tech, "Year 9 Iceland") == (number, path)
    with app_ctx.uow(tech) as uow:
        check_out(uow, "PH-0002", "ZO7", trip="Year 9 Iceland")
    number2, path2 = documents.render_trip_sheet(app_ctx, tech, "Year 9 Iceland")
    assert number2 == "T-2026-0002"
    assert "PH-0002" in " ".join(page_texts(path2.read_bytes()))
    assert documents.verify_receipt_pdf(app_ctx, path2).status == "match"
    assert audit_ok(app_ctx)


def test_trip_sheet_for_an_unknown_trip(app_ctx: AppContext, tech: Actor) -> None:
    with pytest.raises(NotFound, match="no trip"):
        documents.render_trip_sheet(app_ctx, tech, "Nowhere")


def test_logo_from_the_settings_is_used_and_a_missing_one_ignored(app_ctx: AppContext,
                                                                  tech: Actor) -> None:
    from PIL import Image

    app_ctx.settings.school.logo = "missing.png"
    assert documents.logo_path(app_ctx) is None
    Image.new("RGB", (40, 40), (10, 120, 40)).save(app_ctx.paths.data_dir / "crest.png")
    app_ctx.settings.school.logo = "crest.png"
    assert documents.logo_path(app_ctx) == app_ctx.paths.data_dir / "crest.png"
    number = make_leaver_receipt(app_ctx, tech)  # archived with its commit: with the crest
    pdf = documents.archive_receipt(app_ctx, tech, number).read_bytes()
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == 1

