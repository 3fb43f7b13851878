"""The per-user data folder comes from platformdirs: the one each platform's own
conventions give the desk user (not roaming on Windows, so a roaming profile never
carries the database to another computer)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import platformdirs.macos
import platformdirs.unix
import platformdirs.windows
import pytest

from app.config import default_data_dir


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOAN_KIOSK_DATA_DIR", raising=False)


def test_windows_keeps_it_in_the_users_local_app_data(no_override: None, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "Users" / "Łucja Wójcik" / "AppData" / "Local"
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    # off Windows platformdirs reads the known folders from the environment, as Windows sets it
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda csidl: str(local) if csidl == "CSIDL_LOCAL_APPDATA" else "ROAMING")
    assert default_data_dir() == local / "loan-kiosk"


def test_macos_keeps_it_in_application_support(no_override: None, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    monkeypatch.setenv("HOME", str(tmp_path / "Dafydd ap Gruffydd"))
    assert default_data_dir() == tmp_path / "Dafydd ap Gruffydd" / "Library" / \
        "Application Support" / "loan-kiosk"


def test_linux_follows_xdg(no_override: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.unix.Unix)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "Łucja Wójcik" / ".local" / "share"))
    assert default_data_dir() == tmp_path / "Łucja Wójcik" / ".local" / "share" / "loan-kiosk"


def test_loan_kiosk_data_dir_beats_platformdirs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOAN_KIOSK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
