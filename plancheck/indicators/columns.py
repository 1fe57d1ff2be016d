"""Column roles of an indicator table, read from its header rows.

A column is the code, the title, an outturn / estimate / target for a year, a
comparison (top quartile, averages: never the authority's own figures), notes,
or something else (polarity, trend). Two header rows are common: an upper
"Targets" cell merged over the year columns below it. In the model a merged
cell's text sits in its first column and the columns it covers are empty, so
the upper text is carried right over empty cells while the row below has text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from plancheck.indicators.patterns import vocabulary
from plancheck.indicators.values import clean
from plancheck.indicators.years import find_years, parse_label

ColumnRole = Literal["code", "title", "outturn", "target", "estimate", "comparison", "notes", "other", "year"]
"""``year``: a column naming only a year (``IWC 99/00``, ``2004/05``); past or future decides its meaning."""

VALUE_ROLES = ("outturn", "target", "estimate", "year")


@dataclass(frozen=True, slots=True)
class Column:
    """One column's role, the financial year it is for (if any) and its header text."""

    index: int
    role: ColumnRole | None
    year: str | None
    header: str
    relative: int | None = None
    """For a header such as "Last year" or "Next year": its offset from the plan year (year left None until
    the plan year is known: analysis.resolve_relative)."""
    years: tuple[str, ...] = ()
    """For a header naming several years ("Targets 2004/05 / 2005/06 / 2006/07"): each year, in order, for
    cells that hold one value per year ("79.1% / 80.4% / TBC")."""


def header_texts(header: tuple[tuple[str, ...], ...], n_cols: int) -> list[str]:
    """Per column, the header rows' texts joined top to bottom, merged upper cells carried over their span."""
    rows = [[clean(r[i]) if i < len(r) else "" for i in range(n_cols)] for r in header]
    if len(rows) > 1:
        _drop_spilled_text(rows)
        for k, row in enumerate(rows[:-1]):
            original = list(row)
            for i in range(1, n_cols):
                # A group header ("Targets") spans the cells right of it that have text below them. The
                # last header row is left alone: its empty cells sit under cells merged down (rowspan).
                if not original[i] and row[i - 1] and any(r[i] for r in rows[k + 1 :]):
                    row[i] = row[i - 1]
    return [" ".join(r[i] for r in rows if r[i]) for i in range(n_cols)]


def _drop_spilled_text(rows: list[list[str]]) -> None:
    """Remove from a merged cell the words of the cells under it, where a PDF reading repeated them.

    Some PDF table readers give a merged "Targets" cell the text of its whole
    box, ``Targets 2004/05 2005/06 2006/07``; the years belong to the row below.
    """
    n_cols = len(rows[0])
    for row in rows:
        for i, text in enumerate(row):
            if not text:
                continue
            end = i + 1
            while end < n_cols and not row[end]:
                end += 1
            spilled = [w for other in rows if other is not row for c in other[i:end] for w in c.split()]
            words = text.split()
            remaining = list(words)
            for w in spilled:
                if w not in remaining:
                    break
                remaining.remove(w)
            else:
                if spilled and remaining:
                    row[i] = " ".join(remaining)


def classify_header(text: str, index: int = 0) -> Column:
    """The role and year a header names (``Target 2005/06`` -> target, 2005/06)."""
    vocab = vocabulary()
    label = parse_label(text)
    for name, pattern in vocab.header_roles:
        if not pattern.search(text):
            continue
        # "Indicator 2003/04 outturn" is a value column despite the word "indicator".
        if name in ("code", "title") and label is not None and label.year is not None:
            break
        return Column(index, cast(ColumnRole, name), label.year if label else None, text)
    if label is None or label.year is None:
        for pattern, offset in vocab.relative_years:
            if pattern.search(text):
                said = label.role if label is not None else None
                role = said or ("outturn" if offset < 0 else "target")
                return Column(index, role, None, text, relative=offset)
    if label is not None:
        several = tuple(dict.fromkeys(find_years(text)))
        return Column(
            index, label.role or "year", label.year, text, years=several if len(several) > 1 else ()
        )
    if vocab.group_target.search(text):
        return Column(index, "target", None, text)
    if vocab.group_outturn.search(text):
        return Column(index, "outturn", None, text)
    return Column(index, None, None, text)


def classify_columns(header: tuple[tuple[str, ...], ...], n_cols: int) -> tuple[Column, ...]:
    """Every column's role from the header rows."""
    return tuple(classify_header(t, i) for i, t in enumerate(header_texts(header, n_cols)))
