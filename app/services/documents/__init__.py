"""Documents: archive receipts as PDFs, print them (queued while a printer is away),
verify a printed or saved receipt against the record, render label sheets and
trip phone sheets — one module per concern:

* :mod:`.archive` — rendering a receipt from its record and keeping the PDF;
* :mod:`.print_queue` — print jobs, retried while a printer is away;
* :mod:`.verification` — ``receipt verify``: a PDF against the record;
* :mod:`.labels` — QR label sheets;
* :mod:`.trip_sheets` — a trip's phone sheet.
"""

from app.services.documents.archive import (
    DOCUMENT_NOUNS,
    ArchivedReceipt,
    archive,
    archive_receipt,
    export_receipt,
    logo_path,
    render_receipt_pdf,
    write_output,
)
from app.services.documents.labels import render_kit_labels, render_labels
from app.services.documents.print_queue import (
    STALE_CLAIM,
    PendingJob,
    PrintOutcome,
    attempt_print_jobs,
    pending_print_jobs,
    queue_print,
    retry_print_jobs,
)
from app.services.documents.trip_sheets import issue_trip_sheet, render_trip_sheet
from app.services.documents.verification import VerifyOutcome, verify_receipt_pdf

__all__ = [
    "DOCUMENT_NOUNS", "STALE_CLAIM", "ArchivedReceipt", "PendingJob", "PrintOutcome",
    "VerifyOutcome", "archive", "archive_receipt", "attempt_print_jobs", "export_receipt",
    "issue_trip_sheet", "logo_path", "pending_print_jobs", "queue_print", "render_kit_labels",
    "render_labels",
    "render_receipt_pdf", "render_trip_sheet", "retry_print_jobs", "verify_receipt_pdf",
    "write_output",
]
