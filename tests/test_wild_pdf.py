"""Every PDF in the shared wild corpus, through the real CLI: a document or a one-line reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import WILD

PDFS = sorted((WILD / "pdf").glob("*.pdf")) if (WILD / "pdf").is_dir() else []

# Files that cannot give a document, and the reason each must give.
REFUSED = {
    "empty.pdf": "empty file (0 bytes)",
    "password-example.pdf": "encrypted: a password is needed (--password)",
    "issue-297-example.pdf": "no text on any page",
}


def run_extract(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancheck", "extract", str(path), *args],
        capture_output=True,
        text=True,
        timeout=10,
    )


@pytest.mark.skipif(not PDFS, reason="../shared/corpus/wild/pdf is not beside the checkout")
@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_wild_pdf_gives_a_document_or_one_line_reason(path: Path) -> None:
    done = run_extract(path)
    assert "Traceback" not in done.stderr
    if path.name in REFUSED:
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and path.name in lines[0]
        assert REFUSED[path.name] in lines[0]
        return
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["format"] == "pdf" and doc["pages"] >= 1
    assert doc["items"], "a PDF with text gave no items"
    for item in doc["items"]:
        if item["type"] == "block":
            assert item["text"].strip() and item["page"] >= 1
        else:
            width = len(item["rows"][0])
            assert all(len(r) == width for r in item["rows"])
            assert len(item["row_pages"]) == len(item["rows"])


@pytest.mark.skipif(not PDFS, reason="../shared/corpus/wild/pdf is not beside the checkout")
def test_wild_password_pdf_opens_with_its_password_through_the_cli() -> None:
    path = WILD / "pdf" / "password-example.pdf"
    done = run_extract(path, "--password", "test")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pages"] == 4
    wrong = run_extract(path, "--password", "nope")
    assert wrong.returncode == 2 and "password given (--password) is wrong" in wrong.stderr


@pytest.mark.skipif(not PDFS, reason="../shared/corpus/wild/pdf is not beside the checkout")
def test_wild_page_limit_through_the_cli() -> None:
    done = run_extract(WILD / "pdf" / "federal-register-2020-17221.pdf", "--max-pages", "3")
    assert done.returncode == 2
    assert "the PDF has 15 pages, over the limit of 3 pages (--max-pages; limits.max-pages)" in done.stderr
