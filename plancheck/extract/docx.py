"""Read a Word .docx into the document model with python-docx, in body order.

Paragraphs and tables are taken from the body element's children so they stay
interleaved. Pages come from rendered page breaks (w:lastRenderedPageBreak,
which Word stores) and explicit page breaks, but only in files that have
rendered breaks: explicit breaks alone undercount, so python-docx and
LibreOffice output gets ``page=None`` and rules use heading paths instead.

Heading levels come from Heading 1-9 styles, from w:outlineLvl on the
paragraph or its style chain, and from the Title style, which counts as
level 1 (a plan's title is the top of its outline; the model has no level 0).
A short, wholly bold paragraph outside tables also counts as a heading, since
many council documents were typed that way (see ``ooxml.bold_heading_level``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from lxml import etree

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import over_limit, table_cut
from plancheck.extract.ooxml import (
    W_VAL,
    W_WRAPPERS,
    Styles,
    bold_header_rows,
    bold_heading_level,
    children,
    grid_skip,
    guard_package,
    has_numbering,
    int_attr,
    is_on,
    outline_level,
)
from plancheck.model import Block, BlockKind, Document, Format, Item, Region, Table, with_heading_paths

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions

_P, _TBL, _TR, _TC, _T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:t")
_BR, _LRPB, _TAB, _PPR = qn("w:br"), qn("w:lastRenderedPageBreak"), qn("w:tab"), qn("w:pPr")
_TRPR, _TCPR, _GRIDSPAN, _VMERGE = qn("w:trPr"), qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge")
_TBLHEADER = qn("w:tblHeader")
_NBH, _TYPE, _PSTYLE, _PBB = qn("w:noBreakHyphen"), qn("w:type"), qn("w:pStyle"), qn("w:pageBreakBefore")
_SKIP = {qn("w:del"), qn("w:moveFrom"), _PPR, qn("w:rPr"), qn("w:instrText")}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CAPTION_TEXT = re.compile(r"^(table|figure)\s+[\dA-Z]+[.:\s]", re.IGNORECASE)


class _Pager:
    """Tracks the current page while walking the body; inactive when the file has no rendered breaks."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self.page = 1
        self._just_broke = False

    def explicit_break(self) -> None:
        self.page += 1
        self._just_broke = True

    def rendered_break(self) -> None:
        # Word also marks the page start that follows an explicit break: count that page once.
        if not self._just_broke:
            self.page += 1
        self._just_broke = False

    def text_seen(self) -> None:
        self._just_broke = False

    def current(self) -> int | None:
        return self.page if self.active else None


