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
