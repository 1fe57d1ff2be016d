"""Read one PDF page with PDFium: its characters, ruling-line edges and filled boxes.

Everything comes out in *view* coordinates: points, origin at the top left of
the page as displayed, so a page with ``/Rotate 90`` or landscape text laid
sideways reads like any other page. Later steps never see PDFium objects.
"""

from __future__ import annotations

import ctypes
import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as c

from plancheck.model import BBox


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


class _View:
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


Style = tuple[float, bool]
"""(size in points as drawn, bold) of a text object."""


def _style(textpage: Any, index: int, cache: dict[int, Style]) -> Style:
    """Size and weight of the glyph's text object, looked up once per object."""
    key = _text_object_address(textpage, index) or 0
    hit = cache.get(key)
    if hit is not None:
        return hit
    obj = c.FPDFText_GetTextObject(textpage, index)
    size = 0.0
    if obj:
        tf = ctypes.c_float()
        m = c.FS_MATRIX()
        if c.FPDFTextObj_GetFontSize(obj, ctypes.byref(tf)) and c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            # The Tf size is often 1 with the real size in the text matrix.
            size = round(tf.value * abs(m.a * m.d - m.b * m.c) ** 0.5, 1)
    cache[key] = (size, _font_is_bold(obj))
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


def read_chars(textpage: Any, view: _View) -> list[Char]:
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
        style = styles.get(object_at(textpage, i) or 0) or _style(textpage, i, styles)
        out.append(
            make(Char, (ch, x0, top, x1, bottom, style[0] or round(bottom - top, 1), style[1], gap, i))
        )
        gap = False
    return out


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _edges_of_path(raw: Any, view: _View, ctm: Any, out: list[dict[str, Any]], fills: list[BBox]) -> None:
    """Add the straight axis-aligned strokes of one path object as edges."""
    a, b, cc, d, e, f = ctm
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not c.FPDFPageObj_GetBounds(raw, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        return
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
    # Bounds are in the parent's space; ``ctm`` carries a form XObject's placement.
    xs = [a * x + cc * y + e for x, y in ((left.value, bottom.value), (right.value, top.value))]
    ys = [b * x + d * y + f for x, y in ((left.value, bottom.value), (right.value, top.value))]
    x0, top_, x1, bot = view.box(min(xs), min(ys), max(xs), max(ys))
    w, h = x1 - x0, bot - top_
    if w < 3 or h < 3:  # a thin line or a hairline rectangle: one edge
        _add_edge(out, x0, top_, x1, bot)
        return
    if fill_mode.value and w * h < view.w * view.h * 0.5:
        fills.append((x0, top_, x1, bot))
    n = c.FPDFPath_CountSegments(raw)
    if n == 5 or n == 4 or (fill_mode.value and not stroke.value):
        # A rectangle (or a filled box whose border is its outline): four edges.
        for e_ in ((x0, top_, x1, top_), (x0, bot, x1, bot), (x0, top_, x0, bot), (x1, top_, x1, bot)):
            _add_edge(out, *e_)
        return
    _edges_from_segments(raw, n, view, ctm, out)


def _edges_from_segments(raw: Any, n: int, view: _View, ctm: Any, out: list[dict[str, Any]]) -> None:
    """Axis-aligned straight segments of a general path, as edges."""
    obj_m = _matrix(raw)
    px, py = ctypes.c_float(), ctypes.c_float()
    pts: list[tuple[float, float, int]] = []
    for i in range(min(n, 2000)):
        seg = c.FPDFPath_GetPathSegment(raw, i)
        if not seg or not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py)):
            continue
        x, y = px.value, py.value
        a, b, cc, d, e, f = obj_m
        x, y = a * x + cc * y + e, b * x + d * y + f
        a, b, cc, d, e, f = ctm
        x, y = a * x + cc * y + e, b * x + d * y + f
        pts.append((x, y, c.FPDFPathSegment_GetType(seg)))
    for (xa, ya, _), (xb, yb, kind) in itertools.pairwise(pts):
        if kind != c.FPDF_SEGMENT_LINETO:
            continue
        vx0, vt, vx1, vb = view.box(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
        if vx1 - vx0 < 1 or vb - vt < 1:
            _add_edge(out, vx0, vt, vx1, vb)


def _add_edge(out: list[dict[str, Any]], x0: float, top: float, x1: float, bottom: float) -> None:
    if x1 - x0 >= bottom - top:
        y = (top + bottom) / 2
        if x1 - x0 >= 2:
            out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
                        "orientation": "h", "object_type": "line"})  # fmt: skip
    else:
        x = (x0 + x1) / 2
        if bottom - top >= 2:
            out.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
                        "orientation": "v", "object_type": "line"})  # fmt: skip


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(m: Any, n: Any) -> tuple[float, float, float, float, float, float]:
    """m then n (row-vector convention, as in PDF)."""
    a, b, cc, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, cc * a2 + d * c2, cc * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)  # fmt: skip


def read_graphics(page: pdfium.PdfPage, view: _View) -> tuple[list[dict[str, Any]], list[BBox], int]:
    """Ruling-line edges, filled boxes and the image count of a page."""
    edges: list[dict[str, Any]] = []
    fills: list[BBox] = []
    images = 0
    stack: list[tuple[Any, int, Any]] = [(page.raw, 0, _IDENTITY)]
    while stack:
        parent, depth, ctm = stack.pop()
        is_form = depth > 0
        count = c.FPDFFormObj_CountObjects(parent) if is_form else c.FPDFPage_CountObjects(parent)
        for i in range(min(count, 20000)):
            obj = c.FPDFFormObj_GetObject(parent, i) if is_form else c.FPDFPage_GetObject(parent, i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                if len(edges) < 20000:
                    _edges_of_path(obj, view, ctm, edges, fills)
            elif kind == c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < 8:
                stack.append((obj, depth + 1, _compose(_matrix(obj), ctm)))
    return edges, fills, images


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """Load page ``index`` (0-based), read it and close it again."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            n = c.FPDFText_CountChars(textpage.raw)
            # Text direction, not /Rotate, decides how a page reads: a page turned by /Rotate
            # whose text runs sideways in user space reads across once turned back.
            turns = _dominant_turns(textpage.raw, n)
            view = _View(page, turns)
            chars = read_chars(textpage.raw, view)
        finally:
            textpage.close()
        edges, fills, images = read_graphics(page, view)
        width, height = view.size
        return PageContent(index + 1, width, height, chars, edges, fills, images)
    finally:
        page.close()
