"""A plan whose own text carries markup and script: no report format lets it act as markup.

The plan is a real Word file (python-docx) checked through the CLI, so the hostile text goes
through extraction, evidence quoting and every reporter, as a published plan's would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import FIXTURES
from tests.reporters.test_sarif import errors

SCRIPT = "<script>alert('plan')</script>"
IMG = '<img src=x onerror="alert(2)">'
MD_LINK = "[click](javascript:alert(3))"
CLOSE = "</td></tr></table></main><!--"


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan with markup appended to every heading, paragraph and table cell."""
    d = docx.Document(str(FIXTURES / "example" / "borsetshire-bvpp-2004.docx"))
    payloads = (SCRIPT, IMG, MD_LINK, CLOSE)
    for i, paragraph in enumerate(d.paragraphs):
        if paragraph.text.strip():
            paragraph.add_run(f" {payloads[i % len(payloads)]}")
    for table in d.tables:
        for r, row in enumerate(table.rows):
            cell = row.cells[min(1, len(row.cells) - 1)]
            cell.paragraphs[0].add_run(f" {payloads[r % len(payloads)]}")
    path = tmp_path_factory.mktemp("inject") / "plan <script>.docx"
    d.save(str(path))
    return path


def _report(path: Path, fmt: str, out: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "plancheck", "check", str(path), "--format", fmt, "--output", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return out.read_text(encoding="utf-8")


def test_the_markup_reaches_the_reports_as_text(hostile_plan: Path, tmp_path: Path) -> None:
    report = json.loads(_report(hostile_plan, "json", tmp_path / "r.json"))
    assert report["document"]["kind"] == "plan"
    quoted = json.dumps(report)
    assert "<script>alert('plan')</script>" in quoted.replace("\\u003c", "<")  # the evidence is kept


def test_html_report_escapes_every_piece(hostile_plan: Path, tmp_path: Path) -> None:
    html = _report(hostile_plan, "html", tmp_path / "r.html")
    for raw in (SCRIPT, IMG, CLOSE, "<script>"):
        assert raw not in html
    assert "&lt;script&gt;" in html  # shown, as text
    assert "<img" not in html and 'href="javascript' not in html


def _strings(node: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in _strings(v, k)]
    if isinstance(node, list):
        return [pair for v in node for pair in _strings(v, key)]
    return [(key, node)] if isinstance(node, str) else []


def test_sarif_keeps_document_text_out_of_markdown(hostile_plan: Path, tmp_path: Path) -> None:
    log = json.loads(_report(hostile_plan, "sarif", tmp_path / "r.sarif"))
    assert errors(log) == []
    strings = _strings(log)
    # Viewers render "markdown" properties: only the rule catalogue's own help may be there.
    for key, value in strings:
        if key == "markdown":
            assert "alert(" not in value and "<img" not in value, value
    carried = [key for key, value in strings if "alert(" in value]
    assert carried and "markdown" not in carried  # the document's text is there, as plain strings


def test_markdown_report_neutralises_markup_and_links(hostile_plan: Path, tmp_path: Path) -> None:
    md = _report(hostile_plan, "markdown", tmp_path / "r.md")
    prose = re.sub(r"`[^`\n]*`", "", md)  # code spans render literally: the file name may show there
    assert "&lt;script&gt;alert('plan')&lt;/script&gt;" in prose  # shown, as text
    assert "<script" not in prose and "<img" not in prose and "<!--" not in prose
    assert "\\[click\\](javascript:" in prose  # the brackets escaped: text, not a link
    assert not re.search(r"(?<!\\)\[click\]\(javascript:", prose)
