"""HTML and text/Markdown extraction, including the real seed papers in ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.extract import load
from plancheck.model import Document
from tests.conftest import SEEDS, needs_shared

PLAN_HTML = """<!DOCTYPE html>
<html><head><title>Kingsmere BVPP 2004/05</title><meta name="author" content="London Borough of Kingsmere">
<style>p { color: red }</style>
<script>document.write("Best Value Performance Plan certified");</script></head>
<body>
<h1>Best Value Performance Plan 2004/05</h1>
<p>The Council was assessed as <b>&lsquo;good&rsquo;</b> in the CPA.</p>
<!-- a comment that mentions the Code of Practice on Workforce Matters -->
<h2>Street Scene</h2>
<table>
 <caption>Table 1: Street scene</caption>
 <thead>
  <tr><th rowspan="2">Ref</th><th rowspan="2">Indicator</th><th colspan="3">Targets</th></tr>
  <tr><th>2004/05</th><th>2005/06</th><th>2006/07</th></tr>
 </thead>
 <tbody>
  <tr><td>BV 199a</td><td>Litter and<br>detritus</td><td>16%</td><td>14%</td><td>12%</td></tr>
  <tr><td>BV 82a(i)</td><td>Recycling <table><tr><td>inner</td></tr></table></td>
      <td>18%</td><td>20%</td><td>22%</td></tr>
 </tbody>
</table>
<h3>What we will do</h3>
<ul><li>Recycle more</li><li>Clean streets<ul><li>town centres first</li></ul></li></ul>
<div>Contact the Performance Manager.</div>
</body></html>
"""


@pytest.fixture
def html_doc(tmp_path: Path) -> Document:
    p = tmp_path / "plan.html"
    p.write_text(PLAN_HTML, encoding="utf-8")
    return load(p)


def test_html_headings_paragraphs_lists_and_metadata(html_doc: Document) -> None:
    assert html_doc.format == "html" and html_doc.pages is None
    assert html_doc.metadata["title"] == "Kingsmere BVPP 2004/05"
    assert html_doc.metadata["author"] == "London Borough of Kingsmere"
    blocks = [(b.kind, b.level, b.text) for b in html_doc.blocks]
    assert blocks == [
        ("heading", 1, "Best Value Performance Plan 2004/05"),
        ("paragraph", None, "The Council was assessed as \u2018good\u2019 in the CPA."),
        ("heading", 2, "Street Scene"),
        ("heading", 3, "What we will do"),
        ("list_item", None, "Recycle more"),
        ("list_item", None, "Clean streets"),
        ("list_item", None, "town centres first"),
        ("paragraph", None, "Contact the Performance Manager."),
    ]
    assert html_doc.blocks[-1].heading_path == (
        "Best Value Performance Plan 2004/05", "Street Scene", "What we will do",
    )
    assert all(b.page is None for b in html_doc.blocks)


def test_html_drops_scripts_styles_and_comments(html_doc: Document) -> None:
    text = html_doc.text()
    assert "document.write" not in text and "color: red" not in text
    assert "Workforce Matters" not in text


def test_html_table_spans_header_rows_caption_and_nesting(html_doc: Document) -> None:
    (table,) = html_doc.tables
    assert table.caption == "Table 1: Street scene"
    assert table.header_rows == 2
    assert table.rows == (
        ("Ref", "Indicator", "Targets", "", ""),
        ("", "", "2004/05", "2005/06", "2006/07"),
        ("BV 199a", "Litter and detritus", "16%", "14%", "12%"),
        ("BV 82a(i)", "Recycling", "18%", "20%", "22%"),
    )
    assert [t.rows for t in table.nested] == [(("inner",),)]
    assert table.heading_path == ("Best Value Performance Plan 2004/05", "Street Scene")


def test_html_in_windows_1252(tmp_path: Path) -> None:
    p = tmp_path / "old.htm"
    html = "<html><body><p>Cost per household \u00a342.00 \u2013 2004/05</p></body></html>"
    p.write_bytes(html.encode("cp1252"))
    doc = load(p)
    assert doc.blocks[0].text == "Cost per household \u00a342.00 \u2013 2004/05"


MARKDOWN = """# Best Value Performance Plan 2004/05

## 1. Our Performance

Recycling rose for the
third year running.

- Recycle more
- Clean streets
  in every town

| Ref | Indicator | 2003/04 Outturn | Target 2004/05 |
|-----|-----------|----------------:|----------------|
| BV 82a(i) | **Household waste** recycled | 14.2% | 16.0% |
| BV 12 | Sickness \\| absence | 9.1 | 8.5 |

Statement on Contracts
----------------------

