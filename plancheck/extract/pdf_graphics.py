"""Ruling lines, filled boxes and images of one PDF page, from PDFium's path objects.

Edges come out as pdfplumber edge dicts in view coordinates, so pdfplumber's
TableFinder can use them without pdfminer parsing the page again.
"""

from __future__ import annotations

import ctypes
import itertools
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as c

from plancheck.model import BBox

if TYPE_CHECKING:
    from plancheck.extract.pdf_chars import View


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _edges_of_path(raw: Any, view: View, ctm: Any, out: list[dict[str, Any]], fills: list[BBox]) -> None:
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


def _edges_from_segments(raw: Any, n: int, view: View, ctm: Any, out: list[dict[str, Any]]) -> None:
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


class PageOverLimit(Exception):
    """A page holds more than a per-page limit allows; the page is skipped, the document read."""

    def __init__(self, limit: str, found: str) -> None:
        super().__init__(found)
        self.limit, self.found = limit, found


_MAX_EDGES = 20_000
"""Edges kept per page: far more than any table needs, and past max_ruling_crossings anyway."""
_MAX_FORM_DEPTH = 8
"""Form XObjects drawn inside forms: real files nest two or three; a form that draws itself loops."""


def read_graphics(
    page: pdfium.PdfPage, view: View, max_objects: int
) -> tuple[list[dict[str, Any]], list[BBox], int]:
    """Ruling-line edges, filled boxes and the image count of a page.

    Objects inside form XObjects count towards ``max_objects`` each time a form is drawn, so a
    form drawing itself several times (work growing as a power of the depth) stops at the limit.
    """
    edges: list[dict[str, Any]] = []
    fills: list[BBox] = []
    images = 0
    visited = 0
    stack: list[tuple[Any, int, Any]] = [(page.raw, 0, _IDENTITY)]
    while stack:
        parent, depth, ctm = stack.pop()
        is_form = depth > 0
        count = c.FPDFFormObj_CountObjects(parent) if is_form else c.FPDFPage_CountObjects(parent)
        visited += max(count, 0)
        if visited > max_objects:
            raise PageOverLimit("max_page_objects", f"over {max_objects:,} drawing objects (forms included)")
        for i in range(count):
            obj = c.FPDFFormObj_GetObject(parent, i) if is_form else c.FPDFPage_GetObject(parent, i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                if len(edges) < _MAX_EDGES:
                    _edges_of_path(obj, view, ctm, edges, fills)
            elif kind == c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                stack.append((obj, depth + 1, _compose(_matrix(obj), ctm)))
    return edges, fills, images
