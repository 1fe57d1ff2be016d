"""Turn a file into a :class:`~plancheck.model.Document`.

``load(path, options)`` sniffs the format from the content (never the file
name), hands the file to one extractor and returns the model. Every failure
becomes an :class:`~plancheck.errors.ExtractionError` with a one-line reason.
An extractor never decides compliance.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from plancheck.errors import ExtractionError, LimitExceeded, UnsupportedFormat
from plancheck.model import Document


@dataclass(frozen=True, slots=True)
class LimitSpec:
    """What one limit bounds and why: the single description the CLI, config, README and reasons use."""

    key: str
    """Config key under ``[limits]`` and the name ``--limit KEY=VALUE`` takes."""
    unit: str
    minimum: float
    bounds: str
    """What is counted, as the README's table says it."""
    why: str
    """Why the default is safe for real plans and what it stops."""
    hit: str
    """What happens when it is hit."""
    flag: str | None = None
    """A dedicated option besides ``--limit`` (for the limits people change often)."""
    zero_is_none: bool = False

    @property
    def option(self) -> str:
        """How a user changes it on the command line."""
        return self.flag or f"--limit {self.key}=N"


def _limit(default: float, spec: LimitSpec) -> Any:
    return field(default=default, metadata={"limit": spec})


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs and limits for extraction. Every limit is declared here, once, with its reason."""

    password: str | None = None
    ocr: bool = False
    max_pages: int = _limit(2000, LimitSpec(
        "max-pages", "pages", 1, "pages in a document",
        "a plan runs to a few hundred pages; a page tree claiming more is broken or hostile, "
        "and every page costs time",
        "the document is refused (unreadable)", flag="--max-pages"))
    max_file_mb: int = _limit(200, LimitSpec(
        "max-file-mb", "MB", 1, "size of the file",
        "the largest plans seen are tens of MB; bigger files are scans or attacks and are read slowly",
        "the document is refused before it is opened"))
    timeout_s: float = _limit(120.0, LimitSpec(
        "timeout", "s", 0.1, "wall-clock time per document, enforced by killing the worker process",
        "a 300-page plan takes under 15 s; a parser caught in a loop must cost one report, not the run",
        "the worker is killed and the document reported unreadable", flag="--timeout"))
    memory_mb: int = _limit(2048, LimitSpec(
        "memory-mb", "MB", 0, "address space of each worker process (RLIMIT_AS)",
        "a 300-page plan peaks near 200 MB; a bomb that slips past the other limits stops here, not in swap",
        "the worker is stopped and the document reported unreadable", flag="--memory-mb", zero_is_none=True))
    max_zip_entries: int = _limit(20_000, LimitSpec(
        "max-zip-entries", "entries", 1, "parts in a Word or ODT zip package",
        "a Word file has tens of parts; tens of thousands only make the reader slow",
        "the document is refused before any XML is parsed"))
    max_unzipped_mb: int = _limit(1024, LimitSpec(
        "max-unzipped-mb", "MB", 1, "total decompressed size of a Word or ODT package",
        "zip bombs: a small file that decompresses to gigabytes",
        "the document is refused before any XML is parsed"))
    max_xml_mb: int = _limit(128, LimitSpec(
        "max-xml-mb", "MB", 1, "decompressed size of any one XML part of a Word or ODT package",
        "the parsed tree takes about ten times the XML's size; a 300-page plan's document.xml is about 4 MB",
        "the document is refused before any XML is parsed"))
    max_compression_ratio: int = _limit(200, LimitSpec(
        "max-compression-ratio", ":1", 2, "compression ratio of any part over 10 MB in a Word or ODT package",
        "real parts compress 5-30:1; a bomb compresses 1000:1",
        "the document is refused before any XML is parsed"))
    max_nesting: int = _limit(64, LimitSpec(
        "max-nesting", "levels", 1, "tables within tables (and wrapper elements) in Word and HTML",
        "real plans nest tables two or three deep; deeper nesting is made to exhaust a reader's stack "
        "(the XML parser itself stops at 256 levels)",
        "the document is refused (unreadable)"))
    max_table_cells: int = _limit(50_000, LimitSpec(
        "max-table-cells", "cells", 100, "cells in one table (a table continued across pages counts as one)",
        "a full BVPI table is a few thousand cells; every cell is matched against the indicator catalogue",
        "the table is cut after the row that reaches the limit, with a warning in the report"))
    max_ruling_crossings: int = _limit(8000, LimitSpec(
        "max-ruling-crossings", "crossings", 100, "horizontal x vertical ruling-line positions on a PDF page",
        "finding ruled tables grows with the crossings; a ruled BVPI page has a few hundred, a chart drawn "
        "with hairlines can have millions",
        "the page is not searched for ruled tables (unruled ones are still found), with a warning"))
    max_page_chars: int = _limit(100_000, LimitSpec(
        "max-page-chars", "characters", 100, "characters on one PDF page",
        "a dense A3 page holds about 15,000; a content stream that draws text in a loop holds millions",
        "the page is skipped, with a warning"))
    max_page_objects: int = _limit(200_000, LimitSpec(
        "max-page-objects", "objects", 100, "drawing objects (text runs, paths, images) on one PDF page",
        "a page of charts has tens of thousands; more is a generated or looping content stream",
        "the page is skipped, with a warning"))
    max_pdf_objects: int = _limit(2_000_000, LimitSpec(
        "max-pdf-objects", "objects", 100, "objects in a PDF file (counted before PDFium opens it)",
        "a 300-page plan has tens of thousands; each object costs PDFium memory when the file is opened",
        "the document is refused before it is opened"))
    max_stream_mb: int = _limit(256, LimitSpec(
        "max-stream-mb", "MB", 1, "decompressed size of any one Flate stream in a PDF",
        "a scanned A4 page decompresses to about 25 MB; a PDF bomb decompresses to gigabytes",
        "the document is refused before it is opened"))
    max_ocr_pages: int = _limit(200, LimitSpec(
        "max-ocr-pages", "pages", 1, "image-only PDF pages sent to OCR (with --ocr)",
        "tesseract takes seconds a page; a scanned plan has a few hundred pages at most, and the time "
        "limit still applies to the whole document",
        "the document is refused with the count (without --ocr image pages are only reported)"))

    @property
    def max_bytes(self) -> int:
        """``max_file_mb`` in bytes."""
        return self.max_file_mb * 1024 * 1024


@functools.cache
def limit_specs() -> dict[str, LimitSpec]:
    """Each limit's ExtractOptions field name -> its description, in declaration order."""
    return {f.name: f.metadata["limit"] for f in fields(ExtractOptions) if "limit" in f.metadata}


