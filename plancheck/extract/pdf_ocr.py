"""OCR the image-only pages of a PDF with ocrmypdf (tesseract) and extract the result.

Only the pages named are rasterised and recognised (``--force-ocr --pages``):
image-only pages, and pages whose text layer spells nothing (a font without a
Unicode map). A typed plan with a scanned appendix keeps its own text exactly
and gains the appendix's. ``--jobs 1``: a batch already runs one worker per core.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import ExtractOptions, over_limit
from plancheck.model import Document

_INSTALL = "ocrmypdf is not installed: install the Debian packages ocrmypdf tesseract-ocr"


def ocr_warning(pages: list[int]) -> str:
    """The document warning that says which pages were read by OCR."""
    return (
        f"{len(pages)} page(s) were read by OCR (first: page {pages[0]}): "
        "their text may hold recognition errors"
    )


def extract_with_ocr(
    path: Path,
    sha256: str,
    options: ExtractOptions,
    extract: Callable[[Path, str, ExtractOptions], Document],
    pages: list[int],
) -> Document:
    """OCR ``pages`` (1-based; image-only or unmapped) of ``path`` into a temporary file, and extract that."""
    if len(pages) > options.max_ocr_pages:
        found = f"{len(pages):,} pages need OCR (images, or text that does not read as text)"
        raise LimitExceeded(str(path), over_limit(options, "max_ocr_pages", found), fmt="pdf")
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise ExtractionError(str(path), f"no text layer: OCR needed, but {_INSTALL}", fmt="pdf")
    if options.password:
        raise ExtractionError(
            str(path), "OCR of an encrypted PDF is not supported: decrypt it first", fmt="pdf"
        )
    with tempfile.TemporaryDirectory(prefix="plancheck-ocr-") as tmp:
        out = Path(tmp) / "ocr.pdf"
        listed = ",".join(map(str, pages))
        cmd = [exe, "--quiet", "--force-ocr", "--pages", listed, "--jobs", "1", "--output-type", "pdf",
               "--optimize", "0", str(path), str(out)]  # fmt: skip
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=max(10.0, options.timeout_s))
        except subprocess.TimeoutExpired:
            found = f"OCR of {len(pages)} page(s) did not finish"
            raise LimitExceeded(str(path), over_limit(options, "timeout_s", found), fmt="pdf") from None
        if done.returncode != 0 or not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1][:160]
            raise ExtractionError(
                str(path), f"OCR failed (ocrmypdf exit {done.returncode}): {last}", fmt="pdf"
            )
        # No OCR the second time round: a page OCR could not read stays "no text layer".
        doc = extract(out, sha256, replace(options, ocr=False))
    # What OCR did not recover is still said (a page that is still an image, or still unmapped).
    warnings = doc.warnings
    return replace(doc, path=str(path), warnings=(*warnings, ocr_warning(pages)))
