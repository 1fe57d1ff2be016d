"""One batch holding every hostile input and a few good plans, through the real CLI.

"A batch containing all of them finishes with every other document's result intact": the run
exits in bounded time and memory without a traceback, every file has a row in the database and in
summary.csv, each hostile file gets the kind or reason it gets alone, and each good plan's verdict
and requirement statuses equal those of ``plancheck check`` on it alone. A second run (a resume)
keeps every result.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.hostile.measure import Run, run_cli

JOBS = 2
TIMEOUT_S = 20
MEMORY_MB = 1500  # each worker's address-space cap (--memory-mb)
BATCH_WALL_S = 180  # even if all 15 documents ran into TIMEOUT_S: 15 x 20 s / 2 jobs, plus start-up
PROCESS_RSS_MB = 1200  # the largest single process of the tree (client or worker); measured ~180 MB
TREE_RSS_MB = 1500  # the client and both workers together (sampled); measured ~450 MB

GOOD_PLANS = [
    FIXTURES / "example" / "borsetshire-bvpp-2004.pdf",
    FIXTURES / "example" / "borsetshire-bvpp-2004.docx",
    FIXTURES / "generated" / "rules-2003-met.pdf",
    FIXTURES / "generated" / "district-targets-merged.docx",
]


@dataclass(frozen=True)
class Row:
    path: str
    kind: str
    format: str | None
    verdict: str
    reason: str | None
    limit_failure: bool
    report: str
    requirements: tuple[tuple[str, str], ...]


def _unreadable_because(*words: str) -> Callable[[Row], None]:
    def check(row: Row) -> None:
        assert row.kind == "unreadable", row
        assert row.verdict == "unreadable", row
        assert row.reason and any(w in row.reason.lower() for w in words), row.reason

    return check


def _survives(row: Row) -> None:
    """Read or refused with a reason; the entity or loop never expanded; never compliant."""
    assert row.verdict != "compliant", row
    if row.kind == "unreadable":
        assert row.reason, row
    assert "lollollol" not in row.report


def _read_as_pdf(row: Row) -> None:
    assert row.format == "pdf" and row.kind != "unreadable", row


def _read_as_text(row: Row) -> None:
    assert row.kind != "unreadable" and not row.limit_failure, row


def _not_compliant(row: Row) -> None:
    assert row.verdict != "compliant", row


# Each hostile file of the hostile_dir fixture, and what its result must be (as in test_hostile_inputs).
EXPECTED: dict[str, Callable[[Row], None]] = {
    "zip-bomb.docx": _unreadable_because("limit", "large", "compress"),
    "huge-page-count.pdf": _unreadable_because("page"),
    "random-bytes.pdf": _unreadable_because("not a supported format"),
    "billion-laughs.docx": _survives,
    "deep-nesting.docx": _survives,
    "looping-content.pdf": _survives,
    "truncated.pdf": _survives,
    "pdf-named.docx": _read_as_pdf,
    "script.html": _not_compliant,
    "plan $(touch pwned) ;`id` \u00e9.txt": _read_as_text,
    os.fsdecode(b"plan-\xff\xfe-latin1.txt"): _read_as_text,
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(db_file: Path) -> dict[str, Row]:
    """sha256 -> the stored result."""
    with sqlite3.connect(db_file) as conn:
        conn.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
        reqs: dict[int, list[tuple[str, str]]] = {}
        statuses = conn.execute("select document_id, requirement, status from requirement_results")
        for did, rid, status in statuses:
            reqs.setdefault(did, []).append((rid, status))
        docs = conn.execute(
            "select id, sha256, path, kind, format, verdict, reason, limit_failure, report from documents"
        ).fetchall()
    rows: dict[str, Row] = {}
    for did, sha, path, kind, fmt, verdict, reason, limited, report in docs:
        assert sha not in rows, f"two rows for one document: {path}, {rows[sha].path}"
        statuses = tuple(sorted(reqs.get(did, [])))
        rows[sha] = Row(path, kind, fmt, verdict, reason, bool(limited), report, statuses)
    return rows


def _summary(out: Path) -> dict[str, dict[str, str]]:
    """sha256 -> the summary.csv row."""
    with (out / "summary.csv").open(encoding="utf-8", errors="surrogateescape", newline="") as f:
        table = list(csv.DictReader(f))
    by_sha = {r["sha256"]: r for r in table}
    assert len(by_sha) == len(table), "summary.csv has a document twice"
    return by_sha


@pytest.fixture(scope="module")
def batch_dir(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile files and the good plans in one folder."""
    d = tmp_path_factory.mktemp("hostile-batch")
    for p in hostile_dir.iterdir():
        if p.is_file():
            shutil.copyfile(p, d / p.name)
    for p in GOOD_PLANS:
        shutil.copyfile(p, d / p.name)
    names = {p.name for p in d.iterdir()}
    missing = set(EXPECTED) - names
    if missing == {"truncated.pdf", "pdf-named.docx"}:
        pytest.skip("../shared sample PDF not available")
    assert not missing, missing
    assert not names - set(EXPECTED) - {p.name for p in GOOD_PLANS}, "a hostile file this test does not know"
    return d


