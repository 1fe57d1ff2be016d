"""Files a batch leaves under --out: summary.csv and one HTML report per document."""

from __future__ import annotations

import csv
import hashlib
import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plancheck.batch.db import StoredDocument
from plancheck.report import Report

STATUSES = ("met", "partial", "missing", "not_required", "not_checked")
SUMMARY_FIELDS = (
    "path",
    "sha256",
    "authority",
    "authority_type",
    "plan_year",
    "regime",
    "tier",
    "kind",
    "verdict",
    "reason",
    "pages",
    "errors",
    "warnings",
    "report",
)


def report_name(path: str, sha256: str | None) -> str:
    """The report's file name under reports/: stable across runs, unique per file content."""
    tag = sha256[:12] if sha256 else hashlib.sha256(path.encode()).hexdigest()[:12]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in Path(path).stem)[:60]
    return f"{stem}-{tag}.html"


def write_report_html(out: Path, report: Report, sha256: str | None) -> str:
    """Write one document's HTML report; return its path relative to ``out``."""
    rel = f"reports/{report_name(report.document.path, sha256)}"
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    try:
        from plancheck import reporters

        reporters.get("html")([report], buf)
    except (ImportError, AttributeError):  # the HTML reporter is not built yet: the text report, escaped
        from plancheck.reporters import text_report

        text = io.StringIO()
        text_report.write([report], text)
        buf = io.StringIO()
        title = html.escape(Path(report.document.path).name)
        buf.write(f"<!doctype html><meta charset='utf-8'><title>{title}</title>")
        buf.write(f"<pre>{html.escape(text.getvalue())}</pre>\n")
    tmp = target.with_suffix(".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8", errors="backslashreplace")  # a non-UTF-8 file name
    tmp.replace(target)  # a run killed mid-write never leaves half a report
    return rel


def requirement_ids(docs: Sequence[StoredDocument]) -> list[str]:
    """Every requirement id across the documents, in catalogue order of first appearance."""
    seen: dict[str, None] = {}
    for d in docs:
        for rid, _, _ in d.requirements:
            seen.setdefault(rid, None)
    return list(seen)


def write_summary_csv(path: Path, rows: Sequence[tuple[StoredDocument, str]]) -> None:
    """One row per document (and the link to its report), one column per requirement's status."""
    reqs = requirement_ids([d for d, _ in rows])
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([*SUMMARY_FIELDS, *reqs])
        for doc, link in rows:
            status = {rid: st for rid, st, _ in doc.requirements}
            fixed = {**doc.row, "report": link}
            w.writerow([_cell(fixed.get(k)) for k in SUMMARY_FIELDS] + [status.get(q, "") for q in reqs])
    tmp.replace(path)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
