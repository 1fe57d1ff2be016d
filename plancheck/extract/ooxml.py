"""Low-level WordprocessingML helpers for the DOCX extractor: the zip guard and style facts."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import over_limit

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions
    from plancheck.model import Format

_BOMB_CHECK_BYTES = 10_000_000
"""Parts smaller than this are not judged by their compression ratio (tiny repetitive XML compresses well)."""
_PROLOG_BYTES = 64 * 1024
"""How far into each XML part to look for a DTD (it can only come before the root element)."""

W_VAL = qn("w:val")
W_R, W_T, W_TC = qn("w:r"), qn("w:t"), qn("w:tc")
W_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag"), qn("w:ins")}
"""Elements that wrap body, row or cell content without meaning anything themselves."""
_W_BOLD = qn("w:rPr") + "/" + qn("w:b")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def guard_package(
    path: Path, options: ExtractOptions, fmt: Format = "docx", shown: str | None = None
) -> None:
    """Refuse zip bombs, oversized parts and XML with DTDs before anything parses the package."""
    name = shown or str(path)
    mb = 1024 * 1024
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > options.max_zip_entries:
                found = f"the zip package has {len(infos):,} parts"
                raise LimitExceeded(name, over_limit(options, "max_zip_entries", found), fmt=fmt)
            total = 0
            for info in infos:
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.filename.endswith((".xml", ".rels")) and info.file_size > options.max_xml_mb * mb:
                    found = f"part {info.filename} decompresses to {info.file_size / mb:,.0f} MB"
                    raise LimitExceeded(name, over_limit(options, "max_xml_mb", found), fmt=fmt)
                if ratio > options.max_compression_ratio and info.file_size > _BOMB_CHECK_BYTES:
                    found = f"part {info.filename} is compressed {ratio:,.0f}:1 (a possible zip bomb)"
                    raise LimitExceeded(name, over_limit(options, "max_compression_ratio", found), fmt=fmt)
            if total > options.max_unzipped_mb * mb:
                found = f"the zip package decompresses to {total / mb:,.0f} MB"
                raise LimitExceeded(name, over_limit(options, "max_unzipped_mb", found), fmt=fmt)
            if fmt == "docx" and "word/document.xml" not in {i.filename for i in infos}:
                raise ExtractionError(name, "not a Word document: no word/document.xml", fmt=fmt)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as f:
                        head = f.read(_PROLOG_BYTES)
                    # A DTD opens the door to entity expansion and external entities; Word never writes one.
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise ExtractionError(
                            name, f"{info.filename} declares a DTD: refused as unsafe XML", fmt=fmt
                        )
    except zipfile.BadZipFile as e:
        raise ExtractionError(name, f"damaged zip container: {e}", fmt=fmt) from None
    except (RuntimeError, NotImplementedError) as e:  # encrypted or unsupported compression
        raise ExtractionError(name, f"cannot open zip entry: {e}", fmt=fmt) from None


@dataclass(frozen=True, slots=True)
class StyleFacts:
    """What a paragraph style says about structure."""

    heading_level: int | None = None
    is_list: bool = False
    is_caption: bool = False


class Styles:
    """Paragraph-style lookup by style id, following w:basedOn for outline levels and numbering."""

    def __init__(self, styles_element: Any | None) -> None:
        self._raw: dict[str, Any] = {}
        if styles_element is not None:
            for st in styles_element.iterchildren(qn("w:style")):
                sid = st.get(qn("w:styleId"))
                if sid:
                    self._raw[sid] = st
        self._cache: dict[str, StyleFacts] = {}

    def facts(self, style_id: str | None) -> StyleFacts:
        """Facts for ``style_id`` (Normal's facts when None or unknown)."""
        if not style_id or style_id not in self._raw:
            return StyleFacts()
        if style_id not in self._cache:
            self._cache[style_id] = self._compute(style_id)
        return self._cache[style_id]

    def _compute(self, style_id: str) -> StyleFacts:
        level: int | None = None
        is_list = False
        seen: set[str] = set()
        sid: str | None = style_id
        first_name = ""
        while sid and sid in self._raw and sid not in seen:
            seen.add(sid)
            st = self._raw[sid]
            name_el = st.find(qn("w:name"))
            name = (name_el.get(W_VAL) if name_el is not None else sid) or sid
            first_name = first_name or name
            ppr = st.find(qn("w:pPr"))
            if level is None:
                level = _level_from_name(name, sid)
            if level is None and ppr is not None:
                level = outline_level(ppr)
            if ppr is not None and has_numbering(ppr):
                is_list = True
            based = st.find(qn("w:basedOn"))
            sid = based.get(W_VAL) if based is not None else None
        lowered = first_name.lower()
        is_list = is_list or lowered.startswith("list")
        return StyleFacts(heading_level=level, is_list=is_list, is_caption="caption" in lowered)


def _level_from_name(name: str, style_id: str) -> int | None:
    # Title is the top of the outline, the same level as Heading 1 (with_heading_paths has no level 0).
    if name.lower() == "title" or style_id == "Title":
        return 1
    m = _HEADING_NAME.match(name) or re.match(r"^Heading([1-9])$", style_id)
    return int(m.group(1)) if m else None


def outline_level(ppr: Any) -> int | None:
    """Heading level 1-9 from w:outlineLvl (0-8) in ``ppr``; None for body text (9) or none."""
    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        return None
    try:
        v = int(el.get(W_VAL, "9"))
    except ValueError:
        return None
    return v + 1 if 0 <= v <= 8 else None


def has_numbering(ppr: Any) -> bool:
    """True if ``ppr`` carries w:numPr with a real numbering id (numId 0 switches numbering off)."""
    num = ppr.find(qn("w:numPr"))
    if num is None:
        return False
    num_id = num.find(qn("w:numId"))
    return num_id is None or num_id.get(W_VAL) != "0"


# -- table and run helpers -------------------------------------------------------------
def children(el: Any, tag: str) -> list[Any]:
    """Direct children with ``tag``, looking through content-control and custom-XML wrappers."""
    out: list[Any] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in W_WRAPPERS:
            out.extend(children(child, tag))
    return out


def int_attr(parent: Any, tag: str, default: int) -> int:
    """The integer w:val of child ``tag`` (a Clark name) of ``parent``, or ``default``."""
    el = parent.find(tag) if parent is not None else None
    try:
        return int(el.get(W_VAL)) if el is not None else default
    except (TypeError, ValueError):
        return default


def grid_skip(trpr: Any, tag: str) -> int:
    """Grid columns a row skips before/after its cells (w:gridBefore/w:gridAfter), capped."""
    return min(max(int_attr(trpr, qn(tag), 0), 0), 64)


def is_on(el: Any) -> bool:
    """An on/off property element is present and not switched off."""
    return el is not None and el.get(W_VAL, "true") not in ("false", "0", "off")


def _all_bold(tc: Any) -> bool:
    """Every run with text in the cell is bold (direct formatting)."""
    runs = [r for r in tc.iter(W_R) if "".join(t.text or "" for t in r.iter(W_T)).strip()]
    return bool(runs) and all(is_on(r.find(_W_BOLD)) for r in runs)


def bold_header_rows(trs: list[Any], rows: list[list[str]]) -> int:
    """Leading rows whose every cell with text is bold count as header rows, but never the whole table."""
    k = 0
    while k < len(rows) and any(rows[k]):
        if not all(_all_bold(tc) for tc in children(trs[k], W_TC) if _has_text(tc)):
            break
        k += 1
    return k if k < len(rows) else 0


def _has_text(tc: Any) -> bool:
    return any((t.text or "").strip() for t in tc.iter(W_T))


def bold_heading_level(p: Any, text: str) -> int | None:
    """Level 1-3 for a short, wholly bold paragraph typed as a heading without a heading style.

    Many council documents were written that way. Kept modest: at most 15 words, no closing
    punctuation, every run with text bold by direct formatting; the level comes from the size
    (16 pt and over 1, 13 pt and over 2, else 3).
    """
    if len(text) > 120 or len(text.split()) > 15 or text[-1] in ".,;:" or not any(c.isalpha() for c in text):
        return None
    runs = [r for r in p.iter(W_R) if "".join(t.text or "" for t in r.iter(W_T)).strip()]
    if not runs or not all(is_on(r.find(_W_BOLD)) for r in runs):
        return None
    size = max((int_attr(r.find(qn("w:rPr")), qn("w:sz"), 0) for r in runs), default=0)
    return 1 if size >= 32 else 2 if size >= 26 else 3
