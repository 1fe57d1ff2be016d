"""Read a PDF into a Document: text with PDFium, tables, headings and running heads.

The pipeline per page is pdf_chars (glyphs, edges) -> pdf_tables (ruled
tables, then unruled ones) -> pdf_layout (segments); across the document,
pdf_furniture takes out running heads, then reading order, blocks, headings,
captions and tables continued over a page break (pdf_merge) are settled.
Only small per-page results are kept, never every glyph of every page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import ExtractOptions, over_limit, table_cut
from plancheck.extract.pdf_aligned import find_aligned_tables
from plancheck.extract.pdf_chars import PageContent, read_page
from plancheck.extract.pdf_furniture import find_furniture
from plancheck.extract.pdf_graphics import PageOverLimit
from plancheck.extract.pdf_layout import (
    RawBlock,
    Segment,
    body_size,
    chars_to_segments,
    heading_level,
    heading_sizes,
    order_columns,
    segments_to_blocks,
)
from plancheck.extract.pdf_merge import PageItem, merge_continued_tables
from plancheck.extract.pdf_open import open_pdf, read_metadata
from plancheck.extract.pdf_scan import scan_pdf
from plancheck.extract.pdf_tables import PageTable, crossings, find_ruled_tables, too_many_crossings
from plancheck.extract.textlayer import garbled
from plancheck.model import Block, Document, Item, Table, with_heading_paths

_CAPTION = re.compile(r"^(?:Table|Tbl\.?)\s+[0-9A-Z][0-9.]*\b", re.I)


@dataclass(slots=True)
class _PageLayout:
    """What is kept of one page once its glyphs are gone."""

    number: int
    width: float
    height: float
    segments: list[Segment]
    tables: list[PageTable]
    glyphs: int
    images: int
    garbled: bool
    """The text layer does not read as text (a font without a Unicode map): see textlayer.py."""


def _layout(content: PageContent, options: ExtractOptions) -> _PageLayout:
    tables, chars = find_ruled_tables(content, options.max_ruling_crossings)
    segments = chars_to_segments(chars)
    # Unruled tables are found before running heads: a table header repeated at the
    # top of each continuation page would otherwise look like one.
    for table, used in find_aligned_tables(segments, content.number):
        tables.append(table)
        taken = set(map(id, used))
        segments = [s for s in segments if id(s) not in taken]
    text = " ".join([s.text for s in segments] + [cell for t in tables for row in t.rows for cell in row])
    return _PageLayout(
        content.number, content.width, content.height, segments, tables, len(content.chars), content.images,
        garbled(text),
    )  # fmt: skip


def _refuse_oversized(path: Path, options: ExtractOptions) -> None:
    """LimitExceeded when the file's object count or a stream's inflated size is over its limit."""
    mb = 1024 * 1024
    size = scan_pdf(path, options.max_stream_mb * mb)
    if size.objects > options.max_pdf_objects:
        found = f"the file has {size.objects:,} objects"
        raise LimitExceeded(str(path), over_limit(options, "max_pdf_objects", found), fmt="pdf")
    if size.largest_stream > options.max_stream_mb * mb:
        found = f"a stream inflates to over {size.largest_stream // mb:,} MB"
        raise LimitExceeded(str(path), over_limit(options, "max_stream_mb", found), fmt="pdf")


def extract_pdf(path: Path, sha256: str, options: ExtractOptions) -> Document:
    """Extract a PDF file into the document model (see the module docstring)."""
    _refuse_oversized(path, options)
    pdf = open_pdf(path, options.password)
    try:
        n = len(pdf)
        if n > options.max_pages:
            found = f"the PDF has {n:,} pages"
            raise LimitExceeded(str(path), over_limit(options, "max_pages", found), fmt="pdf")
        metadata = read_metadata(pdf)
        pages: list[_PageLayout] = []
        warnings: list[str] = []
        for i in range(n):
            try:
                content = read_page(pdf, i, options)
                if too_many_crossings(content, options.max_ruling_crossings):
                    found = f"page {i + 1} has {crossings(content):,} ruling-line crossings"
                    skipped = "it was not searched for ruled tables"
                    warnings.append(f"{over_limit(options, 'max_ruling_crossings', found)}: {skipped}")
                pages.append(_layout(content, options))
            except PageOverLimit as e:
                found = f"page {i + 1} has {e.found}"
                warnings.append(f"{over_limit(options, e.limit, found)}: the page was skipped")
            except Exception as e:  # one broken page should not lose the rest
                warnings.append(f"page {i + 1} could not be read: {str(e).strip()[:120] or type(e).__name__}")
    finally:
        pdf.close()
    if n == 0:
        raise ExtractionError(str(path), "the PDF has no pages", fmt="pdf")
    if not pages:
        raise ExtractionError(str(path), f"no page could be read ({warnings[0]})", fmt="pdf")
    scanned = [p.number for p in pages if p.images and not p.glyphs]
    unmapped = [p.number for p in pages if p.garbled]
    if (scanned or unmapped) and options.ocr:
        from plancheck.extract.pdf_ocr import extract_with_ocr

        return extract_with_ocr(path, sha256, options, extract_pdf, sorted(scanned + unmapped))
    if sum(p.glyphs for p in pages) == 0:
        if scanned:
            raise ExtractionError(str(path), "no text layer: OCR needed (--ocr)", fmt="pdf")
        raise ExtractionError(str(path), "no text on any page (the pages are blank)", fmt="pdf")
    if unmapped and all(p.garbled for p in pages if p.glyphs):
        reason = "the text layer does not read as text (fonts without a Unicode map?): OCR needed (--ocr)"
        raise ExtractionError(str(path), reason, fmt="pdf")
    # Said aloud, so nothing on these pages is reported missing without a caveat (PC004).
    if scanned:
        count, first = len(scanned), scanned[0]
        warnings.append(f"{count} page(s) are images with no text layer (first: page {first}); see --ocr")
    if unmapped:
        count, first = len(unmapped), unmapped[0]
        warnings.append(
            f"{count} page(s) have a text layer that does not read as text, left out (first: page {first}); "
            "fonts without a Unicode map? see --ocr"
        )
        pages = [p for p in pages if not p.garbled]  # glyph codes that spell nothing must not be searched
    items, furniture = _assemble(pages)
    items = [_cut_table(it, options, warnings) if isinstance(it, Table) else it for it in items]
    return Document(
        path=str(path),
        sha256=sha256,
        format="pdf",
        pages=n,
        items=with_heading_paths(items),
        furniture=tuple(furniture),
        metadata=metadata,
        warnings=tuple(warnings),
    )


def _cut_table(table: Table, options: ExtractOptions, warnings: list[str]) -> Table:
    """``table`` cut after the row that takes it past max_table_cells (a warning says so)."""
    cells = 0
    for k, row in enumerate(table.rows):
        cells += len(row)
        if cells > options.max_table_cells and k + 1 < len(table.rows):
            warnings.append(
                table_cut(options, f"a table on page {table.page}", cells, k + 1, len(table.rows))
            )
            row_pages = table.row_pages[: k + 1]
            return replace(
                table,
                rows=table.rows[: k + 1],
                row_pages=row_pages,
                pages=tuple(sorted({p for p in row_pages if p is not None})) or table.pages[:1],
            )
    return table


def _assemble(pages: list[_PageLayout]) -> tuple[list[Item], list[Block]]:
    """Furniture out, then per page blocks and tables in reading order, then headings."""
    marks = find_furniture([(p.segments, p.height) for p in pages])
    furniture: list[Block] = []
    per_page: list[list[PageItem]] = []
    sizes: Counter[float] = Counter()
    for page, mark in zip(pages, marks, strict=True):
        body: list[Segment] = []
        for i, s in enumerate(page.segments):
            region = mark.get(i)
            if region in ("header", "footer"):
                furniture.append(Block("paragraph", s.text, page.number, bbox=(s.x0, s.top, s.x1, s.bottom),
                                       region=region))  # type: ignore[arg-type]  # fmt: skip
            else:
                body.append(s)
                sizes[s.size] += len(s.text)
        blocks = segments_to_blocks(order_columns(body, page.width), page.number)
        per_page.append(_interleave(blocks, page.tables))
    body_pt = body_size(sizes)
    all_blocks = [it for page_items in per_page for it in page_items if isinstance(it, RawBlock)]
    ranks = heading_sizes(all_blocks, body_pt)
    items: list[Item] = []
    for it in merge_continued_tables(per_page):
        if isinstance(it, Table):
            prev = items[-1] if items else None
            if isinstance(prev, Block) and _CAPTION.match(prev.text):
                it = replace(it, caption=prev.text)  # the caption stays in the text as well
            items.append(it)
            continue
        if not it.text:
            continue
        level = heading_level(it, body_pt, ranks)
        kind = "heading" if level else ("list_item" if it.list_item else "paragraph")
        items.append(Block(kind, it.text, it.page, level=level, bbox=it.bbox))  # type: ignore[arg-type]
    return items, furniture


def _interleave(blocks: list[RawBlock], tables: list[PageTable]) -> list[PageItem]:
    """Place each table before the first block below its top that shares its columns."""
    out: list[PageItem] = list(blocks)
    for t in sorted(tables, key=lambda t: t.bbox[1], reverse=True):
        at = len(out)
        for k, it in enumerate(out):
            below = it.bbox[1] >= t.bbox[1]
            if below and (isinstance(it, PageTable) or (it.bbox[0] < t.bbox[2] and it.bbox[2] > t.bbox[0])):
                at = k
                break
        out.insert(at, t)
    return out
