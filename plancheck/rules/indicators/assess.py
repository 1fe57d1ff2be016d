"""Requirement verdicts from the indicator analysis: outturn (PI-OUTTURN, ART3-F, ART4-A) and targets."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from plancheck.indicators.analysis import Analysis, RowCheck
from plancheck.indicators.patterns import vocabulary
from plancheck.rules.base import Assessment
from plancheck.rules.indicators.common import kind_name, listed, searched, table_evidence

_OK = ("value", "explained", "survey")
Verdict = Literal["met", "partial", "missing"]


def no_tables(a: Analysis, requirement: str) -> Assessment | None:
    """A ``missing`` verdict when the document has no indicator rows to check, else None."""
    if a.rows:
        return None
    if a.found.tables and a.plan_year is None:
        detail = f"Indicator tables were found but {a.plan_year_note}: give --year to check them."
    elif a.found.entries and not a.counts_local:
        detail = "Only local indicators (LPI) were found; no BVPI rows."
    else:
        detail = f"No indicator table: no table holds {kind_name(a)} codes with year columns."
    return Assessment(requirement, "missing", detail=detail, searched=searched(a))


def _status(ok: int, total: int) -> Verdict:
    if ok == 0:
        return "missing"
    return "met" if ok / total >= vocabulary().met_share else "partial"


def _gaps(rows: list[RowCheck], statuses: tuple[str, ...], year: str, kind: str) -> list[str]:
    out = []
    for r in rows:
        slot = r.outturn if kind == "outturn" else next(t for t in r.targets if t.year == year)
        if slot.status in statuses:
            out.append(
                f"{r.entry.code} ({f'p {r.entry.page}' if r.entry.page else f'table {r.entry.table + 1}'})"
            )
    return out


def outturn_assessment(a: Analysis, requirement: str) -> Assessment:
    """Past-year outturn on every counted row: met, partial (with counts) or missing."""
    missing = no_tables(a, requirement)
    if missing is not None:
        return missing
    assert a.years is not None
    past = a.years.past
    rows = list(a.rows)
    counts: Counter[str] = Counter(r.outturn.status for r in rows)
    ok = sum(counts[s] for s in _OK)
    status = _status(ok, len(rows))
    what = kind_name(a)
    parts = [f"{counts['value']} of {len(rows)} {what} rows give {past} outturn"]
    if counts["explained"]:
        parts.append(f"{counts['explained']} mark it n/a or similar with an explanation")
    if counts["survey"]:
        parts.append(f"{counts['survey']} are satisfaction-survey indicators not due in {past}")
    if counts["unexplained"]:
        parts.append(
            f"{counts['unexplained']} lack it unexplained: "
            f"{listed(_gaps(rows, ('unexplained',), past, 'outturn'))}"
        )
    if counts["no_column"]:
        parts.append(f"{counts['no_column']} are in tables with no {past} outturn column")
    detail = "; ".join(parts) + "."
    if a.plan_year_note:
        detail += f" ({a.plan_year_note}.)"
    indices = {r.outturn.cell.table for r in rows if r.outturn.cell}
    with_column = [t for t in a.found.tables if t.index in indices]
    evidence = table_evidence(a, with_column)
    if status == "met" and not evidence:
        status = "partial"
    return Assessment(requirement, status, evidence, detail, searched(a))


def targets_assessment(a: Analysis, requirement: str) -> Assessment:
    """A target on every counted row for each required year: met, partial (per-year counts) or missing."""
    missing = no_tables(a, requirement)
    if missing is not None:
        return missing
    rows = list(a.rows)
    per_year: list[str] = []
    statuses: list[Verdict] = []
    for i, year in enumerate(a.target_years):
        counts: Counter[str] = Counter(r.targets[i].status for r in rows)
        ok = counts["value"] + counts["explained"]
        statuses.append(_status(ok, len(rows)))
        line = f"{year}: {counts['value']} of {len(rows)}"
        if counts["explained"]:
            line += f" (+{counts['explained']} explained gaps)"
        if counts["unexplained"]:
            line += f", {counts['unexplained']} unexplained gaps"
        if counts["no_column"]:
            line += f", {counts['no_column']} rows in tables with no {year} target column"
        per_year.append(line)
    if not statuses:
        return Assessment(requirement, "missing", detail="No target years apply.", searched=searched(a))
    status: Verdict
    if all(s == "met" for s in statuses):
        status = "met"
    elif all(s == "missing" for s in statuses):
        status = "missing"
    else:
        status = "partial"
    have = [y for y, s in zip(a.target_years, statuses, strict=True) if s != "missing"]
    detail = f"Targets due for {', '.join(a.target_years)}"
    if status == "partial" and len(have) < len(a.target_years):
        detail += (
            f"; targets given for {len(have)} of {len(a.target_years)} years ({', '.join(have) or 'none'})"
        )
    detail += ". Rows with a target per year: " + "; ".join(per_year) + "."
    if a.plan_year_note:
        detail += f" ({a.plan_year_note}.)"
    indices = {s.cell.table for r in rows for s in r.targets if s.cell}
    with_targets = [t for t in a.found.tables if t.index in indices]
    evidence = table_evidence(a, with_targets)
    if status == "met" and not evidence:
        status = "partial"
    return Assessment(requirement, status, evidence, detail, searched(a))