def _batch(folder: Path, out: Path) -> Run:
    return run_cli(
        "batch", folder, "--out", out, "--jobs", str(JOBS), "--timeout", str(TIMEOUT_S),
        "--memory-mb", str(MEMORY_MB), "--progress", "none",
        cwd=folder.parent, timeout=BATCH_WALL_S,
    )  # fmt: skip


@pytest.fixture(scope="module")
def first_run(batch_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    out = tmp_path_factory.mktemp("hostile-batch-out")
    return out, _batch(batch_dir, out)


def test_batch_finishes_in_bounded_time_and_memory(first_run: tuple[Path, Run]) -> None:
    out, run = first_run
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 2, f"exit {run.code} (unreadable files in the batch):\n{run.stderr}"
    assert "batch failed" not in run.stderr, run.stderr
    assert run.seconds < BATCH_WALL_S
    assert run.max_rss_mb < PROCESS_RSS_MB, f"one process peaked at {run.max_rss_mb:.0f} MB"
    assert run.tree_rss_mb < TREE_RSS_MB, f"the process tree peaked at {run.tree_rss_mb:.0f} MB"
    assert not (out.parent / "pwned").exists() and not Path("pwned").exists()
    print(
        f"batch: {run.seconds:.1f} s, peak {run.max_rss_mb:.0f} MB a process, {run.tree_rss_mb:.0f} MB in all"
    )


def test_no_document_is_lost(batch_dir: Path, first_run: tuple[Path, Run]) -> None:
    out, _ = first_run
    expected = {_sha256(p): p.name for p in batch_dir.iterdir()}
    assert len(expected) == len(EXPECTED) + len(GOOD_PLANS)
    rows = _rows(out / "plancheck.sqlite")
    assert set(rows) == set(expected), {expected.get(s, s) for s in set(rows) ^ set(expected)}
    summary = _summary(out)
    assert set(summary) == set(expected), {expected.get(s, s) for s in set(summary) ^ set(expected)}
    for sha, name in expected.items():
        assert rows[sha].path.endswith(name[-10:]), (rows[sha].path, name)  # a non-UTF-8 byte is escaped
        assert summary[sha]["verdict"] == rows[sha].verdict
        assert (out / summary[sha]["report"]).is_file(), summary[sha]


@pytest.mark.parametrize(
    "name", list(EXPECTED), ids=[n.encode("ascii", "replace").decode() for n in EXPECTED]
)
def test_hostile_file_result(name: str, batch_dir: Path, first_run: tuple[Path, Run]) -> None:
    out, _ = first_run
    row = _rows(out / "plancheck.sqlite").get(_sha256(batch_dir / name))
    assert row is not None, f"{name}: no result (lost)"
    EXPECTED[name](row)
    assert row.verdict != "compliant"


@pytest.mark.parametrize("plan", GOOD_PLANS, ids=[p.name for p in GOOD_PLANS])
def test_good_plan_result_intact(plan: Path, batch_dir: Path, first_run: tuple[Path, Run]) -> None:
    out, _ = first_run
    path = batch_dir / plan.name
    alone = run_cli("check", path, "--format", "json", "--timeout", str(TIMEOUT_S), timeout=120)
    assert "Traceback" not in alone.stderr, alone.stderr
    report = json.loads(alone.stdout)
    row = _rows(out / "plancheck.sqlite").get(_sha256(plan))
    assert row is not None, f"{plan.name}: no result (lost)"
    assert not row.limit_failure, row.reason
    assert row.kind == report["document"]["kind"] == "plan"
    assert row.verdict == report["summary"]["verdict"]
    assert row.requirements == tuple(sorted((r["id"], r["status"]) for r in report["requirements"]))
    assert json.loads(row.report)["summary"] == report["summary"]


def test_resumed_run_keeps_every_result(batch_dir: Path, first_run: tuple[Path, Run]) -> None:
    out, first = first_run
    before = _rows(out / "plancheck.sqlite")
    summary_before = _summary(out)
    again = _batch(batch_dir, out)
    assert "Traceback" not in again.stderr, again.stderr
    assert again.code == first.code
    n = len(before)
    assert f"{n} documents: 0 checked, {n} already done" in again.stderr, again.stderr
    after = _rows(out / "plancheck.sqlite")
    assert after == before
    assert _summary(out) == summary_before
