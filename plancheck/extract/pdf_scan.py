"""Measure a PDF's objects and Flate streams from its bytes, before PDFium opens it.

PDFium decodes a stream whole when a page needs it, so a few kilobytes that
inflate to gigabytes (a PDF bomb) would only meet the worker's memory limit,
with a vaguer reason. This pass counts objects and inflates each Flate stream
into nothing, a piece at a time, stopping at the limit: memory stays at one
piece whatever the file claims. Encrypted streams do not inflate and are
left to the memory limit.
"""

from __future__ import annotations

import mmap
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

_OBJECT = re.compile(rb"\d+[ \t\r\n\f\x00]+\d+[ \t\r\n\f\x00]+obj\b")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_COUNT_N = re.compile(rb"/N\s+(\d{1,9})\b")
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/(?:FlateDecode|Fl)\b")
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
            objects = sum(1 for _ in _OBJECT.finditer(data))
            for m in _OBJECT_STREAM.finditer(data):
                window = data[max(0, m.start() - 512) : m.end() + 512]
                n = _COUNT_N.search(window)
                objects += int(n.group(1)) if n else 0
            largest = 0
            for m in _STREAM.finditer(data):
                head = data[max(0, m.start() - _DICT_LOOKBACK) : m.start()]
                head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary only
                if _FLATE_FIRST.search(head):
                    largest = max(largest, _inflated_size(data, m.end(), stream_limit))
                    if largest > stream_limit:
                        break
    return PdfSize(objects, largest)


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
