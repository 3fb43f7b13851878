"""IMEI check digits, UK phone numbers and the encryption method a new device starts with."""

from __future__ import annotations

import pytest

from app.services.device_fields import default_encryption_method, imei, luhn_ok, uk_phone


def test_luhn_check_digit() -> None:
    # 490154203237518: the worked example of Wikipedia's "International Mobile Equipment
    # Identity" article (check digit 8, computed by hand there with the Luhn algorithm)
    assert luhn_ok("490154203237518")
    assert not luhn_ok("490154203237519")
    # 79927398713: the Luhn example of Wikipedia's "Luhn algorithm" article
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert not luhn_ok("") and not luhn_ok("12a4")


def test_imei_is_15_digits_with_a_good_check_digit() -> None:
    assert imei("49-015420-323751-8") == "490154203237518"
    assert imei(" 49 015420 323751 8 ") == "490154203237518"
    with pytest.raises(ValueError, match="last digit does not match"):
        imei("490154203237517")
    with pytest.raises(ValueError, match="15 digits; this has 14"):
        imei("49015420323751")
    with pytest.raises(ValueError, match="IMEI-SV"):
        imei("4901542032375101")
    with pytest.raises(ValueError, match="only digits"):
        imei("49015420323751O")


@pytest.mark.parametrize(("typed", "stored"), [
    # 07700 900000–900999: Ofcom's numbers reserved for drama (never a real phone)
    ("07700900123", "07700 900123"),
    ("07700 900 123", "07700 900123"),
    ("+44 7700 900123", "07700 900123"),
    ("+44 (0)7700 900123", "07700 900123"),
    ("0044 7700 900123", "07700 900123"),
    ("447700900123", "07700 900123"),
    ("7700900123", "07700 900123"),  # Excel dropped the leading 0
    ("020 7946 0018", "020 7946 0018"),  # Ofcom drama range, London
    ("0113 496 0000", "01134 960000"),
])
def test_uk_phone_numbers(typed: str, stored: str) -> None:
    assert uk_phone(typed) == stored


@pytest.mark.parametrize("typed", ["+1 202 555 0143", "0033 1 23 45 67 89", "0770090012",
                                   "077009001234", "07700-9OO123", "00 44"])
def test_not_uk_phone_numbers(typed: str) -> None:
    with pytest.raises(ValueError):
        uk_phone(typed)


@pytest.mark.parametrize(("kind", "make", "model", "method"), [
    ("laptop", "Dell", "Latitude 5440", "bitlocker"),
    ("laptop", "Lenovo", "ThinkPad E14", "bitlocker"),
    ("laptop", "Apple", "MacBook Air 13", "filevault"),
    ("laptop", "Acer", "Chromebook 314", "other"),
    ("tablet", "Samsung", "Galaxy Tab A9", "android"),
    ("tablet", "Microsoft", "Surface Go 4", "bitlocker"),
    ("tablet", "Apple", "iPad (10th generation)", "ios"),
    ("phone", "Apple", "iPhone SE", "ios"),
    ("phone", "Samsung", "Galaxy A54", "android"),
    ("laptop", "", "", None),
    ("other", "Epson", "EB-L200SW", None),
])
def test_default_encryption_method(kind: str, make: str, model: str, method: str | None) -> None:
    assert default_encryption_method(kind, make, model) == method
