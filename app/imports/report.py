"""What an import did: counts, and the rows it refused with their line numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.imports.holders import PlannedLoan


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
    #: the open loans made from a Snipe-IT export's Checked Out To column
    loans: list[PlannedLoan] = field(default_factory=list)
    #: rows imported without the loan their Checked Out To asked for, and why
    not_lent: list[RejectedRow] = field(default_factory=list)
    #: the locations a Location column made (or, a dry run, would make): "CODE (name) at SITE"
    new_locations: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the import creates or updates at least one record."""
        return self.created + self.updated + len(self.loans) > 0

    def summary(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)}"
        )

    def format_lines(self) -> list[str]:
        """Lines for a person to read: the summary, then one line per rejected row."""
        head = ("dry run: " if self.dry_run else "") + self.summary()
        lines = [head] + [f"line {row.line}: {row.reason}" for row in self.rejected]
        if self.loans:
            lines.append(f"{'would open' if self.dry_run else 'opened'} {len(self.loans)} "
                         f"loan{'s' if len(self.loans) != 1 else ''} from Checked Out To:")
            lines += ["  " + loan.describe() for loan in self.loans]
        if self.new_locations:
            n = len(self.new_locations)
            lines.append(f"{'would create' if self.dry_run else 'created'} {n} "
                         f"location{'s' if n != 1 else ''}:")
            lines += ["  " + where for where in self.new_locations]
        if self.not_lent:
            lines.append(f"{len(self.not_lent)} checked-out asset"
                         f"{'s' if len(self.not_lent) != 1 else ''} imported without a loan:")
            lines += [f"  line {row.line}: {row.key}: {row.reason}" for row in self.not_lent]
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` output."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [asdict(row) for row in self.rejected],
            "dry_run": self.dry_run,
            "loans": [{**asdict(loan), "out_on": loan.out_on.isoformat(),
                       "due_on": loan.due_on.isoformat()} for loan in self.loans],
            "not_lent": [asdict(row) for row in self.not_lent],
            "new_locations": list(self.new_locations),
        }
