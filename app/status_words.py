"""The one table of status words: how each asset and person status reads, on a card
("On loan") and inside a sentence ("LT-0001 is recorded as lost and cannot be lent")."""

from __future__ import annotations

#: status -> (label on a card or a list, words inside a sentence)
STATUS_WORDS: dict[str, tuple[str, str]] = {
    # assets
    "available": ("Available", "available"),
    "on_loan": ("On loan", "on loan"),
    "in_repair": ("In repair", "in repair"),
    "lost": ("Lost", "recorded as lost"),
    "retired": ("Retired", "retired"),
    # people
    "active": ("Active", "active"),
    "leaving": ("Leaving", "leaving"),
    "left": ("Left", "left"),
}


def status_label(status: str) -> str:
    """``"in_repair"`` → ``"In repair"`` (an unknown status is shown as it is)."""
    return STATUS_WORDS[status][0] if status in STATUS_WORDS else status


def status_in_words(status: str) -> str:
    """``"lost"`` → ``"recorded as lost"``, for "LT-0001 is …" (an unknown status as it is)."""
    return STATUS_WORDS[status][1] if status in STATUS_WORDS else status


#: what :func:`lent_to` puts between a room and the person responsible for what is there
ROOM_MARK = " (responsible: "


def lent_to(person: str, location: str | None = None) -> str:
    """Who (or where) a loan is with: "Siân Ó Briain", or for a loan to a room
    "Room 12 (responsible: Siân Ó Briain)"."""
    return f"{location}{ROOM_MARK}{person})" if location else person


def lent_to_with_code(holder: str, code: str | None) -> str:
    """:func:`lent_to`'s text with the person's staff code beside their name: "Siân Ó Briain
    (AB1)", or "Room 12 (responsible: Siân Ó Briain (AB1))" — not after the room's bracket."""
    if not code:
        return holder
    if holder.endswith(")") and ROOM_MARK in holder:
        return f"{holder[:-1]} ({code}))"
    return f"{holder} ({code})"
