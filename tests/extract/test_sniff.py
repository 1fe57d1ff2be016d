"""Formats are told by content, never by name; what is not a supported format is refused with a reason."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from plancheck.errors import UnsupportedFormat
from plancheck.extract import load
from plancheck.extract.sniff import sniff
from tests.conftest import FIXTURES

EXAMPLE_PDF = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"
EXAMPLE_DOCX = FIXTURES / "example" / "borsetshire-bvpp-2004.docx"


def _pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Best Value Performance Plan 2004/05")
    c.save()
    return path


def test_pdf_named_docx_is_a_pdf(tmp_path: Path) -> None:
    p = _pdf(tmp_path / "plan.docx")
    assert sniff(p) == "pdf"
    doc = load(p)
    assert doc.format == "pdf"
    assert "Best Value Performance Plan 2004/05" in doc.text()


def test_docx_named_pdf_is_a_docx(tmp_path: Path) -> None:
    p = tmp_path / "plan.pdf"
    shutil.copyfile(EXAMPLE_DOCX, p)
    assert sniff(p) == "docx"
    doc = load(p)
    assert doc.format == "docx"
    assert doc.metadata["author"] == "Borsetshire District Council"


def test_random_bytes_named_pdf_are_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "plan.pdf"
    p.write_bytes(os.urandom(4096))
    assert sniff(p) is None
    with pytest.raises(UnsupportedFormat, match=r"plan\.pdf: not a supported format"):
        load(p)


def test_html_named_txt_is_html(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_text("<!DOCTYPE html><html><body><h1>Performance Plan</h1><p>Targets.</p></body></html>")
    assert sniff(p) == "html"
    doc = load(p)
    assert doc.format == "html" and doc.blocks[0].kind == "heading"


def test_html_fragment_without_doctype(tmp_path: Path) -> None:
    p = tmp_path / "table.dat"
    p.write_text("\n\n<table><tr><td>BV 8</td><td>97%</td></tr></table>")
    assert sniff(p) == "html"


def test_real_fixture_files(tmp_path: Path) -> None:
    assert sniff(EXAMPLE_PDF) == "pdf"
    assert sniff(EXAMPLE_DOCX) == "docx"


def test_rtf_and_ole_headers(tmp_path: Path) -> None:
    rtf = tmp_path / "a.txt"
    rtf.write_bytes(b"{\\rtf1\\ansi Best Value}")
    ole = tmp_path / "b.pdf"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert (sniff(rtf), sniff(ole)) == ("rtf", "doc")


def test_odt_by_mimetype_entry(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    p = tmp_path / "plan.docx"
    p.write_bytes(buf.getvalue())
    assert sniff(p) == "odt"


def test_other_zips_and_spreadsheets_are_unsupported(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    p = tmp_path / "sheet.odt"
    p.write_bytes(buf.getvalue())
    assert sniff(p) is None


def test_damaged_word_zip_goes_to_the_docx_reader(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x" * 3000)
    src = tmp_path / "ok.docx"
    d.save(str(src))
    cut = tmp_path / "cut.bin"
    cut.write_bytes(src.read_bytes()[:2000])
    assert sniff(cut) == "docx"


def test_markdown_and_text(tmp_path: Path) -> None:
    md = tmp_path / "notes"
    md.write_text("# Plan\n\n- one\n- two\n\n| a | b |\n|---|---|\n")
    txt = tmp_path / "notes.md.bak"
    txt.write_text("Best Value Performance Plan\n\nPublished June 2004.\n")
    assert (sniff(md), sniff(txt)) == ("md", "txt")


def test_binary_with_nul_bytes_is_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "plan.txt"
    p.write_bytes(b"Best Value\x00\x00\x00\x01\x02 plan" * 50)
    assert sniff(p) is None


def test_utf16_text_is_text(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_bytes("\ufeffBest Value Performance Plan\n".encode("utf-16-le"))
    assert sniff(p) == "txt"
