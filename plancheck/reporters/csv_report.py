"""``--format csv``: one row per finding, or with ``--summary`` one row per document."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from plancheck.report import Report

FINDING_COLUMNS = (
    "document", "authority", "rule", "rule_name", "requirement", "severity", "page", "table", "row",
    "heading_path", "message", "suggestion", "suppressed", "suppression_reason",
)  # fmt: skip
SUMMARY_COLUMNS = ("document", "authority", "kind", "verdict", "errors", "warnings", "infos", "suppressed")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write(reports: Sequence[Report], stream: TextIO, *, summary: bool = False, **_: object) -> None:
    """Findings of every document (or one summary row each) as CSV with a header row."""
    if summary:
        _write_summary(reports, stream)
        return
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow(FINDING_COLUMNS)
    for r in reports:
        for f in r.findings:
            loc = f.location
            w.writerow(
                [
                    cell(r.document.path),
                    cell(r.context.authority_name),
                    cell(f.rule),
                    cell(f.rule_name),
                    cell(f.requirement),
                    f.severity,
                    cell(loc.page),
                    cell(loc.table),
                    cell(loc.row),
                    cell(" > ".join(loc.heading_path)),
                    cell(f.message),
                    cell(f.suggestion),
                    "yes" if f.suppressed else "no",
                    cell(f.suppressed),
                ]
            )


def _write_summary(reports: Sequence[Report], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\r\n")
    ids = list(dict.fromkeys(q.id for r in reports for q in r.requirements))
    writer.writerow([*SUMMARY_COLUMNS, *ids])
    for r in reports:
        status = {q.id: q.status for q in r.requirements}
        s = r.summary
        writer.writerow(
            [
                cell(r.document.path),
                cell(r.context.authority_name),
                r.document.kind,
                s.verdict,
                s.errors,
                s.warnings,
                s.infos,
                s.suppressed,
                *(status.get(i, "") for i in ids),
            ]
        )
