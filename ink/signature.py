"""Signatures as vector strokes: the JSON format, validation and the quality gate.

The JSON document (written by ``loan-kiosk pad capture``, the signature widget,
and accepted by ``leaver return --signature``)::

    {"version": 1,
     "strokes": [[[t_ms, x, y, pressure], ...], ...],   # pen-down runs, pad coordinates
     "window": [xmin, ymin, xmax, ymax],                  # the pad's inked area
     "device": "Topaz 5-byte on /dev/ttyUSB0",
     "incomplete": false}                                 # pad vanished mid-signature

Standard library only: the app, the printing floor and the desk all use it, so it
imports nothing of theirs. Bad input raises :class:`BadSignature` (a ``ValueError``);
the app's edges turn it into their own ``InvalidInput``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
MAX_POINTS = 200_000  # far beyond any real signature; bounds hostile input


Point = tuple[float, float, float, float]  # t_ms, x, y, pressure


class BadSignature(ValueError):
    """A signature document that is not one, explained in words fit to show a person."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "not a valid signature"


@dataclass
class SignatureData:
    strokes: list[list[Point]]
    window: tuple[float, float, float, float]
    device: str = ""
    incomplete: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def point_count(self) -> int:
        return sum(len(s) for s in self.strokes)

    def bounds(self) -> tuple[float, float, float, float] | None:
        xs = [p[1] for s in self.strokes for p in s]
        ys = [p[2] for s in self.strokes for p in s]
        if not xs:
            return None
        return (min(xs), min(ys), max(xs), max(ys))

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "strokes": [[list(p) for p in s] for s in self.strokes],
            "window": list(self.window),
            "device": self.device,
            "incomplete": self.incomplete,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> SignatureData:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise BadSignature(f"signature is not valid JSON: {exc}") from exc
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> SignatureData:
        if not isinstance(data, dict):
            raise BadSignature("signature must be a JSON object")
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise BadSignature(f"unsupported signature format version {version!r}")
        strokes_in = data.get("strokes")
        if not isinstance(strokes_in, list):
            raise BadSignature("signature has no 'strokes' list")
        strokes: list[list[Point]] = []
        total = 0
        for i, stroke in enumerate(strokes_in):
            if not isinstance(stroke, list):
                raise BadSignature(f"signature stroke {i} is not a list of points")
            pts: list[Point] = []
            for p in stroke:
                if (
                    not isinstance(p, list | tuple)
                    or len(p) != 4
                    or not all(_finite_number(v) for v in p)
                ):
                    raise BadSignature(
                        f"signature stroke {i} has a point that is not [t_ms, x, y, pressure]"
                    )
                pts.append((float(p[0]), float(p[1]), float(p[2]), float(p[3])))
            total += len(pts)
            if total > MAX_POINTS:
                raise BadSignature("signature has too many points")
            if pts:
                strokes.append(pts)
        window = data.get("window")
        if (
            not isinstance(window, list | tuple)
            or len(window) != 4
            or not all(_finite_number(v) for v in window)
            or not (window[2] > window[0] and window[3] > window[1])
        ):
            raise BadSignature("signature 'window' must be [xmin, ymin, xmax, ymax] with max > min")
        device = data.get("device", "")
        if not isinstance(device, str):
            raise BadSignature("signature 'device' must be text")
        incomplete = data.get("incomplete", False)
        if not isinstance(incomplete, bool):
            raise BadSignature("signature 'incomplete' must be true or false")
        w = (float(window[0]), float(window[1]), float(window[2]), float(window[3]))
        return cls(strokes, w, device[:300], incomplete)


#: no pad reports a coordinate anywhere near this; a bigger number is not a point
_MAX_COORDINATE = 1e9


def _finite_number(v: Any) -> bool:
    """A JSON number a coordinate can be: finite and in range (a huge integer would not even
    convert to a float)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return False
    if isinstance(v, int):
        return -_MAX_COORDINATE <= v <= _MAX_COORDINATE
    return math.isfinite(v) and -_MAX_COORDINATE <= v <= _MAX_COORDINATE


@dataclass(frozen=True)
class QualityVerdict:
    ok: bool
    reason: str = ""


def check_quality(sig: SignatureData, *, min_strokes: int = 2, min_points: int = 30,
                  min_width_fraction: float = 0.15) -> QualityVerdict:
    """The gate a signature passes before it is accepted (thresholds are settings)."""
    if not sig.strokes:
        return QualityVerdict(False, "No signature yet — please sign on the pad.")
    if len(sig.strokes) < min_strokes and sig.point_count < min_points:
        return QualityVerdict(False, "That signature is too short — please sign again.")
    b = sig.bounds()
    assert b is not None
    width = sig.window[2] - sig.window[0]
    if (b[2] - b[0]) < min_width_fraction * width:
        return QualityVerdict(False, "That signature is too small — please sign again, larger.")
    return QualityVerdict(True)
