"""What a device's own numbers must look like: its IMEI, its UK phone number, and how
a device of its kind and make is usually encrypted (what an add form starts from).

Pure functions, no database: the desk calls :func:`default_encryption_method` as a
technician types, and the services check a whole form with the others.
"""

from __future__ import annotations

import re

_SPACING = re.compile(r"[\s\-./()]+")


def luhn_ok(digits: str) -> bool:
    """True when the last digit of ``digits`` is the Luhn check digit of the others.

    (ISO/IEC 7812-1 Annex B; an IMEI's 15th digit is this check digit, 3GPP TS 23.003 §6.2.1.)
    """
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def imei(value: str) -> str:
    """An IMEI as 15 digits (spaces and dashes dropped), its check digit verified.

    Raises ValueError with a sentence for the technician when it is not one.
    """
    digits = _SPACING.sub("", value)
    if not digits.isdigit():
        raise ValueError("an IMEI has only digits (dial *#06# on the phone to see it)")
    if len(digits) == 16:
        raise ValueError("that is an IMEI-SV (16 digits): type the 15-digit IMEI shown by *#06#")
    if len(digits) != 15:
        raise ValueError(f"an IMEI has 15 digits; this has {len(digits)}")
    if not luhn_ok(digits):
        raise ValueError("the IMEI's last digit does not match the others (a digit is mistyped)")
    return digits


def uk_phone(value: str) -> str:
    """A UK phone number in the national format people read: ``07700 900123``.

    Accepts +44, 0044 and 44 prefixes, a bracketed (0), spaces, dashes and dots.
    02… numbers come out as 3+4+4 digits, every other (07 mobiles, 01, 03) as 5+6.
    Raises ValueError for anything that is not a UK number.
    """
    text = value.strip()
    digits = _SPACING.sub("", text.removeprefix("+"))
    if not digits.isdigit():
        raise ValueError("a phone number has only digits, spaces and a leading +")
    if text.startswith("+") or digits.startswith("00"):
        international = digits.removeprefix("00")
        if not international.startswith("44"):
            raise ValueError("not a UK number (it should start +44 or 0)")
        national = "0" + international[2:].removeprefix("0")  # +44 (0)7700 …
    elif digits.startswith("44") and len(digits) == 12:
        national = "0" + digits[2:]
    elif len(digits) == 10 and digits[0] in "1237":
        national = "0" + digits  # a spreadsheet dropped the leading 0
    else:
        national = digits
    if not national.startswith("0") or national.startswith("00") or len(national) != 11:
        raise ValueError("a UK phone number has 11 digits starting with 0, e.g. 07700 900123")
    if national.startswith("02"):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    return f"{national[:5]} {national[5:]}"


def default_encryption_method(kind: str, make: str | None, model: str | None = None) -> str | None:
    """How a device of this kind and make is normally encrypted, or None when it depends.

    Apple: FileVault on a Mac, iOS/iPadOS on an iPhone or iPad. Any other phone,
    and any other tablet but a Surface, is Android (device encryption): a Samsung
    tablet is not BitLocker. A laptop that is not a Mac or a Chromebook runs
    Windows, so BitLocker; a Chromebook encrypts itself (``other``). Without a
    make (or for kind ``other``) there is no default.
    """
    maker = (make or "").casefold().strip()
    named = f"{maker} {(model or '').casefold()}"
    if kind not in ("laptop", "tablet", "phone") or not maker:
        return None
    if "apple" in maker or "macbook" in named or "iphone" in named or "ipad" in named:
        return "filevault" if kind == "laptop" else "ios"
    if kind == "phone":
        return "android"
    if kind == "tablet":
        return "bitlocker" if "surface" in named or maker.startswith("microsoft") else "android"
    if "chromebook" in named or maker.startswith("google"):
        return "other"
    return "bitlocker"
