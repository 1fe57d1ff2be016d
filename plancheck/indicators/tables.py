"""Find the tables that hold BVPI codes and read their rows into indicator entries.

A table is an indicator table when one of its columns holds BVPI codes (or,
for parish councils, local indicator codes). Its header is the rows above the
first coded row; a table with no header (the continuation of a table split
over pages) takes the layout of the last indicator table of the same width.
Repeated header rows and section rows (no code) are skipped, never counted.
An indicator whose outturn and targets sit in different tables is joined into
one entry; the same code in several tables of the same layout stays several rows.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from plancheck.indicators.codes import find_codes, local_code, normalise_code, strip_code
from plancheck.indicators.columns import VALUE_ROLES, Column, classify_columns, header_texts
from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.values import CellValue, clean, read_cell
from plancheck.model import Document, Table


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    """A table holding indicator rows, with its column roles."""

    index: int
    """Position in ``Document.all_tables()`` (the table number findings point to)."""
    table: Table
    columns: tuple[Column, ...]
    header_rows: int
    code_column: int
    local: bool = False
    """True when the codes are local indicators (LPI), not BVPIs."""
    inherited: bool = False
    """True when the layout came from an earlier table (a continuation with no header)."""

    @property
    def page(self) -> int | None:
        """The first page of the table."""
        return self.table.page

    def header_line(self) -> str:
        """The column headers joined with `` | `` (for evidence and ``searched``)."""
        return " | ".join(c.header for c in self.columns if c.header)

    def value_columns(self) -> tuple[Column, ...]:
        """Columns holding the authority's own figures (outturn, estimate, target, plain year)."""
        return tuple(c for c in self.columns if c.role in VALUE_ROLES)


@dataclass(frozen=True, slots=True)
class SourceCell:
    """A value cell of an entry with the column it came from and where it is."""

    column: Column
    value: CellValue
    table: int
    row: int
    page: int | None


