"""Indicator cell values: what is a value, what is a no-value marker, and what explains a gap."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plancheck.indicators.patterns import vocabulary

# Footnote markers written after a value: "n/a*", "n/a (1)", "TBC¹", "n/a [a]", "n/a†".
_MARKER = re.compile(
    r"\s*(?:\*+|[†‡§¹²³⁴⁵⁶⁷⁸⁹]+|\(\s?(?:\d{1,2}|[a-z])\s?\)|\[\s?(?:\d{1,2}|[a-z])\s?\]|(?<=[a-z])\d)$", re.I
)


_MARKER_ENDS = frozenset("*)]†‡§¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True, slots=True)
class CellValue:
    """One cell read as an indicator value."""

    text: str
    """The cell as printed, whitespace collapsed."""
    present: bool
    """True when the cell holds a value (a figure, a level, Yes/No...), not a gap marker."""
    marker: str | None = None
    """A footnote marker on the cell (``*``, ``(1)``), pointing to an explanation elsewhere."""
    estimated: bool = False


def clean(text: str) -> str:
    """Collapse whitespace (cells keep line breaks from Word and PDF)."""
    return " ".join(text.split())


def read_cell(text: str) -> CellValue:
    """Classify a cell: a value, or a gap (blank, ``n/a``, ``TBC``, ``new``...) with any footnote marker."""
    shown = clean(text)
    # Fast path for plain figures (most cells): no marker, no gap word.
    if shown and (shown[0].isdigit() or shown[0] in "£$<>") and shown[-1] not in _MARKER_ENDS:
        low = shown.lower()
        estimated = ("est" in low or "prov" in low or "forecast" in low) and bool(
            vocabulary().estimate_cell.search(shown)
        )
        return CellValue(shown, True, None, estimated)
    vocab = vocabulary()
    bare = shown
    marker = None
    m = _MARKER.search(bare)
    if m and m.start() > 0:
        marker = m.group(0).strip()
        bare = bare[: m.start()].strip()
    elif m and m.start() == 0:
        bare = ""
    present = bool(bare) and not vocab.no_value.match(bare.strip(" .:;"))
    estimated = present and bool(vocab.estimate_cell.search(bare))
    return CellValue(shown, present, marker, estimated)


def trailing_marker(text: str) -> str | None:
    """The footnote marker at the end of a cell ("Actions against domestic violence †" -> "†"), if any."""
    shown = clean(text)
    m = _MARKER.search(shown) if shown and shown[-1] in _MARKER_ENDS else None
    return m.group(0).strip() if m and m.start() > 0 else None


_LEGEND_CACHE: dict[str, re.Pattern[str]] = {}


def legend_pattern(token: str) -> re.Pattern[str]:
    """A regex for a key explaining ``token`` (``n/a = not applicable``, ``marked n/a``)."""
    if token not in _LEGEND_CACHE:
        t = re.escape(token)
        quote = "[\"'‘’“”]?"
        _LEGEND_CACHE[token] = re.compile(
            rf"(?:\b(?:marked|shown|shown as|denoted by|recorded as|appears? as|entered as|given as)"
            rf"\s+{quote}{t}(?!\w))"
            rf"|(?:(?<!\w){quote}{t}{quote}\s*(?:=|:|means|denotes|indicates|signifies|is shown|[-–—]\s)"
            r"\s*\w)",
            re.I,
        )
    return _LEGEND_CACHE[token]
