"""Every limit: declared once, settable by option and config key, and when hit a reason naming it.

Each limit is hit with a real file (python-docx, reportlab, hand-built PDF bytes, HTML) set just
below what the file needs, and the same file is read whole at the default.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as RLTable

from plancheck.engine import check_path
from plancheck.errors import ConfigError, LimitExceeded
from plancheck.extract import ExtractOptions, limit_specs, load
from plancheck.settings_file import build_settings, parse_settings
from tests.conftest import FIXTURES, pdf_bytes
from tests.extract.test_docx import _rezip, _save
from tests.extract.test_pdf_extract import BVPI_ROWS, make_pdf

EXAMPLE_PDF = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"
SPECS = limit_specs()


# -- declared once, set from the command line and the configuration file --------------------


@pytest.mark.parametrize("name", list(SPECS))
def test_every_limit_is_set_by_its_key_on_the_command_line_and_in_config(name: str) -> None:
    spec = SPECS[name]
    value = int(spec.minimum) + 7
    settings = build_settings(None, None, limits=[(name, value)])
    assert getattr(settings.extract, name) == value
    from_file = parse_settings({"limits": {spec.key: value}}, "plancheck.toml")
    assert getattr(from_file.extract, name) == value
    with pytest.raises(ConfigError, match=rf"limits\.{spec.key}: .* out of range"):
        parse_settings({"limits": {spec.key: spec.minimum - 1}}, "plancheck.toml")
    assert spec.why and spec.bounds and spec.hit


def test_limit_option_through_the_cli_rejects_unknown_keys_with_the_list(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plancheck", "check", str(EXAMPLE_PDF), "--limit", "max-widgets=3"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "max-widgets=3" in done.stderr and "max-table-cells" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dedicated_flag_wins_over_the_generic_limit_option() -> None:
    settings = build_settings(None, None, limits=[("max_pages", 10)], max_pages=20)
    assert settings.extract.max_pages == 20


# -- the file as a whole -----------------------------------------------------------------------


def test_file_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Best Value Performance Plan\n" + "x" * (2 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(LimitExceeded, match=r"the file is 2\.0 MB, over the limit of 1 MB .*max-file-mb"):
        load(big, ExtractOptions(max_file_mb=1))
    assert load(big, ExtractOptions()).format == "txt"


# -- Word packages -----------------------------------------------------------------------------


def _plan_docx(tmp_path: Path, paragraphs: int = 3) -> Path:
    d = docx.Document()
    d.add_heading("Best Value Performance Plan 2004/05", 1)
    for i in range(paragraphs):
        d.add_paragraph(f"Paragraph {i}: the Council's priorities for improvement are set out below.")
    return _save(d, tmp_path)


def test_zip_entry_count_limit(tmp_path: Path) -> None:
    path = _plan_docx(tmp_path)
    with pytest.raises(LimitExceeded, match=r"the zip package has \d+ parts, over the limit of 3 entries"):
        load(path, ExtractOptions(max_zip_entries=3))
    assert load(path).format == "docx"


def test_unzipped_size_limit(tmp_path: Path) -> None:
    src = _plan_docx(tmp_path)
    padded = _rezip(src, tmp_path / "padded.docx", {"word/media/image1.png": bytes(range(256)) * 8192})
    with pytest.raises(
        LimitExceeded, match=r"decompresses to \d MB, over the limit of 1 MB .*max-unzipped-mb"
    ):
        load(padded, ExtractOptions(max_unzipped_mb=1))
    assert load(padded).format == "docx"


def test_xml_part_size_limit(tmp_path: Path) -> None:
    path = _plan_docx(tmp_path, paragraphs=12000)
    with pytest.raises(LimitExceeded, match=r"part word/document\.xml decompresses to .* MB, .*max-xml-mb"):
        load(path, ExtractOptions(max_xml_mb=1))
    assert len(load(path).blocks) > 12000


def _nested_tables_docx(tmp_path: Path, depth: int) -> Path:
    d = docx.Document()
    d.add_heading("Best Value Performance Plan 2004/05", 1)
    table = d.add_table(rows=1, cols=1)
    for level in range(depth - 1):
        cell = table.cell(0, 0)
        cell.paragraphs[0].text = f"level {level}"
        table = cell.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].text = "innermost"
    return _save(d, tmp_path)


def test_nesting_limit_in_word(tmp_path: Path) -> None:
    path = _nested_tables_docx(tmp_path, depth=6)
    with pytest.raises(
        LimitExceeded, match=r"nested more than 4 deep, over the limit of 4 levels .*max-nesting"
    ):
        load(path, ExtractOptions(max_nesting=4))
    assert "innermost" in json.dumps(load(path).to_dict())


def test_table_cell_limit_in_word_cuts_the_table_and_says_so(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Performance indicators", 1)
    table = d.add_table(rows=60, cols=5)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"BV {r}" if c == 0 else f"{r}.{c}"
    path = _save(d, tmp_path)
    doc = load(path, ExtractOptions(max_table_cells=100))
    (cut,) = doc.tables
    assert len(cut.rows) == 21  # the row that passed 100 cells is the last one read
    (warning,) = doc.warnings
    assert "over the limit of 100 cells" in warning and "only its first 21 of 60 rows are read" in warning
    assert len(load(path).tables[0].rows) == 60


# -- HTML --------------------------------------------------------------------------------------


def test_nesting_and_cell_limits_in_html(tmp_path: Path) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text("<h1>Plan</h1>" + "<table><tr><td>" * 10 + "deep" + "</td></tr></table>" * 10)
    with pytest.raises(LimitExceeded, match=r"nested more than 5 deep.*max-nesting"):
        load(nested, ExtractOptions(max_nesting=5))
    assert "deep" in json.dumps(load(nested).to_dict())
    wide = tmp_path / "wide.html"
    rows = "".join(f"<tr>{''.join(f'<td>{r}.{c}</td>' for c in range(10))}</tr>" for r in range(50))
    wide.write_text(f"<h1>Indicators</h1><table>{rows}</table>")
    doc = load(wide, ExtractOptions(max_table_cells=200))
    assert len(doc.tables[0].rows) == 21
    assert "max-table-cells" in doc.warnings[0]


# -- PDF ---------------------------------------------------------------------------------------


def test_page_char_limit_skips_the_page_and_the_check_says_so() -> None:
    options = ExtractOptions(max_page_chars=3500)
    doc = load(EXAMPLE_PDF, options)
    skipped = [w for w in doc.warnings if "max-page-chars" in w]
    assert skipped and all(w.endswith("the page was skipped") for w in skipped)
    full = load(EXAMPLE_PDF)
    assert full.warnings == () and len(full.text()) > len(doc.text())
    report = check_path(EXAMPLE_PDF, build_settings(None, None, limits=[("max_page_chars", 3500)]))
    pc004 = [f for f in report.findings if f.rule == "PC004"]
    assert len(pc004) == len(skipped) and all(f.location.page for f in pc004)
    # Every absence carries the caveat in the requirement itself, where an auditor reads the verdict.
    tighter = check_path(EXAMPLE_PDF, build_settings(None, None, limits=[("max_page_chars", 2500)]))
    absent = [q for q in tighter.requirements if q.status in ("missing", "partial")]
    assert absent and all("not read (see PC004)" in q.detail for q in absent)
    assert not any("PC004" in q.detail for q in check_path(EXAMPLE_PDF).requirements)


def test_page_object_limit(tmp_path: Path) -> None:
    def hatching(c: Canvas) -> None:
        c.drawString(72, 800, "Best Value Performance Plan 2004/05")
        for i in range(300):
            c.line(72, 100 + i * 2, 500, 100 + i * 2)

    path = make_pdf(tmp_path / "hatch.pdf", [hatching, lambda c: c.drawString(72, 800, "Page two")])
    doc = load(path, ExtractOptions(max_page_objects=200))
    assert "Page two" in doc.text() and "Best Value" not in doc.text()
    assert any("page 1 has" in w and "max-page-objects" in w for w in doc.warnings)
    assert "Best Value" in load(path).text()


def test_pdf_object_count_limit(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "long.pdf", [lambda c, i=i: c.drawString(72, 800, f"Page {i}") for i in range(60)]
    )
    with pytest.raises(LimitExceeded, match=r"the file has \d{3} objects, over the limit of 100 objects"):
        load(path, ExtractOptions(max_pdf_objects=100))
    assert load(path).pages == 60


def pdf_bomb(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream is a comment that inflates to ``inflated_mb`` MB."""
    squeeze = zlib.compressobj(9)
    body = squeeze.compress(b"BT /F1 12 Tf 72 720 Td (Best Value Performance Plan) Tj ET\n%")
    chunk = b" " * (1 << 20)
    parts = [body] + [squeeze.compress(chunk) for _ in range(inflated_mb)] + [squeeze.flush()]
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_bytes(objects))
    return path


