"""Turn a seed's markdown-ish text into a DOCX with python-docx (headings, list items, paragraphs)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import docx

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*◆•]|\d+\.\d+)\s+")


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("*", "").strip()


def seed_to_docx(md: Path, out: Path) -> Path:
    """Write ``out`` (a .docx) from the seed ``md``: '#' lines become headings, '- ' lines list items."""
    d = docx.Document()
    for raw in md.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        m = _HEADING.match(line)
        if m:
            d.add_heading(_clean(m.group(2)), level=min(len(m.group(1)), 3))
        elif line.lstrip().startswith(("- ", "* ", "◆")):
            d.add_paragraph(_clean(line.lstrip()[1:]), style="List Bullet")
        else:
            d.add_paragraph(_clean(line))
    d.save(str(out))
    return out


def docx_to_pdf(path: Path, outdir: Path) -> Path:
    """Convert with LibreOffice (headless), as a council would have, in a private profile."""
    with tempfile.TemporaryDirectory() as profile:
        # A shared profile makes a second soffice hand the job to the first and exit without converting.
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), str(path)],
            check=True,
            capture_output=True,
            timeout=180,
        )  # fmt: skip
    pdf = outdir / (path.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not convert {path}")
    return pdf
