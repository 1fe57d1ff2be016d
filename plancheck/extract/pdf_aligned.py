"""Unruled tables: runs of lines whose segments line up in columns.

Many published tables have no borders. A run of lines qualifies when its
segments fall into the same columns; prose set in two or three columns does
not, because its columns hold running text, and neither do bulleted lists or
numbered transcripts.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from plancheck.extract.pdf_layout import Segment
from plancheck.extract.pdf_tables import NUMERIC, PageTable, header_rows


def _visual_lines(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments grouped into lines by vertical overlap, each sorted left to right."""
    lines: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: (s.top, s.x0)):
        mid = (s.top + s.bottom) / 2
        if lines and lines[-1][0].top <= mid <= lines[-1][0].bottom:
            lines[-1].append(s)
        else:
            lines.append([s])
    return [sorted(line, key=lambda s: s.x0) for line in lines]


def _columns(lines: Sequence[Sequence[Segment]], starts: Sequence[float] = ()) -> list[tuple[float, float]]:
    """Merge the x-extents of every segment into column intervals.

    A segment across one of ``starts`` (a group label, a cell run into the next)
    would join two columns into one, so it takes no part.
    """
    spans = sorted((s.x0, s.x1) for line in lines for s in line if not _crosses(s, starts))
    cols: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 2:
            cols[-1] = (cols[-1][0], max(cols[-1][1], x1))
        else:
            cols.append((x0, x1))
    return cols


def _strong_starts(run: Sequence[Sequence[Segment]]) -> list[float]:
    """Left edges shared by the cells of many rows: where left-aligned columns start."""
    multi = [line for line in run if len(line) >= 2]
    need = max(2, round(len(multi) * 0.3))
    clusters: list[list[float]] = []
    for x in sorted(s.x0 for line in multi for s in line):
        if clusters and x - clusters[-1][-1] <= 2:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [c[0] for c in clusters if len(c) >= need]


def _crosses(s: Segment, starts: Sequence[float]) -> bool:
    return any(s.x0 + 2 < a < s.x1 - 0.5 for a in starts)


def _split_cells(s: Segment, starts: Sequence[float]) -> list[Segment]:
    """A segment across a column start cut at the word break nearest it.

    Two cells set close together (a code and a long name) read as one segment;
    the break is placed by the share of the width, as glyph widths are not kept.
    """
    out: list[Segment] = []
    rest = s
    for a in sorted(starts):
        if not rest.x0 + 2 < a < rest.x1 - 2:
            continue
        pos = len(rest.text) * (a - rest.x0) / (rest.x1 - rest.x0)
        spaces = [k for k, ch in enumerate(rest.text) if ch == " "]
        cut = min(spaces, key=lambda k: abs(k - pos), default=None)
        if cut is None or abs(cut - pos) > max(3.0, 0.1 * len(rest.text)):
            continue
        x_cut = rest.x0 + (rest.x1 - rest.x0) * cut / len(rest.text)
        out.append(rest._replace(text=rest.text[:cut].rstrip(), x1=min(x_cut, a - 3)))
        rest = rest._replace(text=rest.text[cut:].lstrip(), x0=a)
    return [*out, rest]


def find_aligned_tables(segments: Sequence[Segment], page: int) -> list[tuple[PageTable, list[Segment]]]:
    """Unruled tables: runs of 3+ lines whose segments fall in the same 3+ columns."""
    out: list[tuple[PageTable, list[Segment]]] = []
    lines = _visual_lines(segments)
    i = 0
    while i < len(lines):
        if len(lines[i]) < 2:
            i += 1
            continue
        j = _run_end(lines, i)
        run = lines[i:j]
        table = _run_to_table(run, page)
        if table is not None:
            out.append((table, [s for line in run for s in line]))
            i = j
        else:
            # A table may start a line or two into a failed run (after a bulleted list);
            # a long failed run is skipped whole, so a page of many lines stays linear.
            i = j if j - i > 60 else i + 1
    return out


def _run_end(lines: Sequence[Sequence[Segment]], i: int) -> int:
    """The index after the last line of the table run that starts at ``lines[i]``.

    The run keeps the left edges of the cells after the first in each line of
    two cells or more: a wrapped cell three lines deep starts at one of them,
    though the line above it holds a single cell too.
    """
    starts = [s.x0 for s in lines[i][1:]]
    j = i + 1
    while j < len(lines):
        prev, line = lines[j - 1], lines[j]
        if not (_continues(prev, line, starts) or _label_between_rows(lines, j, starts)):
            break
        if len(line) >= 2:
            starts.extend(s.x0 for s in line[1:])
        j += 1
    return j


def _gap(prev: Sequence[Segment], line: Sequence[Segment]) -> float:
    return min(s.top for s in line) - max(s.bottom for s in prev)


def _at_start(x: float, starts: Sequence[float]) -> bool:
    return any(abs(x - a) <= 2 for a in starts)


def _continues(prev: Sequence[Segment], line: Sequence[Segment], starts: Sequence[float] = ()) -> bool:
    """Whether ``line`` belongs to the same table run as ``prev``.

    Table rows are often spaced wider than lines of text; a one-segment line
    only joins when it sits in a later column (a wrapped cell), close below.
    """
    size = max(s.size for s in prev)
    gap = _gap(prev, line)
    if len(line) >= 2:
        return gap <= size * 2.2
    if _at_start(line[0].x0, starts):
        # Where a later column starts: a wrapped cell, or one carried on below a header
        # repeated at the top of a page.
        return gap <= size * 2.2
    return gap <= size * 1.0 and line[0].x0 > prev[0].x1 + 1


