"""The form that adds one asset or edits one (every field, each message under its field)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.views.record_form_view import FieldSpec, RecordFormView


def asset_specs(kinds: tuple[tuple[str, str], ...],
                methods: tuple[tuple[str, str], ...]) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("tag", "Asset tag", hint="as on its label, e.g. LT-0042"),
        FieldSpec("kind", "Kind", "choice", (("", "— choose —"), *kinds)),
        FieldSpec("make", "Make", hint="Dell, Apple, Samsung…"),
        FieldSpec("model", "Model", hint="Latitude 5440, iPad (10th generation)…"),
        FieldSpec("serial", "Serial number"),
        FieldSpec("imei", "IMEI", hint="15 digits: dial *#06# on the phone"),
        FieldSpec("phone_number", "Phone number", hint="07700 900123"),
        FieldSpec("encryption_method", "Encryption method", "choice", methods),
        FieldSpec("purchase_date", "Purchase date", hint="DD/MM/YYYY"),
        FieldSpec("purchase_cost", "Purchase cost (£)", hint="1,049.00"),
        FieldSpec("accessories", "Accessories", hint="charger, case"),
        FieldSpec("notes", "Notes", "text"),
    )


class AssetFormView(RecordFormView):
    def __init__(self, kinds: tuple[tuple[str, str], ...], methods: tuple[tuple[str, str], ...],
                 parent: QWidget | None = None) -> None:
        super().__init__("Add an asset", "", asset_specs(kinds, methods), parent)

    def for_adding(self) -> None:
        self.setWindowTitle("Add an asset")
        self.title.setText("Add an asset")
        self.intro.setText("It starts available. The encryption method follows the kind and "
                           "make until you choose one; record a check on its card once verified.")

    def for_editing(self, tag: str, status_words: str) -> None:
        self.setWindowTitle(f"Edit {tag}")
        self.title.setText(f"Edit {tag}")
        self.intro.setText(f"Status: {status_words} (it changes by lending, returning and the "
                           "buttons on its card, not here). Only the fields you change are "
                           "saved, and each change is recorded in the audit log.")
