"""Build small plans as real DOCX files with python-docx, for the indicator tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx

from plancheck.config import Settings
from plancheck.engine import check_path
from plancheck.report import Report

Cell = str | None
"""A header cell: text, or None for a position covered by the merge to its left."""

OUTTURN_TARGETS_2004 = [
    ["Ref", "Indicator", "2003/04 Outturn", "2004/05 Target", "2005/06 Target", "2006/07 Target", "Comments"]
]


def rows_for(
    codes: Sequence[str], values: Sequence[str] = ("91.2%", "92.0%", "93.0%", "94.0%"), comment: str = ""
) -> list[list[str]]:
    """One body row per code, all with the same figures."""
    return [[c, f"Indicator {c}", *values, comment] for c in codes]


def build(
    path: Path, blocks: Sequence[tuple[str, Any]], title: str = "Best Value Performance Plan 2004/05"
) -> Path:
    """Write a DOCX: ``("heading", text)``, ``("para", text)``, ``("table", (header_rows, body_rows))``."""
    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, level=1)
    for kind, value in blocks:
        if kind == "heading":
            d.add_heading(value, level=2)
        elif kind == "para":
            d.add_paragraph(value)
        elif kind == "table":
            header, body = value
            _table(d, header, body)
    d.save(str(path))
    return path


def _table(d: Any, header: Sequence[Sequence[Cell]], body: Sequence[Sequence[str]]) -> None:
    n_cols = len(header[0]) if header else len(body[0])
    t = d.add_table(rows=len(header) + len(body), cols=n_cols)
    t.style = "Table Grid"
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if text is None:
                continue
            span = 1
            while c + span < n_cols and row[c + span] is None:
                span += 1
            cell = t.cell(r, c)
            if span > 1:
                cell = cell.merge(t.cell(r, c + span - 1))
            cell.text = text
    for r, row in enumerate(body, start=len(header)):
        for c, text in enumerate(row):
            t.cell(r, c).text = text


def check(path: Path, **settings: Any) -> Report:
    """Check ``path`` with the real extractor and engine, as a plan: these plans are a table or two, too
    little for the classifier to name them (the judgement of genre is tested in tests/test_classify.py)."""
    return check_path(path, Settings(**{"kind": "plan", **settings}))


def findings(report: Report, rule: str) -> list[Any]:
    """The findings of one rule."""
    return [f for f in report.findings if f.rule == rule]


def requirement(report: Report, rid: str) -> Any:
    """One requirement result (fails the test if the regime lacks it)."""
    r = report.requirement(rid)
    assert r is not None, f"{rid} not in {[q.id for q in report.requirements]}"
    return r
