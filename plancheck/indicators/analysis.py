"""Check every indicator row against the plan's years: outturn for the past year, each required target.

The result, :class:`Analysis`, is built once per document and shared by the PI
rules. Each required cell becomes a :class:`Slot` saying whether it holds a
value, an explained gap, an unexplained gap, no column at all, or a gap that a
triennial satisfaction survey excuses.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from plancheck.indicators.codes import base_number
from plancheck.indicators.explain import Explanations
from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.tables import IndicatorEntry, IndicatorTable, IndicatorTables, SourceCell
from plancheck.indicators.values import trailing_marker
from plancheck.indicators.years import (
    PlanYears,
    YearLabel,
    guess_plan_year,
    normalise_plan_year,
    shift,
    years_for,
)
from plancheck.model import Document
from plancheck.report import Context, IndicatorRow

SlotStatus = Literal["value", "explained", "unexplained", "no_column", "survey"]

# Which columns can hold a required year's figure, best first: (role, year matches exactly?).
_OUTTURN_SOURCES = (
    ("outturn", True),
    ("year", True),
    ("outturn", False),
    ("estimate", True),
    ("estimate", False),
)
_TARGET_SOURCES = (("target", True), ("year", True), ("target", False))


@dataclass(frozen=True, slots=True)
class Slot:
    """One required figure of one row: the past-year outturn or a target year."""

    kind: Literal["outturn", "target"]
    year: str
    status: SlotStatus
    cell: SourceCell | None = None
    explanation: str | None = None
    estimated: bool = False

    @property
    def value(self) -> str | None:
        """The figure, when there is one."""
        return self.cell.value.text if self.cell and self.cell.value.present else None

    @property
    def printed(self) -> str | None:
        """What the plan printed where no figure is ("TBC", "n/a", "-"), when it printed anything."""
        if self.cell is None or self.cell.value.present or not self.cell.value.text.strip():
            return None
        return self.cell.value.text

    @property
    def shown(self) -> str:
        """What the cell shows, for messages (``blank`` for an empty cell)."""
        if self.cell is None:
            return "no column"
        return f"'{self.cell.value.text}'" if self.cell.value.text else "blank"

    def problem(self) -> str | None:
        """A one-line problem for the IndicatorRow, or None when the figure is there."""
        what = f"{self.year} {self.kind}"
        if self.status == "value":
            return f"{what} is an estimate" if self.estimated else None
        if self.status == "no_column":
            return f"no {what} column"
        if self.status == "survey":
            return f"{what} {self.shown}: not a survey year"
        if self.status == "explained":
            return f"{what} {self.shown}, explained: {self.explanation}"
        return f"{what} {self.shown}, unexplained"


@dataclass(frozen=True, slots=True)
class RowCheck:
    """One indicator row with its required figures."""

    entry: IndicatorEntry
    outturn: Slot
    targets: tuple[Slot, ...]

    def slots(self) -> tuple[Slot, ...]:
        """The outturn slot then the target slots."""
        return (self.outturn, *self.targets)

    def to_indicator_row(self) -> IndicatorRow:
        """The contract's IndicatorRow for this row."""
        e = self.entry
        problems = tuple(p for p in (s.problem() for s in self.slots()) if p)
        return IndicatorRow(
            code=e.code,
            page=e.page,
            outturn_year=self.outturn.year,
            outturn_value=self.outturn.value,
            targets=tuple((t.year, t.value) for t in self.targets),
            problems=problems,
            title=e.title,
            # counted from 1, as the report counts
            table=e.table + 1,
            row=e.row + 1,
            printed=tuple(
                ("outturn" if s.kind == "outturn" else s.year, s.printed)
                for s in self.slots()
                if s.printed is not None
            ),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """The indicator tables of a document checked against the plan's years."""

    found: IndicatorTables
    plan_year: str | None
    plan_year_note: str | None
    """Set when the plan year was not given: where the year used came from."""
    years: PlanYears | None
    target_years: tuple[str, ...]
    rows: tuple[RowCheck, ...]
    counts_local: bool
    """True for parish councils, whose local indicators count."""
    table_years: dict[int, str | None]
    """The plan year each indicator table's own year labels imply (for stale tables)."""

    def table(self, index: int) -> IndicatorTable | None:
        """The indicator table with document table number ``index``."""
        return self.found.table(index)


def table_plan_year(table: IndicatorTable) -> str | None:
    """The plan year one table's column labels imply."""
    labels = [
        YearLabel(c.year, c.role if c.role in ("outturn", "target", "estimate") else None)
        for c in table.columns
        if c.year
    ]
    return guess_plan_year(labels)


def required_target_years(years: PlanYears, context: Context) -> tuple[str, ...]:
    """Targets due: current + 2 years; tier ``other`` the current year only, except jwda (fn 11)."""
    if context.regime in ("bvpp-2008",):
        return ()
    if context.tier == "other" and context.authority_type != "jwda":
        return (years.current,)
    return years.targets


def analyse(doc: Document, context: Context, found: IndicatorTables) -> Analysis:
    """Check every counted row of ``found`` against the plan's years."""
    table_years = {t.index: table_plan_year(t) for t in found.tables}
    plan_year, note = _plan_year(context, table_years)
    counts_local = context.authority_type == "parish"
    entries = [e for e in found.entries if counts_local or not e.local]
    if plan_year is None:
        return Analysis(found, None, note, None, (), (), counts_local, table_years)
    years = years_for(plan_year)
    targets = required_target_years(years, context)
    explain = Explanations(doc)
    entries = [resolve_relative(e, plan_year) for e in entries]
    rows = tuple(
        RowCheck(
            e,
            _slot(e, "outturn", years.past, explain, years.current),
            tuple(_slot(e, "target", y, explain, years.current) for y in targets),
        )
        for e in entries
    )
    return Analysis(found, plan_year, note, years, targets, rows, counts_local, table_years)


def resolve_relative(entry: IndicatorEntry, plan_year: str) -> IndicatorEntry:
    """The entry with its "Last year" / "Next year" columns given their years, now the plan year is known."""
    if not any(c.column.relative is not None and c.column.year is None for c in entry.cells):
        return entry
    cells = [
        dataclasses.replace(c, column=dataclasses.replace(c.column, year=shift(plan_year, c.column.relative)))
        if c.column.relative is not None and c.column.year is None
        else c
        for c in entry.cells
    ]
    return dataclasses.replace(entry, cells=cells)


def _plan_year(context: Context, table_years: dict[int, str | None]) -> tuple[str | None, str | None]:
    given = normalise_plan_year(context.plan_year)
    if given:
        return given, None
    guesses = Counter(y for y in table_years.values() if y)
    if guesses:
        year = guesses.most_common(1)[0][0]
        return year, f"plan year not given: {year} guessed from the indicator tables' year labels"
    return None, "plan year not given and the indicator tables' year labels do not imply one"


def _is_survey_gap(entry: IndicatorEntry, kind: str, year: str) -> bool:
    vocab = vocabulary()
    return (
        kind == "outturn"
        and not entry.local
        and base_number(entry.code) in vocab.survey_numbers
        and year not in vocab.survey_years
    )


def _pick(entry: IndicatorEntry, kind: str, year: str, undated_ok: bool) -> SourceCell | None:
    """The cell holding ``kind`` for ``year``; an undated column ("Target") only where ``undated_ok``."""
    sources = _OUTTURN_SOURCES if kind == "outturn" else _TARGET_SOURCES
    for role, exact in sources:
        if not exact and not undated_ok:
            continue
        want = year if exact else None
        cells = [c for c in entry.cells if c.column.role == role and c.column.year == want]
        if cells:
            return next((c for c in cells if c.value.present), cells[0])
    return None


def _row_footnote(entry: IndicatorEntry, explain: Explanations) -> str | None:
    """A footnote marked on the indicator's name giving a reason for its gaps ("BV 225 is new this year")."""
    note = explain.footnote(trailing_marker(entry.title or ""))
    return note if note and vocabulary().gap_reason.search(note) else None


def _slot(
    entry: IndicatorEntry, kind: Literal["outturn", "target"], year: str, explain: Explanations, current: str
) -> Slot:
    cell = _pick(entry, kind, year, undated_ok=kind == "outturn" or year == current)
    if cell is not None and cell.value.present:
        estimated = cell.column.role == "estimate" or cell.value.estimated
        return Slot(kind, year, "value", cell, estimated=estimated)
    if _is_survey_gap(entry, kind, year):
        return Slot(kind, year, "survey", cell, explanation="satisfaction survey indicator: triennial")
    if cell is None:
        return Slot(kind, year, "no_column")
    reason = (
        next((n for n in entry.notes if vocabulary().gap_reason.search(n)), None)
        or explain.footnote(cell.value.marker)
        or explain.legend(cell.value.text.rstrip("*†‡§¹²³ ").strip())
        or _row_footnote(entry, explain)
    )
    return Slot(kind, year, "explained" if reason else "unexplained", cell, explanation=reason)
