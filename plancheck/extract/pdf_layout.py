"""Turn a page's glyphs into lines and blocks in reading order.

A chain of small pure steps: ``chars_to_segments`` (runs of glyphs on one line
with no wide gap), ``order_columns`` (two-column pages read column by column),
``segments_to_blocks`` (paragraphs and list items) and, once the whole document
is read, ``classify_headings`` (font size and weight against the body size).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from plancheck.extract.pdf_chars import Char
from plancheck.model import BBox

_BULLET = re.compile(r"^(?:[•▪●◦‣∙·\-–*]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s")


class Segment(NamedTuple):
    """Glyphs on one line with no gap wider than a column gutter."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


class RawBlock(NamedTuple):
    """A paragraph or list item before headings are told apart."""

    text: str
    bbox: BBox
    size: float
    bold: bool
    list_item: bool
    page: int


def chars_to_segments(chars: Sequence[Char]) -> list[Segment]:
    """Split glyphs (in stream order) into segments at line changes and wide gaps."""
    out: list[Segment] = []
    run: list[Char] = []
    p_x0 = p_top = p_x1 = p_bottom = p_size = 0.0
    for ch in chars:
        _, x0, top, x1, bottom, size = ch[:6]  # unpacked: this loop runs per glyph
        if run:
            mid = (top + bottom) / 2
            # Going back left of the glyph before starts a new segment; the glyphs of a
            # ligature ('ffi') share one box, so they never do.
            if (
                not p_top <= mid <= p_bottom
                or x0 < p_x0 - 0.5 * p_size
                or x0 - p_x1 > (p_size if p_size > size else size) * 1.2
            ):
                out.append(_segment(run))
                run = []
        run.append(ch)
        p_x0, p_top, p_x1, p_bottom, p_size = x0, top, x1, bottom, size
    if run:
        out.append(_segment(run))
    return out


def _segment(run: Sequence[Char]) -> Segment:
    parts: list[str] = []
    p_x1 = None
    for text, x0, _, x1, _, size, _, space, _ in run:
        if p_x1 is not None and (space or x0 - p_x1 > 0.25 * size):
            parts.append(" ")
        parts.append(text)
        p_x1 = x1
    sizes = Counter(ch.size for ch in run)
    bold = sum(1 for ch in run if ch.bold) * 2 > len(run)
    return Segment(
        "".join(parts).strip(),
        min(ch.x0 for ch in run),
        min(ch.top for ch in run),
        max(ch.x1 for ch in run),
        max(ch.bottom for ch in run),
        sizes.most_common(1)[0][0],
        bold,
    )


def find_gutter(segments: Sequence[Segment], lo: float, hi: float) -> float | None:
    """The x of a gutter between columns within [lo, hi], or None when the band is one column."""
    if len(segments) < 8:
        return None
    best: tuple[int, float] | None = None
    span = hi - lo
    for x in range(int(lo + span * 0.25), int(lo + span * 0.75), 4):
        crossing = sum(1 for s in segments if s.x0 < x < s.x1)
        left = sum(1 for s in segments if s.x1 <= x)
        right = sum(1 for s in segments if s.x0 >= x)
        if left >= 4 and right >= 4 and crossing * 5 <= min(left, right):
            score = (crossing, -min(left, right))
            if best is None or score < (best[0], -best[1]):
                best = (crossing, float(min(left, right)))
                gutter = float(x)
    return gutter if best is not None else None


def order_columns(segments: Sequence[Segment], width: float) -> list[Segment]:
    """Segments in reading order: top to bottom, a band of columns column by column."""
    return _order(segments, 0.0, width, 0)


def _order(segments: Sequence[Segment], lo: float, hi: float, depth: int) -> list[Segment]:
    by_top = sorted(segments, key=lambda s: (round(s.top), s.x0))
    gutter = find_gutter(segments, lo, hi) if depth < 3 else None
    if gutter is None:
        return by_top
    out: list[Segment] = []
    left: list[Segment] = []
    right: list[Segment] = []

    def close_band() -> None:
        # Each side may itself hold columns (three-column pages): split it again.
        out.extend(_order(left, lo, gutter, depth + 1) + _order(right, gutter, hi, depth + 1))
        left.clear()
        right.clear()

    for s in by_top:
        if s.x0 < gutter < s.x1:  # a full-width line closes the band above it
            close_band()
            out.append(s)
        elif s.x1 <= gutter:
            left.append(s)
        else:
            right.append(s)
    close_band()
    return out


def segments_to_blocks(segments: Iterable[Segment], page: int) -> list[RawBlock]:
    """Join consecutive segments into paragraphs; a bullet or a gap starts a new block."""
    blocks: list[RawBlock] = []
    cur: list[Segment] = []

    def flush() -> None:
        if cur:
            blocks.append(_block(cur, page))
            cur.clear()

    for s in segments:
        if not s.text:
            continue
        if cur:
            p = cur[-1]
            gap = s.top - p.bottom
            new = (
                gap > 0.6 * max(p.size, s.size)
                or gap < -p.size  # went back up: another column or a new band
                or abs(s.size - p.size) > 0.15 * p.size
                or s.bold != p.bold
                or s.x1 < p.x0
                or s.x0 > p.x1
                or bool(_BULLET.match(s.text))
            )
            if new:
                flush()
        cur.append(s)
    flush()
    return blocks


def _block(segs: Sequence[Segment], page: int) -> RawBlock:
    text = ""
    joiner = ""
    for s in segs:
        if not s.text:
            continue
        text = text + joiner + s.text if text else s.text
        joiner = "" if ends_in_word_hyphen(s.text) else " "  # a word broken at a hyphen goes on unspaced
    text = re.sub(r"\s+", " ", text).strip()
    bbox = (min(s.x0 for s in segs), min(s.top for s in segs),
            max(s.x1 for s in segs), max(s.bottom for s in segs))  # fmt: skip
    size = Counter(s.size for s in segs).most_common(1)[0][0]
    bold = all(s.bold for s in segs)
    return RawBlock(text, bbox, size, bold, bool(_BULLET.match(text)), page)


def ends_in_word_hyphen(text: str) -> bool:
    """'up-to-' at a line end: the next line finishes the word ('up-to-date')."""
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


def body_size(sizes: Counter[float]) -> float:
    """The most common glyph size in the document (the body text size)."""
    return sizes.most_common(1)[0][0] if sizes else 10.0


def heading_level(block: RawBlock, body: float, heading_sizes: Sequence[float]) -> int | None:
    """1-3 for a heading (by size rank among heading sizes), None for body text."""
    words = block.text.split()
    if not words or len(block.text) > 160 or (block.list_item and not block.bold):
        return None
    if block.text.endswith((".", ",", ";")) and len(words) > 12:
        return None
    if block.size >= body * 1.15:
        bigger = sum(1 for s in heading_sizes if s > block.size + 0.25)
        return min(bigger + 1, 3)
    if block.bold and block.size >= body * 0.95 and len(words) <= 15 and not block.text.endswith(":"):
        return min(sum(1 for s in heading_sizes if s > block.size + 0.25) + 1, 3)
    return None


def heading_sizes(blocks: Iterable[RawBlock], body: float) -> list[float]:
    """The sizes (largest first) of text set larger than the body, used by two blocks or more.

    A size used once (a title page's display lines) takes no rank of its own, so
    it does not push the document's real section headings down a level.
    """
    sizes = Counter(round(b.size * 2) / 2 for b in blocks if b.size >= body * 1.15 and len(b.text) <= 160)
    return sorted((s for s, n in sizes.items() if n >= 2), reverse=True)
