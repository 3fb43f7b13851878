"""``import assets``: create or update assets from our CSV or a Snipe-IT export, keyed on tag.

Snipe-IT columns are understood as they are exported: ``Manufacturer`` is the
make, ``Category`` gives the kind, ``ID`` is the Snipe-IT id and ``Status``
its status label. A status is applied only to an asset that is not on loan
here (an open Loan row is the truth, whatever Snipe-IT says), and Snipe-IT's
"Deployed" never makes an asset ``on_loan`` by itself: its ``Checked Out To`` does,
as an open loan, when it names exactly one member of staff (:mod:`app.imports.holders`).
An ``Encrypted`` cell adds an encryption check when it differs from the asset's
latest one. ``Purchase Date`` and ``Purchase Cost`` are kept; a new asset's encryption
method is the usual one for its kind and make. ``Site`` names the school (default: the
desk's) and ``Default Location`` / ``Location`` the asset's home location, made as a room
of that school when new (:mod:`app.imports.places`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app import keys
from app.errors import InvalidInput
from app.imports import asset_terms, cells, holders
from app.imports.cells import RowRejected, shown
from app.imports.csv_source import Column, CsvRow, read_table
from app.imports.export_dates import export_date
from app.imports.places import Places
from app.imports.report import ImportReport, RejectedRow
from app.imports.upsert import (
    Owners,
    Record,
    count,
    finish,
    gc_paused,
    load,
    max_length,
    reject,
    write,
)
from app.services.device_fields import default_encryption_method
from app.services.incidents import parse_cost
from app.services.kits import kit_tag_keys
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck

COLUMNS = (
    Column("tag", "Asset Tag", ("Tag",), required=True),
    Column("kind", "Kind"),
    Column("category", "Category"),
    Column("make", "Make", ("Manufacturer", "Brand")),
    Column("model", "Model", ("Model Name",)),
    Column("serial", "Serial", ("Serial Number", "Serial No")),
    Column("imei", "IMEI", ("IMEI Number",)),
    Column("phone_number", "Phone Number", ("Mobile Number", "Phone No")),
    Column("accessories", "Accessories"),
    Column("encrypted", "Encrypted"),
    Column("encryption_method", "Encryption Method"),
    Column("notes", "Notes", ("Note", "Comments")),
    Column("status", "Status", ("Status Label",)),
    Column("snipeit_id", "Snipe-IT ID", ("ID", "SnipeIT ID", "Snipe ID")),
    Column("site", "Site", ("School",)),
    Column("location", "Location", ("Room",)),
    # Snipe-IT: where it goes back to, where "Location" is where it is (its holder's, if out)
    Column("default_location", "Default Location"),
    Column("purchase_date", "Purchase Date", ("Purchased",)),
    Column("purchase_cost", "Purchase Cost", ("Cost",)),
    Column("checked_out_to", "Checked Out To", ("Assigned To",)),
    Column("checkout_date", "Checkout Date", ("Last Checkout",)),
    Column("expected_checkin", "Expected Checkin Date", ("Expected Checkin", "Due Date")),
)

#: the Asset columns an import reads and writes
FIELDS = ("tag", "tag_key", "kind", "make", "model", "serial", "imei", "phone_number",
          "accessories", "status", "notes", "snipeit_id", "location", "purchase_date",
          "purchase_cost_pence", "encryption_method", "site_id", "home_location_id",
          "current_location_id")

_NEW_ASSET: Record = {
    "make": None, "model": None, "serial": None, "imei": None, "phone_number": None,
    "accessories": None, "status": "available", "notes": None, "snipeit_id": None,
    "location": None, "purchase_date": None, "purchase_cost_pence": None,
    "encryption_method": None, "site_id": None, "home_location_id": None,
    "current_location_id": None,
}

#: notes are TEXT; this only keeps a runaway cell from becoming a "note"
NOTES_MAX = 65_535


@dataclass(frozen=True)
class _Check:
    """An encryption check to add for the asset with ``key``."""

    key: str
    encrypted: bool
    method: str | None
    line: int


@gc_paused
def import_assets(uow: UnitOfWork, data: bytes, *, source_name: str = "assets.csv",
                  dry_run: bool = False) -> ImportReport:
    """Upsert assets from CSV ``data``; commits (with one audit event) unless ``dry_run``."""
    uow.actor.require_admin("import assets")
    table = read_table(data, COLUMNS)
    session = uow.session
    ids, state = load(session, Asset, "tag_key", FIELDS)
    holder_here = holders.open_holders(uow)
    people = holders.Holders(uow) if "checked_out_to" in table.fields else None
    places = Places(uow, dry_run=dry_run)
    latest = _latest_checks(uow)
    kit_tags = kit_tag_keys(uow)  # a scan of an asset's tag must never find a kit
    serials = Owners(state, "serial")
    snipe_ids = Owners(state, "snipeit_id")
    first_seen: dict[str, int] = {}
    changes: dict[str, Record] = {}
    checks: list[_Check] = []
    report = ImportReport(dry_run=dry_run)

    for row in table.rows:
        raw_tag = row.values.get("tag")
        try:
            if row.problem:
                raise RowRejected(row.problem)
            tag, key = _tag(raw_tag)
            if key in first_seen:
                raise RowRejected(
                    f"duplicate asset tag {shown(tag)}, first seen on line {first_seen[key]}"
                )
            first_seen[key] = row.line
            if key in kit_tags:
                raise RowRejected(f"asset tag {shown(tag)} is already the tag of kit "
                                  f"{shown(kit_tags[key])}; give the asset a tag of its own")
            old = state.get(key)
            asset_id = ids.get(key)
            holder = holder_here.get(asset_id) if asset_id is not None else None
            parsed = _parse(row, table.fields, is_new=old is None, on_loan=holder is not None)
            new = {**(old or _NEW_ASSET), **parsed, "tag": tag, "tag_key": key}
            if old is None:
                new["encryption_method"] = default_encryption_method(
                    new["kind"], new["make"], new["model"])
            _place(places, row, table.fields, old, new)
            _check_unique(new, key, state, serials, snipe_ids)
            check = _encryption(row, table.fields, key,
                                latest.get(asset_id) if asset_id is not None else None)
        except RowRejected as exc:
            reject(report, row.line, exc.reason, raw_tag)
            continue
        if people is not None:
            try:
                loan = holders.plan(uow, people, row.values, line=row.line, tag=tag,
                                    kind=new["kind"], status=new["status"], holder_here=holder)
            except RowRejected as exc:
                report.not_lent.append(RejectedRow(row.line, exc.reason, tag))
            else:
                if loan is not None:
                    report.loans.append(loan)
                    new["status"] = "on_loan"
        if check is not None:
            checks.append(check)
        if count(report, old, new, more=check is not None):
            serials.move(key, old["serial"] if old else None, new["serial"])
            snipe_ids.move(key, old["snipeit_id"] if old else None, new["snipeit_id"])
            state[key] = changes[key] = new

    if not dry_run and changes:
        created = write(uow, Asset, "tag_key", ids, changes, unique=("serial", "snipeit_id"))
        uow.insert_many(EncryptionCheck, _check_rows(uow, checks, {**ids, **created}, source_name))
        holders.write(uow, report.loans, {**ids, **created}, source_name)
    report.new_locations = places.created
    finish(uow, report, action="import_assets", entity="assets", source_name=source_name)
    return report


def _place(places: Places, row: CsvRow, present: frozenset[str], old: Record | None,
           new: Record) -> None:
    """The school and location columns of ``new``: from the Site and (Default) Location
    cells, else as they were (a new asset: the desk's school, no location)."""
    values = row.values
    def what() -> str:
        return f"asset {shown(new['tag'])}"

    if old is not None:
        places.may_write(old["site_id"], what)
    site_id = new["site_id"] if old is not None else places.default_site
    if "site" in present and (values.get("site") or "").strip():
        site_id = places.site(values.get("site"))
    places.may_write(site_id, what)
    if old is not None and site_id != old["site_id"] and old["site_id"] is not None:
        # another school: its old school's rooms are not where it lives any more
        new["home_location_id"] = new["current_location_id"] = None
    new["site_id"] = site_id
    # Snipe-IT: "Default Location" is where it goes back to, "Location" where it is now
    home_label = "Default Location" if (values.get("default_location") or "").strip() \
        else "Location"
    cell = values.get("default_location") if home_label == "Default Location" \
        else values.get("location")
    if "default_location" not in present and "location" not in present:
        return
    home = places.location(cell, site_id, home_label)
    if home is None or home == new["home_location_id"]:
        return
    if new["current_location_id"] in (None, new["home_location_id"]):
        new["current_location_id"] = home  # it was at home: it still is, at the new one
    new["home_location_id"] = home


_TAG_LEN = max_length(Asset, "tag")
_TAG_KEY_LEN = max_length(Asset, "tag_key")
_MAKE_LEN = max_length(Asset, "make")
_MODEL_LEN = max_length(Asset, "model")
_SERIAL_LEN = max_length(Asset, "serial")
_IMEI_LEN = max_length(Asset, "imei")
_PHONE_LEN = max_length(Asset, "phone_number")
_ACCESSORIES_LEN = max_length(Asset, "accessories")


def _cost(raw: str | None) -> int | None:
    """A cost as an export writes it: ``£1,049.00``, ``1049``, ``GBP 1,049.00``."""
    value = cells.text(raw, "Purchase Cost", 40)
    if value is not None:
        value = re.sub(r"^(GBP|UKP)\s*|\s*(GBP)$", "", value, flags=re.IGNORECASE)
    try:
        return parse_cost(value)
    except InvalidInput as exc:
        raise RowRejected(f"Purchase Cost: {exc.message}") from None


def _tag(raw: str | None) -> tuple[str, str]:
    tag = cells.text(raw, "Asset Tag", _TAG_LEN, code=True)
    if tag is None:
        raise RowRejected("Asset Tag is blank")
    return tag, cells.key(tag, "Asset Tag", _TAG_KEY_LEN, keys.tag_key)


def _parse(row: CsvRow, present: frozenset[str], *, is_new: bool, on_loan: bool) -> dict[str, Any]:
    """The Asset columns this row sets (only those whose CSV column is present)."""
    values = row.values
    out: dict[str, Any] = {}
    kind_cell = cells.text(values.get("kind"), "Kind", 40)
    category = cells.text(values.get("category"), "Category", 200)
    if kind_cell is not None:
        out["kind"] = asset_terms.kind(kind_cell)
    elif category is not None:
        out["kind"] = asset_terms.kind_from_category(category)
    elif is_new:
        raise RowRejected("Kind is blank: a new asset needs one (laptop, phone, tablet or other)")
    simple = (
        ("make", "Make", _MAKE_LEN, False),
        ("model", "Model", _MODEL_LEN, False),
        ("accessories", "Accessories", _ACCESSORIES_LEN, True),
        ("notes", "Notes", NOTES_MAX, True),
    )
    for field, label, size, multiline in simple:
        if field in present:
            out[field] = cells.text(values.get(field), label, size, multiline=multiline)
    if "serial" in present:
        out["serial"] = cells.text(values.get("serial"), "Serial", _SERIAL_LEN, code=True)
    if "imei" in present:
        imei = cells.text(values.get("imei"), "IMEI", _IMEI_LEN, code=True)
        out["imei"] = cells.not_excel_rounded(imei, "IMEI")
    if "phone_number" in present:
        phone = cells.text(values.get("phone_number"), "Phone Number", _PHONE_LEN)
        out["phone_number"] = cells.not_excel_rounded(phone, "Phone Number")
    if "snipeit_id" in present:
        out["snipeit_id"] = cells.whole_number(values.get("snipeit_id"), "Snipe-IT ID")
    if "purchase_date" in present:
        out["purchase_date"] = export_date(values.get("purchase_date"), "Purchase Date")
    if "purchase_cost" in present:
        out["purchase_cost_pence"] = _cost(values.get("purchase_cost"))
    status = cells.text(values.get("status"), "Status", 200)
    if status is not None:
        mapped = asset_terms.status(status)
        if not on_loan:  # an open loan is the truth about where an asset is
            out["status"] = mapped
    return out


def _check_unique(new: Record, key: str, state: dict[str, Record], serials: Owners,
                  snipe_ids: Owners) -> None:
    holder = serials.other_owner(new["serial"], key)
    if holder is not None:
        raise RowRejected(
            f"serial {shown(new['serial'])} is already on asset {shown(state[holder]['tag'])}"
        )
    holder = snipe_ids.other_owner(new["snipeit_id"], key)
    if holder is not None:
        raise RowRejected(
            f"Snipe-IT ID {new['snipeit_id']} is already on asset {shown(state[holder]['tag'])}"
        )


def _encryption(row: CsvRow, present: frozenset[str], key: str,
                latest: tuple[bool, str | None] | None) -> _Check | None:
    """The encryption check this row adds: none when blank or the same as the latest.

    Without an Encryption Method column (a Snipe-IT export has only its
    Encrypted field) only yes/no is compared, so a re-import does not replace
    a check that names its method by one that does not.
    """
    encrypted = cells.yes_no(row.values.get("encrypted"), "Encrypted")
    if encrypted is None:
        return None
    if "encryption_method" not in present:
        if latest is not None and latest[0] == encrypted:
            return None
        return _Check(key, encrypted, None, row.line)
    method = asset_terms.encryption_method(
        cells.text(row.values.get("encryption_method"), "Encryption Method", 40)
    )
    if latest == (encrypted, method):
        return None
    return _Check(key, encrypted, method, row.line)


def _latest_checks(uow: UnitOfWork) -> dict[int, tuple[bool, str | None]]:
    """Each asset's latest encryption check (encrypted, method), in one query."""
    newest = select(func.max(EncryptionCheck.id)).group_by(EncryptionCheck.asset_id)
    rows = uow.session.execute(
        select(EncryptionCheck.asset_id, EncryptionCheck.encrypted, EncryptionCheck.method)
        .where(EncryptionCheck.id.in_(newest))
    )
    return {asset_id: (encrypted, method) for asset_id, encrypted, method in rows}


def _check_rows(uow: UnitOfWork, checks: list[_Check], ids: dict[str, int],
                source_name: str) -> list[Record]:
    """The encryption checks as plain records for :meth:`UnitOfWork.insert_many`."""
    return [
        {"asset_id": ids[check.key], "encrypted": check.encrypted, "method": check.method,
         "verified_at": uow.now, "verified_by": uow.actor.name,
         "note": f"imported from {source_name} line {check.line}"}
        for check in checks
    ]
