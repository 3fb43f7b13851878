"""Receipt contents shaped exactly like the records the services write."""

from __future__ import annotations

import math
from typing import Any

from ink.signature import SignatureData

NAMES = [
    ("Siân", "Ó Briain"),
    ("Łukasz", "Żółć"),
    ("Zoë", "Ødegård"),
    ("Ζωή", "Παπαδοπούλου"),
    ("Дмитрий", "Иванов"),
]


def signature() -> SignatureData:
    """A believable signature: three looping strokes across the pad."""
    strokes = []
    for s in range(3):
        pts = []
        for i in range(80):
            t = i / 79
            pts.append([i * 8.0, 700 + s * 550 + t * 480,
                        1250 + 320 * math.sin(t * 7 + s), 0.4 + 0.4 * t])
        strokes.append(pts)
    return SignatureData.from_dict({"strokes": strokes, "window": [500, 400, 2650, 2100]})


def person(first: str = "Siân", last: str = "Ó Briain", code: str = "SOB") -> dict[str, Any]:
    return {"staff_code": code, "first_name": first, "last_name": last,
            "name": f"{first} {last}", "department": "Science", "email": "sob@example.org",
            "leaving_date": "2026-12-18"}


def technician() -> dict[str, str]:
    return {"username": "jtech", "name": "Jo Technician"}


def leaver_item(i: int, *, returned: bool = True, note: str | None = None) -> dict[str, Any]:
    encrypted = i % 4 != 0
    return {
        "tag": f"LT-{i:04d}", "kind": ("laptop", "phone", "tablet")[i % 3], "make": "Dell",
        "model": "Latitude 5440", "serial": f"SN{i:08d}",
        "encryption": "Encrypted (BitLocker, 12 Mar 2026)" if encrypted else "Not encrypted",
        "encrypted": encrypted,
        "condition": "ok" if returned else None,
        "outcome": "returned" if returned else "not_returned",
        "note": note, "out_at": "2026-01-05T09:00:00+00:00", "due_on": "2026-12-31",
    }


def leaver_content(items: list[dict[str, Any]] | None = None, *, who: dict[str, Any] | None = None,
                   number: str = "R-2026-0042", school: str = "Example Academy") -> dict[str, Any]:
    return {
        "number": number, "kind": "leaver_return", "issued_at": "2026-11-24T10:00:00+00:00",
        "school": school, "person": who or person(),
        "items": items if items is not None else [
            leaver_item(1), leaver_item(2, returned=False, note="Left at home; will post it"),
            leaver_item(4, note="Charger missing")],
        "technician": technician(), "signature_id": 7,
    }


def ack_content(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    base = {"tag": "LT-0001", "kind": "laptop", "make": "Dell", "model": "Latitude 5440",
            "serial": "SN-L1", "encryption": "Encrypted (BitLocker, 12 Mar 2026)",
            "encrypted": True, "due_on": "2026-12-24", "purpose": "Marking at home",
            "personal_data": True}
    unencrypted = dict(base, tag="LT-0002", serial="SN-L2", encryption="Not encrypted",
                       encrypted=False, personal_data=False, purpose="Lesson slides")
    return {
        "number": "A-2026-0007", "kind": "loan_ack", "issued_at": "2026-11-24T10:00:00+00:00",
        "school": "Example Academy", "person": person("Łukasz", "Żółć", "LZ1"),
        "items": items if items is not None else [base, unencrypted],
        "technician": technician(), "signature_id": 3,
    }


def trip_content() -> dict[str, Any]:
    phones = [
        {"tag": f"PH-{i:04d}", "make": "Samsung", "model": "Galaxy A15",
         "phone_number": f"07700 90000{i}", "imei": f"35693803564380{i}",
         "due_on": "2027-03-15"} for i in range(1, 5)
    ]
    return {
        "number": "T-2026-0003", "kind": "trip_sheet", "issued_at": "2026-11-24T10:00:00+00:00",
        "school": "Example Academy",
        "trip": {"name": "Year 9 Iceland", "destination": "Reykjavík",
                 "start_date": "2027-03-12", "end_date": "2027-03-15"},
        "leader": person("Zoë", "Ødegård", "ZO1"),
        "items": phones, "technician": technician(), "signature_id": 9,
    }


def return_content(*, data: str | None = "kept", note: str | None = "Charger missing",
                   data_note: str | None = "for the new head of science, Mr Jones"
                   ) -> dict[str, Any]:
    """A signed check-in's return receipt (``signature.on_return``), as the services write it."""
    item = leaver_item(1, note=note)
    item.update(condition="incomplete", personal_data=True, data=data, data_note=data_note)
    return {
        "number": "C-2026-0012", "kind": "loan_return", "issued_at": "2026-11-24T10:00:00+00:00",
        "school": "Example Academy", "person": person(), "items": [item],
        "technician": technician(), "signature_id": 9,
    }
