"""Each item's row on a printed receipt, as the record says it must read.

A receipt's QR code and embedded content prove which record it is; what a
person reads is the printed table. So verification also finds every item's
row in the PDF's text — from its tag to the next item's tag — and requires the
item's condition and (on a leaver receipt) its outcome there, worded as the
printing code words them. A re-rendered receipt with an outcome changed
("Not returned" printed as "Returned") no longer matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from printing.fonts import printable
from printing.wording import condition_label, outcome_label

#: kinds whose item table prints each item's outcome
PRINTS_OUTCOME = frozenset({"leaver_return"})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def row_problems(content: Mapping[str, Any], text: str) -> list[str]:
    """What the printed ``text`` fails to show of each item's condition and outcome."""
    items = [i for i in content.get("items") or [] if isinstance(i, dict) and i.get("tag")]
    seen = _squash(text)
    problems: list[str] = []
    starts: list[int] = []
    pos = 0
    for item in items:
        at = seen.find(_squash(printable(str(item["tag"]))), pos)
        starts.append(at)
        if at >= 0:
            pos = at + 1
    for n, item in enumerate(items):
        at = starts[n]
        if at < 0:
            continue  # reported already: the tag itself is not printed
        later = [s for s in starts[n + 1:] if s > at]
        row = seen[at:later[0] if later else len(seen)]
        wanted: list[tuple[str, str]] = []
        if "condition" in item:
            wanted.append(("condition", condition_label(item.get("condition"))))
        if content.get("kind") in PRINTS_OUTCOME and "outcome" in item:
            wanted.append(("outcome", outcome_label(item.get("outcome"))))
        for what, label in wanted:
            shown = _squash(printable(label))
            if shown not in row:
                problems.append(f"the printed row of {item['tag']} does not show its {what} "
                                f"as recorded ({label})")
    return problems
