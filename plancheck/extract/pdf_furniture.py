"""Running headers and footers: lines in the page margins that repeat across pages."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from plancheck.extract.pdf_layout import Segment

MARGIN = 0.1
"""The top and bottom tenth of a page is where running heads and feet live."""

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[0-9ivxlc]+(?:\s*(?:of|/)\s*[0-9]+)?$", re.I)


def _key(text: str) -> str:
    # Page numbers change from page to page; the rest of a running head does not.
    return re.sub(r"\d+", "#", text.lower()).strip()


def _region(s: Segment, height: float) -> str | None:
    if s.bottom <= height * MARGIN:
        return "header"
    if s.top >= height * (1 - MARGIN):
        return "footer"
    return None


def find_furniture(pages: Sequence[tuple[Sequence[Segment], float]]) -> list[dict[int, str]]:
    """For each page, the indexes of its furniture segments mapped to header or footer.

    ``pages`` holds each page's segments and height. A margin line is furniture
    when its text (digits ignored) recurs on at least half the pages (and two),
    or when it is a bare page number on a document of two pages or more.
    """
    if len(pages) < 2:
        return [{} for _ in pages]
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for n, (segments, height) in enumerate(pages):
        for s in segments:
            region = _region(s, height)
            if region:
                seen[(region, _key(s.text))].add(n)
    need = max(2, (len(pages) + 1) // 2)
    out: list[dict[int, str]] = []
    for segments, height in pages:
        marks: dict[int, str] = {}
        for i, s in enumerate(segments):
            region = _region(s, height)
            if region and (len(seen[(region, _key(s.text))]) >= need or _PAGE_NUMBER.match(s.text.strip())):
                marks[i] = region
        out.append(marks)
    return out
