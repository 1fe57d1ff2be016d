"""extract_pdf on real PDFs made with reportlab here, and on files from the shared corpus."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from plancheck.errors import ExtractionError, LimitExceeded, NeedsPassword
from plancheck.extract import ExtractOptions, load
from plancheck.model import Document, Table
from tests.conftest import WILD, needs_shared, pdf_bytes

Draw = Callable[[Canvas], None]
W, H = A4


def make_pdf(
    path: Path, pages: list[Draw], *, pagesize: tuple[float, float] = A4, **canvas_kw: object
) -> Path:
    c = Canvas(str(path), pagesize=pagesize, **canvas_kw)  # type: ignore[arg-type]
    c.setTitle("Borsetshire Best Value Performance Plan 2004/05")
    c.setAuthor("Borsetshire District Council")
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return path


def lines(c: Canvas, x: float, y: float, texts: list[str], size: float = 10, font: str = "Helvetica") -> None:
    c.setFont(font, size)
    for i, t in enumerate(texts):
        c.drawString(x, y - i * size * 1.3, t)


BVPI_ROWS = [
    ("Ref", "Indicator", "2003/04", "2004/05"),
    ("BV 8", "Invoices paid on time", "94.2%", "96.0%"),
    ("BV 9", "Council tax collected", "97.1%", "97.5%"),
    ("BV 12", "Working days lost", "9.8", "9.0"),
    ("BV 82a", "Household waste recycled", "14.5%", "18.0%"),
    ("BV 199a", "Litter and detritus", "21%", "18%"),
]


def draw_unruled_table(c: Canvas) -> None:
    lines(c, 50, H - 60, ["Performance Indicators"], size=18, font="Helvetica-Bold")
    lines(c, 50, H - 95, ["The table below shows our performance against the national indicators."])
    for r, row in enumerate(BVPI_ROWS):
        font = "Helvetica-Bold" if r == 0 else "Helvetica"
        for text, x in zip(row, (50, 120, 330, 430), strict=True):
            c.setFont(font, 10)
            c.drawString(x, H - 130 - r * 16, text)


def test_unruled_aligned_table_is_found_with_its_header(tmp_path: Path) -> None:
    doc = load(make_pdf(tmp_path / "unruled.pdf", [draw_unruled_table]))
    (table,) = doc.tables
    assert table.rows == tuple(BVPI_ROWS)
    assert table.header_rows == 1
    assert table.pages == (1,) and table.row_pages == (1,) * len(BVPI_ROWS)
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Performance Indicators"
    assert table.heading_path == ("Performance Indicators",)


LEFT = [
    "The Council agreed a new strategy for waste",
    "collection in 2003 and the recycling rate has",
    "risen every quarter since then, helped by the",
    "kerbside scheme now reaching every household.",
    "We will extend garden waste collection next",
    "year and report progress to the Scrutiny panel.",
]
RIGHT = [
    "Housing benefit claims are now processed in",
    "an average of thirty days, against a target of",
    "thirty five, after the service was redesigned",
    "with the help of the Best Value review team.",
    "We aim to reduce this further by introducing",
    "electronic claim forms in the coming year.",
]


def draw_two_columns(c: Canvas) -> None:
    lines(c, 50, H - 60, ["Service Review Highlights"], size=18, font="Helvetica-Bold")
    lines(c, 50, H - 100, LEFT)
    lines(c, 310, H - 100, RIGHT)


def test_two_column_prose_is_not_a_table_and_reads_column_by_column(tmp_path: Path) -> None:
    doc = load(make_pdf(tmp_path / "columns.pdf", [draw_two_columns]))
    assert doc.tables == ()
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [" ".join(LEFT), " ".join(RIGHT)]


def test_table_over_two_pages_with_repeated_header_is_one_table(tmp_path: Path) -> None:
    header = ["Ref", "Indicator", "Outturn", "Target"]
    body = [[f"BV {i}", f"Indicator number {i}", f"{i}.0%", f"{i + 1}.0%"] for i in range(1, 61)]
    path = tmp_path / "split.pdf"
    styles = getSampleStyleSheet()
    table = RLTable([header, *body], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))  # fmt: skip
    story = [Paragraph("Performance by service", styles["Heading1"])]
    story += [Paragraph("Narrative about the service. " * 12, styles["BodyText"]) for _ in range(5)]
    story += [Spacer(1, 12), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    doc = load(path)
    (got,) = doc.tables
    assert [list(r) for r in got.rows] == [header, *body]  # the repeated header is gone
    assert got.header_rows == 1
    # Each row's page is the page whose text (read by PDFium directly) holds it.
    pdf = pdfium.PdfDocument(path)
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    expected = [next(n + 1 for n, t in enumerate(texts) if re.search(rf"\b{row[1]}\b", t)) for row in body]
    assert list(got.row_pages[1:]) == expected
    assert got.pages == tuple(sorted(set(expected))) and len(got.pages) >= 2


def test_running_headers_and_footers_become_furniture(tmp_path: Path) -> None:
    def page(n: int) -> Draw:
        def draw(c: Canvas) -> None:
            lines(
                c, 50, H - 30, ["Borsetshire District Council - Best Value Performance Plan 2004/05"], size=8
            )
            lines(c, 50, H - 120, [f"Body text of page {n} about council services and targets."])
            lines(c, 260, 25, [f"Page {n} of 3"], size=8)

        return draw

    doc = load(make_pdf(tmp_path / "furniture.pdf", [page(1), page(2), page(3)]))
    assert {(b.region, b.page) for b in doc.furniture} == {
        (r, p) for r in ("header", "footer") for p in (1, 2, 3)
    }
    assert "Page 2 of 3" in {b.text for b in doc.furniture}
    assert all(b.region == "body" for b in doc.blocks)
    assert [b.text for b in doc.blocks] == [
        f"Body text of page {n} about council services and targets." for n in (1, 2, 3)
    ]


def test_heading_levels_follow_font_size(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        lines(c, 50, H - 60, ["Best Value Performance Plan"], size=26, font="Helvetica-Bold")
        y = H - 110
        for section, subs in (
            ("1. Introduction", ["1.1 Purpose", "1.2 Scope"]),
            ("2. Objectives", ["2.1 Housing"]),
        ):
            lines(c, 50, y, [section], size=16, font="Helvetica-Bold")
            y -= 30
            for sub in subs:
                lines(c, 50, y, [sub], size=13, font="Helvetica-Bold")
                lines(c, 50, y - 20, ["Ordinary body text about this topic, in the body size."])
                y -= 50

    doc = load(make_pdf(tmp_path / "headings.pdf", [draw]))
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Best Value Performance Plan", 1), ("1. Introduction", 1), ("1.1 Purpose", 2),
                     ("1.2 Scope", 2), ("2. Objectives", 1), ("2.1 Housing", 2)]  # fmt: skip
    last = doc.blocks[-1]
    assert last.kind == "paragraph" and last.heading_path == ("2. Objectives", "2.1 Housing")


def _ruled_table(c: Canvas, rows: list[tuple[str, ...]], x: float, y: float) -> None:
    widths = [60, 150, 70, 70]
    for r, row in enumerate(rows):
        cx = x
        for text, w in zip(row, widths, strict=True):
            c.rect(cx, y - (r + 1) * 18, w, 18)
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
            c.drawString(cx + 3, y - (r + 1) * 18 + 5, text)
            cx += w


def test_sideways_table_on_a_portrait_page_reads_across(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        c.saveState()
        c.translate(W - 60, 60)
        c.rotate(90)  # a landscape table set sideways: text runs up the page
        _ruled_table(c, BVPI_ROWS, 0, 0)
        c.restoreState()

    doc = load(make_pdf(tmp_path / "sideways.pdf", [draw]))
    (table,) = doc.tables
    assert table.rows == tuple(BVPI_ROWS)


def test_rotate_attribute_page_reads_like_the_plain_page(tmp_path: Path) -> None:
    def plain(c: Canvas) -> None:
        _ruled_table(c, BVPI_ROWS, 50, 500)
        lines(c, 50, 300, ["A note below the table."])

    def turned(c: Canvas) -> None:
        plain(c)
        c.setPageRotation(90)

    a = load(make_pdf(tmp_path / "plain.pdf", [plain], pagesize=landscape(A4)))
    b = load(make_pdf(tmp_path / "turned.pdf", [turned], pagesize=landscape(A4)))
    assert a.tables[0].rows == tuple(BVPI_ROWS)
    assert [t.rows for t in a.tables] == [t.rows for t in b.tables]
    assert [(x.kind, x.text) for x in a.blocks] == [(x.kind, x.text) for x in b.blocks]


@needs_shared
def test_shared_rotated_nics_file_matches_the_unrotated_one() -> None:
    a = load(WILD / "pdf" / "nics-background-checks-2015-11.pdf")
    b = load(WILD / "pdf" / "nics-background-checks-2015-11-rotated.pdf")
    assert a.tables and [t.rows for t in a.tables] == [t.rows for t in b.tables]
    assert a.text() == b.text()
    # Ruled every five states, as pdfplumber reads it too.
    assert a.tables[0].rows[2][0] == "Alabama Alaska Arizona Arkansas California"


@needs_shared
def test_encrypted_pdf_needs_the_right_password() -> None:
    path = WILD / "pdf" / "password-example.pdf"
    with pytest.raises(NeedsPassword, match=r"encrypted: a password is needed \(--password\)$"):
        load(path)
    with pytest.raises(NeedsPassword, match="wrong"):
        load(path, ExtractOptions(password="nope"))
    doc = load(path, ExtractOptions(password="test"))
    assert doc.pages == 4 and "Backup4all" in doc.text()


def test_reportlab_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", [draw_unruled_table], encrypt="s3cret")
    with pytest.raises(NeedsPassword):
        load(path)
    assert load(path, ExtractOptions(password="s3cret")).tables[0].rows == tuple(BVPI_ROWS)


def _image_only_pdf(tmp_path: Path) -> Path:
    """A scan-like PDF: a rendered picture of text and no text layer."""
    words = ["Best Value Performance Plan", "Borsetshire District Council"]
    text_pdf = make_pdf(tmp_path / "text.pdf", [lambda c: lines(c, 60, H - 120, words, size=28)])
    pdf = pdfium.PdfDocument(text_pdf)
    png = tmp_path / "page.png"
    pdf[0].render(scale=300 / 72).to_pil().convert("L").save(png)
    pdf.close()
    return make_pdf(tmp_path / "scan.pdf", [lambda c: c.drawImage(str(png), 0, 0, W, H)])


def test_image_only_pdf_says_ocr_is_needed(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match=r"no text layer: OCR needed \(--ocr\)$"):
        load(_image_only_pdf(tmp_path))


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("ocrmypdf") is None, reason="ocrmypdf not installed: apt-get install ocrmypdf tesseract-ocr"
)
def test_image_only_pdf_is_read_with_ocr(tmp_path: Path) -> None:
    doc = load(_image_only_pdf(tmp_path), ExtractOptions(ocr=True))
    assert "Best Value Performance Plan" in doc.text()
    assert doc.warnings == (
        "1 page(s) were read by OCR (first: page 1): their text may hold recognition errors",
    )
    assert doc.blocks[0].page == 1


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("ocrmypdf") is None, reason="ocrmypdf not installed: apt-get install ocrmypdf tesseract-ocr"
)
def test_ocr_reads_only_the_scanned_pages_of_a_typed_plan(tmp_path: Path) -> None:
    scan = pdfium.PdfDocument(_image_only_pdf(tmp_path))
    png = tmp_path / "appendix.png"
    scan[0].render(scale=1).to_pil().save(png)  # already a 300 dpi picture: drawn back at page size
    scan.close()
    typed = ["Section 1: our priorities for improvement", "Invoices paid on time 94.2%"]
    mixed = make_pdf(
        tmp_path / "mixed.pdf",
        [lambda c: lines(c, 60, H - 80, typed), lambda c: c.drawImage(str(png), 0, 0, W, H)],
    )
    without = load(mixed)
    assert without.warnings == ("1 page(s) are images with no text layer (first: page 2); see --ocr",)
    doc = load(mixed, ExtractOptions(ocr=True))
    assert doc.warnings == (
        "1 page(s) were read by OCR (first: page 2): their text may hold recognition errors",
    )
    assert [b.text for b in doc.blocks if b.page == 1] == [b.text for b in without.blocks]  # typed text kept
    assert any("Best Value Performance Plan" in b.text for b in doc.blocks if b.page == 2)
    with pytest.raises(
        LimitExceeded, match=r"2 pages need OCR \(images, or .*\), over the limit of 1 page \(--limit max-ocr"
    ):
        load(make_pdf(tmp_path / "two.pdf", [lambda c: c.drawImage(str(png), 0, 0, W, H)] * 2),
             ExtractOptions(ocr=True, max_ocr_pages=1))  # fmt: skip


def test_page_limit_names_the_count_and_the_limit(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "three.pdf", [draw_two_columns] * 3)
    with pytest.raises(
        LimitExceeded, match=r"has 3 pages, over the limit of 2 pages \(--max-pages; limits.max-pages\)"
    ):
        load(path, ExtractOptions(max_pages=2))


def test_truncated_pdf_gives_a_one_line_reason_or_what_survives(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", [draw_unruled_table, draw_two_columns]).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    try:
        doc = load(cut)
    except ExtractionError as e:
        assert "\n" not in str(e) and str(cut) in str(e)
    else:
        assert isinstance(doc, Document)


def test_metadata_and_page_count(tmp_path: Path) -> None:
    doc = load(make_pdf(tmp_path / "meta.pdf", [draw_unruled_table, draw_two_columns]))
    assert doc.pages == 2 and doc.format == "pdf"
    assert doc.metadata["title"] == "Borsetshire Best Value Performance Plan 2004/05"
    assert doc.metadata["author"] == "Borsetshire District Council"
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", doc.metadata["created"] or "")
    assert all(isinstance(t, Table) for t in doc.tables)


def test_a_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    scan = _image_only_pdf(tmp_path)
    png = tmp_path / "page.png"  # left by _image_only_pdf
    assert scan.is_file()
    path = make_pdf(tmp_path / "mixed.pdf", [draw_unruled_table, lambda c: c.drawImage(str(png), 0, 0, W, H)])
    doc = load(path)
    assert doc.tables[0].rows == tuple(BVPI_ROWS)
    assert any("no text layer (first: page 2)" in w for w in doc.warnings)


def test_a_dense_grid_of_lines_is_not_searched_for_tables_and_says_so(tmp_path: Path) -> None:
    def grid(c: Canvas) -> None:
        for i in range(121):  # 121 x 121 ruling lines: a drawing, not a table to search
            c.line(20, 20 + i * 6, 740, 20 + i * 6)
            c.line(20 + i * 6, 20, 20 + i * 6, 740)
        lines(c, 30, 780, ["Site plan of the depot"])

    doc = load(make_pdf(tmp_path / "grid.pdf", [grid], pagesize=(800, 800)))
    assert doc.tables == ()
    (warning,) = doc.warnings
    assert warning.startswith("page 1 has 14,641 ruling-line crossings, over the limit of 8,000 crossings")
    assert "max-ruling-crossings" in warning and warning.endswith("it was not searched for ruled tables")
    assert "Site plan of the depot" in doc.text()


PROSE_TEXT = (
    "The Council has continued to improve the way it manages its services and has set demanding "
    "targets for the coming year in each of its priority areas, working with partners across the "
    "district to deliver better outcomes for residents and for local businesses alike."
)
PROSE = PROSE_TEXT.split(" ")


def _column(words: list[str], width: int = 34) -> list[str]:
    out, line = [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*out, line]


def test_three_column_prose_is_not_a_table_and_reads_column_by_column(tmp_path: Path) -> None:
    columns = [_column(PROSE[k:] + PROSE[:k]) for k in (0, 7, 14)]

    def draw(c: Canvas) -> None:
        for n, col in enumerate(columns):
            lines(c, 40 + n * 180, H - 80, col, size=9)

    doc = load(make_pdf(tmp_path / "three.pdf", [draw]))
    assert doc.tables == ()
    assert [b.text for b in doc.blocks] == [" ".join(col) for col in columns]


def test_a_sideways_margin_stamp_is_left_out_of_the_text(tmp_path: Path) -> None:
    body = _column(PROSE, 80)

    def draw(c: Canvas) -> None:
        lines(c, 60, H - 100, body)
        c.saveState()
        c.translate(20, 300)
        c.rotate(90)
        c.setFont("Helvetica", 7)
        c.drawString(0, 0, "VerDate Sep 2020")
        c.restoreState()

    doc = load(make_pdf(tmp_path / "stamp.pdf", [draw]))
    assert [b.text for b in doc.blocks] == [" ".join(body)]


def test_a_table_takes_the_caption_line_above_it(tmp_path: Path) -> None:
    def draw(c: Canvas) -> None:
        lines(c, 50, H - 100, ["Table 3: Waste and street scene indicators"], size=9, font="Helvetica-Bold")
        _ruled_table(c, BVPI_ROWS, 50, H - 110)

    doc = load(make_pdf(tmp_path / "caption.pdf", [draw]))
    (table,) = doc.tables
    assert table.caption == "Table 3: Waste and street scene indicators"
    assert table.rows == tuple(BVPI_ROWS)


def _shift(text: str) -> str:
    return "".join(chr(ord(ch) + 1) if ch.isalpha() else ch for ch in text)


def unmapped_font_pdf(path: Path, *, readable_first_page: bool) -> Path:
    """Pages in a font whose glyph names PDFium cannot map: it returns the codes, which spell nothing.

    That is what a 2000s PDF with a custom-encoded font and no ToUnicode map gives a text extractor.
    """
    prose = PROSE_TEXT + " " + PROSE_TEXT
    words = prose.split()
    lines_ = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]

    def content(font: bytes, texts: list[str]) -> bytes:
        ops = [b"BT /%s 11 Tf 14 TL 60 780 Td" % font]
        ops += [b"(%s) Tj T*" % t.encode("latin-1") for t in texts]
        return b"\n".join([*ops, b"ET"])

    pages = [content(b"F2", lines_)] if readable_first_page else []
    pages.append(content(b"F1", [_shift(t) for t in lines_]))
    names = b" ".join(b"/g%d" % c for c in range(33, 127))
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), kids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/Differences [33 %s] >> >>" % names,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (6 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    path.write_bytes(pdf_bytes(objects))
    return path


def test_a_text_layer_that_spells_nothing_is_said_not_searched(tmp_path: Path) -> None:
    mixed = load(unmapped_font_pdf(tmp_path / "mixed.pdf", readable_first_page=True))
    (warning,) = mixed.warnings
    assert warning.startswith(
        "1 page(s) have a text layer that does not read as text, left out (first: page 2)"
    )
    assert {b.page for b in mixed.blocks} == {1}
    assert "The Council has continued to improve" in mixed.text()
    with pytest.raises(
        ExtractionError, match=r"does not read as text \(fonts without a Unicode map\?\): OCR needed"
    ):
        load(unmapped_font_pdf(tmp_path / "all.pdf", readable_first_page=False))


@pytest.mark.parametrize("path", sorted(WILD.glob("pdf/*.pdf")), ids=lambda p: p.name)
def test_no_wild_page_with_real_text_is_called_unmapped(path: Path) -> None:
    try:
        doc = load(path)
    except ExtractionError:
        return  # damaged, empty, encrypted or image-only: their own tests cover the reason
    assert not any("does not read as text" in w for w in doc.warnings), doc.warnings