def test_stream_size_limit_refuses_a_pdf_bomb_in_bounded_memory(tmp_path: Path) -> None:
    small = pdf_bomb(tmp_path / "small.pdf", 2)
    with pytest.raises(
        LimitExceeded, match=r"a stream inflates to over \d MB, over the limit of 1 MB .*max-stream-mb"
    ):
        load(small, ExtractOptions(max_stream_mb=1))
    assert "Best Value" in load(small).text()
    # 1 GB inflated from about 1 MB on disk: refused by the scan, not by running out of memory
    # (the worker has 400 MB of address space; inflating it would need 1 GB).
    bomb = pdf_bomb(tmp_path / "bomb.pdf", 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-m", "plancheck", "check", str(bomb), "--format", "json", "--memory-mb", "400"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert report["document"]["kind"] == "unreadable"
    assert (
        "over the limit of 256 MB (--limit max-stream-mb=N; limits.max-stream-mb)"
        in report["document"]["reason"]
    )
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_table_cell_limit_in_pdf(tmp_path: Path) -> None:
    rows = [BVPI_ROWS[0]] + [(f"BV {n}", f"Indicator {n}", f"{n}.0%", f"{n}.5%") for n in range(1, 40)]
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [RLTable(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))]
    )
    assert len(load(path).tables[0].rows) == 40
    doc = load(path, ExtractOptions(max_table_cells=100))
    assert len(doc.tables[0].rows) == 26  # the row that passed 100 cells is the last one read
    assert any("over the limit of 100 cells" in w and "first 26 of 40 rows" in w for w in doc.warnings)
