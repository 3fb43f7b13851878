"""Encryption checks: the school's evidence that a portable device is encrypted.

Policy (ICT Acceptable Use Policy): personal data may only be kept on portable
devices the school has encrypted. The latest check is the asset's state; no
check means "unknown", which counts as not encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import InvalidInput
from app.services.lookup import get_asset, latest_check
from app.uow import UnitOfWork
from db.models import ENCRYPTION_METHODS, Asset, EncryptionCheck
from printing.dates import date_text

#: kinds the encryption gate applies to (portable devices)
GATED_KINDS = ("laptop", "tablet", "phone")

METHOD_LABELS = {
    "bitlocker": "BitLocker",
    "filevault": "FileVault",
    "android": "Android",
    "ios": "iOS",
    "other": "other method",
}


@dataclass(frozen=True)
class EncryptionState:
    """What the latest check says: ``encrypted`` is None when never checked."""

    encrypted: bool | None
    method: str | None = None
    verified_at_iso: str | None = None
    verified_by: str | None = None

    @property
    def is_verified_encrypted(self) -> bool:
        return self.encrypted is True

    @property
    def label(self) -> str:
        if self.encrypted is None:
            return "Unknown"
        if not self.encrypted:
            return "Not encrypted"
        parts = [METHOD_LABELS.get(self.method or "", self.method or "")]
        if self.verified_at_iso:
            import datetime as dt

            parts.append(date_text(dt.datetime.fromisoformat(self.verified_at_iso)))
        inner = ", ".join(p for p in parts if p)
        return f"Encrypted ({inner})" if inner else "Encrypted"


def state_from_check(check: EncryptionCheck | None) -> EncryptionState:
    if check is None:
        return EncryptionState(None)
    return EncryptionState(
        check.encrypted, check.method, check.verified_at.isoformat(), check.verified_by
    )


def encryption_state(uow: UnitOfWork, asset: Asset) -> EncryptionState:
    return state_from_check(latest_check(uow, asset.id))


def parse_method(method: str | None) -> str | None:
    if method is None or not method.strip():
        return None
    m = method.strip().lower()
    if m not in ENCRYPTION_METHODS:
        raise InvalidInput(
            f"unknown encryption method {method!r}; use one of {', '.join(ENCRYPTION_METHODS)}"
        )
    return m


def record_check(uow: UnitOfWork, tag: str, *, encrypted: bool, method: str | None,
                 note: str | None = None) -> EncryptionCheck:
    """Record that the technician verified the device's encryption (or its absence)."""
    asset = get_asset(uow, tag)
    m = parse_method(method)
    if encrypted and m is None:
        raise InvalidInput("say how the device is encrypted (--method bitlocker|filevault|…)")
    check = EncryptionCheck(
        asset_id=asset.id, encrypted=encrypted, method=m, verified_at=uow.now,
        verified_by=uow.actor.name, note=(note or None),
    )
    uow.session.add(check)
    uow.audit("encryption_check", check, tag=asset.tag, encrypted=encrypted, method=m, note=note)
    uow.commit()
    return check
