"""CSV imports of staff (from the MIS/HR export) and assets (ours, or a Snipe-IT export).

Both are idempotent upserts run in the caller's unit of work::

    with ctx.uow(actor) as uow:
        report = import_staff(uow, path.read_bytes(), source_name=path.name)
    print("\\n".join(report.format_lines()))
"""

from __future__ import annotations

from app.imports.assets import import_assets
from app.imports.report import ImportReport, RejectedRow
from app.imports.staff import import_staff

__all__ = ["ImportReport", "RejectedRow", "import_assets", "import_staff"]
