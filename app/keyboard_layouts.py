"""A scanner programmed for one keyboard layout on a PC set to another.

A USB scanner sends key positions, not characters; the PC's keyboard layout
turns them into characters. A scanner set up for a US keyboard on a German PC
types ``LT-0001`` as ``LTß0001`` (the US minus key is ß there), on a French PC
as ``LT)ààà&`` (the digits need Shift on AZERTY). :func:`us_reading` undoes that:
given what arrived and the PC's layout, it gives what the label really says.

The tables are the keys a US scanner presses (the US row, plain and with Shift)
and what the other layout types for the same keys, from xkb-data 2.35.1
``symbols/de`` ``"basic"`` (e.g. ``key <AE11> { [ ssharp, question …`` via
``latin(type4)``, ``key <AB10> { [ minus, underscore …``, ``key <TLDE> {
[dead_circumflex, degree …``) and ``symbols/fr`` ``"basic"`` (``key <AE01> {
[ ampersand, 1 …``, ``key <AE11> { [ parenright, degree …``). ``None`` marks a dead
key (it types nothing by itself). ``tests/unit/test_keyboard_layouts.py`` checks
every entry against a real X server with ``setxkbmap``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the keys of a US keyboard a scanner uses, row by row: E (digits), D, C (with the
#: backslash key), B; the same positions in every table below
US_PLAIN = "`1234567890-=" "qwertyuiop[]" "asdfghjkl;'\\" "zxcvbnm,./"
US_SHIFT = "~!@#$%^&*()_+" "QWERTYUIOP{}" 'ASDFGHJKL:"|' "ZXCVBNM<>?"

_D = "\0"  # a dead key in the strings below

#: layout -> (its name for people, what it types for US_PLAIN, for US_SHIFT)
LAYOUTS: dict[str, tuple[str, str, str]] = {
    "de": ("German (QWERTZ)",
           _D + "1234567890ß" + _D + "qwertzuiopü+" "asdfghjklöä#" "yxcvbnm,.-",
           "°!\"§$%&/()=?" + _D + "QWERTZUIOPÜ*" "ASDFGHJKLÖÄ'" "YXCVBNM;:_"),
    "fr": ("French (AZERTY)",
           "²&é\"'(-è_çà)=" "azertyuiop" + _D + "$" "qsdfghjklmù*" "wxcvbn,;:!",
           "~1234567890°+" "AZERTYUIOP" + _D + "£" "QSDFGHJKLM%µ" "WXCVBN?./§"),
}


def _reverse(plain: str, shift: str) -> dict[str, str]:
    """What the layout typed -> the US character of the same key (with Shift as typed)."""
    back: dict[str, str] = {}
    for typed_row, us_row in ((plain, US_PLAIN), (shift, US_SHIFT)):
        for typed, us in zip(typed_row, us_row, strict=True):
            if typed != _D:
                back.setdefault(typed, us)
    return back


_BACK = {name: _reverse(plain, shift) for name, (_n, plain, shift) in LAYOUTS.items()}


@dataclass(frozen=True)
class LayoutMismatch:
    """What arrived, what a US scanner meant by it, and on which layout."""

    typed: str
    meant: str
    layout: str  # "de", "fr"

    @property
    def layout_name(self) -> str:
        return LAYOUTS[self.layout][0]

    @property
    def telltale(self) -> bool:
        """The text holds a character a US keyboard cannot type (ß, é, à, §…)."""
        return any(ord(c) > 126 for c in self.typed)

    def advice(self, known: str = "") -> str:
        """The technician's message: what happened and what to change."""
        what = f" — {known}" if known else ""
        return (f"“{self.typed}” looks like a scanner set up for a US keyboard on a PC with a "
                f"{self.layout_name} keyboard layout: the label says “{self.meant}”{what}. Set "
                f"the scanner's keyboard language to {self.layout_name.split(' ')[0]} (scan that "
                "setting's code in the scanner's manual), or set this PC's keyboard layout to "
                "English (US); then scan again.")


def us_reading(text: str, layout: str) -> str | None:
    """What a US-programmed scanner sent, given what ``layout`` typed (None: not possible)."""
    back = _BACK[layout]
    out = []
    for ch in text:
        us = back.get(ch)
        if us is None:
            if ch.isascii() and ch.isprintable() and ch not in US_PLAIN + US_SHIFT:
                us = ch  # the space, and keys no layout here moves
            else:
                return None
        out.append(us)
    return "".join(out)


def layout_mismatches(text: str) -> list[LayoutMismatch]:
    """Every reading of ``text`` as a US scanner's on another layout that changes it, those
    with a telltale character first."""
    found = []
    for layout in LAYOUTS:
        meant = us_reading(text, layout)
        if meant is not None and meant != text:
            found.append(LayoutMismatch(text, meant, layout))
    return sorted(found, key=lambda m: not m.telltale)
