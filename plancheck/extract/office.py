"""Read .doc, .odt and .rtf by converting them to .docx with LibreOffice, then reading that.

The conversion runs headless in a private temporary directory with its own
user profile (a shared profile lets one soffice block another), in its own
process group so a timeout can kill soffice and every helper it spawned.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract.docx import read_docx
from plancheck.extract.ooxml import guard_package
from plancheck.extract.sniff import sniff

if TYPE_CHECKING:
    from plancheck.extract import ExtractOptions
    from plancheck.model import Document, Format

NEEDS_LIBREOFFICE = (
    "LibreOffice is needed to read .doc/.odt/.rtf files: apt-get install libreoffice-writer-nogui"
)
MAX_CONVERT_S = 120.0


def soffice_path() -> str | None:
    """The LibreOffice binary on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, fmt: str, workdir: Path, timeout_s: float) -> Path:
    """Convert ``path`` (of format ``fmt``) to a .docx inside ``workdir``; return the new file."""
    soffice = soffice_path()
    if soffice is None:
        raise ExtractionError(str(path), NEEDS_LIBREOFFICE, fmt=fmt)
    # Copy under a plain name with the right suffix: the original's name may lie or contain odd characters.
    source = workdir / f"input.{fmt}"
    shutil.copyfile(path, source)
    out_dir = workdir / "out"
    out_dir.mkdir()
    profile = (workdir / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
    )
    try:
        _, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise LimitExceeded(
            str(path), f"LibreOffice took over {timeout_s:.0f} s to convert the file: gave up", fmt=fmt
        ) from None
    result = out_dir / "input.docx"
    if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        why = detail[-1][:160] if detail else f"exit status {proc.returncode}"
        raise ExtractionError(
            str(path), f"LibreOffice could not convert this {fmt.upper()} file: {why}", fmt=fmt
        )
    return result


def extract_via_libreoffice(path: Path, sha256: str, options: ExtractOptions) -> Document:
    """Extract a .doc, .odt or .rtf file (format sniffed from content) via a .docx conversion."""
    fmt = sniff(path)
    if fmt not in ("doc", "odt", "rtf"):
        raise ExtractionError(str(path), f"expected a .doc, .odt or .rtf file, found {fmt or 'unknown'}")
    office_fmt: Format = fmt  # type: ignore[assignment]
    if fmt == "odt":  # a zip like .docx: the same bomb checks before LibreOffice unpacks it
        guard_package(path, options, office_fmt)
    timeout = min(options.timeout_s, MAX_CONVERT_S)
    with tempfile.TemporaryDirectory(prefix="plancheck-lo-") as tmp:
        converted = convert_to_docx(path, fmt, Path(tmp), timeout)
        return read_docx(converted, sha256, options, fmt=office_fmt, shown_path=str(path))
