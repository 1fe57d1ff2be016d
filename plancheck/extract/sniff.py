"""Tell a file's format from its content, never its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str | None:
    """One of pdf, docx, odt, doc, rtf, html, md, txt; None when unsupported."""
    with path.open("rb") as f:
        head = f.read(8192)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path, head)
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    text = _as_text(head)
    if text is None:
        return None
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered or "<table" in lowered:
        return "html"
    if path.suffix.lower() in (".md", ".markdown") or _looks_like_markdown(text):
        return "md"
    return "txt"


def _sniff_zip(path: Path, head: bytes) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                mime = z.read("mimetype")[:100]
                if mime.startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
    except (zipfile.BadZipFile, OSError, KeyError):
        # A damaged package whose first entry is Word's goes to the DOCX reader, which says what is wrong.
        first_name = head[30 : 30 + int.from_bytes(head[26:28], "little")]
        if first_name in (b"[Content_Types].xml", b"_rels/.rels") or first_name.startswith(b"word/"):
            return "docx"
        return None
    return None


def _as_text(head: bytes) -> str | None:
    """Decoded text if ``head`` looks like text (few control bytes), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # The 8 KB head may end mid-character: decode whole code units and ignore a cut surrogate.
        return head[: len(head) // 2 * 2].decode("utf-16", "ignore")
    if not head or b"\x00" in head:
        return None
    for enc in ("utf-8", "cp1252"):
        try:
            text = head.decode(enc)
            break
        except UnicodeDecodeError as e:
            if enc == "utf-8" and e.start >= len(head) - 4:  # a multibyte character cut at the edge
                text = head[: e.start].decode("utf-8")
                break
    else:
        return None
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return text if control <= len(text) * 0.01 else None


def _looks_like_markdown(text: str) -> bool:
    lines = text.splitlines()
    return sum(1 for ln in lines if ln.startswith(("# ", "## ", "### ", "| ", "- ", "* "))) >= 3
