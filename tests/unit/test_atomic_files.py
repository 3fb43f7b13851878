"""Documents are written whole or not at all, and never over another file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import atomic_files as atomic


def test_writes_the_bytes_with_private_permissions(tmp_path: Path) -> None:
    target = tmp_path / "2026" / "R-2026-0001.pdf"
    assert atomic.write_new_file(target, b"%PDF-1.4 one") == target
    assert target.read_bytes() == b"%PDF-1.4 one"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["R-2026-0001.pdf"]


def test_never_silently_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "R-2026-0001.pdf"
    atomic.write_new_file(target, b"first")
    with pytest.raises(FileExistsError):
        atomic.write_new_file(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["R-2026-0001.pdf"]  # no temp left


def test_can_pick_a_new_name_instead(tmp_path: Path) -> None:
    target = tmp_path / "R-2026-0001.pdf"
    atomic.write_new_file(target, b"first")
    second = atomic.write_new_file(target, b"second", pick_new_name=True)
    third = atomic.write_new_file(target, b"third", pick_new_name=True)
    assert (second.name, third.name) == ("R-2026-0001-2.pdf", "R-2026-0001-3.pdf")
    assert target.read_bytes() == b"first" and third.read_bytes() == b"third"


def test_replaces_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "labels.pdf"
    atomic.write_new_file(target, b"old")
    atomic.write_new_file(target, b"new", overwrite=True, mode=0o644)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["labels.pdf"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic.write_new_file(tmp_path / "R-2026-0001.pdf", b"%PDF" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_file_systems_without_hard_links_still_refuse_to_overwrite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "R.pdf"
    atomic.write_new_file(target, b"first")
    with pytest.raises(FileExistsError):
        atomic.write_new_file(target, b"second")
    assert target.read_bytes() == b"first"
    assert atomic.write_new_file(target, b"x", pick_new_name=True).name == "R-2.pdf"


def test_sha256_of_a_file(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "f"
    path.write_bytes(b"abc" * 100_000)
    assert atomic.sha256_file(path) == hashlib.sha256(b"abc" * 100_000).hexdigest()
