"""Open a PDF with PDFium, turning its failures into one-line reasons, and read its metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

from plancheck.errors import ExtractionError, NeedsPassword

# PDFium's FPDF_GetLastError codes.
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 2, 3, 4, 5


def open_pdf(path: Path, password: str | None) -> pdfium.PdfDocument:
    """The opened document, or ExtractionError saying why it cannot be opened."""
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == _ERR_PASSWORD:
            reason = (
                "encrypted: the password given (--password) is wrong"
                if password
                else "encrypted: a password is needed (--password)"
            )
            raise NeedsPassword(str(path), reason, fmt="pdf") from None
        if code == _ERR_SECURITY:
            reason = "encrypted with an unsupported security handler"
            raise ExtractionError(str(path), reason, fmt="pdf") from None
        if code == _ERR_FORMAT:
            raise ExtractionError(str(path), f"damaged PDF: {_damage(path)}", fmt="pdf") from None
        raise ExtractionError(str(path), f"cannot open PDF: {e}", fmt="pdf") from None
    except OSError as e:
        raise ExtractionError(str(path), f"cannot open: {e.strerror or e}", fmt="pdf") from None


def _damage(path: Path) -> str:
    """A guess at what is wrong with a file PDFium calls malformed."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head:
        return "no PDF header"
    if b"%%EOF" not in tail:
        return "truncated (no end-of-file marker)"
    if b"startxref" not in tail:
        return "no cross-reference table (startxref missing)"
    return "the cross-reference table or page tree cannot be parsed"


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?")


def pdf_date_to_iso(value: str | None) -> str | None:
    """'D:20040512093000+01'00'' -> '2004-05-12T09:30:00+01:00'; None when there is no date."""
    if not value:
        return None
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    year, month, day, hh, mm, ss, tz, tzh, tzm = m.groups()
    if not 1900 < int(year) < 2200:
        return None
    out = year + (f"-{month}" if month else "") + (f"-{day}" if month and day else "")
    if day and hh:
        out += f"T{hh}:{mm or '00'}:{ss or '00'}"
        if tz in ("Z", "z"):
            out += "Z"
        elif tz in ("+", "-") and tzh:
            out += f"{tz}{tzh}:{tzm or '00'}"
    return out


def read_metadata(pdf: pdfium.PdfDocument) -> dict[str, str | None]:
    """Title, author, created and modified (ISO 8601) from the document information."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        info = {}
    return {
        "title": (info.get("Title") or "").strip() or None,
        "author": (info.get("Author") or "").strip() or None,
        "created": pdf_date_to_iso(info.get("CreationDate")),
        "modified": pdf_date_to_iso(info.get("ModDate")),
    }
