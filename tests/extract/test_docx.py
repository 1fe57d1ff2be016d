"""The DOCX extractor on files made with python-docx: order, merges, nesting, headings, furniture, pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import load
from plancheck.model import Block, Table


def _save(d: docx.document.Document, tmp_path: Path, name: str = "plan.docx") -> Path:
    p = tmp_path / name
    d.save(str(p))
    return p


def _mark_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def test_body_order_interleaves_paragraphs_and_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("First paragraph")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "A", "B"
    d.add_paragraph("Between the tables")
    t2 = d.add_table(rows=1, cols=1)
    t2.cell(0, 0).text = "C"
    d.add_paragraph("Last paragraph")
    doc = load(_save(d, tmp_path))
    kinds = [(type(i).__name__, i.text if isinstance(i, Block) else i.rows) for i in doc.items]
    assert kinds == [
        ("Block", "First paragraph"),
        ("Table", (("A", "B"),)),
        ("Block", "Between the tables"),
        ("Table", (("C",),)),
        ("Block", "Last paragraph"),
    ]
    assert doc.format == "docx" and doc.pages is None


def test_merged_cells_appear_once_in_their_first_column(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Ref"  # vertical merge
    t.cell(0, 1).merge(t.cell(1, 1)).text = "Outturn 2003/04"
    t.cell(0, 2).merge(t.cell(0, 4)).text = "Targets"  # "Targets" over three year columns
    for c, year in zip((2, 3, 4), ("2004/05", "2005/06", "2006/07"), strict=True):
        t.cell(1, c).text = year
    for c, v in enumerate(("BV 82a(i)", "14.2%", "16%", "18%", "20%")):
        t.cell(2, c).text = v
    table = load(_save(d, tmp_path)).tables[0]
    assert table.rows == (
        ("Ref", "Outturn 2003/04", "Targets", "", ""),
        ("", "", "2004/05", "2005/06", "2006/07"),
        ("BV 82a(i)", "14.2%", "16%", "18%", "20%"),
    )
    assert {len(r) for r in table.rows} == {5}


def test_nested_tables_are_kept_under_their_parent(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Housing"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, row in enumerate((("BV 212", "28 days"), ("BV 183a", "4 weeks"))):
        for c, v in enumerate(row):
            inner.cell(r, c).text = v
    doc = load(_save(d, tmp_path))
    assert len(doc.tables) == 1
    parent = doc.tables[0]
    assert parent.rows[0][0] == "Housing"
    assert "BV 212" not in parent.rows[0][1]  # the nested table's text is not repeated in the cell
    assert [t.rows for t in parent.nested] == [(("BV 212", "28 days"), ("BV 183a", "4 weeks"))]
    assert len(doc.all_tables()) == 2


def test_header_rows_from_tblheader_and_from_bold_rows(tmp_path: Path) -> None:
    d = docx.Document()
    marked = d.add_table(rows=3, cols=2)
    for r in range(2):
        _mark_header(marked.rows[r])
    for r in range(3):
        marked.cell(r, 0).text = f"r{r}"
    d.add_paragraph("gap")
    bold = d.add_table(rows=3, cols=2)
    for c, h in enumerate(("Ref", "Indicator")):
        bold.cell(0, c).paragraphs[0].add_run(h).bold = True
    bold.cell(1, 0).text, bold.cell(2, 0).text = "BV 8", "BV 9"
    d.add_paragraph("gap")
    plain = d.add_table(rows=2, cols=1)
    plain.cell(0, 0).text, plain.cell(1, 0).text = "x", "y"
    t1, t2, t3 = load(_save(d, tmp_path)).tables
    assert (t1.header_rows, t2.header_rows, t3.header_rows) == (2, 1, 0)
    assert t2.header == (("Ref", "Indicator"),)


def test_caption_paragraph_before_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Table 4: Housing indicators", style="Caption")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "BV 64"
    d.add_paragraph("Not a caption")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "BV 66a"
    t1, t2 = load(_save(d, tmp_path)).tables
    assert t1.caption == "Table 4: Housing indicators"
    assert t2.caption is None


def test_heading_levels_from_styles_title_and_outline_levels(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Best Value Performance Plan 2004/05", style="Title")
    d.add_heading("1. Our Performance", level=1)
    d.add_heading("1.1 Waste", level=2)
    d.add_heading("1.1.1 Recycling", level=3)
    # A custom style whose paragraph properties carry an outline level (Word's "Level 2" in the style).
    style = d.styles.add_style("Council Section", 1)
    p_pr = style.element.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "1")
    p_pr.append(lvl)
    d.add_paragraph("2.1 Planning", style="Council Section")
    # Direct outline level on a Normal paragraph.
    p = d.add_paragraph("3. Finance")
    lvl0 = OxmlElement("w:outlineLvl")
    lvl0.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(lvl0)
    d.add_paragraph("Body text under finance")
    doc = load(_save(d, tmp_path))
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [
        ("Best Value Performance Plan 2004/05", 1),
        ("1. Our Performance", 1),
        ("1.1 Waste", 2),
        ("1.1.1 Recycling", 3),
        ("2.1 Planning", 2),
        ("3. Finance", 1),
    ]
    body = doc.blocks[-1]
    assert body.kind == "paragraph" and body.heading_path == ("3. Finance",)
    recycling = next(b for b in doc.blocks if b.text == "1.1.1 Recycling")
    assert recycling.heading_path == ("1. Our Performance", "1.1 Waste")


def test_list_items_from_list_styles_and_numbering(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Recycle more", style="List Bullet")
    d.add_paragraph("Reduce crime", style="List Number")
    p = d.add_paragraph("Directly numbered")
    num_pr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num_pr.append(el)
    p._p.get_or_add_pPr().append(num_pr)
    d.add_paragraph("Plain")
    kinds = [(b.text, b.kind) for b in load(_save(d, tmp_path)).blocks]
    assert kinds == [
        ("Recycle more", "list_item"),
        ("Reduce crime", "list_item"),
        ("Directly numbered", "list_item"),
        ("Plain", "paragraph"),
    ]


def test_headers_and_footers_of_every_section_are_furniture(tmp_path: Path) -> None:
    d = docx.Document()
    s1 = d.sections[0]
    s1.header.paragraphs[0].text = "Borsetshire District Council"
    s1.footer.paragraphs[0].text = "Best Value Performance Plan 2004/05"
    s1.different_first_page_header_footer = True
    s1.first_page_header.paragraphs[0].text = "Cover header"
    d.add_paragraph("Body one")
    s2 = d.add_section(WD_SECTION.NEW_PAGE)
    s2.header.is_linked_to_previous = False
    s2.header.paragraphs[0].text = "Appendix A: performance indicators"
    d.add_paragraph("Body two")
    doc = load(_save(d, tmp_path))
    furniture = {(b.region, b.text) for b in doc.furniture}
    assert furniture == {
        ("header", "Cover header"),
        ("header", "Borsetshire District Council"),
        ("footer", "Best Value Performance Plan 2004/05"),
        ("header", "Appendix A: performance indicators"),
    }
    assert [b.text for b in doc.blocks] == ["Body one", "Body two"]


def _rendered_break(paragraph: object) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))


def test_pages_from_rendered_and_explicit_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Page one")
    p2 = d.add_paragraph()
    _rendered_break(p2)  # Word's mark where it broke the page
    p2.add_run("Page two starts mid-flow")
    p3 = d.add_paragraph("End of page two")
    p3.add_run().add_break(WD_BREAK.PAGE)
    p4 = d.add_paragraph()
    _rendered_break(p4)  # Word marks the page after a hard break too: count it once
    p4.add_run("Page three")
    t = d.add_table(rows=2, cols=1)
    t.cell(0, 0).text = "row on page three"
    cell_p = t.cell(1, 0).paragraphs[0]
    _rendered_break(cell_p)
    cell_p.add_run("row on page four")
    doc = load(_save(d, tmp_path))
    pages = {b.text: b.page for b in doc.blocks}
    assert pages == {"Page one": 1, "Page two starts mid-flow": 2, "End of page two": 2, "Page three": 3}
    assert doc.tables[0].row_pages == (3, 4)
    assert doc.tables[0].pages == (3, 4)
    assert doc.pages == 4


def test_explicit_breaks_alone_give_no_pages(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("One").add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Two")
    doc = load(_save(d, tmp_path))
    assert [b.page for b in doc.blocks] == [None, None]
    assert doc.pages is None


def test_metadata_from_core_properties(tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Best Value Performance Plan 2004/05"
    d.core_properties.author = "Borsetshire District Council"
    d.add_paragraph("x")
    meta = load(_save(d, tmp_path)).metadata
    assert meta["title"] == "Best Value Performance Plan 2004/05"
    assert meta["author"] == "Borsetshire District Council"
    assert meta["created"] and meta["created"][:4].isdigit()


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.pop(item.filename, zin.read(item.filename)))
        for name, data in replace.items():
            zout.writestr(name, data)
    return dst


def test_zip_bomb_is_refused_with_a_reason(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    src = _save(d, tmp_path, "src.docx")
    bomb = _rezip(src, tmp_path / "bomb.docx", {"word/media/padding.bin": b"\0" * 30_000_000})
    with pytest.raises(
        LimitExceeded,
        match=r"bomb\.docx: part word/media/padding\.bin is compressed .*zip bomb.*max-compression-ratio",
    ):
        load(bomb)


def test_xml_with_a_dtd_is_refused(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    src = _save(d, tmp_path, "src.docx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml")
    lol = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    evil = xml.replace(b"?>", b"?>" + lol, 1)
    bad = _rezip(src, tmp_path / "evil.docx", {"word/document.xml": evil})
    with pytest.raises(ExtractionError, match=r"word/document\.xml declares a DTD"):
        load(bad)


def test_truncated_docx_names_the_damage(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x" * 5000)
    data = _save(d, tmp_path, "src.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractionError, match=r"cut\.docx: damaged zip container"):
        load(cut)


def test_zip_without_word_part_is_not_a_plan(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    p = tmp_path / "notes.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(ExtractionError, match="not a supported format"):
        load(p)


def test_table_cells_keep_multiple_paragraphs(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=1)
    t.cell(0, 0).text = "Below target."
    t.cell(0, 0).add_paragraph("See the improvement plan.")
    table: Table = load(_save(d, tmp_path)).tables[0]
    assert table.rows == (("Below target.\nSee the improvement plan.",),)


def test_bold_paragraphs_typed_as_headings(tmp_path: Path) -> None:
    from docx.shared import Pt

    d = docx.Document()
    big = d.add_paragraph().add_run("PART 1: SETTING THE SCENE")
    big.bold, big.font.size = True, Pt(16)
    d.add_paragraph().add_run("Waste Management").bold = True
    d.add_paragraph("Recycling rose to 18%.")
    d.add_paragraph().add_run("A whole bold sentence is emphasis, not a heading.").bold = True
    mixed = d.add_paragraph()
    mixed.add_run("Partly bold").bold = True
    mixed.add_run(" text")
    d.add_paragraph().add_run("Table 2: Housing").bold = True  # a caption, not a heading
    t = d.add_table(rows=2, cols=1)
    t.cell(0, 0).paragraphs[0].add_run("Ref").bold = True  # a bold label inside a table
    t.cell(1, 0).text = "BV 64"
    doc = load(_save(d, tmp_path))
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 1, "PART 1: SETTING THE SCENE"),
        ("heading", 3, "Waste Management"),
        ("paragraph", None, "Recycling rose to 18%."),
        ("paragraph", None, "A whole bold sentence is emphasis, not a heading."),
        ("paragraph", None, "Partly bold text"),
        ("paragraph", None, "Table 2: Housing"),
    ]
    assert doc.blocks[2].heading_path == ("PART 1: SETTING THE SCENE", "Waste Management")
    assert doc.tables[0].caption == "Table 2: Housing" and doc.tables[0].header_rows == 1
