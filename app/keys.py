"""Normalised lookup keys: what makes "lt-0042", " LT-0042 " and "LT-0042" the same tag."""

from __future__ import annotations

import unicodedata


def normalise_code(text: str) -> str:
    """Case-insensitive, whitespace-trimmed, Unicode-normalised form of a tag or code."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def letter_scripts(text: str) -> list[str]:
    """The alphabets (Unicode scripts, by character name: LATIN, CYRILLIC, GREEK...) the
    letters of ``text`` come from, in order of first use."""
    scripts: list[str] = []
    for c in text:
        if c.isalpha():
            script = unicodedata.name(c, "UNKNOWN").split(" ")[0]
            if script not in scripts:
                scripts.append(script)
    return scripts


def mixed_scripts(text: str) -> list[str] | None:
    """The alphabets of a code that mixes them (a Cyrillic "Т" in "LТ-0001" looks like
    the Latin "T" but is another code), else None.

    ASCII text is answered without the walk: its only letters are A-Z and a-z, all
    of them LATIN, so it cannot mix alphabets (most codes are ASCII; the walk looks
    up each letter's Unicode name)."""
    if text.isascii():
        return None
    scripts = letter_scripts(text)
    return scripts if len(scripts) > 1 else None


def tag_key(tag: str) -> str:
    return normalise_code(tag)


def staff_key(code: str) -> str:
    return normalise_code(code)


def badge_key(code: str) -> str:
    return normalise_code(code)


class _WithoutMarks(dict[int, str | None]):
    """``str.translate`` table deleting combining marks (accents once decomposed) and
    keeping every other character: each character's answer is looked up with
    ``unicodedata.combining`` the first time it is met, then remembered, so translating
    is one C loop instead of a Python-level test of every character. Names are written
    with a few hundred characters at most; past :data:`_REMEMBERED` (hostile text) the
    answers are given without being kept, so the table cannot grow without bound."""

    def __missing__(self, code_point: int) -> str | None:
        c = chr(code_point)
        kept = None if unicodedata.combining(c) else c
        if len(self) < _REMEMBERED:
            self[code_point] = kept
        return kept


#: characters :class:`_WithoutMarks` remembers at most (≈ 0.5 MB)
_REMEMBERED = 4096


_WITHOUT_MARKS = _WithoutMarks()


def search_name(first: str, last: str) -> str:
    """Lower-cased, accent-insensitive 'first last' used by type-ahead search."""
    text = f"{first} {last}".strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = decomposed.translate(_WITHOUT_MARKS)
    return unicodedata.normalize("NFKC", stripped).casefold()
