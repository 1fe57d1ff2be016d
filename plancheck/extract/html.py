"""Read an HTML page into the document model with BeautifulSoup and lxml.

h1-h6 are headings, p/li/dt/dd/blockquote are blocks, tables become Tables
with colspan/rowspan laid out on a grid like Word's merged cells. Scripts,
styles and the page head are dropped. HTML has no pages: ``page`` is None.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plancheck.errors import LimitExceeded
from plancheck.extract import over_limit, table_cut
from plancheck.extract.text import decode_bytes
from plancheck.model import Block, BlockKind, Document, Item, Table, with_heading_paths

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions

_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCKS = {"p", "li", "dt", "dd", "blockquote", "pre", "address", "figcaption", "caption"}
_CONTAINERS = {"div", "section", "article", "main", "body", "header", "footer", "nav", "aside", "ul", "ol",
               "dl", "form", "center", "font", "span", "html", "figure", "fieldset", "details", "summary"}
_MAX_SPAN = 100
_SEPARATING = {"br", "p", "div", "li", "tr", "td", "th", "ul", "ol", "table", *(f"h{n}" for n in range(1, 7))}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def _text(el: Any) -> str:
    """Text of ``el``: inline tags join without spaces, block tags and <br> separate words."""
    from bs4.element import NavigableString, Tag

    parts: list[str] = []
    for node in el.descendants:
        if isinstance(node, Tag):
            if node.name in _SEPARATING:
                parts.append(" ")
        elif type(node) is NavigableString and not any(p.name in _DROP for p in node.parents):
            parts.append(str(node))
    return _clean("".join(parts))


class _HtmlWalker:
    def __init__(self, options: ExtractOptions, path: str) -> None:
        self.options, self.path = options, path
        self.items: list[Item] = []
        self.warnings: list[str] = []
        self.depth = 0
        """Containers and tables entered, against ``max_nesting``."""

    @contextlib.contextmanager
    def _deeper(self) -> Iterator[None]:
        self.depth += 1
        if self.depth > self.options.max_nesting:
            found = f"elements and tables nested more than {self.options.max_nesting} deep"
            raise LimitExceeded(self.path, over_limit(self.options, "max_nesting", found), fmt="html")
        try:
            yield
        finally:
            self.depth -= 1

    def walk(self, el: Any, loose_kind: BlockKind = "paragraph") -> None:
        """Append the items under ``el`` in document order; text outside blocks becomes ``loose_kind``."""
        with self._deeper():
            self._walk(el, loose_kind)

    def _walk(self, el: Any, loose_kind: BlockKind) -> None:
        from bs4.element import NavigableString, Tag

        loose: list[str] = []

        def flush() -> None:
            text = _clean(" ".join(loose))
            loose.clear()
            if text:
                self.items.append(Block(kind=loose_kind, text=text))

        for child in el.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a Comment, CData or Doctype
                    loose.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROP:
                continue
            if name in ("br",):
                loose.append(" ")
                continue
            if m := re.fullmatch(r"h([1-6])", name):
                flush()
                text = _text(child)
                if text:
                    self.items.append(Block(kind="heading", text=text, level=int(m.group(1))))
            elif name == "table":
                flush()
                self.items.append(self.table(child))
            elif name in _BLOCKS:
                flush()
                if child.find(["table", "p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"]):
                    # A block holding blocks, e.g. an li with a nested list: its own text stays a list item.
                    self.walk(child, "list_item" if name == "li" else "paragraph")
                    continue
                text = _text(child)
                if text:
                    kind: BlockKind = "list_item" if name == "li" else "paragraph"
                    self.items.append(Block(kind=kind, text=text))
            elif name in _CONTAINERS or child.find(["p", "table", "h1", "h2", "h3", "li", "div"]):
                flush()
                self.walk(child)
                flush()
            else:
                loose.append(_text(child))
        flush()

    def table(self, tbl: Any) -> Table:
        """A Table from <tr>s of this table (not nested ones), spans laid out on a grid."""
        with self._deeper():
            return self._table(tbl)

    def _table(self, tbl: Any) -> Table:
        own_rows = [tr for tr in tbl.find_all("tr") if tr.find_parent("table") is tbl]
        cells_read = 0
        grid: list[list[str | None]] = []
        header_flags: list[bool] = []
        nested: list[Table] = []
        caption_el = tbl.find("caption")
        for r, tr in enumerate(own_rows):
            if cells_read > self.options.max_table_cells:
                self.warnings.append(table_cut(self.options, "a table", cells_read, r, len(own_rows)))
                own_rows = own_rows[:r]
                break
            while len(grid) <= r:
                grid.append([])
            row = grid[r]
            cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
            in_thead = tr.find_parent("thead") is not None and tr.find_parent("table") is tbl
            header_flags.append(in_thead or (bool(cells) and all(c.name == "th" for c in cells)))
            col = 0
            for cell in cells:
                while col < len(row) and row[col] is not None:
                    col += 1
                for inner in cell.find_all("table"):
                    if inner.find_parent(["td", "th"]) is cell:
                        nested.append(self.table(inner))
                        inner.extract()
                text = _text(cell)
                colspan, rowspan = _span(cell.get("colspan")), _span(cell.get("rowspan"))
                for dr in range(rowspan):
                    while len(grid) <= r + dr:
                        grid.append([])
                    target = grid[r + dr]
                    while len(target) < col + colspan:
                        target.append(None)
                    for dc in range(colspan):
                        target[col + dc] = text if dr == 0 and dc == 0 else ""
                cells_read += colspan * rowspan
                col += colspan
        grid = grid[: max(len(own_rows), 0)]
        width = max((len(r) for r in grid), default=0)
        rows = tuple(tuple((c or "") for c in r + [None] * (width - len(r))) for r in grid)
        header_rows = 0
        while header_rows < len(header_flags) and header_flags[header_rows]:
            header_rows += 1
        if header_rows == len(rows):
            header_rows = min(header_rows, 1) if len(rows) > 1 else 0
        caption = _text(caption_el) if caption_el is not None else None
        return Table(rows=rows, header_rows=header_rows, caption=caption or None, nested=tuple(nested))


def _span(value: Any) -> int:
    try:
        return min(max(int(str(value).strip()), 1), _MAX_SPAN)
    except (TypeError, ValueError):
        return 1


def extract_html(path: Path, sha256: str, options: ExtractOptions) -> Document:
    """Extract an HTML file into a Document (headings, paragraphs, list items, tables)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_bytes(path.read_bytes()), "lxml")
    title_el = soup.find("title")
    title = _clean(title_el.get_text(" ")) if title_el is not None else None
    walker = _HtmlWalker(options, str(path))
    walker.walk(soup.body if soup.body is not None else soup)
    metadata: dict[str, str | None] = {"title": title or None}
    for meta in soup.find_all("meta"):
        name = str(meta.get("name", "")).lower()
        if name in ("author", "description", "dc.date", "date") and meta.get("content"):
            metadata[name] = str(meta["content"])
    return Document(
        path=str(path),
        sha256=sha256,
        format="html",
        pages=None,
        items=with_heading_paths(walker.items),
        metadata=metadata,
        warnings=tuple(walker.warnings),
    )
