"""Hostile inputs through the real CLI: a result or a one-line reason, in time, in bounded memory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile import measure
from tests.hostile.measure import Run

TIME_LIMIT_S = 20
MEMORY_LIMIT_MB = 1200  # the worker's own cap is --memory-mb; this bounds the whole process tree


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    return measure.run_cli(*args, cwd=cwd, timeout=TIME_LIMIT_S * 3)


def check_json(path: Path, *extra: str) -> tuple[Run, dict]:
    run = run_cli("check", path, "--format", "json", "--timeout", str(TIME_LIMIT_S), *extra)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.seconds < TIME_LIMIT_S + 15, f"{path.name} took {run.seconds:.1f} s"
    assert run.code in (1, 2), f"{path.name}: exit {run.code} (a hostile file is never a compliant plan)"
    return run, json.loads(run.stdout)


def assert_one_line_reason(run: Run, path: Path) -> None:
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, run.stderr
    assert os.fsdecode(path.name)[:10] in lines[0] or path.name[:10] in lines[0]


@pytest.mark.parametrize(
    ("name", "reason_words"),
    [
        ("zip-bomb.docx", ("limit", "large", "compress")),
        ("huge-page-count.pdf", ("page",)),
        ("random-bytes.pdf", ("not a supported format",)),
    ],
)
def test_unreadable_with_reason(hostile_dir: Path, name: str, reason_words: tuple[str, ...]) -> None:
    path = hostile_dir / name
    run, report = check_json(path)
    assert run.code == 2
    assert report["document"]["kind"] == "unreadable"
    reason = report["document"]["reason"].lower()
    assert any(w in reason for w in reason_words), reason
    assert_one_line_reason(run, path)
    assert run.max_rss_mb < MEMORY_LIMIT_MB


@pytest.mark.parametrize(
    "name", ["billion-laughs.docx", "deep-nesting.docx", "looping-content.pdf", "truncated.pdf"]
)
def test_survives_without_expansion_or_hang(hostile_dir: Path, name: str) -> None:
    path = hostile_dir / name
    run, report = check_json(path)
    assert report["summary"]["verdict"] != "compliant"
    if run.code == 2:
        assert report["document"]["reason"]
        assert_one_line_reason(run, path)
    assert "lollollol" not in run.stdout  # the entity was never expanded into text
    assert run.max_rss_mb < MEMORY_LIMIT_MB


def test_pdf_with_wrong_extension_is_read_as_pdf(hostile_dir: Path) -> None:
    path = hostile_dir / "pdf-named.docx"
    if not path.exists():
        pytest.skip("../shared sample PDF not available")
    _, report = check_json(path)
    assert report["document"]["format"] == "pdf"
    assert report["document"]["kind"] != "unreadable"


def test_shell_metacharacters_in_name_are_just_a_name(hostile_dir: Path) -> None:
    path = next(p for p in hostile_dir.iterdir() if "$(touch" in p.name)
    run, report = check_json(path)
    assert report["document"]["path"].endswith(path.name)
    assert not (hostile_dir / "pwned").exists() and not Path("pwned").exists()
    assert run.stderr.strip() == ""


def test_non_utf8_file_name(hostile_dir: Path) -> None:
    raw = os.fsencode(hostile_dir) + b"/plan-\xff\xfe-latin1.txt"
    path = Path(os.fsdecode(raw))
    _, report = check_json(path)
    assert report["document"]["kind"] != "unreadable"
    assert "latin1.txt" in report["document"]["path"]


@pytest.mark.parametrize("fmt", ["html", "sarif", "markdown", "text", "csv"])
def test_document_markup_is_never_echoed_unescaped(hostile_dir: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    run = run_cli("check", hostile_dir / "script.html", "--format", fmt, "--output", out)
    assert run.code in (1, 2) and "Traceback" not in run.stderr, run.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        assert "<script>alert" not in text and "<script>document.write" not in text
        assert "<img src=x" not in text
    if fmt == "markdown":
        assert "<script>" not in text and "<img src=x" not in text
    if fmt == "sarif":
        json.loads(text)  # still valid JSON with the markup inside strings


@pytest.mark.parametrize("fmt", ["json", "html", "text", "markdown", "csv"])
def test_non_utf8_file_name_report_to_file(hostile_dir: Path, fmt: str, tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(hostile_dir) + b"/plan-\xff\xfe-latin1.txt"))
    out = tmp_path / f"report.{fmt}"
    run = run_cli("check", path, "--format", fmt, "--output", out)
    assert "Traceback" not in run.stderr, run.stderr
    text = out.read_text(encoding="utf-8")  # strict: the report is valid UTF-8
    assert run.code == 1 and "plan-\\udcff\\udcfe-latin1.txt" in text.replace("\\\\", "\\")
    if fmt == "json":
        assert json.loads(text)["document"]["path"] == str(path)  # the escape reads back as the name
