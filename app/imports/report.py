"""What an import did: counts, and the rows it refused with their line numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RejectedRow:
    """A row left out of the import. ``line`` is the physical line in the file (header = 1)."""

    line: int
    reason: str
    #: the row's staff code or asset tag as written in the file, when it had one
    key: str | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        """True when the import creates or updates at least one record."""
        return self.created + self.updated > 0

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)}"
        )

    def format_lines(self) -> list[str]:
        """Lines for a person to read: the summary, then one line per rejected row."""
        head = ("dry run: " if self.dry_run else "") + self.summary()
        return [head] + [f"line {row.line}: {row.reason}" for row in self.rejected]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` output."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [asdict(row) for row in self.rejected],
            "dry_run": self.dry_run,
        }
