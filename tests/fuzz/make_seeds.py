"""Make the fuzz seeds in tests/fuzz/seeds/: the example plan as HTML, text, ODT, DOC and RTF.

The fixtures and ../shared/corpus/wild hold only PDF, DOCX and Markdown, so without these the
HTML, plain-text and LibreOffice (ODT, DOC, RTF) readers would never see a mutant. HTML and
text are written here from the example DOCX (headings, paragraphs, lists and tables); ODT, DOC
and RTF are LibreOffice's conversions of it. Run ``.venv/bin/python -m tests.fuzz.make_seeds``
after changing the example plan (needs LibreOffice for the last three).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.conftest import FIXTURES

SEED_DIR = Path(__file__).resolve().parent / "seeds"
EXAMPLE = FIXTURES / "example" / "borsetshire-bvpp-2004.docx"


def _blocks(path: Path) -> list[Paragraph | Table]:
    d = docx.Document(str(path))
    out: list[Paragraph | Table] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, d))
        elif tag == "tbl":
            out.append(Table(child, d))
    return out


def _level(p: Paragraph) -> int:
    name = p.style.name if p.style is not None else ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        return min(6, int(name.split()[1]) + 1)
    return 0


def to_html(path: Path) -> str:
    parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Plan</title></head><body>']
    for b in _blocks(path):
        if isinstance(b, Table):
            rows = []
            for i, row in enumerate(b.rows):
                cell = "th" if i == 0 else "td"
                cells = "".join(f"<{cell}>{html.escape(c.text)}</{cell}>" for c in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            parts.append("<table>\n" + "\n".join(rows) + "\n</table>")
        elif b.text.strip():
            level = _level(b)
            tag = f"h{level}" if level else "p"
            parts.append(f"<{tag}>{html.escape(b.text)}</{tag}>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def to_text(path: Path) -> str:
    lines: list[str] = []
    for b in _blocks(path):
        if isinstance(b, Table):
            rows = ["| " + " | ".join(c.text for c in row.cells) + " |" for row in b.rows]
            lines.extend([rows[0], "|" + " --- |" * len(b.columns), *rows[1:]])
        elif b.text.strip():
            lines.append(b.text.upper() if _level(b) else b.text)
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    SEED_DIR.mkdir(exist_ok=True)
    (SEED_DIR / "plan.html").write_text(to_html(EXAMPLE), encoding="utf-8")
    (SEED_DIR / "plan.txt").write_text(to_text(EXAMPLE), encoding="utf-8")
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice not installed: ODT, DOC and RTF seeds not made")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("odt", "doc", "rtf"):
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", fmt,
                 "--outdir", tmp, str(EXAMPLE)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            shutil.copyfile(Path(tmp) / f"{EXAMPLE.stem}.{fmt}", SEED_DIR / f"plan.{fmt}")
    for p in sorted(SEED_DIR.iterdir()):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
