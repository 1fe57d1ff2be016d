"""The .doc/.odt/.rtf path: real files made by LibreOffice from a python-docx plan, read back via DOCX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from plancheck.errors import ExtractionError, LimitExceeded
from plancheck.extract import ExtractOptions, load
from plancheck.extract.office import NEEDS_LIBREOFFICE, convert_to_docx
from tests.conftest import needs_soffice

pytestmark = needs_soffice

FILTERS = {"odt": "odt", "doc": "doc:MS Word 97", "rtf": "rtf"}


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One small plan as .docx, converted by LibreOffice to .odt, .doc and .rtf."""
    root = tmp_path_factory.mktemp("office")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Borsetshire District Council"
    d.add_heading("Best Value Performance Plan 2004/05", level=1)
    d.add_heading("Waste and Recycling", level=2)
    d.add_paragraph("Recycling rose for the third year running.")
    d.add_paragraph("Extend green waste collection", style="List Bullet")
    t = d.add_table(rows=3, cols=4)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Ref"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "Targets"
    for c, y in zip((1, 2, 3), ("2004/05", "2005/06", "2006/07"), strict=True):
        t.cell(1, c).text = y
    for c, v in enumerate(("BV 82a(i)", "16.0%", "18.0%", "20.0%")):
        t.cell(2, c).text = v
    src = root / "plan.docx"
    d.save(str(src))
    out: dict[str, Path] = {}
    for ext, flt in FILTERS.items():
        prof = root / f"profile-{ext}"
        subprocess.run(
            ["soffice", f"-env:UserInstallation={prof.as_uri()}", "--headless", "--convert-to", flt,
             "--outdir", str(root / ext), str(src)],
            check=True, capture_output=True, timeout=180,
        )
        out[ext] = root / ext / f"plan.{ext}"
        assert out[ext].is_file()
    return out


@pytest.mark.parametrize("fmt", sorted(FILTERS))
def test_converted_files_keep_structure_and_identity(office_files: dict[str, Path], fmt: str) -> None:
    path = office_files[fmt]
    doc = load(path)
    assert doc.format == fmt
    assert doc.path == str(path)
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Best Value Performance Plan 2004/05", 1), ("Waste and Recycling", 2)]
    assert any(b.kind == "list_item" and b.text == "Extend green waste collection" for b in doc.blocks)
    (table,) = doc.tables
    assert table.rows == (
        ("Ref", "Targets", "", ""),
        ("", "2004/05", "2005/06", "2006/07"),
        ("BV 82a(i)", "16.0%", "18.0%", "20.0%"),
    )
    assert [b.text for b in doc.furniture if b.region == "header"] == ["Borsetshire District Council"]


def test_misnamed_odt_is_read_by_content(office_files: dict[str, Path], tmp_path: Path) -> None:
    liar = tmp_path / "plan.pdf"
    shutil.copyfile(office_files["odt"], liar)
    doc = load(liar)
    assert doc.format == "odt" and doc.path == str(liar)
    assert doc.tables[0].rows[2][0] == "BV 82a(i)"


def test_missing_libreoffice_is_a_one_line_reason(
    office_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: soffice cannot be found
    with pytest.raises(ExtractionError) as err:
        load(office_files["rtf"])
    assert str(err.value) == f"{office_files['rtf']}: {NEEDS_LIBREOFFICE}"


def test_conversion_timeout_kills_soffice(office_files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded, match="LibreOffice took over"):
        convert_to_docx(office_files["doc"], "doc", tmp_path, timeout_s=0.05)
    # The process group was killed: nothing of ours is left writing into the directory.
    assert not (tmp_path / "out" / "input.docx").exists()


def test_garbage_rtf_gets_a_reason_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rtf"
    bad.write_bytes(b"{\\rtf1\\ansi " + b"\\" * 50 + b"{{{{")
    try:
        doc = load(bad, ExtractOptions(timeout_s=60))
    except ExtractionError as e:
        assert str(e).startswith(f"{bad}: ") and "\n" not in str(e)
    else:
        assert doc.format == "rtf"  # LibreOffice salvaged it: still a model, never a crash
