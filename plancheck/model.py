"""The document model every extractor produces and every rule reads.

A :class:`Document` holds, in reading order, :class:`Block` items (headings,
paragraphs, list items) and :class:`Table` items. Running headers and footers
are kept apart from the body in ``Document.furniture``: the authority's name
and the plan year often live only there, but they must not be mistaken for
body text. All values are frozen; ``to_dict``/``from_dict`` round-trip JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item"]
Region = Literal["body", "header", "footer"]
Format = Literal["pdf", "docx", "doc", "odt", "rtf", "html", "txt", "md"]

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin at the top left of the page."""


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text: a heading (with level 1-9), a paragraph or a list item."""

    kind: BlockKind
    text: str
    page: int | None = None
    level: int | None = None
    bbox: BBox | None = None
    region: Region = "body"
    heading_path: tuple[str, ...] = ()
    """The texts of the headings this block sits under, outermost first."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "type": "block",
            "kind": self.kind,
            "text": self.text,
            "page": self.page,
            "level": self.level,
            "bbox": list(self.bbox) if self.bbox else None,
            "region": self.region,
            "heading_path": list(self.heading_path),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`."""
        return cls(
            kind=d["kind"],
            text=d["text"],
            page=d.get("page"),
            level=d.get("level"),
            bbox=tuple(d["bbox"]) if d.get("bbox") else None,  # type: ignore[arg-type]
            region=d.get("region", "body"),
            heading_path=tuple(d.get("heading_path", ())),
        )


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cell texts.

    ``rows`` includes the header rows, which are the first ``header_rows``
    rows. A merged cell's text appears once, in the first column it spans;
    the other columns it covers are empty strings, so every row has the same
    number of columns. A table that continues over several pages is one
    table: ``pages`` lists every page it spans and ``row_pages`` the page of
    each row (``None`` where the format has no pages).
    """

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0
    pages: tuple[int, ...] = ()
    row_pages: tuple[int | None, ...] = ()
    bbox: BBox | None = None
    caption: str | None = None
    heading_path: tuple[str, ...] = ()
    nested: tuple[Table, ...] = ()
    """Tables nested inside this table's cells (DOCX), in document order."""

    @property
    def page(self) -> int | None:
        """The first page the table is on."""
        return self.pages[0] if self.pages else None

    @property
    def header(self) -> tuple[tuple[str, ...], ...]:
        """The header rows."""
        return self.rows[: self.header_rows]

    @property
    def body(self) -> tuple[tuple[str, ...], ...]:
        """The rows below the header."""
        return self.rows[self.header_rows :]

    @property
    def n_cols(self) -> int:
        """Number of columns (the widest row)."""
        return max((len(r) for r in self.rows), default=0)

    def row_page(self, index: int) -> int | None:
        """Page of row ``index`` (counting header rows), falling back to the first page."""
        if 0 <= index < len(self.row_pages):
            return self.row_pages[index]
        return self.page

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "type": "table",
            "rows": [list(r) for r in self.rows],
            "header_rows": self.header_rows,
            "pages": list(self.pages),
            "row_pages": list(self.row_pages),
            "bbox": list(self.bbox) if self.bbox else None,
            "caption": self.caption,
            "heading_path": list(self.heading_path),
            "nested": [t.to_dict() for t in self.nested],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Table:
        """Inverse of :meth:`to_dict`."""
        return cls(
            rows=tuple(tuple(r) for r in d["rows"]),
            header_rows=d.get("header_rows", 0),
            pages=tuple(d.get("pages", ())),
            row_pages=tuple(d.get("row_pages", ())),
            bbox=tuple(d["bbox"]) if d.get("bbox") else None,  # type: ignore[arg-type]
            caption=d.get("caption"),
            heading_path=tuple(d.get("heading_path", ())),
            nested=tuple(Table.from_dict(t) for t in d.get("nested", ())),
        )


Item = Block | Table


@dataclass(frozen=True, slots=True)
class Document:
    """One extracted file: identity, metadata and content in reading order."""

    path: str
    sha256: str
    format: Format
    pages: int | None
    items: tuple[Item, ...]
    furniture: tuple[Block, ...] = ()
    """Running headers and footers (region ``header``/``footer``), kept out of ``items``."""
    metadata: dict[str, str | None] = field(default_factory=dict)
    """Title, author, created, modified (ISO 8601 where known)."""
    warnings: tuple[str, ...] = ()
    """Things the extractor noticed but could work round (e.g. a page it could not parse)."""

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Body blocks in reading order."""
        return tuple(i for i in self.items if isinstance(i, Block))

    @property
    def tables(self) -> tuple[Table, ...]:
        """Top-level tables in reading order."""
        return tuple(i for i in self.items if isinstance(i, Table))

    def all_tables(self) -> tuple[Table, ...]:
        """Every table, nested ones after their parent."""
        out: list[Table] = []

        def walk(t: Table) -> None:
            out.append(t)
            for n in t.nested:
                walk(n)

        for t in self.tables:
            walk(t)
        return tuple(out)

    def text(self) -> str:
        """All body text (blocks, then table cells row by row), for quick searches."""
        parts: list[str] = []
        for item in self.items:
            if isinstance(item, Block):
                parts.append(item.text)
            else:
                parts.extend(" | ".join(c for c in row if c) for row in item.rows)
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the output of ``plancheck extract``)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "metadata": dict(self.metadata),
            "warnings": list(self.warnings),
            "items": [i.to_dict() for i in self.items],
            "furniture": [b.to_dict() for b in self.furniture],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`."""
        items: list[Item] = [
            Table.from_dict(i) if i.get("type") == "table" else Block.from_dict(i) for i in d["items"]
        ]
        return cls(
            path=d["path"],
            sha256=d["sha256"],
            format=d["format"],
            pages=d.get("pages"),
            items=tuple(items),
            furniture=tuple(Block.from_dict(b) for b in d.get("furniture", ())),
            metadata=dict(d.get("metadata", {})),
            warnings=tuple(d.get("warnings", ())),
        )


def with_heading_paths(items: list[Item] | tuple[Item, ...]) -> tuple[Item, ...]:
    """Fill in ``heading_path`` on every item from the headings before it.

    Extractors call this once at the end so that the rule that a heading of
    level *n* closes every open heading of level >= *n* lives in one place.
    A heading's own path is the headings above it, not including itself.
    """
    from dataclasses import replace

    stack: list[tuple[int, str]] = []
    out: list[Item] = []
    for item in items:
        path = tuple(t for _, t in stack)
        if isinstance(item, Block) and item.kind == "heading":
            level = item.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            path = tuple(t for _, t in stack)
            stack.append((level, item.text))
        out.append(replace(item, heading_path=path))
    return tuple(out)
