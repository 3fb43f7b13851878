"""Sample notices for the template preview (desk) and ``loan-kiosk notices preview``.

The same builders as the real run, filled with a made-up borrower, so what the
preview shows is what a member of staff would get.
"""

from __future__ import annotations

import datetime as dt

from app.notices.messages import Builder, Draft, Item, Recipient, Section

KINDS = ("due_soon", "overdue", "leaver", "receipt_copy", "loan_ack", "trip_phones", "digest")
LABELS = {"due_soon": "Due soon", "overdue": "Overdue", "leaver": "Leaver notice",
          "receipt_copy": "Receipt copy", "loan_ack": "Loan acknowledgement",
          "trip_phones": "Trip phones due back", "digest": "Desk digest"}


def sample(builder: Builder, kind: str, today: dt.date) -> Draft:
    """A notice of ``kind`` for a sample borrower, as of ``today``."""
    who = Recipient("Alex Example", "Alex", "alex.example@school.example", None, "AEX")
    items = [Item("LT-0042", "Laptop, Dell Latitude 5440", today - dt.timedelta(days=3),
                  "3 days overdue"),
             Item("TB-0007", "Tablet, Apple iPad 10th gen", today + dt.timedelta(days=1),
                  "due in 1 day")]
    if kind == "due_soon":
        return builder.due_soon(who, items[1:], "preview", [])
    if kind == "overdue":
        return builder.overdue(who, items[:1], "preview", [])
    if kind == "leaver":
        return builder.leaver(who, items, today + dt.timedelta(days=14), "preview",
                              "hr@school.example")
    if kind == "receipt_copy":
        return builder.receipt_copy(who, "R-2026-0001", "Return of school property",
                                    "Returned: LT-0042. Not returned: TB-0007 (still school "
                                    "property).", "preview", ["hr@school.example"])
    if kind == "loan_ack":
        return builder.receipt_copy(who, "A-2026-0001", "Loan acknowledgement", "", "preview", [],
                                    kind="loan_ack", items=items[:1])
    if kind == "trip_phones":
        return builder.trip_phones(who, "Year 9 Paris", today - dt.timedelta(days=1),
                                   [Item("PH-0003", "Phone, Samsung Galaxy A15")], "preview")
    if kind == "digest":
        return builder.digest("it@school.example", today, [
            Section("Overdue", ["LT-0042 (Laptop, Dell Latitude 5440): Alex Example (AEX), "
                                "3 days overdue"]),
            Section("Leaving this week with items", []),
            Section("Personal-data loans of unencrypted devices", []),
            Section("Messages that failed", []),
            Section("People without an email address", ["Sam Nomail (SNO): overdue reminder"]),
        ], "1234-0f3a9c2e7b5d4a1c8e6f", "preview")
    raise ValueError(f"no such notice: {kind}")
