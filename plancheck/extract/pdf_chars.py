"""Read one PDF page with PDFium: its characters, ruling-line edges and filled boxes.

Everything comes out in *view* coordinates: points, origin at the top left of
the page as displayed, so a page with ``/Rotate 90`` or landscape text laid
sideways reads like any other page. Later steps never see PDFium objects.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as c

from plancheck.extract.pdf_graphics import PageOverLimit, read_graphics
from plancheck.model import BBox

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions


class Char(NamedTuple):
    """One glyph in view coordinates; ``space`` marks a word break before it."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    space: bool
    """PDFium put a space (or line break) between this glyph and the one before."""
    seq: int
    """Position in the content stream, which keeps a cell's own text together."""


@dataclass(frozen=True, slots=True)
class PageContent:
    """What the layout and table steps need from one page."""

    number: int
    width: float
    height: float
    chars: list[Char]
    edges: list[dict[str, Any]]
    """Ruling lines as pdfplumber edge dicts (x0, x1, top, bottom, orientation...)."""
    fills: list[BBox]
    """Filled rectangles (cell shading), for telling header rows."""
    images: int
    """How many image objects the page draws (an image-only page needs OCR)."""


class View:
    """Maps PDF user space (origin bottom left) to the displayed page (origin top left)."""

    def __init__(self, page: pdfium.PdfPage, quarter_turns: int) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.top_y = left, top
        self.w, self.h = right - left, top - bottom
        self.turns = quarter_turns % 4

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the page as displayed."""
        return (self.h, self.w) if self.turns % 2 else (self.w, self.h)

    def box(self, l_: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        """A user-space box as (x0, top, x1, bottom) in view space."""
        x0, x1 = l_ - self.left, r - self.left
        y0, y1 = self.top_y - t, self.top_y - b  # distances from the top edge, y0 < y1
        if self.turns == 0:
            return x0, y0, x1, y1
        if self.turns == 1:  # clockwise: the left edge becomes the top
            return self.h - y1, x0, self.h - y0, x1
        if self.turns == 2:
            return self.w - x1, self.h - y1, self.w - x0, self.h - y0
        return y0, self.w - x1, y1, self.w - x0


_BOLD_FLAG = 1 << 18  # PDF font descriptor ForceBold

# The same C function typed to return a plain address: a cheap cache key per glyph,
# where the typed binding would cost a pointer cast on every character.
_text_object_address = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
)


Style = tuple[float, bool, int]
"""(size in points as drawn, bold, quarter turns of its text) of a text object."""


def _style(textpage: Any, index: int, cache: dict[int, Style]) -> Style:
    """Size and weight of the glyph's text object, looked up once per object."""
    key = _text_object_address(textpage, index) or 0
    hit = cache.get(key)
    if hit is not None:
        return hit
    obj = c.FPDFText_GetTextObject(textpage, index)
    size, turns = 0.0, 0
    if obj:
        tf = ctypes.c_float()
        m = c.FS_MATRIX()
        if c.FPDFTextObj_GetFontSize(obj, ctypes.byref(tf)) and c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            # The Tf size is often 1 with the real size in the text matrix.
            size = round(tf.value * abs(m.a * m.d - m.b * m.c) ** 0.5, 1)
            turns = round(math.atan2(m.b, m.a) / (math.pi / 2)) % 4  # text running up: one turn
    cache[key] = (size, _font_is_bold(obj), turns)
    return cache[key]


def _font_is_bold(obj: Any) -> bool:
    """Bold from the object's font: its weight, ForceBold flag, or a 'Bold' name."""
    font = c.FPDFTextObj_GetFont(obj) if obj else None
    bold = False
    if font:
        weight = c.FPDFFont_GetWeight(font)
        bold = weight >= 600
        if not bold:
            buf = ctypes.create_string_buffer(128)
            n = c.FPDFFont_GetBaseFontName(font, buf, 128)
            name = buf.raw[: max(n - 1, 0)].decode("latin-1").lower()
            bold = any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
        if not bold:
            flags = c.FPDFFont_GetFlags(font)
            bold = bool(flags & _BOLD_FLAG)
    return bold


