"""Checking a printed or saved receipt against the record (``loan-kiosk receipt verify``).

The PDF carries its canonical content (an embedded file) and its verification payload
(the keywords, and the QR code); both are compared with the database record and its
stored fingerprint, and the visible text with what a reader must see.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound
from app.fingerprint import content_sha256, seal
from app.services.lookup import find_receipt
from app.services.receipt_rows import row_problems
from app.uow import Actor
from printing.fonts import printable
from printing.render import CONTENT_ATTACHMENT
from printing.verification import format_code, parse_verification_payload, verification_code

_PAYLOAD_BYTES_RE = re.compile(rb"LKR:[A-Za-z]-\d{4}-\d{4,}:[0-9a-fA-F]{16}")


@dataclass(frozen=True)
class VerifyOutcome:
    status: Literal["match", "mismatch", "not_ours"]
    message: str
    number: str | None = None
    differences: tuple[str, ...] = ()


@dataclass
class _PdfClaims:
    number: str
    code: str | None
    content: dict[str, Any] | None
    text: str | None
    problems: list[str]


def _read_pdf(data: bytes) -> _PdfClaims | None:
    """What a PDF says about itself; None when it is not one of our receipts."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        return None
    import pypdf  # only verification needs it

    problems: list[str] = []
    payload: tuple[str, str] | None = None
    content: dict[str, Any] | None = None
    text: str | None = None
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # a damaged file is reported below, in words
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        metadata: Mapping[str, Any] = reader.metadata or {}
        keywords = metadata.get("/Keywords")
        if isinstance(keywords, str):
            payload = parse_verification_payload(keywords)
        blobs = reader.attachments.get(CONTENT_ATTACHMENT)
        if blobs:
            loaded = json.loads(blobs[0].decode("utf-8"))
            if isinstance(loaded, dict):
                content = loaded
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # a damaged file: fall back to what the raw bytes show
        problems.append(f"the PDF is damaged ({exc.__class__.__name__})")
    finally:
        pypdf_log.setLevel(level)
    if payload is None:
        m = _PAYLOAD_BYTES_RE.search(data)
        if m:
            payload = parse_verification_payload(m.group(0).decode("ascii"))
    if payload is None and content is not None and isinstance(content.get("number"), str):
        payload = (content["number"].upper(), "")
        problems.append("the verification code is missing from the PDF")
    if payload is None:
        return None
    if content is None:
        problems.append("the receipt content embedded in the PDF is missing or unreadable")
    return _PdfClaims(payload[0], payload[1] or None, content, text, problems)


def _differences(pdf: Any, record: Any, path: str = "") -> list[str]:
    """Field-by-field differences between two JSON values, as "where: PDF …, record …"."""
    if isinstance(pdf, dict) and isinstance(record, dict):
        out: list[str] = []
        for key in sorted(set(pdf) | set(record)):
            where = f"{path}.{key}" if path else str(key)
            if key not in pdf:
                out.append(f"{where}: missing from the PDF")
            elif key not in record:
                out.append(f"{where}: in the PDF but not in the record")
            else:
                out.extend(_differences(pdf[key], record[key], where))
        return out
    if isinstance(pdf, list) and isinstance(record, list):
        out = []
        if len(pdf) != len(record):
            out.append(f"{path}: {len(pdf)} entries in the PDF, {len(record)} in the record")
        for i, (a, b) in enumerate(zip(pdf, record, strict=False)):
            out.extend(_differences(a, b, f"{path}[{i + 1}]"))
        return out
    if pdf != record:
        return [f"{path}: the PDF says {pdf!r}, the record says {record!r}"]
    return []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _right_to_left(text: str) -> bool:
    import unicodedata

    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _visible_expectations(content: Mapping[str, Any], code: str) -> list[tuple[str, str]]:
    """(description, text) a person reading the PDF must see."""
    expected = [("the receipt number", str(content.get("number", ""))),
                ("the verification code", format_code(code))]
    person = content.get("person") or content.get("leader") or {}
    if isinstance(person, dict) and person.get("name"):
        expected.append(("the name", str(person["name"])))
    for item in content.get("items") or []:
        if isinstance(item, dict) and item.get("tag"):
            expected.append((f"item {item['tag']}", str(item["tag"])))
    return expected


def verify_receipt_pdf(app_ctx: AppContext, path: Path) -> VerifyOutcome:
    """Check a receipt PDF against the database.

    It matches when the content embedded in the PDF equals the record, the
    record still matches its stored fingerprint, the printed code is the
    record's, the text shows the number, code, name and tags, and — for an
    archived receipt — the file is byte for byte the archived one.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"no such file: {path}") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    claims = _read_pdf(data)
    if claims is None:
        return VerifyOutcome("not_ours", f"{path} is not a Loan Kiosk receipt")
    number = claims.number
    problems = list(claims.problems)
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        receipt = find_receipt(uow, number)
        if receipt is None:
            return VerifyOutcome("mismatch", f"receipt {number} is not in the database",
                                 number, (f"receipt {number} is not in the database",))
        record = dict(receipt.content)
        stored = receipt.content_sha256
        file_sha = receipt.file_sha256
    record_code = verification_code(stored)
    if content_sha256(record) != stored:
        problems.append("the database record was changed after the receipt was issued "
                        "(it no longer matches its stored fingerprint)")
    if claims.code is not None and claims.code != record_code:
        problems.append(f"the verification code on the PDF ({format_code(claims.code)}) is not "
                        f"the record's ({format_code(record_code)})")
    if claims.content is not None:
        if claims.code is not None and seal(claims.content).code != claims.code:
            problems.append("the content embedded in the PDF does not match the code printed "
                            "on it")
        diffs = _differences(claims.content, record)
        problems.extend(diffs[:10])
        if len(diffs) > 10:
            problems.append(f"… and {len(diffs) - 10} more differences")
    if claims.text is not None:
        seen = _squash(claims.text)
        for what, expected in _visible_expectations(record, record_code):
            shown = printable(expected)
            if _right_to_left(shown):
                continue  # text extraction reorders right-to-left runs: compared via content
            if _squash(shown) not in seen:
                problems.append(f"the printed text does not show {what} ({expected})")
        problems.extend(row_problems(record, claims.text))
    if file_sha is not None and hashlib.sha256(data).hexdigest() != file_sha:
        problems.append("the file is not the archived copy: its bytes differ "
                        f"(SHA-256 {hashlib.sha256(data).hexdigest()[:16]}…, archived "
                        f"{file_sha[:16]}…)")
    if problems:
        return VerifyOutcome(
            "mismatch", f"receipt {number} does not match the record: " + "; ".join(problems),
            number, tuple(problems))
    return VerifyOutcome("match", f"receipt {number} matches the record", number)