def _label_between_rows(lines: Sequence[Sequence[Segment]], j: int, starts: Sequence[float]) -> bool:
    """A one-cell line with table rows just above and below it: a group row ("Housing")
    or the second line of a header ("BVPI" over "Ref"), so the table goes on past it."""
    if len(lines[j]) != 1 or j + 1 >= len(lines) or len(lines[j + 1]) < 2:
        return False
    prev, line, nxt = lines[j - 1], lines[j], lines[j + 1]
    size = max(s.size for s in prev)
    if _gap(prev, line) > size * 2.2 or _gap(line, nxt) > size * 2.2:
        return False
    # The row below must fall in the run's columns, not start a new table under a note.
    above = next(ln for ln in reversed(lines[:j]) if len(ln) >= 2)
    fits = sum(1 for s in nxt if _at_start(s.x0, starts) or any(s.x0 < a.x1 and a.x0 < s.x1 for a in above))
    return fits >= min(2, len(nxt))


def _wraps(prev: Sequence[str], cells: Sequence[str], gap: float, size: float, row_gap: float) -> bool:
    """A line that carries on the row above: close below, under filled cells.

    Its first cell may be filled too (a code broken over two lines, "BVPI" over
    "99a(i)") where rows are spaced wider than the lines within them, and the
    line leaves the row's later cells empty.
    """
    if not all(p for p, c in zip(prev, cells, strict=True) if c):
        return False
    if not cells[0]:
        # Under a row with no first cell either, only words go on (the tail of a row
        # carried over a page break); figures there are a sub-row of their own.
        words = prev[0] or not any(NUMERIC.match(c) for c in [*prev, *cells] if c)
        return gap < size * 0.6 and bool(words)
    if not prev[0]:
        return False
    last = max(k for k, c in enumerate(cells) if c)
    return gap < min(size * 0.6, row_gap - size * 0.25) and any(prev[last + 1 :])


def _row_gap(run: Sequence[Sequence[Segment]]) -> float:
    """The usual space above a line of three cells or more (a row with its values)."""
    gaps = sorted(_gap(a, b) for a, b in itertools.pairwise(run) if len(b) >= 3)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _wordy(run: Sequence[Sequence[Segment]], x0: float, x1: float) -> bool:
    """Most of a column's lines hold four words or more, as lines of running text do."""
    texts = [s.text for line in run for s in line if x0 - 2 <= s.x0 <= x1]
    return sum(1 for t in texts if len(t.split()) >= 4) >= 0.5 * max(1, len(texts))


def _mean_length(run: Sequence[Sequence[Segment]], x0: float, x1: float) -> float:
    texts = [s.text for line in run for s in line if x0 - 2 <= s.x0 <= x1]
    return sum(map(len, texts)) / max(1, len(texts))


def _run_to_table(run: Sequence[Sequence[Segment]], page: int) -> PageTable | None:
    multi = [line for line in run if len(line) >= 2]
    # A bold first line over plain ones is a header: then two lines can be a table
    # (the tail of one continued from the page before).
    bold_header = all(s.bold for s in run[0]) and any(not all(s.bold for s in ln) for ln in run[1:])
    if len(multi) < (2 if bold_header else 3):
        return None
    starts = _strong_starts(run)
    # Only within a row of cells: a lone label across columns ("Corporate health") is a group row.
    run = [[p for s in line for p in _split_cells(s, starts)] if len(line) >= 2 else line for line in run]
    cols = _columns(run, starts)
    if len(cols) < 2 or len(cols) > 20:
        return None
    widest = max(_mean_length(run, x0, x1) for x0, x1 in cols)
    if len(cols) == 2:
        # Two columns where one holds long text is prose set in columns, a bulleted
        # list or a numbered transcript, unless a header names short terms (a glossary).
        short_terms = _mean_length(run, *cols[0]) <= 20
        if not ((widest <= 30 and len(multi) >= 4) or (bold_header and short_terms)):
            return None
    elif widest > 60 or sum(1 for x0, x1 in cols if _wordy(run, x0, x1)) >= len(cols) - 1:
        return None  # very long cells, or (nearly) every column running text: prose set in columns
    if max(len(s.text) for line in run for s in line) < 4:
        return None  # scattered single letters (a sideways stamp), not cells
    rows: list[list[str]] = []
    bold: list[bool] = []
    prev_line: Sequence[Segment] = ()
    row_gap = _row_gap(run)
    for line in run:
        cells = [""] * len(cols)
        for s in line:
            k = next((n for n in range(len(cols) - 1, -1, -1) if cols[n][0] - 2 <= s.x0), 0)
            cells[k] = f"{cells[k]} {s.text}".strip()
        if rows and _wraps(rows[-1], cells, _gap(prev_line, line), line[0].size, row_gap):
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
            bold.append(all(s.bold for s in line))
        prev_line = line
    if len(rows) < 3 and not (len(rows) == 2 and bold_header):
        return None
    bbox = (min(s.x0 for ln in run for s in ln), min(s.top for ln in run for s in ln),
            max(s.x1 for ln in run for s in ln), max(s.bottom for ln in run for s in ln))  # fmt: skip
    header = header_rows(rows, bold, [False] * len(rows))
    while header > 1 and not any(rows[header - 1][1:]):
        header -= 1  # a bold group label ("Corporate health") under the header is a row of the body
    return PageTable(rows, bbox, tuple(x0 for x0, _ in cols), header, page)
