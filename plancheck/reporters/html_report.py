"""``--format html``: one self-contained, printable page (an auditor's working paper)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import jinja2

from plancheck import __version__
from plancheck.report import IndicatorRow, Report
from plancheck.reporters import labels

TEMPLATE = "report.html.j2"


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment; autoescape is always on because quotes are document text."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("plancheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        status_words=labels.STATUS_WORDS,
        status_word=labels.status_word,
        verdict_reasons=labels.verdict_reasons,
        status_symbols=labels.STATUS_SYMBOLS,
        verdict_words=labels.VERDICT_WORDS,
        evidence_label=labels.evidence_label,
        finding_location=labels.finding_location,
        location_label=labels.location_label,
    )
    return env


def write(
    reports: Sequence[Report],
    stream: TextIO,
    *,
    title: str | None = None,
    checked_on: dt.date | None = None,
    report_path: Path | None = None,
    **_: object,
) -> None:
    """Render every report into one HTML document; ``checked_on`` (default today) dates the working paper.

    With ``report_path`` (where the page is written), page numbers link to the PDF itself
    (``plan.pdf#page=12``, relative to the page) when the PDF is there to open."""
    page_title = title or (
        f"plancheck: {labels.display_name(reports[0])}"
        if len(reports) == 1
        else f"plancheck: {len(reports)} documents"
    )
    html = (
        environment()
        .get_template(TEMPLATE)
        .render(
            title=page_title,
            checked_on=(checked_on or dt.date.today()).strftime("%d %B %Y").lstrip("0"),
            version=reports[0].version if reports else __version__,
            documents=[_view(r, i, report_path) for i, r in enumerate(reports)],
        )
    )
    stream.write(html)


def pdf_href(r: Report, report_path: Path | None) -> str | None:
    """The PDF's address relative to the report page, when both are known and the PDF exists."""
    if report_path is None or r.document.format != "pdf" or r.document.path == "-":
        return None
    pdf = Path(r.document.path)
    if not pdf.is_file():
        return None
    rel = os.path.relpath(pdf.resolve(), report_path.resolve().parent)
    return urllib.parse.quote(Path(rel).as_posix())


def _view(r: Report, index: int, report_path: Path | None = None) -> dict[str, Any]:
    """What the template shows for one report (display groupings only; no statuses decided here)."""
    years = labels.target_years(r.indicators)
    return {
        "pdf": pdf_href(r, report_path),
        "anchor": f"doc{index + 1}",
        "r": r,
        "name": labels.display_name(r),
        "counts": labels.counts_phrase(r),
        "status_counts": labels.status_counts(r),
        "context_rows": labels.context_rows(r.context),
        "advice": {q.id: labels.advice_for(r, q.id) for q in r.requirements},
        "key_gaps": [
            q for q in r.requirements if q.applicability == "required" and q.status in ("missing", "partial")
        ],
        "findings_by_req": {q.id: labels.findings_for(r, q.id) for q in r.requirements},
        "years": years,
        "indicator_rows": [_indicator_cells(row, years) for row in r.indicators],
        "problem_groups": labels.problem_groups(r.indicators),
        "rows_with_problems": sum(1 for row in r.indicators if row.problems),
    }


def _indicator_cells(row: IndicatorRow, years: list[str]) -> dict[str, Any]:
    targets = dict(row.targets)
    printed = dict(row.printed)
    return {
        "row": row,
        "targets": [(y, targets.get(y), y in targets) for y in years],
        "printed": {"outturn": printed.get("outturn"), **{y: printed.get(y) for y in years}},
    }
