"""Property tests: any signature JSON gives a SignatureData or BadSignature, never another
exception; whatever is accepted passes the quality gate check, renders to a PNG and survives
a JSON round trip unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.signature_png import render_png
from ink.signature import BadSignature, SignatureData, check_quality

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NASTY_NUMBERS = [0, -0.0, 1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"), 2**63,
                 -(2**63), 10**400, True, False, None, "1", [], {}]
number = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                   st.sampled_from(NASTY_NUMBERS))
point = st.one_of(st.lists(number, min_size=4, max_size=4), st.lists(number, max_size=6),
                  st.text(max_size=5), st.none())
stroke = st.one_of(st.lists(point, max_size=20), st.text(max_size=5), st.integers())
window = st.one_of(st.lists(number, min_size=4, max_size=4), st.lists(number, max_size=6),
                   st.none(), st.text(max_size=4))
document = st.fixed_dictionaries(
    {},
    optional={
        "version": st.one_of(st.just(1), number, st.text(max_size=3)),
        "strokes": st.one_of(st.lists(stroke, max_size=6), number, st.text(max_size=4)),
        "window": window,
        "device": st.one_of(st.text(max_size=40), number, st.just("\u202e" + "x" * 10_000)),
        "incomplete": st.one_of(st.booleans(), number, st.text(max_size=3)),
        "extra": st.text(max_size=10),
    },
)
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=10)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                      max_size=4),
    max_leaves=30,
)

CORPUS: list[bytes] = [
    b"", b" ", b"null", b"[]", b"{}", b"\xff\xfe", b"\x00" * 10, b'{"strokes": 3}',
    b'{"strokes": [], "window": [0, 0, 0, 0]}', b'{"strokes": [[[1,2,3]]], "window": [0,0,1,1]}',
    b'{"strokes": [[[0, NaN, 1, 1]]], "window": [0,0,1,1]}',
    b'{"strokes": [[[0, Infinity, 1, 1]]], "window": [0,0,1,1]}',
    b'{"strokes": [[[0, 1e999, 1, 1]]], "window": [0,0,1,1]}',
    b"[" * 100_000 + b"]" * 100_000,  # nesting deep enough to blow the stack
    b'{"strokes": [' + b"[[0,1,1,1]]," * 5 + b"]}",
    b'{"version": 2, "strokes": [], "window": [0,0,1,1]}',
    b'{"strokes": [[[0, 1, 1, 1]]], "window": [0,0,1,1], "device": {"a": 1}}',
    json.dumps({"strokes": [[[i, i, i, 1] for i in range(200_001)]],
                "window": [0, 0, 1, 1]}).encode(),  # more points than a hand can make
    "{\"device\": \"\u202eevil\u0000\", \"strokes\": [], \"window\": [0,0,9,9]}".encode(),
]


def _accepts_or_refuses(raw: bytes | str) -> SignatureData | None:
    try:
        return SignatureData.from_json(raw)
    except BadSignature as exc:
        assert exc.message
        return None


def _behaves(sig: SignatureData) -> None:
    again = SignatureData.from_json(sig.to_json())
    assert again.strokes == sig.strokes and again.window == sig.window
    assert again.device == sig.device and len(sig.device) <= 300
    check_quality(sig)
    png = render_png(sig, 120, 40)
    assert png.startswith(b"\x89PNG")


def test_corpus_of_nasty_signatures() -> None:
    for raw in CORPUS:
        sig = _accepts_or_refuses(raw)
        if sig is not None:
            _behaves(sig)
    huge = _accepts_or_refuses(CORPUS[-2])
    assert huge is None  # refused, not stored


@FAST
@given(document)
def test_structured_documents(doc: dict[str, Any]) -> None:
    raw = json.dumps(doc, allow_nan=True)
    sig = _accepts_or_refuses(raw)
    if sig is not None:
        _behaves(sig)


@FAST
@given(st.one_of(json_value.map(lambda v: json.dumps(v, allow_nan=True)), st.binary(max_size=200),
                 st.text(max_size=200)))
def test_arbitrary_input(raw: Any) -> None:
    sig = _accepts_or_refuses(raw)
    if sig is not None:
        _behaves(sig)


def test_a_number_too_big_for_a_float_is_refused_not_a_crash() -> None:
    """Found by hypothesis: a 300-digit integer coordinate raised OverflowError."""
    raw = json.dumps({"strokes": [[[0, 0, 0, 10**300]]], "window": [0, 0, 10, 10]})
    with pytest.raises(BadSignature):
        SignatureData.from_json(raw)
