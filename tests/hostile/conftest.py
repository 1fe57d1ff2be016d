"""Hostile files, built at test time (a zip bomb is not something to commit)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import WILD, pdf_bytes

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, document_xml: bytes | None = None, *, bomb_mb: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        if bomb_mb:
            # Streamed so building the bomb costs little memory: ~1000:1 compression.
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                f.write(f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode())
                chunk = b" " * (1 << 20)
                for _ in range(bomb_mb):
                    f.write(chunk)
                f.write(b"</w:t></w:r></w:p></w:body></w:document>")
        else:
            z.writestr("word/document.xml", document_xml or b"")
    return path


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of hostile inputs, one per attack, named for what they are."""
    d = tmp_path_factory.mktemp("hostile")
    _docx(d / "zip-bomb.docx", bomb_mb=512)
    laughs = [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    billion = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(laughs) + "]>"
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    _docx(d / "billion-laughs.docx", billion.encode())
    deep = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>' + "<w:tbl><w:tr><w:tc>" * 20000
    _docx(d / "deep-nesting.docx", deep.encode())
    (d / "huge-page-count.pdf").write_bytes(_many_page_pdf(200_000))
    (d / "looping-content.pdf").write_bytes(_self_referencing_xobject_pdf())
    sample = WILD / "pdf" / "issue-140-example.pdf"
    if sample.is_file():
        data = sample.read_bytes()
        (d / "truncated.pdf").write_bytes(data[: len(data) // 2])
        (d / "pdf-named.docx").write_bytes(data)
    (d / "random-bytes.pdf").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(64 * 1024)))
    (d / "script.html").write_text(
        "<html><head><title>Plan <script>alert('t')</script></title></head><body>"
        "<h1>Best Value Performance Plan 2004/05 <img src=x onerror=alert(1)></h1>"
        "<script>document.write('pwned')</script>"
        "<p>The Council certifies that <b>&lt;script&gt;</b> all contracts comply.</p></body></html>",
        encoding="utf-8",
    )
    odd = d / "plan $(touch pwned) ;`id` \u00e9.txt"
    odd.write_text("Best Value Performance Plan 2004/05\n\nNothing else.\n", encoding="utf-8")
    raw = bytes(d) + b"/plan-\xff\xfe-latin1.txt"
    with open(raw, "wb") as f:
        f.write(b"Best Value Performance Plan 2004/05\n")
    return d


def _many_page_pdf(pages: int) -> bytes:
    """A small file whose page tree claims ``pages`` pages (one page object shared by reference)."""
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 0 >>\nstream\n\nendstream",
        ]
    )


def _self_referencing_xobject_pdf() -> bytes:
    """A page whose form XObject draws itself: a content stream that loops forever if followed."""
    content = b"/X1 Do"
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /X1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >> "
            b"/Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ]
    )