def limit_field(key: str) -> str | None:
    """The ExtractOptions field a ``[limits]`` key or ``--limit`` name sets; None if there is none."""
    return next((name for name, spec in limit_specs().items() if spec.key == key), None)


def limit_type(name: str) -> type[int] | type[float]:
    """int or float: the type the limit's default has."""
    return float if isinstance(getattr(ExtractOptions(), name), float) else int


def limit_value(options: ExtractOptions, name: str) -> str:
    """A limit's value as a user writes it (``2,000 pages``, ``none``)."""
    spec, value = limit_specs()[name], getattr(options, name)
    if spec.zero_is_none and not value:
        return "none"
    sep = "" if spec.unit == ":1" else " "
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    unit = spec.unit[:-1] if value == 1 and len(spec.unit) > 2 and spec.unit.endswith("s") else spec.unit
    return f"{number}{sep}{unit}"


def table_cut(options: ExtractOptions, table: str, cells: int, kept: int, rows: int) -> str:
    """The warning for a table cut at max_table_cells after ``kept`` of its ``rows`` rows."""
    found = f"{table} has over {cells:,} cells"
    return f"{over_limit(options, 'max_table_cells', found)}: only its first {kept} of {rows} rows are read"


def over_limit(options: ExtractOptions, name: str, found: str) -> str:
    """The one-line reason for a limit that was hit: what was found, the limit, how to change it."""
    spec = limit_specs()[name]
    return f"{found}, over the limit of {limit_value(options, name)} ({spec.option}; limits.{spec.key})"


Extractor = Callable[[Path, str, ExtractOptions], Document]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _extractor_for(fmt: str) -> Extractor:
    # Imported lazily: a run over DOCX files never pays for PDF libraries.
    if fmt == "pdf":
        from plancheck.extract.pdf import extract_pdf

        return extract_pdf
    if fmt == "docx":
        from plancheck.extract.docx import extract_docx

        return extract_docx
    if fmt in ("doc", "odt", "rtf"):
        from plancheck.extract.office import extract_via_libreoffice

        return extract_via_libreoffice
    if fmt == "html":
        from plancheck.extract.html import extract_html

        return extract_html
    if fmt in ("txt", "md"):
        from plancheck.extract.text import extract_text

        return extract_text
    raise AssertionError(f"no extractor for {fmt}")


def load(path: str | Path, options: ExtractOptions | None = None) -> Document:
    """Extract ``path`` into a document model or raise ExtractionError."""
    from plancheck.extract.sniff import sniff

    options = options or ExtractOptions()
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise ExtractionError(str(path), f"cannot open: {e.strerror or e}") from None
    if not p.is_file():
        raise ExtractionError(str(path), "not a regular file")
    if size == 0:
        raise ExtractionError(str(path), "empty file (0 bytes)")
    if size > options.max_bytes:
        raise LimitExceeded(
            str(path), over_limit(options, "max_file_mb", f"the file is {size / 1048576:,.1f} MB")
        )
    fmt = sniff(p)
    if fmt is None:
        raise UnsupportedFormat(str(path), "not a supported format (PDF, Word, ODT, RTF, HTML or text)")
    digest = sha256_of(p)
    try:
        return _extractor_for(fmt)(p, digest, options)
    except ExtractionError:
        raise
    except MemoryError:
        raise ExtractionError(str(path), "ran out of memory while reading", fmt=fmt) from None
    except RecursionError:
        raise ExtractionError(str(path), "structure nested too deeply to read", fmt=fmt) from None
    except Exception as e:
        detail = str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
        raise ExtractionError(str(path), f"could not be read as {fmt.upper()}: {detail}", fmt=fmt) from None
