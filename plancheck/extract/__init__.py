"""Turn a file into a :class:`~plancheck.model.Document`.

``load(path, options)`` sniffs the format from the content (never the file
name), hands the file to one extractor and returns the model. Every failure
becomes an :class:`~plancheck.errors.ExtractionError` with a one-line reason.
An extractor never decides compliance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plancheck.errors import ExtractionError, UnsupportedFormat
from plancheck.model import Document


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs and limits for extraction (each has a CLI flag and a config key)."""

    password: str | None = None
    ocr: bool = False
    max_pages: int = 2000
    max_bytes: int = 200 * 1024 * 1024
    timeout_s: float = 120.0
    """Per-document wall-clock limit, enforced by :mod:`plancheck.isolate`."""
    memory_mb: int = 2048
    """Per-worker address-space limit, enforced by :mod:`plancheck.isolate`."""


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
        raise ExtractionError(
            str(path), f"file is {size:,} bytes, over the {options.max_bytes:,}-byte limit (--max-bytes)"
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
