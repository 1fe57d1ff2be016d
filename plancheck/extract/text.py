"""Read plain text and Markdown into the document model.

Paragraphs are split on blank lines. Markdown headings (``#`` and setext),
list items and pipe tables are recognised, and Markdown emphasis and links are
reduced to their text. Plain-text headings are guessed modestly: a lone short
numbered line ("1. Introduction", "2.1 Waste") or a lone short ALL-CAPS line.
Form feeds mark pages when present; otherwise ``page`` is None.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck.extract.sniff import sniff
from plancheck.model import Block, Document, Format, Item, Table, with_heading_paths

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•◆▪●○■□➢✓]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))\s+(.*)$")
_NUMBERED_HEADING = re.compile(r"^((?:\d{1,2})(?:\.\d{1,2}){0,3})\.?\s+(\S.{0,78})$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_TABLE_SEP = re.compile(r"^:?-{3,}:?$")
_MAX_HEADING_WORDS = 10
_MONTH = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def decode_bytes(raw: bytes) -> str:
    """Decode text bytes: BOM or UTF-8 first, then Windows-1252 (what old council sites used)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def inline(text: str) -> str:
    """Markdown inline markup reduced to plain text, whitespace collapsed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    text = re.sub(r"</?(?:sup|sub|b|i|u|em|strong|br)\s*/?>", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = text.replace("\\|", "|").replace("\\*", "*").replace("\\_", "_")
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _heading_guess(line: str) -> int | None:
    """Level of a lone line that reads like a heading, else None."""
    if len(line) > 80 or line.endswith((".", ",", ";", ":")) or len(line.split()) > _MAX_HEADING_WORDS:
        return None
    m = _NUMBERED_HEADING.match(line)
    if m and m.group(2)[0].isupper() and "," not in line and not _MONTH.match(m.group(2)):
        parts = m.group(1).split(".")
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return len(parts)
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return 1
    return None


def _split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0].strip() == "":
        cells = cells[1:]
    if cells and cells[-1].strip() == "":
        cells = cells[:-1]
    return [inline(c) for c in cells]


def _table(lines: list[str], page: int | None) -> Table:
    rows: list[list[str]] = []
    header_rows = 0
    for line in lines:
        cells = _split_row(line)
        if cells and all(_TABLE_SEP.match(c.replace(" ", "")) for c in cells):
            header_rows = len(rows)
            continue
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    return Table(
        rows=tuple(tuple(r + [""] * (width - len(r))) for r in rows),
        header_rows=header_rows,
        pages=(page,) if page else (),
        row_pages=(page,) * len(rows) if page else (),
    )


class _Parser:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.page: int | None = None
        self._para: list[str] = []
        self._list: list[str] | None = None

    def flush(self) -> None:
        if self._list is not None:
            text = inline(" ".join(self._list))
            if text:
                self.items.append(Block(kind="list_item", text=text, page=self.page))
            self._list = None
        if len(self._para) > 1:
            groups = _line_groups(self._para)
            if len(groups) > 1:
                # A title block or a contents list: lines that do not run on are blocks of their own.
                self._para = []
                for group in groups:
                    self._para = group
                    self.flush()
        if self._para:
            # Join before reducing markup: emphasis may span lines ("**BEST VALUE\n(Report)**").
            text = inline(" ".join(self._para))
            level = _heading_guess(text) if len(self._para) == 1 else None
            self._para = []
            if not text:
                return
            if level is not None:
                self.items.append(Block(kind="heading", text=text, level=level, page=self.page))
            else:
                self.items.append(Block(kind="paragraph", text=text, page=self.page))

    def feed(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            raw = lines[i].rstrip()
            stripped = raw.strip()
            if not stripped or _RULE.match(stripped):
                self.flush()
            elif stripped.startswith("|") and stripped.count("|") >= 2:
                self.flush()
                j = i
                while j < len(lines) and lines[j].strip().startswith("|"):
                    j += 1
                self.items.append(_table(lines[i:j], self.page))
                i = j
                continue
            elif m := _MD_HEADING.match(stripped):
                self.flush()
                text = inline(m.group(2))
                if text:
                    self.items.append(Block(kind="heading", text=text, level=len(m.group(1)), page=self.page))
            elif (
                i + 1 < len(lines)
                and _SETEXT.match(lines[i + 1].strip())
                and not self._para
                and self._list is None
                and len(stripped) <= 100
            ):
                self.flush()
                level = 1 if lines[i + 1].strip().startswith("=") else 2
                self.items.append(Block(kind="heading", text=inline(stripped), level=level, page=self.page))
                i += 2
                continue
            elif (m := _BULLET.match(raw)) and not _looks_numbered_heading(stripped, lines, i):
                self.flush()
                self._list = [m.group(1)]
            elif "\t" in stripped:
                self.flush()  # form-like "LABEL:<tab>value" lines stand alone, never headings
                text = inline(stripped.replace("\t", " "))
                self.items.append(Block(kind="paragraph", text=text, page=self.page))
            elif self._list is not None and (raw.startswith((" ", "\t")) or not self._para):
                self._list.append(stripped)
            else:
                if self._list is not None:
                    self.flush()
                self._para.append(stripped)
            i += 1
        self.flush()


_RUNS_ON = re.compile(r"^[a-z(,;]")
_ENDS_SENTENCE = re.compile(r"[.!?:]$")


def _line_groups(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines grouped as they run on: a line that ends a sentence, or is short beside the
    paragraph's longest, ends its group unless the next line continues in lower case. Wrapped prose stays
    one group; a title block or a contents list becomes one group per line."""
    width = max(len(ln) for ln in lines)
    groups: list[list[str]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        short = len(prev) < 60 and len(prev) < 0.6 * width
        ends = bool(_ENDS_SENTENCE.search(prev)) or short
        if ends and not _RUNS_ON.match(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _looks_numbered_heading(stripped: str, lines: list[str], i: int) -> bool:
    """ "1. Introduction" alone between blank lines is a heading, not a one-item list."""
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
    return (
        prev_blank
        and next_blank
        and bool(_NUMBERED_HEADING.match(inline(stripped)))
        and (_heading_guess(inline(stripped)) is not None)
    )


def extract_text(path: Path, sha256: str, options: ExtractOptions) -> Document:
    """Extract a plain-text or Markdown file into a Document."""
    fmt: Format = "md" if sniff(path) == "md" else "txt"
    text = decode_bytes(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    paged = len(pages) > 1
    parser = _Parser()
    for n, page_text in enumerate(pages, start=1):
        parser.page = n if paged else None
        parser.feed(page_text.split("\n"))
    return Document(
        path=str(path),
        sha256=sha256,
        format=fmt,
        pages=len(pages) if paged else None,
        items=with_heading_paths(parser.items),
        metadata={"title": None},
    )
