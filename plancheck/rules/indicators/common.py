"""What the indicator rules share: the memoised analysis, locations, evidence and ``searched`` lists."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.indicators.analysis import Analysis, RowCheck, Slot, analyse
from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.tables import IndicatorEntry, IndicatorTable, IndicatorTables, find_indicator_tables
from plancheck.report import Evidence, Location
from plancheck.rules.base import RuleContext

MAX_EVIDENCE = 3
MAX_LISTED = 8


def indicator_analysis(ctx: RuleContext) -> Analysis:
    """The document's indicator tables checked against the plan years, built once and shared."""
    found: IndicatorTables = ctx.memo("indicator_tables", lambda: find_indicator_tables(ctx.doc))
    result: Analysis = ctx.memo("indicators", lambda: analyse(ctx.doc, ctx.context, found))
    return result


def where(page: int | None, table: int, row: int | None = None) -> str:
    """``page 14, table 6 row 3`` (table numbers count from 1 in messages)."""
    parts = [f"page {page}"] if page is not None else []
    parts.append(f"table {table + 1}" + (f" row {row + 1}" if row is not None else ""))
    return ", ".join(parts)


def table_ref(page: int | None, table: int) -> str:
    """``Table 3 (page 14)``, or ``Table 3`` where the format has no pages."""
    return f"Table {table + 1}" + (f" (page {page})" if page is not None else "")


def located(
    page: int | None, table: int, row: int | None = None, heading_path: tuple[str, ...] = ()
) -> Location:
    """A finding's location from 0-based table and row indices: reports count from 1, as a reader does."""
    return Location(
        page=page, table=table + 1, row=None if row is None else row + 1, heading_path=heading_path
    )


def where_at(loc: Location) -> str:
    """``page 14, table 6 row 3`` for a report location (already counted from 1)."""
    parts = [f"page {loc.page}"] if loc.page is not None else []
    if loc.table is not None:
        parts.append(f"table {loc.table}" + (f" row {loc.row}" if loc.row is not None else ""))
    return ", ".join(parts)


def row_location(row: RowCheck, slot: Slot | None = None) -> Location:
    """The location of a row, or of the cell behind ``slot`` when it came from another table."""
    cell = slot.cell if slot is not None else None
    e = row.entry
    if cell is not None:
        return located(cell.page, cell.table, cell.row, e.heading_path)
    return located(e.page, e.table, e.row, e.heading_path)


def table_path(t: IndicatorTable) -> tuple[str, ...]:
    """A heading path for a table, so Word files without pages still locate it."""
    if t.table.heading_path:
        return t.table.heading_path
    return (t.table.caption,) if t.table.caption else (f"table {t.index + 1}",)


def table_evidence(a: Analysis, tables: Iterable[IndicatorTable]) -> tuple[Evidence, ...]:
    """Evidence quoting each table's header and its first indicator row."""
    out: list[Evidence] = []
    first_rows: dict[int, IndicatorEntry] = {}
    for r in a.rows:
        first_rows.setdefault(r.entry.table, r.entry)
    for t in tables:
        first = first_rows.get(t.index)
        quote = t.header_line() + (f" / {first.quote}" if first else "")
        out.append(Evidence(page=t.page, text=quote[:400], heading_path=table_path(t)))
        if len(out) >= MAX_EVIDENCE:
            break
    return tuple(out)


def searched(a: Analysis) -> tuple[str, ...]:
    """What was looked at: the tables examined, those found, and the header words tried."""
    vocab = vocabulary()
    out = [
        f"{a.found.examined} tables examined for BVPI codes (BV 82a(i), BVPI 8, BV053...) in first columns"
    ]
    for t in a.found.tables[:MAX_LISTED]:
        out.append(f"indicator table at {where(t.page, t.index)}: {t.header_line()[:160]}")
    if len(a.found.tables) > MAX_LISTED:
        out.append(f"... and {len(a.found.tables) - MAX_LISTED} more indicator tables")
    for index, page, first in a.found.rejected[:MAX_LISTED]:
        out.append(
            f"not an indicator table ({where(page, index)}, no code column with year columns): {first}"
        )
    if len(a.found.rejected) > MAX_LISTED:
        out.append(f"... and {len(a.found.rejected) - MAX_LISTED} more tables without indicator codes")
    out.append(
        f"code-column headers tried: {', '.join(vocab.code_header_examples)} (patterns/indicators.yml)"
    )
    out.append(
        "year headers tried: 2003/04, 2003-04, 03/04, 2003/4, 2003/2004 with Outturn/Actual/Target/Estimate"
    )
    if a.plan_year_note:
        out.append(a.plan_year_note)
    return tuple(out)


def listed(items: list[str]) -> str:
    """``BV8 (p 3), BV9 (p 4) and 12 more``."""
    head = ", ".join(items[:MAX_LISTED])
    return head + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def kind_name(a: Analysis) -> str:
    """``BVPI`` or ``indicator`` (parish councils report local indicators)."""
    return "indicator" if a.counts_local else "BVPI"
