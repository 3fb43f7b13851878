"""Lookup keys: the fast paths of ``mixed_scripts`` and ``search_name`` give the answers
of the plain per-character walks they replace, for every character."""

from __future__ import annotations

import sys
import unicodedata

from app import keys


def _walked_search_name(first: str, last: str) -> str:
    """``search_name`` as it was: a Python-level walk dropping each combining mark."""
    text = f"{first} {last}".strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped).casefold()


EVERY_CHARACTER = "".join(chr(cp) for cp in range(sys.maxunicode + 1)
                          if not 0xD800 <= cp <= 0xDFFF)


def test_search_name_drops_the_same_marks_as_the_walk_for_every_character() -> None:
    # one call over every character: more than the table remembers, so both its
    # remembered and its passing answers are compared
    assert keys.search_name(EVERY_CHARACTER, "x") == _walked_search_name(EVERY_CHARACTER, "x")
    assert len(keys._WITHOUT_MARKS) <= keys._REMEMBERED
    for first, last in [("Zoë", "Ødegård"), ("José", "Núñez"), ("Ολυμπία", "Παπαδοπούλου"),
                        ("Ａｌｉｃｅ", "ﬁ"), ("a\u0301", "\u0301"), ("", "")]:
        assert keys.search_name(first, last) == _walked_search_name(first, last)
    assert keys.search_name("Zoë", "Ødegård") == "zoe ødegard"  # ø is a letter of its own, å an a with a ring


def test_ascii_codes_never_mix_alphabets_and_others_are_still_walked() -> None:
    printable_ascii = "".join(chr(cp) for cp in range(32, 127))
    assert keys.letter_scripts(printable_ascii) == ["LATIN"]
    assert keys.mixed_scripts(printable_ascii) is None
    assert keys.mixed_scripts("LТ-0001") == ["LATIN", "CYRILLIC"]  # a Cyrillic Т
    assert keys.mixed_scripts("ЛТ-0001") is None
