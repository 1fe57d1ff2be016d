"""Find the ruled tables on one page, and tell header rows (shared with pdf_aligned).

Ruled tables use pdfplumber's own TableFinder fed with edges built from
PDFium (no pdfminer parse), and cell text is taken from glyphs bucketed by
row. Unruled tables are found by pdf_aligned.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from types import SimpleNamespace
from typing import NamedTuple

from pdfplumber.table import TableFinder

from plancheck.extract.pdf_chars import Char, PageContent
from plancheck.model import BBox

NUMERIC = re.compile(r"^[-+£$€]?\(?[0-9][0-9,.]*%?\)?[a-z%]{0,3}$", re.I)
_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


class PageTable(NamedTuple):
    """A table as found on one page, with what continuation needs to match it."""

    rows: list[list[str]]
    bbox: BBox
    col_xs: tuple[float, ...]
    """Left edge of each column, to match the same table on the next page."""
    header_rows: int
    page: int


def crossings(content: PageContent) -> int:
    """Distinct horizontal x vertical ruling-line positions on the page.

    TableFinder's cell search grows faster than the crossings; a 120 x 120 grid
    takes seconds, so a page of hairlines could hang the worker (limit: max_ruling_crossings).
    """
    hs = {round(e["top"]) for e in content.edges if e["orientation"] == "h"}
    vs = {round(e["x0"]) for e in content.edges if e["orientation"] == "v"}
    return len(hs) * len(vs)


def too_many_crossings(content: PageContent, limit: int) -> bool:
    """Whether the page has more ruling-line crossings than ``limit``."""
    return crossings(content) > limit


def find_ruled_tables(content: PageContent, max_crossings: int) -> tuple[list[PageTable], list[Char]]:
    """Tables drawn with ruling lines (or cell borders) on the page, and the glyphs outside them."""
    if len(content.edges) < 4 or too_many_crossings(content, max_crossings):
        return [], content.chars
    page = SimpleNamespace(edges=content.edges, bbox=(0, 0, content.width, content.height), chars=[])
    finder = TableFinder(page, _RULED)  # type: ignore[arg-type]
    rows_index = _RowIndex(content.chars)
    out: list[PageTable] = []
    taken: set[int] = set()
    for table in finder.tables:
        grid = table.rows
        n_cols = max((len(r.cells) for r in grid), default=0)
        if len(grid) < 2 or n_cols < 2:
            continue  # a boxed paragraph or a frame, not a table
        rows: list[list[str]] = []
        bold_rows: list[bool] = []
        for r in grid:
            in_row = sorted(rows_index.between(r.bbox[1], r.bbox[3]), key=_SEQ)  # back to stream order
            buckets = _row_cells(in_row, r.cells)
            rows.append([cell_text(b) for b in buckets])
            bold_rows.append(_mostly_bold([ch for b in buckets for ch in b]))
        if not any(any(c for c in row) for row in rows):
            continue
        xs = sorted({cell[0] for r in grid for cell in r.cells if cell})
        shaded = [_is_shaded(r.bbox, content.fills) for r in grid]
        header = header_rows(rows, bold_rows, shaded)
        out.append(PageTable(rows, table.bbox, tuple(xs), header, content.number))
        x0, top, x1, bottom = table.bbox
        taken.update(ch.seq for ch in _in_x(rows_index.between(top - 1, bottom + 1), x0 - 1, x1 + 1))
    if not taken:
        return out, content.chars
    return out, [ch for ch in content.chars if ch.seq not in taken]


_SEQ = operator.itemgetter(8)  # Char.seq


class _RowIndex:
    """Glyphs sorted by vertical middle, so a row's glyphs are one bisect away."""

    def __init__(self, chars: Sequence[Char]) -> None:
        mids = [(ch.top + ch.bottom) / 2 for ch in chars]
        order = sorted(range(len(mids)), key=mids.__getitem__)  # stable: ties keep stream order
        self.chars = [chars[i] for i in order]
        self.keys = [mids[i] for i in order]

    def between(self, top: float, bottom: float) -> list[Char]:
        lo = bisect.bisect_left(self.keys, top)
        hi = bisect.bisect_left(self.keys, bottom)
        return self.chars[lo:hi]


def _in_x(chars: Sequence[Char], x0: float, x1: float) -> list[Char]:
    return [ch for ch in chars if x0 <= (ch.x0 + ch.x1) / 2 < x1]