class _Walker:
    """Turns body XML into model items."""

    def __init__(
        self, styles: Styles, pager: _Pager, options: ExtractOptions, path: str, fmt: Format
    ) -> None:
        self.styles = styles
        self.pager = pager
        self.options, self.path, self.fmt = options, path, fmt
        self.cell_depth = 0
        """How many table cells we are inside: bold text in a cell is a label, not a heading."""
        self.depth = 0
        """How many bodies (cells, wrappers) deep the walk is, against ``max_nesting``."""
        self.warnings: list[str] = []

    # -- text ----------------------------------------------------------------
    def para_text(self, p: Any) -> tuple[str, int | None]:
        """A paragraph's text and the page its first text is on."""
        parts: list[str] = []
        first_page: list[int | None] = []
        ppr = p.find(_PPR)
        if ppr is not None and ppr.find(_PBB) is not None and self.pager.active:
            self.pager.explicit_break()

        def walk(el: Any) -> None:
            for child in el:
                tag = child.tag
                if tag in _SKIP or tag == _FALLBACK:
                    continue
                if tag == _T:
                    if child.text:
                        if not first_page and child.text.strip():
                            self.pager.text_seen()
                            first_page.append(self.pager.current())
                        parts.append(child.text)
                elif tag == _TAB:
                    parts.append(" ")
                elif tag == _BR:
                    if child.get(_TYPE) == "page":
                        self.pager.explicit_break()
                    else:
                        parts.append("\n")
                elif tag == _LRPB:
                    self.pager.rendered_break()
                elif tag == _NBH:
                    parts.append("-")
                elif tag == _TBL:
                    continue  # a table inside a text box: not paragraph text
                else:
                    walk(child)

        walk(p)
        text = "".join(parts).replace("\u00ad", "").replace("\u00a0", " ")
        text = re.sub(r"[ \t]+", " ", text).strip()
        return text, first_page[0] if first_page else self.pager.current()

    def paragraph(self, p: Any, region: Region = "body") -> Block | None:
        """A Block for a paragraph, or None if it has no text."""
        text, page = self.para_text(p)
        if not text:
            return None
        ppr = p.find(_PPR)
        style_id = None
        if ppr is not None:
            ps = ppr.find(_PSTYLE)
            style_id = ps.get(W_VAL) if ps is not None else None
        facts = self.styles.facts(style_id)
        level = outline_level(ppr) if ppr is not None else None
        level = level or facts.heading_level
        kind: BlockKind = "paragraph"
        if level is not None and region == "body":
            kind = "heading"
        elif facts.is_list or (ppr is not None and has_numbering(ppr)):
            kind = "list_item"
            level = None
        elif self._may_be_bold_heading(region, facts.is_caption, text) and (
            (level := bold_heading_level(p, text)) is not None
        ):
            kind = "heading"
        else:
            level = None
        return Block(kind=kind, text=text, page=page, level=level, region=region)

    def _may_be_bold_heading(self, region: Region, is_caption: bool, text: str) -> bool:
        return region == "body" and self.cell_depth == 0 and not (is_caption or _CAPTION_TEXT.match(text))

    def is_caption(self, p: Any, text: str) -> bool:
        """A Caption-style paragraph, or one reading "Table 3: ..."."""
        ppr = p.find(_PPR)
        ps = ppr.find(_PSTYLE) if ppr is not None else None
        facts = self.styles.facts(ps.get(W_VAL) if ps is not None else None)
        return facts.is_caption or bool(_CAPTION_TEXT.match(text))

    # -- body ----------------------------------------------------------------
    def body(self, container: Any) -> list[Item]:
        """Items of a body, cell or sdtContent, in order."""
        self.depth += 1
        try:
            return self._body(container)
        finally:
            self.depth -= 1

    def _body(self, container: Any) -> list[Item]:
        if self.depth > self.options.max_nesting:
            found = f"tables or content controls nested more than {self.options.max_nesting} deep"
            raise LimitExceeded(self.path, over_limit(self.options, "max_nesting", found), fmt=self.fmt)
        items: list[Item] = []
        caption: str | None = None
        for child in container:
            tag = child.tag
            if tag == _P:
                block = self.paragraph(child)
                caption = block.text if block is not None and self.is_caption(child, block.text) else None
                if block is not None:
                    items.append(block)
            elif tag == _TBL:
                items.append(self.table(child, caption))
                caption = None
            elif tag in W_WRAPPERS:
                items.extend(self.body(child))
        return items

    def table(self, tbl: Any, caption: str | None) -> Table:
        """A Table: merged cells once in their first column, every row as wide as the grid."""
        grid = tbl.find(qn("w:tblGrid"))
        n_cols = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
        rows: list[list[str]] = []
        row_pages: list[int | None] = []
        nested: list[Table] = []
        marked_header = 0
        trs = children(tbl, _TR)
        cells_read = 0
        for n_row, tr in enumerate(trs):
            if cells_read > self.options.max_table_cells:
                table = f"a table ({caption or 'no caption'})"
                self.warnings.append(table_cut(self.options, table, cells_read, n_row, len(trs)))
                trs = trs[:n_row]
                break
            trpr = tr.find(_TRPR)
            cells: list[str] = [""] * grid_skip(trpr, "w:gridBefore")
            start_page = self.pager.current()
            first_text_page: int | None = None
            for tc in children(tr, _TC):
                tcpr = tc.find(_TCPR)
                span = int_attr(tcpr, _GRIDSPAN, 1)
                vmerge = tcpr.find(_VMERGE) if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
                texts: list[str] = []
                self.cell_depth += 1
                cell_items = self.body(tc)
                self.cell_depth -= 1
                for item in cell_items:
                    if isinstance(item, Table):
                        nested.append(item)
                    else:
                        texts.append(item.text)
                        if first_text_page is None:
                            first_text_page = item.page
                cells.append("" if continued else "\n".join(texts))
                cells.extend([""] * (max(span, 1) - 1))
            cells.extend([""] * grid_skip(trpr, "w:gridAfter"))
            if trpr is not None and is_on(trpr.find(_TBLHEADER)) and marked_header == len(rows):
                marked_header += 1
            rows.append(cells)
            cells_read += len(cells)
            row_pages.append(first_text_page if first_text_page is not None else start_page)
        width = max([n_cols, *(len(r) for r in rows)])
        padded = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
        header_rows = marked_header or bold_header_rows(trs, rows)
        pages = tuple(sorted({p for p in row_pages if p is not None}))
        return Table(
            rows=padded,
            header_rows=header_rows,
            pages=pages,
            row_pages=tuple(row_pages) if pages else (),
            caption=caption,
            nested=tuple(nested),
        )


