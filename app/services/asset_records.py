"""Adding and editing one asset at the desk (the everyday alternative to an import).

Each is one audited unit of work: ``asset_added`` names every field it was given,
``asset_edited`` each field's value before and after. An asset's status is not a
field here: it changes only by lending, returning and the ways out of each status
(:mod:`app.services.asset_status`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from app import keys
from app.errors import FormInvalid
from app.imports import asset_terms
from app.imports.upsert import max_length
from app.services import device_fields
from app.services.cards import KIND_WORDS
from app.services.incidents import money, parse_cost
from app.services.kits import kit_tag_taken
from app.services.lookup import get_asset
from app.services.record_forms import (
    Field,
    before_after,
    commit_unique,
    date_of,
    parse_fields,
    shown_date,
    shown_text,
    text_of,
    touched,
)
from app.uow import UnitOfWork
from db.models import ASSET_KINDS, ENCRYPTION_METHODS, Asset

#: (value, words) for a form's choices: the kinds, and the encryption methods ("" for none)
KIND_CHOICES = tuple((kind, KIND_WORDS[kind]) for kind in ASSET_KINDS)
_METHOD_WORDS = {"bitlocker": "BitLocker (Windows)", "filevault": "FileVault (Mac)",
                 "android": "Android device encryption", "ios": "iOS / iPadOS",
                 "other": "Other (e.g. a Chromebook's own)"}
METHOD_CHOICES = (("", "None or not known"),) + tuple(
    (method, _METHOD_WORDS.get(method, method)) for method in ENCRYPTION_METHODS)


@dataclass(frozen=True)
class AssetForm:
    """An asset's fields as a form shows and a technician types them (plain text)."""

    tag: str = ""
    kind: str = ""
    make: str = ""
    model: str = ""
    serial: str = ""
    imei: str = ""
    phone_number: str = ""
    accessories: str = ""
    encryption_method: str = ""
    location: str = ""
    purchase_date: str = ""
    purchase_cost: str = ""
    notes: str = ""

    def texts(self) -> dict[str, str]:
        return asdict(self)


def _kind(text: str) -> str:
    value = text.strip().lower()
    if value not in ASSET_KINDS:
        raise ValueError(f"choose one of {', '.join(ASSET_KINDS)}")
    return value


def _method(text: str) -> str:
    found = asset_terms.encryption_method(text)
    assert found is not None  # blank never reaches a parser
    return found


def _imei(text: str) -> str:
    return device_fields.imei(text)


def _phone(text: str) -> str:
    return device_fields.uk_phone(text)


FIELDS: tuple[Field, ...] = (
    Field("tag", "Asset tag", text_of("Asset tag", max_length(Asset, "tag"), code=True),
          required=True),
    Field("kind", "Kind", _kind, required=True),
    Field("make", "Make", text_of("Make", max_length(Asset, "make"))),
    Field("model", "Model", text_of("Model", max_length(Asset, "model"))),
    Field("serial", "Serial", text_of("Serial", max_length(Asset, "serial"), code=True)),
    Field("imei", "IMEI", _imei),
    Field("phone_number", "Phone number", _phone),
    Field("accessories", "Accessories",
          text_of("Accessories", max_length(Asset, "accessories"), multiline=True)),
    Field("encryption_method", "Encryption method", _method),
    Field("location", "Location", text_of("Location", max_length(Asset, "location"))),
    Field("purchase_date", "Purchase date", date_of("Purchase date")),
    Field("purchase_cost_pence", "Purchase cost", parse_cost),
    Field("notes", "Notes", text_of("Notes", 65_535, multiline=True)),
)
#: form field → column, where they differ
_COLUMN = {"purchase_cost": "purchase_cost_pence"}
_FORM = {column: name for name, column in _COLUMN.items()}


def _texts(form: AssetForm) -> dict[str, str]:
    return {_COLUMN.get(name, name): value for name, value in form.texts().items()}


