"""Kinds, Snipe-IT categories and status labels, encryption methods."""

from __future__ import annotations

import pytest

from app.imports import asset_terms
from app.imports.cells import RowRejected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("laptop", "laptop"), ("LAPTOP", "laptop"), ("Notebook", "laptop"), ("Chromebook", "laptop"),
     ("MacBook", "laptop"), ("phone", "phone"), ("Mobile Phone", "phone"), ("mobile-phones", "phone"),
     ("Smartphone", "phone"), ("iPhone", "phone"), ("tablet", "tablet"), ("iPad", "tablet"),
     ("iPads", "tablet"), ("Other", "other")],
)
def test_kind_synonyms(value: str, expected: str) -> None:
    assert asset_terms.kind(value) == expected


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(RowRejected, match="Kind 'Toaster' is not one of laptop, phone, tablet"):
        asset_terms.kind("Toaster")


@pytest.mark.parametrize(
    ("category", "expected"),
    [("Laptops", "laptop"), ("Chromebooks", "laptop"), ("Mobile Phones", "phone"),
     ("Phones", "phone"), ("Tablets", "tablet"), ("iPads", "tablet"), ("Projectors", "other"),
     ("Headphones", "other"), ("Desktops", "other")],
)
def test_category(category: str, expected: str) -> None:
    assert asset_terms.kind_from_category(category) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [("Ready to Deploy", "available"), ("Deployed", "available"), ("Pending", "in_repair"),
     ("Archived", "retired"), ("Broken - Not Fixable", "retired"), ("Out for Repair", "in_repair"),
     ("Lost/Stolen", "lost"),
     # the custom report writes "Label (type)"
     ("Ready to Deploy (deployable)", "available"), ("Ready to Deploy (deployed)", "available"),
     ("Lost/Stolen (archived)", "lost"), ("Broken - Not Fixable (undeployable)", "retired"),
     # a label the school made up: its type decides
     ("Being imaged (pending)", "in_repair"), ("With supplier (undeployable)", "in_repair"),
     ("Spare (deployable)", "available"), ("Sold (archived)", "retired"),
     # our own words
     ("available", "available"), ("in_repair", "in_repair"), ("on loan", "available"),
     ("retired", "retired")],
)
def test_status(status: str, expected: str) -> None:
    assert asset_terms.status(status) == expected


def test_status_never_says_on_loan() -> None:
    assert asset_terms.status("on_loan") == "available"


def test_unknown_status_is_refused() -> None:
    with pytest.raises(RowRejected, match="Status 'Being imaged' is not a known status"):
        asset_terms.status("Being imaged")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("BitLocker", "bitlocker"), ("FILEVAULT", "filevault"), ("File Vault", "filevault"),
     ("android", "android"), ("iOS", "ios"), ("other", "other"), (None, None)],
)
def test_encryption_method(value: str | None, expected: str | None) -> None:
    assert asset_terms.encryption_method(value) == expected


def test_unknown_encryption_method_is_refused() -> None:
    with pytest.raises(RowRejected, match="Encryption Method 'VeraCrypt' is not one of bitlocker"):
        asset_terms.encryption_method("VeraCrypt")