def _row_cells(chars: Sequence[Char], cells: Sequence[BBox | None]) -> list[list[Char]]:
    """A row's glyphs bucketed into its cells: by x with one bisect, then the cell's own height.

    A cell spanning several rows is taller than the row, so its height, not the
    row's, decides; a cell covered by one from the row above is None and stays empty.
    """
    present = sorted((cell[0], k) for k, cell in enumerate(cells) if cell)
    starts = [x for x, _ in present]
    buckets: list[list[Char]] = [[] for _ in cells]
    for ch in chars:
        mx = (ch.x0 + ch.x1) / 2
        j = bisect.bisect_right(starts, mx) - 1
        if j < 0:
            continue
        k = present[j][1]
        cell = cells[k]
        if cell is not None and mx < cell[2] and cell[1] <= (ch.top + ch.bottom) / 2 < cell[3]:
            buckets[k].append(ch)
    return buckets


def _stream_lines(chars: Sequence[Char]) -> list[list[Char]] | None:
    """Lines in stream order when the stream already reads top to bottom, left to right; else None."""
    lines: list[list[Char]] = []
    top = bottom = x0 = 0.0
    for ch in chars:
        mid = (ch.top + ch.bottom) / 2
        if lines and top <= mid <= bottom:
            if ch.x0 < x0 - 0.01:
                return None  # went back left on the line (a ligature's glyphs share one x0)
            lines[-1].append(ch)
        elif not lines or mid > bottom:
            lines.append([ch])
            top, bottom = ch.top, ch.bottom
        else:
            return None  # went back up
        x0 = ch.x0
    return lines


def _reading_order(chars: Sequence[Char]) -> list[list[Char]]:
    """Glyphs grouped into lines top to bottom, each left to right.

    Visual order, not stream order: two files showing the same cell may
    write its lines in different orders (the stream is used when it agrees).
    """
    fast = _stream_lines(chars)
    if fast is not None:
        return fast
    lines: list[list[Char]] = []
    bottom = -1.0
    for ch in sorted(chars, key=lambda c: (c.top + c.bottom, c.x0)):
        mid = (ch.top + ch.bottom) / 2
        if lines and mid <= bottom:
            lines[-1].append(ch)
            bottom = max(bottom, min(ch.bottom, mid + (ch.bottom - ch.top) * 0.3))
        else:
            lines.append([ch])
            bottom = ch.bottom
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def cell_text(chars: Sequence[Char]) -> str:
    """The text of the glyphs in one cell, lines joined by spaces."""
    if not chars:
        return ""
    parts: list[str] = []
    for line in _reading_order(chars):
        if parts and not (parts[-1] == "-" and len(parts) >= 2 and parts[-2][-1:].isalpha()):
            parts.append(" ")  # (no space after 'up-to-' broken at the cell's edge)
        prev: Char | None = None
        for ch in line:
            # PDFium's space flag is only about the glyph before in the stream.
            if prev is not None and ((ch.space and prev.seq < ch.seq) or ch.x0 - prev.x1 > 0.2 * ch.size):
                parts.append(" ")
            parts.append(ch.text)
            prev = ch
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _mostly_bold(chars: Sequence[Char]) -> bool:
    return bool(chars) and sum(1 for ch in chars if ch.bold) * 10 >= len(chars) * 8


def _is_shaded(bbox: BBox, fills: Sequence[BBox]) -> bool:
    x0, top, x1, bottom = bbox
    mid = (top + bottom) / 2
    covered = sum(max(0.0, min(f[2], x1) - max(f[0], x0)) for f in fills if f[1] - 1 <= mid <= f[3] + 1)
    # A fill much taller than the row is a page or panel background, not shading.
    small = all(f[3] - f[1] < (bottom - top) * 3 for f in fills if f[1] <= mid <= f[3])
    return covered >= (x1 - x0) * 0.6 and small


def header_rows(rows: Sequence[Sequence[str]], bold: Sequence[bool], shaded: Sequence[bool]) -> int:
    """How many leading rows are a header: bold or shaded ones, else a first row of labels."""
    n = 0
    while n < min(3, len(rows) - 1) and (bold[n] or shaded[n]):
        n += 1
    if n:
        return n
    if len(rows) < 2:
        return 0
    first_numeric = any(NUMERIC.match(c) for c in rows[0] if c)
    later_numeric = any(NUMERIC.match(c) for r in rows[1:] for c in r if c)
    return 1 if all(rows[0]) and not first_numeric and later_numeric else 0
