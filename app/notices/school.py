"""The school's notice builder: its templates folder, its logo, its return instructions."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.notices.messages import Builder, School
from app.notices.templates import Templates


def school_logo(settings: Settings, data_dir: Path | None) -> Path | None:
    logo = settings.school.logo.strip()
    if not logo:
        return None
    path = Path(logo).expanduser()
    if not path.is_absolute() and data_dir is not None:
        path = data_dir / path
    return path if path.is_file() else None


def templates_for(settings: Settings, data_dir: Path | None) -> Templates:
    """The school's templates folder (relative: in the data folder); None: the defaults only."""
    folder = settings.notices.templates_dir.strip()
    if not folder:
        return Templates(None)
    path = Path(folder).expanduser()
    if not path.is_absolute():
        if data_dir is None:
            return Templates(None)
        path = data_dir / path
    return Templates(path)


def builder_for(settings: Settings, data_dir: Path | None) -> Builder:
    return Builder(templates_for(settings, data_dir),
                   School(settings.school.name, school_logo(settings, data_dir),
                          settings.notices.return_instructions))


def what(kind: str, make: str | None, model: str | None) -> str:
    name = " ".join(p for p in (make, model) if p)
    return f"{kind.capitalize()}, {name}" if name else kind.capitalize()