@dataclass
class IndicatorEntry:
    """One indicator: its code and title, where it is first found, and every value cell read for it."""

    code: str
    local: bool
    title: str | None
    table: int
    row: int
    page: int | None
    quote: str
    """The row as printed, cells joined with `` | ``."""
    cells: list[SourceCell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heading_path: tuple[str, ...] = ()

    def value_keys(self) -> set[tuple[str | None, str | None]]:
        """The (role, year) pairs this entry has cells for."""
        return {(c.column.role, c.column.year) for c in self.cells}


@dataclass(frozen=True, slots=True)
class IndicatorTables:
    """Everything read from a document's indicator tables (shared between the PI rules)."""

    tables: tuple[IndicatorTable, ...]
    entries: tuple[IndicatorEntry, ...]
    examined: int
    """How many tables were looked at."""
    by_index: dict[int, IndicatorTable] = field(default_factory=dict, compare=False)
    rejected: tuple[tuple[int, int | None, str], ...] = ()
    """(table number, page, first row) of the tables that are not indicator tables, for ``searched``."""

    def bvpi_entries(self) -> tuple[IndicatorEntry, ...]:
        """Entries that are BVPIs (not local indicators)."""
        return tuple(e for e in self.entries if not e.local)

    def table(self, index: int) -> IndicatorTable | None:
        """The indicator table with document table number ``index``."""
        return self.by_index.get(index)


def _code_column(rows: tuple[tuple[str, ...], ...], n_cols: int) -> tuple[int, bool, int] | None:
    """(column, is_local, first coded row) for the column with most codes, or None."""
    best: tuple[int, list[int], bool] | None = None
    for local in (False, True):
        for j in range(min(n_cols, 4)):
            hits = [i for i, r in enumerate(rows) if j < len(r) and _has_code(r[j], local)]
            if hits and (best is None or len(hits) > len(best[1])):
                best = (j, hits, local)
        if best is not None:
            break
    if best is None or len(best[1]) * 3 < len(rows) - 3:
        return None
    j, hits, local = best
    return j, local, hits[0]


def _has_code(cell: str, local: bool) -> bool:
    # A substring test first: the regexes are the hot spot on long plans.
    low = cell.lower()
    if local:
        return ("l" in low) and local_code(cell) is not None
    return "bv" in low and bool(find_codes(cell))


def _bare_code_column(table: Table) -> tuple[int, int] | None:
    """A column headed BVPI / Indicator No. whose cells are bare numbers (``2a``): (column, first row)."""
    vocab = vocabulary()
    code_pattern = dict(vocab.header_roles)["code"]
    for i, row in enumerate(table.rows[: vocab.max_header_rows]):
        for j, cell in enumerate(row[:3]):
            if cell and code_pattern.search(cell) and not find_codes(cell):
                below = [r[j] for r in table.rows[i + 1 :] if j < len(r) and r[j].strip()]
                coded = [c for c in below if normalise_code(c, bare_ok=True)]
                if coded and len(coded) * 2 >= len(below):
                    return j, i + 1
    return None


def _header(table: Table, first: int) -> tuple[tuple[str, ...], ...]:
    """The header rows above the first coded row, without title rows (one filled cell in a wide table)."""
    start = max(0, first - vocabulary().max_header_rows)
    rows = table.rows[start:first]
    return tuple(r for r in rows if sum(1 for c in r if c.strip()) > 1 or len(r) <= 2)


def find_indicator_tables(doc: Document) -> IndicatorTables:
    """Read every indicator table of ``doc`` into entries."""
    all_tables = doc.all_tables()
    found: list[IndicatorTable] = []
    entries: list[IndicatorEntry] = []
    by_code: dict[str, list[IndicatorEntry]] = {}
    layouts: dict[int, tuple[Column, ...]] = {}
    rejected: list[tuple[int, int | None, str]] = []
    for index, table in enumerate(all_tables):
        it = _indicator_table(index, table, layouts)
        if it is None:
            first = " | ".join(clean(c) for c in (table.rows[0] if table.rows else ()) if c)
            rejected.append((index, table.page, first[:120]))
            continue
        found.append(it)
        layouts[table.n_cols] = it.columns
        for entry in _read_rows(it):
            _join(entry, entries, by_code)
    by_index = {t.index: t for t in found}
    return IndicatorTables(tuple(found), tuple(entries), len(all_tables), by_index, tuple(rejected))


def _indicator_table(
    index: int, table: Table, layouts: dict[int, tuple[Column, ...]]
) -> IndicatorTable | None:
    """The table as an indicator table, or None; a headerless one takes the last layout of its width."""
    n_cols = table.n_cols
    if n_cols < 2 or not table.rows:
        return None
    coded = _code_column(table.rows, n_cols)
    local = False
    if coded is not None:
        code_col, local, first = coded
    else:
        bare = _bare_code_column(table)
        if bare is None:
            return None
        code_col, first = bare
    header = _header(table, first)
    columns = classify_columns(header, n_cols) if header else ()
    inherited = False
    if not any(c.role in VALUE_ROLES for c in columns):
        if n_cols not in layouts:
            return None
        columns, inherited = layouts[n_cols], True
    return IndicatorTable(index, table, columns, first, code_col, local, inherited)


def _read_rows(it: IndicatorTable) -> list[IndicatorEntry]:
    """One entry per coded body row; rows without a code (sections, repeated headers) are skipped."""
    table = it.table
    bare_ok = not any(_has_code(r[it.code_column], False) for r in table.rows if it.code_column < len(r))
    header_cells = {clean(c) for c in header_texts(table.rows[: it.header_rows], table.n_cols) if c}
    out: list[IndicatorEntry] = []
    for r in range(it.header_rows, len(table.rows)):
        row = table.rows[r]
        cell = row[it.code_column] if it.code_column < len(row) else ""
        code = local_code(cell) if it.local else normalise_code(cell, bare_ok=bare_ok)
        if code is None or clean(cell) in header_cells:
            continue
        page = table.row_page(r)
        title = _title(it, row, cell)
        quote = " | ".join(clean(c) for c in row if c)
        entry = IndicatorEntry(
            code, it.local, title, it.index, r, page, quote, heading_path=table.heading_path
        )
        for col in it.columns:
            if col.index >= len(row) or col.index == it.code_column:
                continue
            if col.role in VALUE_ROLES:
                entry.cells.extend(
                    SourceCell(c, read_cell(text), it.index, r, page)
                    for c, text in _per_year(col, row[col.index])
                )
            elif col.role == "notes" and clean(row[col.index]):
                entry.notes.append(clean(row[col.index]))
        out.append(entry)
    return out


_VALUE_SEPARATOR = re.compile(r"\s+/\s+|\s*;\s*|\s*\|\s*|\s*\n\s*")
"""Between the values of one cell that holds a value per year: " / " (never the slash of "n/a"), ";", "|",
a line break."""


def _per_year(col: Column, text: str) -> list[tuple[Column, str]]:
    """A cell under a header of several years, split into one value per year when it holds exactly that many;
    any other cell is one value for the column's first year."""
    if col.years:
        parts = [p for p in _VALUE_SEPARATOR.split(text.strip()) if p.strip()]
        if len(parts) == len(col.years):
            return [
                (dataclasses.replace(col, year=y, years=()), p) for y, p in zip(col.years, parts, strict=True)
            ]
    return [(col, text)]


def _title(it: IndicatorTable, row: tuple[str, ...], code_cell: str) -> str | None:
    """The title column's text, else the words after the code in the code cell."""
    for col in it.columns:
        if (
            col.role == "title"
            and col.index != it.code_column
            and col.index < len(row)
            and clean(row[col.index])
        ):
            return clean(row[col.index])
    # "BV 8 Percentage of invoices paid in 30 days" in one cell: the words after the code.
    rest = clean(strip_code(code_cell)).strip(" -–:")
    return rest if len(rest) > 12 else None


def _join(
    entry: IndicatorEntry, entries: list[IndicatorEntry], by_code: dict[str, list[IndicatorEntry]]
) -> None:
    """Add ``entry``, or merge it into an earlier row of the same code that has none of its columns."""
    keys = {k for k in entry.value_keys() if k[1] is not None}
    for earlier in by_code.get(entry.code, []):
        if earlier.table != entry.table and keys and not (keys & earlier.value_keys()):
            earlier.cells.extend(entry.cells)
            earlier.notes.extend(entry.notes)
            earlier.title = earlier.title or entry.title
            return
    entries.append(entry)
    by_code.setdefault(entry.code, []).append(entry)
