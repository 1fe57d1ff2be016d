"""Unruled tables: runs of lines whose segments line up in columns.

Many published tables have no borders. A run of lines qualifies when its
segments fall into the same columns; prose set in two or three columns does
not, because its columns hold running text, and neither do bulleted lists or
numbered transcripts.
"""

from __future__ import annotations

from collections.abc import Sequence

from plancheck.extract.pdf_layout import Segment
from plancheck.extract.pdf_tables import PageTable, header_rows


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


def _columns(lines: Sequence[Sequence[Segment]]) -> list[tuple[float, float]]:
    """Merge the x-extents of every segment into column intervals."""
    spans = sorted((s.x0, s.x1) for line in lines for s in line)
    cols: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 2:
            cols[-1] = (cols[-1][0], max(cols[-1][1], x1))
        else:
            cols.append((x0, x1))
    return cols


def find_aligned_tables(segments: Sequence[Segment], page: int) -> list[tuple[PageTable, list[Segment]]]:
    """Unruled tables: runs of 3+ lines whose segments fall in the same 3+ columns."""
    out: list[tuple[PageTable, list[Segment]]] = []
    lines = _visual_lines(segments)
    i = 0
    while i < len(lines):
        if len(lines[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _continues(lines[j - 1], lines[j]):
            j += 1
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


def _gap(prev: Sequence[Segment], line: Sequence[Segment]) -> float:
    return min(s.top for s in line) - max(s.bottom for s in prev)


def _continues(prev: Sequence[Segment], line: Sequence[Segment]) -> bool:
    """Whether ``line`` belongs to the same table run as ``prev``.

    Table rows are often spaced wider than lines of text; a one-segment line
    only joins when it sits in a later column (a wrapped cell), close below.
    """
    size = max(s.size for s in prev)
    gap = _gap(prev, line)
    if len(line) >= 2:
        return gap <= size * 2.2
    return gap <= size * 1.0 and len(prev) >= 1 and line[0].x0 > prev[0].x1 + 1


def _wraps(prev: Sequence[str], cells: Sequence[str], gap: float, size: float) -> bool:
    """A line that carries on the row above: close below, first cell empty, under filled cells."""
    return (
        gap < size * 0.6
        and not cells[0]
        and bool(prev[0])
        and all(p for p, c in zip(prev, cells, strict=True) if c)
    )


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
    cols = _columns(run)
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
    for line in run:
        cells = [""] * len(cols)
        for s in line:
            k = next(n for n, (x0, x1) in enumerate(cols) if x0 - 2 <= s.x0 <= x1)
            cells[k] = f"{cells[k]} {s.text}".strip()
        if rows and _wraps(rows[-1], cells, _gap(prev_line, line), line[0].size):
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
    return PageTable(rows, bbox, tuple(x0 for x0, _ in cols), header, page)
