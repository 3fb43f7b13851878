"""Property tests: any settings file gives Settings or InvalidInput naming the problem;
what is accepted saves and loads back the same, readable only by the desk's user."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import Settings, load_settings, save_settings, settings_from_dict
from app.errors import InvalidInput

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DEFAULTS = Settings().to_dict()
SECTIONS = sorted(DEFAULTS)
KEYS = sorted({k for v in DEFAULTS.values() for k in v})
scalar = st.one_of(st.booleans(), st.integers(min_value=-(2**63), max_value=2**63 - 1),
                   st.floats(allow_nan=False), st.text(max_size=30),
                   st.sampled_from(["", "A4", "\u202e", "=cmd|' /C calc'!A0", "x" * 10_000, "🚀"]))
value = st.one_of(scalar, st.lists(scalar, max_size=5), st.dictionaries(st.text(max_size=5), scalar,
                                                                        max_size=3))
section = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), value, max_size=6)
document = st.dictionaries(st.one_of(st.sampled_from(SECTIONS), st.text(max_size=10)),
                           st.one_of(section, scalar), max_size=5)

CORPUS: list[bytes] = [
    b"", b"\xff\xfe\x00", b"[school", b"[school]\nname = ", b"[[school]]\nname = 'x'\n",
    b"school = 3\n", b"[nope]\n", b"[school]\nnope = 1\n", b"[backup]\nkeep = 'many'\n",
    b"[backup]\nkeep = true\n", b"[loans]\ndays_laptop = 1e999\n", b"[pad]\nwindow = [1, 'x']\n",
    b"[pad]\nwindow = 3\n", b"[school]\nname = \"\\u0000\"\n",
    b"\x00" * 100, "[school]\nname = \"Ysgol Gymraeg ‮\"\n".encode(),
    b"[school]\r\nname = 'CRLF'\r\n", b"\xef\xbb\xbf[school]\nname = 'BOM'\n",
]


def _load(raw: bytes) -> Settings | None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "settings.toml"
        path.write_bytes(raw)
        try:
            return load_settings(path)
        except InvalidInput as exc:
            assert exc.message
            return None


def _round_trip(s: Settings) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "settings.toml"
        try:
            save_settings(s, path)
        except ValueError:
            return  # tomli-w cannot write this value (e.g. a NUL in text); nothing was replaced
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert load_settings(path) == s


def test_corpus_of_broken_settings_files() -> None:
    for raw in CORPUS:
        s = _load(raw)
        if s is not None:
            _round_trip(s)


def test_deeply_nested_settings_file() -> None:
    """A settings file nested thousands deep is refused as invalid, not a crash."""
    assert _load(b"a = " + b"[" * 5000 + b"]" * 5000) is None


@FAST
@given(document)
def test_any_structure(doc: dict[str, Any]) -> None:
    try:
        s = settings_from_dict(doc)
    except InvalidInput:
        pass
    else:
        _round_trip(s)
    try:
        raw = tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError):
        return
    s2 = _load(raw)
    if s2 is not None:
        _round_trip(s2)


@FAST
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))))
def test_any_bytes(raw: bytes) -> None:
    s = _load(raw)
    if s is not None:
        _round_trip(s)
