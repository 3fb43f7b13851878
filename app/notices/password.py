"""The SMTP password: in the operating system's credential store, never in settings.toml.

``keyring`` picks the store (Windows Credential Manager, macOS Keychain, the Secret
Service on a Linux desktop). Where there is none (a server, a bare Linux box) the
password goes to ``mail-password`` in the data folder, readable only by the desk's
user (0600; on Windows an ACL), and :func:`store_password` says so.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "loan-kiosk-smtp"
FALLBACK_FILE = "mail-password"


@dataclass(frozen=True)
class Stored:
    where: str
    #: False: no credential store here, the 0600 file was used
    in_store: bool


def _account(host: str, username: str) -> str:
    return f"{username}@{host}"


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def store_password(data_dir: Path, host: str, username: str, password: str) -> Stored:
    if _keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, _account(host, username), password)
            (data_dir / FALLBACK_FILE).unlink(missing_ok=True)
            return Stored(f"the system credential store ({type(keyring.get_keyring()).__name__})",
                          True)
        except KeyringError as exc:
            log.warning("credential store refused the password (%s): using a private file", exc)
    from app.atomic_files import write_new_file
    from app.private_files import make_private

    path = data_dir / FALLBACK_FILE
    write_new_file(path, f"{_account(host, username)}\n{password}\n".encode(), mode=0o600,
                   overwrite=True)
    make_private(path)
    return Stored(f"{path} (no system credential store here; the file is readable only by "
                  "this user)", False)


def load_password(data_dir: Path, host: str, username: str) -> str:
    """The stored password for ``username`` at ``host`` ("" if none)."""
    if _keyring_usable():
        import keyring
        from keyring.errors import KeyringError

        try:
            found = keyring.get_password(SERVICE, _account(host, username))
        except KeyringError as exc:
            log.warning("credential store cannot be read (%s)", exc)
            found = None
        if found is not None:
            return found
    path = data_dir / FALLBACK_FILE
    try:
        account, _, rest = path.read_text(encoding="utf-8").partition("\n")
    except FileNotFoundError:
        return ""
    if account != _account(host, username):
        return ""
    if os.name != "nt" and path.stat().st_mode & 0o077:
        log.warning("%s can be read by other users: run 'loan-kiosk notices password' again", path)
    return rest.removesuffix("\n")
