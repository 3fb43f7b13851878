"""What the CLI and the desk show after an import."""

from __future__ import annotations

from app.imports import ImportReport, RejectedRow


def test_summary_and_lines() -> None:
    report = ImportReport(created=3, updated=1, unchanged=10,
                          rejected=[RejectedRow(7, "Forename is blank", "AB1")])
    assert report.summary() == "created 3, updated 1, unchanged 10, rejected 1"
    assert report.format_lines() == [
        "created 3, updated 1, unchanged 10, rejected 1",
        "line 7: Forename is blank",
    ]
    assert report.changed


def test_dry_run_prefix() -> None:
    report = ImportReport(unchanged=2, dry_run=True)
    assert report.format_lines() == ["dry run: created 0, updated 0, unchanged 2, rejected 0"]
    assert not report.changed


def test_to_dict_is_plain_json_data() -> None:
    import json

    report = ImportReport(created=1, rejected=[RejectedRow(3, "bad", None)], dry_run=True)
    assert json.loads(json.dumps(report.to_dict())) == {
        "created": 1, "updated": 0, "unchanged": 0, "dry_run": True,
        "rejected": [{"line": 3, "reason": "bad", "key": None}], "loans": [], "not_lent": [],
        "new_locations": [],
    }
