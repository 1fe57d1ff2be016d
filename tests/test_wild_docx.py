"""Real Word files from the wild (python-docx's own test corpus) through the real CLI and the extractor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plancheck.extract import load
from tests.conftest import REPO, WILD, needs_shared

pytestmark = needs_shared

WILD_DOCX = sorted((WILD / "docx").glob("*.docx")) if (WILD / "docx").is_dir() else []
PLANCHECK = Path(sys.executable).parent / "plancheck"


@pytest.mark.parametrize("path", WILD_DOCX, ids=lambda p: p.name)
def test_cli_gives_a_model_or_a_one_line_reason(path: Path) -> None:
    proc = subprocess.run(
        [str(PLANCHECK), "extract", str(path)], capture_output=True, text=True, timeout=10, cwd=REPO
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    if proc.returncode == 0:
        model = json.loads(proc.stdout)
        assert model["format"] == "docx" and model["path"] == str(path)
        assert isinstance(model["items"], list)
    else:
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0]


def _wild(name: str) -> Path:
    return WILD / "docx" / name


def test_tbl_having_tables_shapes() -> None:
    doc = load(_wild("tbl-having-tables.docx"))
    assert [(len(t.rows), t.n_cols) for t in doc.tables] == [(2, 2), (3, 3), (2, 4)]
    assert all(len(r) == t.n_cols for t in doc.tables for r in t.rows)


def test_tbl_cell_access_merged_cells_once() -> None:
    tables = load(_wild("tbl-cell-access.docx")).tables
    assert tables[0].rows == (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))
    # Horizontal merge in the middle row: "4" spans two columns, the covered one is empty.
    assert tables[1].rows == (("1", "2", "3"), ("4", "", "6"), ("7", "8", "9"))
    # Vertical merge: the text stays in the top cell, the continued cell below is empty.
    assert tables[2].rows == (("1", "2", "3"), ("4", "5", "6"), ("7", "", "9"))
    assert tables[3].rows == (("1", "2", "3"), ("4", "", "6"), ("", "", "9"))


def test_blk_inner_content_body_order() -> None:
    doc = load(_wild("blk-inner-content.docx"))
    kinds = [type(i).__name__ for i in doc.items]
    assert kinds == ["Block", "Table", "Block"]
    assert [doc.items[0].text, doc.items[2].text] == ["P1", "P3"]  # type: ignore[union-attr]
    assert doc.tables[0].rows[0][0] == "T2"


def test_hdr_header_footer_sections() -> None:
    doc = load(_wild("hdr-header-footer.docx"))
    assert [(b.region, b.text) for b in doc.furniture] == [
        ("header", "Header for section-1"),
        ("footer", "Footer for section 1"),
    ]
    assert "Header for section-1" not in " ".join(b.text for b in doc.blocks)
    # Word stored rendered page breaks in this file, so pages are known.
    assert doc.pages == 2
    assert [b.page for b in doc.blocks] == [1, 2]


def test_sty_having_no_styles_part_reads() -> None:
    doc = load(_wild("sty-having-no-styles-part.docx"))
    assert doc.format == "docx"
    assert all(b.kind != "heading" for b in doc.blocks)


def test_num_having_numbering_part_list_item() -> None:
    doc = load(_wild("num-having-numbering-part.docx"))
    assert [(b.kind, b.text) for b in doc.blocks] == [("list_item", "Paragraph having List Number style.")]


def test_test_docx_heading_level() -> None:
    doc = load(_wild("test.docx"))
    first = doc.blocks[0]
    assert (first.kind, first.level, first.text) == ("heading", 1, "python-docx was here!")
    assert doc.blocks[1].heading_path == ("python-docx was here!",)


def test_hyperlink_text_is_kept_and_pages_counted() -> None:
    doc = load(_wild("par-hyperlinks.docx"))
    texts = [b.text for b in doc.blocks]
    assert "Three hyperlinks: the first one here, the second one, and the third." in texts
    assert doc.pages == 2


def test_blank_word_document_warns_instead_of_passing() -> None:
    doc = load(_wild("doc-word-default-blank.docx"))
    assert doc.items == ()
    assert doc.warnings == ("the document body has no text",)
