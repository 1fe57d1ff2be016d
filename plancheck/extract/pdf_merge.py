"""Join a table continued over a page break into one table, dropping its repeated header."""

from __future__ import annotations

from collections.abc import Sequence

from plancheck.extract.pdf_layout import RawBlock
from plancheck.extract.pdf_tables import PageTable
from plancheck.model import Table

PageItem = RawBlock | PageTable

_X_TOLERANCE = 4.0
"""Points two column edges may differ by and still be the same column."""


def continues(prev: PageTable, nxt: PageTable) -> bool:
    """Whether ``nxt`` (first on its page) carries on ``prev`` (last on the page before)."""
    if nxt.page != prev.page + 1 or not prev.rows or not nxt.rows:
        return False
    if len(prev.rows[0]) != len(nxt.rows[0]):
        return False
    if prev.header_rows and nxt.rows[: prev.header_rows] == prev.rows[: prev.header_rows]:
        return True
    return len(prev.col_xs) == len(nxt.col_xs) and all(
        abs(a - b) <= _X_TOLERANCE for a, b in zip(prev.col_xs, nxt.col_xs, strict=True)
    )


def _carries_on(last: Sequence[str], first: Sequence[str]) -> bool:
    """A continuation page's first row with no first cell, only under cells the last row fills."""
    return (
        len(last) == len(first)
        and bool(last[0])
        and not first[0]
        and any(first)
        and all(a for a, b in zip(last, first, strict=True) if b)
    )


class _Growing:
    """A table being built from one or more page parts."""

    def __init__(self, first: PageTable) -> None:
        self.first = first
        self.rows: list[tuple[str, ...]] = [tuple(r) for r in first.rows]
        self.row_pages: list[int] = [first.page] * len(first.rows)
        self.last = first

    def add(self, part: PageTable) -> None:
        h = self.first.header_rows
        rows = part.rows
        if h and [tuple(r) for r in rows[:h]] == self.rows[:h]:
            rows = rows[h:]  # the header repeated at the top of the continuation page
        if rows and self.rows and _carries_on(self.rows[-1], rows[0]):
            # The last row's wrapped cells went on over the page break.
            self.rows[-1] = tuple(f"{a} {b}".strip() for a, b in zip(self.rows[-1], rows[0], strict=True))
            rows = rows[1:]
        self.rows.extend(tuple(r) for r in rows)
        self.row_pages.extend([part.page] * len(rows))
        self.last = part

    def table(self) -> Table:
        pages = tuple(sorted(set(self.row_pages)))
        return Table(
            rows=tuple(self.rows),
            header_rows=self.first.header_rows,
            pages=pages,
            row_pages=tuple(self.row_pages),
            bbox=self.first.bbox,
        )


def merge_continued_tables(per_page: Sequence[Sequence[PageItem]]) -> list[RawBlock | Table]:
    """Flatten pages of items into one list, joining tables that run over a page break."""
    out: list[RawBlock | Table | _Growing] = []
    for items in per_page:
        for k, it in enumerate(items):
            if isinstance(it, RawBlock):
                out.append(it)
                continue
            prev = out[-1] if out else None
            if k == 0 and isinstance(prev, _Growing) and continues(prev.last, it):
                prev.add(it)
            else:
                out.append(_Growing(it))
    return [it.table() if isinstance(it, _Growing) else it for it in out]