def form_of(asset: Asset) -> AssetForm:
    """What an edit form shows for ``asset``."""
    return AssetForm(
        tag=asset.tag, kind=asset.kind, make=shown_text(asset.make),
        model=shown_text(asset.model), serial=shown_text(asset.serial),
        imei=shown_text(asset.imei), phone_number=shown_text(asset.phone_number),
        accessories=shown_text(asset.accessories),
        encryption_method=shown_text(asset.encryption_method),
        location=shown_text(asset.location), purchase_date=shown_date(asset.purchase_date),
        purchase_cost=money(asset.purchase_cost_pence), notes=shown_text(asset.notes),
    )


def asset_form(uow: UnitOfWork, tag: str) -> AssetForm:
    """The edit form of the asset tagged ``tag`` (read-only)."""
    return form_of(get_asset(uow, tag))


def asset_form_and_status(uow: UnitOfWork, tag: str) -> tuple[AssetForm, str]:
    """The edit form of the asset tagged ``tag``, and its status (read-only)."""
    asset = get_asset(uow, tag)
    return form_of(asset), asset.status


def default_method(kind: str, make: str, model: str = "") -> str:
    """The encryption method an add form offers for this kind and make ("" for none)."""
    return device_fields.default_encryption_method(kind, make or None, model or None) or ""


def _refuse_taken(uow: UnitOfWork, values: dict[str, Any], asset_id: int | None) -> None:
    errors: dict[str, str] = {}
    if "tag" in values:
        key = keys.tag_key(values["tag"])
        other = uow.session.scalar(select(Asset.tag).where(Asset.tag_key == key,
                                                            Asset.id != (asset_id or -1)))
        if other is not None:
            errors["tag"] = f"asset tag {values['tag']} is already used (by {other})"
        elif (kit := kit_tag_taken(uow, values["tag"])) is not None:
            errors["tag"] = f"asset tag {values['tag']} is already kit {kit}'s tag"
    if values.get("serial") is not None:
        other = uow.session.scalar(select(Asset.tag).where(Asset.serial == values["serial"],
                                                            Asset.id != (asset_id or -1)))
        if other is not None:
            errors["serial"] = f"serial {values['serial']} is already on asset {other}"
    if errors:
        raise FormInvalid(errors)


def _form_errors(exc: FormInvalid) -> FormInvalid:
    """The same errors keyed by form field (purchase_cost, not purchase_cost_pence)."""
    return FormInvalid({_FORM.get(k, k): v for k, v in exc.errors.items()})



def add_asset(uow: UnitOfWork, form: AssetForm) -> AssetForm:
    """Add one asset (status available). A blank encryption method takes the kind and make's
    default (:func:`default_method`). Returns the asset as saved."""
    texts = _texts(form)
    if not texts["encryption_method"].strip() and texts["kind"].strip().lower() in ASSET_KINDS:
        texts["encryption_method"] = default_method(texts["kind"].strip().lower(), texts["make"],
                                                    texts["model"])
    try:
        values = parse_fields(FIELDS, texts)
        _refuse_taken(uow, values, None)
    except FormInvalid as exc:
        raise _form_errors(exc) from None
    asset = Asset(**values, tag_key=keys.tag_key(values["tag"]), status="available")
    uow.session.add(asset)
    uow.session.flush()
    uow.audit("asset_added", asset, tag=asset.tag, fields=values)
    commit_unique(uow, "asset tag or serial")
    return form_of(asset)


def edit_asset(uow: UnitOfWork, tag: str, form: AssetForm,
               opened: AssetForm | None = None) -> AssetForm:
    """Save the fields of ``form`` that differ from ``opened`` (what the form showed when it
    was opened; the asset as it is now when None). Returns the asset as saved."""
    asset = get_asset(uow, tag, for_update=True)
    current = _texts(form_of(asset))
    new = _texts(form)
    changed = touched(FIELDS, new, _texts(opened) if opened else current, current,
                      f"asset {asset.tag}")
    try:
        values = parse_fields(FIELDS, new, only=changed)
        _refuse_taken(uow, values, asset.id)
    except FormInvalid as exc:
        raise _form_errors(exc) from None
    changes = before_after(asset, values)
    if not changes:
        return form_of(asset)
    for name, value in values.items():
        setattr(asset, name, value)
    if "tag" in changes:
        asset.tag_key = keys.tag_key(asset.tag)
    uow.audit("asset_edited", asset, tag=asset.tag, changes=changes)
    commit_unique(uow, "asset tag or serial")
    return form_of(asset)

