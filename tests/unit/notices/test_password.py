"""The SMTP password: the credential store when there is one, else a 0600 file, said so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.notices.password import load_password, store_password


def memory_keyring() -> KeyringBackend:
    """A credential store for the test (the machine has none: no Secret Service here).

    Made inside the test, after keyring chose its backend: a backend class that exists when
    keyring first looks is a candidate for every later test in the process.
    """

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.saved.pop((service, username), None)

    return MemoryKeyring()


@pytest.fixture
def store() -> Iterator[Any]:
    previous = keyring.get_keyring()
    ring = memory_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_the_password_goes_to_the_credential_store_not_a_file(store: Any,
                                                              tmp_path: Path) -> None:
    stored = store_password(tmp_path, "smtp.example", "desk", "s3cret")
    assert stored.in_store and "credential store" in stored.where
    assert store.saved == {("loan-kiosk-smtp", "desk@smtp.example"): "s3cret"}
    assert not (tmp_path / "mail-password").exists()
    assert load_password(tmp_path, "smtp.example", "desk") == "s3cret"


def test_without_a_store_it_says_so_and_uses_a_private_file(tmp_path: Path) -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        stored = store_password(tmp_path, "smtp.example", "desk", "s3cret")
        assert not stored.in_store and "no system credential store here" in stored.where
        path = tmp_path / "mail-password"
        assert path.stat().st_mode & 0o777 == 0o600
        assert load_password(tmp_path, "smtp.example", "desk") == "s3cret"
        assert load_password(tmp_path, "other.example", "desk") == ""  # another account
    finally:
        keyring.set_keyring(previous)
