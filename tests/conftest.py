"""Shared test helpers: where the repository, fixtures and ../shared live."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"
WILD = SHARED / "corpus" / "wild"
SEEDS = SHARED / "seeds"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the checkout")
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed: make system-deps"
)


def soffice_convert(path: Path, outdir: Path, fmt: str = "pdf", timeout: float = 300) -> Path:
    """Convert ``path`` with LibreOffice headless (own profile under ``outdir``); return the new file."""
    import subprocess

    subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{outdir}/lo", "--headless",
         "--convert-to", fmt, "--outdir", str(outdir), str(path)],
        check=True,
        capture_output=True,
        timeout=timeout,
    )  # fmt: skip
    return outdir / f"{path.stem}.{fmt}"


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A well-formed PDF with a correct xref from numbered object bodies (1 is the catalog).

    For files no PDF library would write: bombs, loops, unmapped fonts, lying page trees.
    """
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
