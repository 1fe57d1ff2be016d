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
from tests.conftest import FIXTURES, needs_soffice

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


def _generator() -> Any:
    """fixtures/generate.py as a module (it is a script, not part of the package)."""
    import importlib.util
    import sys

    sys.path.insert(0, str(FIXTURES))
    spec = importlib.util.spec_from_file_location("fixture_generate", FIXTURES / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_pages(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    drop = {"page", "row_pages", "pages"}
    return [{k: v for k, v in i.items() if k not in drop} for i in items]


def test_committed_truth_matches_its_spec() -> None:
    """A spec edited without regenerating its files is caught here (no LibreOffice needed)."""
    gen = _generator()
    for spec_file in sorted((FIXTURES / "specs").glob("*.yml")):
        for spec in gen.load_documents(spec_file):
            out = FIXTURES / spec.get("out", f"generated/{spec['name']}")
            truth_path = out.parent / (out.name + ".truth.json")
            assert truth_path.is_file(), f"{spec_file.name}: {spec['name']} was never generated"
            committed = json.loads(truth_path.read_text(encoding="utf-8"))
            expected = gen.truth_of(spec)
            assert _without_pages(committed["items"]) == expected["items"], (
                f"{spec['name']}: fixtures/generated is stale: run fixtures/generate.py --only {spec['name']}"
            )


TINY_SPEC = {
    "name": "tiny",
    "_spec": "tiny.yml",
    "authority": "Exmoor National Park Authority",
    "title": "Performance Plan 2004/05",
    "header": "Exmoor National Park Authority",
    "footer": "Performance Plan 2004/05",
    "blocks": [
        {"heading": "1. Introduction"},
        {"paragraph": "First page text."},
        {"page_break": True},
        {"heading": "2. Indicators", "level": 2},
        {"section": "landscape"},
        {
            "table": {
                "caption": "Table 1: Indicators",
                "header": [
                    [{"text": "Ref", "rowspan": 2}, {"text": "Targets", "colspan": 2}, None],
                    [None, "2004/05", "2005/06"],
                ],
                "rows": [["BVPI 8", "97%", "98%"], ["BV 12", "8.1", "7.9"]],
            }
        },
    ],
}


@needs_soffice
def test_generator_end_to_end_with_poppler_pages(tmp_path: Path) -> None:
    gen = _generator()
    truth_path = gen.build({**TINY_SPEC, "out": str(tmp_path / "tiny")})
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    assert truth["pdf_pages"] == 3  # heading 1 page, explicit break, then the landscape section
    heads = [(h["text"], h["page"]) for h in truth["items"] if h["type"] == "heading"]
    assert heads == [("1. Introduction", 1), ("2. Indicators", 2)]
    (table,) = [t for t in truth["items"] if t["type"] == "table"]
    assert table["rows"] == [["Ref", "Targets", ""], ["", "2004/05", "2005/06"], ["BVPI 8", "97%", "98%"],
                             ["BV 12", "8.1", "7.9"]]
    assert table["row_pages"] == [3, 3, 3, 3]
    doc = load(tmp_path / "tiny.docx")
    assert [list(r) for r in doc.tables[0].rows] == table["rows"]
    assert doc.tables[0].header_rows == 2 and doc.tables[0].caption == "Table 1: Indicators"


def test_generator_refuses_ragged_rows() -> None:
    gen = _generator()
    table = {"header": [["Ref", "Value"]], "rows": [["BV 8", "per 10", "000"]]}
    ragged = {**TINY_SPEC, "blocks": [{"table": table}]}
    with pytest.raises(SystemExit, match="rows of \\[2, 3\\] cells"):
        gen.truth_of(ragged)
