"""Every file in tests/regressions/ (fuzz finds, reported bugs) checks without a crash.

A ``fuzz-pass-*`` file is a mutant of a ../shared/corpus/wild file (none is a plan) that was
once reported compliant: it must never be compliant again. An ``unreadable-*`` file was once
read as if its text were there: it must be reported unreadable, with a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.config import Settings
from plancheck.extract import ExtractOptions
from plancheck.isolate import check_path_isolated
from tests.conftest import REPO

SETTINGS = Settings(extract=ExtractOptions(timeout_s=15, memory_mb=1500, max_pages=200))
"""The fuzz run's limits (tests/fuzz/test_fuzz.py), so a find fails here as it failed there."""
FILES = sorted(p for p in (REPO / "tests" / "regressions").glob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_regression_file(path: Path) -> None:
    report = check_path_isolated(path, SETTINGS)
    reason = report.document.reason or ""
    assert not reason.startswith(("internal error", "the reader crashed", "the reader exited")), reason
    assert report.document.kind in ("plan", "not_plan", "unreadable")
    if path.name.startswith("fuzz-pass-"):
        assert report.summary.verdict != "compliant"
    if path.name.startswith("unreadable-"):
        assert report.document.kind == "unreadable" and reason, (report.document.kind, reason)
