"""A document that runs out of time or memory is recorded with its reason while the others finish."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from plancheck.batch.jobs import job_for
from plancheck.batch.runner import BatchOptions, default_db_url, run_batch
from plancheck.config import Settings
from tests.conftest import WILD

pytestmark = pytest.mark.slow


def _limited(timeout: float | None = None, memory_mb: int | None = None) -> Settings:
    s = Settings()
    ex = s.extract
    return replace(
        s, extract=replace(ex, timeout_s=timeout or ex.timeout_s, memory_mb=memory_mb or ex.memory_mb)
    )


def bloated_docx(path: Path, paragraphs: int = 60_000) -> Path:
    """A valid DOCX (python-docx's own package) whose body holds tens of MB of XML: heavy to parse."""
    from docx import Document

    Document().save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    para = "<w:p><w:r><w:t>" + "Best value performance indicators and targets. " * 8 + "</w:t></w:r></w:p>"
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + para * paragraphs, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_timeout_and_memory_limits_are_recorded(plan_corpus: Path, tmp_path: Path) -> None:
    big = WILD / "pdf" / "federal-register-2020-17221.pdf"
    heavy = bloated_docx(tmp_path / "bloated.docx")
    plans = sorted(plan_corpus.parent.rglob("*.docx"))[:6]
    jobs = [job_for(big, _limited(timeout=0.1)), job_for(heavy, _limited(memory_mb=40))]
    jobs += [job_for(p, Settings()) for p in plans]
    out = tmp_path / "out"
    options = BatchOptions(out=out, db_url=default_db_url(out), jobs=2)
    result = run_batch(jobs, options)
    assert result.checked == 8 and not result.interrupted
    assert result.exit_code == 2

    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        rows = {r[0]: r[1:] for r in conn.execute("select path, kind, reason, limit_failure from documents")}
    assert rows[str(big)][0] == "unreadable"
    assert "took longer than the 0.1 s limit" in rows[str(big)][1]
    assert rows[str(heavy)][0] == "unreadable"
    assert "memory" in rows[str(heavy)][1] or "crashed" in rows[str(heavy)][1], rows[str(heavy)][1]
    assert rows[str(big)][2] == rows[str(heavy)][2] == 1
    for p in plans:
        assert rows[str(p)][0] == "plan" and rows[str(p)][2] == 0

    # Same limits again: nothing to do. A longer time limit: only the timed-out file is tried again.
    again = run_batch(jobs, options)
    assert again.checked == 0 and again.skipped == 8
    jobs[0] = job_for(big, _limited(timeout=300))
    third = run_batch(jobs, options)
    assert third.checked == 1
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        kind, reason = conn.execute(
            "select kind, reason from documents where path = ?", (str(big),)
        ).fetchone()
    assert kind != "unreadable", reason


def test_one_shot_isolation_reports_the_limit(tmp_path: Path) -> None:
    """``plancheck check`` and the web app use the one-shot worker: same limits, same reasons.

    Run in a fresh interpreter, as ``plancheck check`` runs: this pytest process may still hold
    threads from the Dask tests, and forking a threaded process can inherit a held lock.
    """
    bloated_docx(tmp_path / "bloated.docx")
    script = f"""
import json
from dataclasses import replace
from plancheck.config import Settings
from plancheck.isolate import check_isolated, check_path_isolated

def limited(**kw):
    s = Settings()
    return replace(s, extract=replace(s.extract, **kw))

slow = check_path_isolated({str(WILD / "pdf" / "federal-register-2020-17221.pdf")!r}, limited(timeout_s=0.1))
heavy = check_isolated({str(tmp_path / "bloated.docx")!r}, limited(memory_mb=40, timeout_s=60))
fine = check_isolated({str(WILD / "docx" / "tbl-2x2-table.docx")!r}, Settings())
print(json.dumps({{
    "slow": [slow.document.kind, slow.summary.verdict, slow.document.reason],
    "heavy": [bool(heavy.limit_failure), heavy.report.document.reason],
    "fine": [bool(fine.limit_failure), fine.report.document.kind],
}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    got = json.loads(done.stdout.strip().splitlines()[-1])
    reason = "took longer than the 0.1 s limit per document (--timeout)"
    assert got["slow"] == ["unreadable", "unreadable", reason]
    assert got["heavy"][0] and "memory" in (got["heavy"][1] or "")
    assert not got["fine"][0] and got["fine"][1] != "unreadable"
