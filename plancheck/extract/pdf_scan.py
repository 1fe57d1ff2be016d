"""Measure a PDF's objects and Flate streams from its bytes, before PDFium opens it.

PDFium decodes a stream whole when a page needs it, so a few kilobytes that
inflate to gigabytes (a PDF bomb) would only meet the worker's memory limit,
with a vaguer reason. This pass counts objects and inflates each Flate stream
into nothing, a piece at a time, stopping at the limit: memory stays at one
piece whatever the file claims. A stream whose stated length is too short to
reach the limit at deflate's highest ratio (its bytes up to ``endstream``) is not inflated at all, so a
normal plan costs little more than a pass over its bytes. Encrypted streams
do not inflate and are left to the memory limit.
"""

from __future__ import annotations

import mmap
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

_OBJ, _ENDOBJ = re.compile(rb"obj\b"), re.compile(rb"endobj")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_COUNT_N = re.compile(rb"/N\s+(\d{1,9})\b")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/(?:FlateDecode|Fl)\b")
_MAX_DEFLATE_RATIO = 1032
"""Deflate cannot inflate more than about 1032:1, so a short stream need not be inflated to be measured."""
_DICT_LOOKBACK = 4096
"""How far before ``stream`` its dictionary can start (real dictionaries are far shorter)."""
_PIECE = 1 << 20


@dataclass(frozen=True, slots=True)
class PdfSize:
    """What the scan found; ``largest_stream`` stops counting just past the limit it was given."""

    objects: int
    largest_stream: int


def scan_pdf(path: Path, stream_limit: int) -> PdfSize:
    """Count the objects (object streams' contents included) and find the largest inflated stream."""
    with path.open("rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file: nothing to count
            return PdfSize(0, 0)
        with data:
            # Literal searches run at memory speed; a regex for "N G obj" is 40 times slower.
            objects = _count(_OBJ, data) - _count(_ENDOBJ, data)
            for m in _OBJECT_STREAM.finditer(data):
                window = data[max(0, m.start() - 512) : m.end() + 512]
                n = _COUNT_N.search(window)
                objects += int(n.group(1)) if n else 0
            return PdfSize(objects, _largest_stream(data, stream_limit))


def _count(pattern: re.Pattern[bytes], data: mmap.mmap) -> int:
    return sum(1 for _ in pattern.finditer(data))


def _largest_stream(data: mmap.mmap, limit: int) -> int:
    """The largest inflated size of a Flate stream, counted up to just past ``limit``."""
    largest, pos = 0, 0
    while (at := data.find(b"stream", pos)) >= 0:
        pos = at + 6
        if data[at - 3 : at] == b"end":
            continue
        start = pos + (2 if data[pos : pos + 2] == b"\r\n" else 1)
        head = data[max(0, at - _DICT_LOOKBACK) : at]
        head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary only
        if not _FLATE_FIRST.search(head):
            continue
        end = data.find(b"endstream", start)
        stored = (end if end >= 0 else len(data)) - start
        if stored * _MAX_DEFLATE_RATIO <= limit:
            continue  # too short to reach the limit even at deflate's highest ratio
        largest = max(largest, _inflated_size(data, start, limit))
        if largest > limit:
            break
    return largest


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counted up to just past ``limit``."""
    inflate = zlib.decompressobj()
    total, pos = 0, start
    try:
        while total <= limit and not inflate.eof:
            if inflate.unconsumed_tail:
                total += len(inflate.decompress(inflate.unconsumed_tail, _PIECE))
                continue
            piece = data[pos : pos + _PIECE]
            if not piece:
                break
            pos += len(piece)
            total += len(inflate.decompress(piece, _PIECE))
    except zlib.error:  # damaged or encrypted: PDFium will say what it makes of it
        pass
    return total
