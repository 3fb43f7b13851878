"""The words asset files use for kinds, statuses and encryption, mapped to ours.

Our own files say ``laptop`` or ``Mobile Phone``; a Snipe-IT export has a
category (``Laptops``), a status label with its type in brackets
(``Ready to Deploy (deployed)``, ``Broken - Not Fixable (undeployable)``).
"""

from __future__ import annotations

import re

from app.imports.cells import RowRejected, shown
from db.models import ASSET_KINDS, ENCRYPTION_METHODS

_KIND_WORDS = {
    "laptop": ("laptop", "notebook", "chromebook", "macbook", "ultrabook", "netbook"),
    "phone": ("phone", "mobile", "mobile phone", "smartphone", "smart phone", "iphone",
              "cell phone", "cellphone", "handset"),
    "tablet": ("tablet", "ipad", "android tablet", "tab"),
    "other": ("other",),
}
_KINDS = {word: kind for kind, words in _KIND_WORDS.items() for word in words}


def _term(value: str) -> str:
    """Lower-case, single-spaced, without punctuation or a plural ``s``."""
    words = re.split(r"[\s\-_/]+", value.casefold())
    text = " ".join(w for w in words if w)
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def kind(value: str) -> str:
    """Our kind for a ``Kind`` cell; anything unrecognised is refused."""
    found = _KINDS.get(_term(value))
    if found is None:
        raise RowRejected(
            f"Kind {shown(value)} is not one of {', '.join(ASSET_KINDS)} "
            "(or a synonym such as Mobile Phone, iPad, Chromebook)"
        )
    return found


def kind_from_category(value: str) -> str:
    """Our kind for a Snipe-IT category: Laptops, Mobile Phones, Tablets... else ``other``."""
    return _KINDS.get(_term(value), "other")


#: status labels (Snipe-IT's defaults and our own words) → our status
_STATUS_LABELS = {
    "ready to deploy": "available",
    "deployable": "available",
    "deployed": "available",  # Snipe-IT's checkout is not a loan here: only a Loan row is
    "available": "available",
    "on loan": "available",
    "pending": "in_repair",  # Snipe-IT: "cannot yet be assigned", often out for repair
    "out for repair": "in_repair",
    "in repair": "in_repair",
    "repair": "in_repair",
    "broken not fixable": "retired",
    "archived": "retired",
    "retired": "retired",
    "disposed": "retired",
    "lost stolen": "lost",
    "lost": "lost",
    "stolen": "lost",
    "missing": "lost",
}
#: Snipe-IT status types (shown in brackets after the label) for labels a site made up
_STATUS_TYPES = {
    "deployable": "available",
    "deployed": "available",
    "pending": "in_repair",
    "undeployable": "in_repair",
    "archived": "retired",
}


def _label(value: str) -> str:
    words = re.split(r"[\W_]+", value.casefold())
    return " ".join(w for w in words if w)


def status(value: str) -> str:
    """Our status for a status cell (``Ready to Deploy``, ``Lost/Stolen (archived)``...)."""
    label, kind_of = value, None
    if match := re.fullmatch(r"(.*?)\s*\(\s*([^()]*?)\s*\)", value):
        label, kind_of = match.group(1), match.group(2)
    found = _STATUS_LABELS.get(_label(label))
    if found is None and kind_of is not None:
        found = _STATUS_TYPES.get(_label(kind_of))
    if found is None:
        raise RowRejected(
            f"Status {shown(value)} is not a known status (Ready to Deploy, Deployed, Pending, "
            "Archived, Broken - Not Fixable, Out for Repair, Lost/Stolen)"
        )
    return found


_METHODS = {m: m for m in ENCRYPTION_METHODS} | {
    "bit locker": "bitlocker", "file vault": "filevault", "filevault 2": "filevault",
    "filevault2": "filevault", "ipados": "ios",
}


def encryption_method(value: str | None) -> str | None:
    """bitlocker / filevault / android / ios / other (any case); blank is none."""
    if value is None:
        return None
    found = _METHODS.get(" ".join(value.casefold().split()))
    if found is None:
        raise RowRejected(
            f"Encryption Method {shown(value)} is not one of {', '.join(ENCRYPTION_METHODS)}"
        )
    return found
