"""Every fixture's tables and headings are recovered as the generator's ground truth says.

The truth comes from the spec (rows, cells, merges) and from poppler (PDF
pages), never from plancheck, so these tests are the bar both the DOCX and the
PDF extractor must clear: every row and cell, in order, with the right page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plancheck.extract import load
from plancheck.model import Document, Table
from tests.conftest import FIXTURES

TRUTHS = sorted((FIXTURES / "generated").glob("*.truth.json")) + sorted(
    (FIXTURES / "example").glob("*.truth.json")
)
CASES = [(t, form) for t in TRUTHS for form in ("docx", "pdf")]


def _ids(case: tuple[Path, str]) -> str:
    return f"{case[0].name.removesuffix('.truth.json')}.{case[1]}"


def _norm(cell: str) -> str:
    # A PDF wraps long cells over lines; the words and their order are what must survive.
    return " ".join(cell.split())


def _rows(rows: Any) -> list[list[str]]:
    return [[_norm(c) for c in r] for r in rows]


_cache: dict[Path, Document] = {}


def _extract(path: Path) -> Document:
    if path not in _cache:
        _cache[path] = load(path)
    return _cache[path]


def _case(truth_path: Path, form: str) -> tuple[dict[str, Any], Document]:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    name = truth["files"].get(form)
    if name is None:
        pytest.skip(f"{truth_path.name} has no {form} form")
    return truth, _extract(truth_path.parent / name)


def test_there_are_fixtures_with_pdfs() -> None:
    assert len(TRUTHS) >= 7
    assert all("pdf" in json.loads(t.read_text())["files"] for t in TRUTHS)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_every_table_row_and_cell_in_order(case: tuple[Path, str]) -> None:
    truth, doc = _case(*case)
    want = [t for t in truth["items"] if t["type"] == "table"]
    got: list[Table] = list(doc.tables)
    assert len(got) == len(want), f"{len(got)} tables found, {len(want)} in the truth"
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert _rows(g.rows) == _rows(w["rows"]), f"table {i + 1} ({w['caption']}): rows differ"
        assert g.header_rows == w["header_rows"], f"table {i + 1} ({w['caption']}): header rows"


@pytest.mark.parametrize("case", [c for c in CASES if c[1] == "pdf"], ids=_ids)
def test_pdf_row_pages(case: tuple[Path, str]) -> None:
    truth, doc = _case(*case)
    assert doc.pages == truth["pdf_pages"]
    want = [t for t in truth["items"] if t["type"] == "table"]
    for i, (g, w) in enumerate(zip(doc.tables, want, strict=False)):
        got_pages = [g.row_page(k) for k in range(len(g.rows))]
        assert got_pages == w["row_pages"], f"table {i + 1} ({w['caption']}): row pages"
        assert list(g.pages) == w["pages"], f"table {i + 1} ({w['caption']}): table pages"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_headings_in_order(case: tuple[Path, str]) -> None:
    truth, doc = _case(*case)
    want = [h for h in truth["items"] if h["type"] == "heading"]
    got = [b for b in doc.blocks if b.kind == "heading"]
    got_texts = [_norm(b.text) for b in got]
    # Every truth heading is a heading, in order (the extractor may find more, e.g. a bold caption).
    pos = 0
    for h in want:
        assert _norm(h["text"]) in got_texts[pos:], f"heading {h['text']!r} not found after {pos}"
        pos = got_texts.index(_norm(h["text"]), pos)
        block = got[pos]
        if case[1] == "docx":
            assert block.level == h["level"], f"{h['text']!r}: level"
            assert block.page is None  # python-docx output stores no rendered page breaks
        else:
            assert block.page == h["page"], f"{h['text']!r}: page"
        pos += 1


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_running_header_and_footer_are_furniture(case: tuple[Path, str]) -> None:
    truth, doc = _case(*case)
    header = [b.text for b in doc.furniture if b.region == "header"]
    footer = [b.text for b in doc.furniture if b.region == "footer"]
    if not (truth["header"] or truth["footer"]):
        pytest.skip("this fixture has no running header or footer")
    if truth["header"]:
        assert any(truth["header"] in t for t in header), header
    if truth["footer"]:
        assert any(truth["footer"] in t for t in footer), footer
        body = " ".join(b.text for b in doc.blocks)
        assert truth["footer"] + " \u2013 Page" not in body


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_docx_metadata_and_authority(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    doc = _extract(truth_path.parent / truth["files"]["docx"])
    assert doc.format == "docx"
    assert doc.metadata["title"] == truth["title"]
    assert doc.metadata["author"] == truth["authority"]
    assert truth["authority"] in doc.text()