The Council certifies compliance with the [Code of Practice](http://example.org) on Workforce Matters.
"""


def test_markdown_headings_lists_tables_and_inline_markup(tmp_path: Path) -> None:
    p = tmp_path / "plan.md"
    p.write_text(MARKDOWN, encoding="utf-8")
    doc = load(p)
    assert doc.format == "md" and doc.pages is None
    blocks = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert blocks == [
        ("heading", 1, "Best Value Performance Plan 2004/05"),
        ("heading", 2, "1. Our Performance"),
        ("paragraph", None, "Recycling rose for the third year running."),
        ("list_item", None, "Recycle more"),
        ("list_item", None, "Clean streets in every town"),
        ("heading", 2, "Statement on Contracts"),
        ("paragraph", None, "The Council certifies compliance with the Code of Practice on Workforce Matters."),  # noqa: E501
    ]
    (table,) = doc.tables
    assert table.header_rows == 1
    assert table.rows == (
        ("Ref", "Indicator", "2003/04 Outturn", "Target 2004/05"),
        ("BV 82a(i)", "Household waste recycled", "14.2%", "16.0%"),
        ("BV 12", "Sickness | absence", "9.1", "8.5"),
    )
    assert table.heading_path == ("Best Value Performance Plan 2004/05", "1. Our Performance")


def test_plain_text_heading_guesses_and_form_feed_pages(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_text(
        "BEST VALUE PERFORMANCE PLAN\n\n1. Introduction\n\nThis plan sets out our performance.\n\n"
        "1.1 Scope\n\n1.2 The plan covers all services.\n\f"
        "2. Performance\n\nBV 82a(i) rose to 14.2%.\n\n1 March 2004\n",
        encoding="utf-8",
    )
    doc = load(p)
    assert doc.format == "txt" and doc.pages == 2
    got = [(b.kind, b.level, b.text, b.page) for b in doc.blocks]
    assert got == [
        ("heading", 1, "BEST VALUE PERFORMANCE PLAN", 1),
        ("heading", 1, "1. Introduction", 1),
        ("paragraph", None, "This plan sets out our performance.", 1),
        ("heading", 2, "1.1 Scope", 1),
        ("paragraph", None, "1.2 The plan covers all services.", 1),
        ("heading", 1, "2. Performance", 2),
        ("paragraph", None, "BV 82a(i) rose to 14.2%.", 2),
        ("paragraph", None, "1 March 2004", 2),
    ]


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_bytes("\ufeffBest Value Performance Plan 2004/05\n\nTargets for 2005/06.\n".encode("utf-16-le"))
    doc = load(p)
    assert [b.text for b in doc.blocks] == ["Best Value Performance Plan 2004/05", "Targets for 2005/06."]


def _seed(name: str) -> Document:
    return load(SEEDS / name)


@needs_shared
def test_seed_huntingdonshire_numbered_caps_headings_and_bullets() -> None:
    doc = _seed("huntingdonshire-cabinet-bvpp-2004.md")
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert (1, "1. INTRODUCTION") in heads and (1, "2. BACKGROUND") in heads
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert any(t.startswith("◆ a brief summary") or t.startswith("a brief summary") for t in items) or any(
        "brief summary of the Council's strategic objectives" in t for t in items
    )
    text = doc.text()
    assert "7th April 2004" in text  # <sup> markup removed, words kept
    assert "**" not in text


@needs_shared
def test_seed_council_report_2007_sections_and_form_lines() -> None:
    doc = _seed("council-report-bvpp-2007.md")
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert heads[:3] == [(1, "1.0 Recommendations"), (1, "2.0 Purpose of Report"), (1, "3.0 Detail")]
    assert doc.blocks[0].kind == "paragraph"  # "REPORT TO:<tab>..." is a form line, not a heading
    outturn = next(b for b in doc.blocks if b.text.startswith("Outturn performance for 2006/07"))
    assert outturn.kind == "list_item"
    assert outturn.heading_path == ("3.0 Detail",)


@needs_shared
def test_seed_hertfordshire_markdown_levels() -> None:
    doc = _seed("hertfordshire-cabinet-draft-bvpp-2003.md")
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    marked = [
        (1, "HERTFORDSHIRE COUNTY COUNCIL"),
        (2, "DRAFT BEST VALUE PERFORMANCE PLAN"),
        (3, "1. Purpose of the report"),
    ]
    # The Markdown headings keep their levels, in order; the lines of the title block between them
    # ("CABINET", the meeting date) are blocks of their own.
    assert [h for h in heads if h in marked][:3] == marked
    assert any(b.text.startswith("authorities must certify") for b in doc.blocks if b.kind == "list_item")


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.md")) if SEEDS.is_dir() else [])
def test_every_seed_extracts_with_structure(name: str) -> None:
    doc = _seed(name)
    assert doc.format == "md"
    assert sum(1 for b in doc.blocks if b.kind == "heading") >= 1
    assert sum(1 for b in doc.blocks if b.kind == "paragraph") >= 2
    assert all(b.text.strip() == b.text and b.text for b in doc.blocks)
    assert not any(b.text in ("---", "***") for b in doc.blocks)
