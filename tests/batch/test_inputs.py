"""What a batch reads: folders (recursive, hidden files skipped) and manifests (a bad one: one line)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.batch.conftest import run_cli
from tests.batch.plans import make_corpus


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("small"), 3)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("manifest", "where", "problem"),
    [
        ("file,year\nx.docx,2004\n", ":1:1:", "no 'path' column"),
        ("path,colour\nx.docx,red\n", ":1:2:", "unknown column 'colour'"),
        (
            "path,authority,authority_type\na.docx,A,district\nb.docx,B,towm\n",
            ":3:3:",
            "authority_type 'towm'",
        ),
        ("path,year\na.docx,2004/05\nb.docx,04/05\n", ":3:2:", "year '04/05'"),
        ("path,cpa\n,good\n", ":2:1:", "empty path"),
        ("path,cpa\na.docx,good,extra\n", ":2:3:", "3 fields but the header has 2"),
    ],
)
def test_bad_manifest_is_one_line_naming_file_line_and_column(
    tmp_path: Path, manifest: str, where: str, problem: str
) -> None:
    m = _write(tmp_path / "plans.csv", manifest)
    proc = run_cli("--manifest", str(m), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"plancheck batch: {m}{where}") and problem in lines[0], lines[0]
    assert not (tmp_path / "out" / "plancheck.sqlite").exists()


def test_missing_manifest_and_no_input_are_one_line(tmp_path: Path) -> None:
    for args in (("--manifest", str(tmp_path / "nope.csv")), ()):
        proc = run_cli(*args, "--out", str(tmp_path / "out"))
        assert proc.returncode == 2
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_folder_is_searched_recursively_skipping_hidden_and_unsupported(
    small_corpus: Path, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    plans = sorted(small_corpus.parent.rglob("*.docx"))
    (root / "deep" / "er").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(plans[0], root / "a.docx")
    shutil.copy(plans[1], root / "deep" / "er" / "b.docx")
    shutil.copy(plans[2], root / ".git" / "c.docx")  # hidden folder
    shutil.copy(plans[2], root / ".d.docx")  # hidden file
    _write(root / "notes.xyz", "not a plan format")
    out = tmp_path / "out"
    proc = run_cli(str(root), "--out", str(out), "--jobs", "1", "--progress", "none")
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == ""
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        paths = sorted(r[0] for r in conn.execute("select path from documents"))
    assert paths == sorted([str(root / "a.docx"), str(root / "deep" / "er" / "b.docx")])


def test_manifest_context_reaches_the_report(small_corpus: Path, tmp_path: Path) -> None:
    """Relative paths resolve against the manifest's folder; its year and type are the given context."""
    out = tmp_path / "out"
    proc = run_cli("--manifest", str(small_corpus), "--out", str(out), "--progress", "none")
    assert proc.returncode in (0, 1), proc.stderr
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        rows = conn.execute(
            "select path, authority, authority_type, plan_year, report from documents"
        ).fetchall()
    assert len(rows) == 3
    for path, authority, atype, year, report in rows:
        assert Path(path).is_file() and authority == "Borsetshire District Council" and atype == "district"
        assert Path(path).name == f"bvpp-{year[:4]}.docx"
        assert '"plan_year": "given"' in report


def test_force_checks_again_and_replaces_the_rows(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--manifest", str(small_corpus), "--out", str(out), "--progress", "none")
    assert run_cli(*args).returncode in (0, 1)
    forced = run_cli(*args, "--force")
    assert forced.returncode in (0, 1), forced.stderr
    assert "3 documents: 3 checked, 0 already done" in forced.stderr
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        rows = conn.execute("select run_id, count(*) from documents group by run_id").fetchall()
        runs = conn.execute("select id, ruleset from runs order by id").fetchall()
    assert (runs[-1][0], 3) in rows
    if runs[0][1] == runs[-1][1]:  # same rules: the forced results replaced the first run's
        assert len(rows) == 1