def _furniture(doc: Any, walker: _Walker) -> tuple[Block, ...]:
    """Headers and footers of every section (each distinct text once), as furniture blocks."""
    out: list[Block] = []
    seen: set[tuple[str, str]] = set()
    for section in doc.sections:
        for region, parts in (
            ("header", (section.first_page_header, section.header, section.even_page_header)),
            ("footer", (section.first_page_footer, section.footer, section.even_page_footer)),
        ):
            for hf in parts:
                if hf.is_linked_to_previous:
                    continue
                for item in walker.body(hf._element):
                    if isinstance(item, Block):
                        texts = [item.text]
                    else:
                        texts = [" | ".join(filter(None, r)) for r in item.rows]
                    for text in filter(None, texts):
                        if (region, text) not in seen:
                            seen.add((region, text))
                            out.append(Block(kind="paragraph", text=text, region=region))  # type: ignore[arg-type]
    return tuple(out)


def _metadata(doc: Any) -> dict[str, str | None]:
    cp = doc.core_properties
    return {
        "title": cp.title or None,
        "author": cp.author or None,
        "subject": cp.subject or None,
        "created": cp.created.isoformat() if cp.created else None,
        "modified": cp.modified.isoformat() if cp.modified else None,
    }


def read_docx(
    path: Path, sha256: str, options: ExtractOptions, fmt: Format = "docx", shown_path: str | None = None
) -> Document:
    """Extract a .docx; ``fmt`` and ``shown_path`` let converted .doc/.odt/.rtf keep their identity."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    shown = shown_path or str(path)
    guard_package(path, options, fmt, shown)
    try:
        doc = docx.Document(str(path))
    except PackageNotFoundError:
        raise ExtractionError(shown, "not a Word document (no main document part)", fmt=fmt) from None
    except KeyError as e:
        raise ExtractionError(shown, f"damaged Word package: missing part {e}", fmt=fmt) from None
    except etree.XMLSyntaxError as e:
        if "depth" in str(e).lower():  # libxml2's fixed nesting cap, met before our max_nesting can be
            found = "XML nested deeper than the XML parser's fixed 256 levels"
            raise LimitExceeded(shown, over_limit(options, "max_nesting", found), fmt=fmt) from None
        raise ExtractionError(shown, f"damaged Word XML: {str(e).splitlines()[0][:160]}", fmt=fmt) from None
    body = doc.element.body
    try:
        styles_el = doc.styles.element
    except (KeyError, ValueError):
        styles_el = None
    has_rendered = next(body.iter(_LRPB), None) is not None
    pager = _Pager(active=has_rendered)
    walker = _Walker(Styles(styles_el), pager, options, shown, fmt)
    items = walker.body(body)
    warnings = walker.warnings
    if not any(isinstance(i, Block) for i in items) and not any(isinstance(i, Table) for i in items):
        warnings.append("the document body has no text")
    furniture = _furniture(doc, _Walker(Styles(styles_el), _Pager(active=False), options, shown, fmt))
    return Document(
        path=shown,
        sha256=sha256,
        format=fmt,
        pages=pager.page if has_rendered else None,
        items=with_heading_paths(items),
        furniture=tuple(replace(b, page=None) for b in furniture),
        metadata=_metadata(doc),
        warnings=tuple(warnings),
    )


def extract_docx(path: Path, sha256: str, options: ExtractOptions) -> Document:
    """Extract a Word .docx file into a Document."""
    return read_docx(path, sha256, options)