def _dominant_turns(textpage: Any, n: int) -> int:
    """Quarter turns of the page's text (sampled), so sideways tables read across."""
    votes: Counter[int] = Counter()
    step = max(1, n // 60)
    for i in range(0, n, step):
        angle = c.FPDFText_GetCharAngle(textpage, i)
        if angle >= 0:
            # PDFium measures clockwise; text running up the page needs a clockwise quarter turn.
            votes[(4 - round(angle / (3.14159265 / 2))) % 4] += 1
    return votes.most_common(1)[0][0] if votes else 0


def _page_codes(textpage: Any, n: int) -> list[int]:
    """The code point of each of the page's ``n`` characters, in one call where possible."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    codes = list(buf[: max(0, got - 1)])
    if len(codes) != n:  # characters outside the BMP take two units: ask one by one
        codes = [c.FPDFText_GetUnicode(textpage, i) for i in range(n)]
    return codes


_GAP_CODES = frozenset((0, 9, 10, 13, 32, 0xA0))


def read_chars(textpage: Any, view: View) -> list[Char]:
    """Every visible glyph on the page, in content-stream order."""
    n = c.FPDFText_CountChars(textpage)
    out: list[Char] = []
    rect = c.FS_RECTF()
    rect_p = ctypes.byref(rect)
    styles: dict[int, Style] = {}
    get_box, object_at = c.FPDFText_GetLooseCharBox, _text_object_address
    box = view.box if view.turns else None
    dx, dy = view.left, view.top_y
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: this loop runs per glyph
    gap = False
    style: Style = (0.0, False, 0)
    off_axis: list[int] = []  # indexes in ``out`` of glyphs turned away from the page's text
    last_height = -1.0
    for i, code in enumerate(_page_codes(textpage, n)):
        if code in _GAP_CODES:
            gap = True
            continue
        if code in (0xFFFE, 2):
            # PDFium turns a hyphen at a line end into U+FFFE with no box: put the
            # hyphen back just after the glyph before it; line joining keeps the word whole.
            if out:
                p = out[-1]
                out.append(p._replace(text="-", x0=p.x1, x1=p.x1 + p.size * 0.3, space=False, seq=i))
            gap = False
            continue
        if not get_box(textpage, i, rect_p):
            continue
        if box is None:
            x0, top, x1, bottom = rect.left - dx, dy - rect.top, rect.right - dx, dy - rect.bottom
        else:
            x0, top, x1, bottom = box(rect.left, rect.bottom, rect.right, rect.top)
        if x1 - x0 <= 0 and bottom - top <= 0:
            continue
        ch = chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
        height = bottom - top
        if gap or height != last_height:
            # Style changes at a word break or with the glyph height, so within a word the
            # previous glyph's style is reused and PDFium is not asked again.
            style = styles.get(object_at(textpage, i) or 0) or _style(textpage, i, styles)
            last_height = height
        if style[2] != view.turns:
            off_axis.append(len(out))
        out.append(
            make(Char, (ch, x0, top, x1, bottom, style[0] or round(bottom - top, 1), style[1], gap, i))
        )
        gap = False
    if off_axis and len(off_axis) * 10 <= len(out):
        # A few glyphs set sideways among many (a margin stamp, a rotated label) would break
        # lines and columns apart; a page with more of them keeps them all.
        drop = set(off_axis)
        out = [ch for k, ch in enumerate(out) if k not in drop]
    return out


def read_page(pdf: pdfium.PdfDocument, index: int, options: ExtractOptions) -> PageContent:
    """Load page ``index`` (0-based), read it and close it again."""
    page = pdf[index]
    try:
        objects = c.FPDFPage_CountObjects(page.raw)
        if objects > options.max_page_objects:
            raise PageOverLimit("max_page_objects", f"{objects:,} drawing objects")
        textpage = page.get_textpage()
        try:
            n = c.FPDFText_CountChars(textpage.raw)
            if n > options.max_page_chars:
                raise PageOverLimit("max_page_chars", f"{n:,} characters")
            # Text direction, not /Rotate, decides how a page reads: a page turned by /Rotate
            # whose text runs sideways in user space reads across once turned back.
            turns = _dominant_turns(textpage.raw, n)
            view = View(page, turns)
            chars = read_chars(textpage.raw, view)
        finally:
            textpage.close()
        edges, fills, images = read_graphics(page, view, options.max_page_objects)
        width, height = view.size
        return PageContent(index + 1, width, height, chars, edges, fills, images)
    finally:
        page.close()
