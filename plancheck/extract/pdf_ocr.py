"""OCR an image-only PDF with ocrmypdf (tesseract) and extract the result."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from plancheck.errors import ExtractionError
from plancheck.extract import ExtractOptions
from plancheck.model import Document

_INSTALL = "ocrmypdf is not installed: install the Debian packages ocrmypdf tesseract-ocr"


def extract_with_ocr(
    path: Path, sha256: str, options: ExtractOptions, extract: Callable[[Path, str, ExtractOptions], Document]
) -> Document:
    """Run ocrmypdf on ``path`` into a temporary file and extract that with ``extract``."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        raise ExtractionError(str(path), f"no text layer: OCR needed, but {_INSTALL}", fmt="pdf")
    with tempfile.TemporaryDirectory(prefix="plancheck-ocr-") as tmp:
        out = Path(tmp) / "ocr.pdf"
        cmd = [exe, "--quiet", "--force-ocr", "--output-type", "pdf", "--optimize", "0", str(path), str(out)]
        if options.password:
            raise ExtractionError(
                str(path), "OCR of an encrypted PDF is not supported: decrypt it first", fmt="pdf"
            )
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=max(10.0, options.timeout_s))
        except subprocess.TimeoutExpired:
            raise ExtractionError(
                str(path), f"OCR took longer than {options.timeout_s:.0f} s", fmt="pdf"
            ) from None
        if done.returncode != 0 or not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1][:160]
            raise ExtractionError(
                str(path), f"OCR failed (ocrmypdf exit {done.returncode}): {last}", fmt="pdf"
            )
        # No OCR the second time round: a page OCR could not read stays "no text layer".
        doc = extract(out, sha256, ExtractOptions(max_pages=options.max_pages, ocr=False))
    return Document(
        path=str(path), sha256=sha256, format="pdf", pages=doc.pages, items=doc.items,
        furniture=doc.furniture, metadata=doc.metadata, warnings=(*doc.warnings, "text recovered by OCR"),
    )  # fmt: skip
