"""Every file in tests/regressions/ (fuzz finds, reported bugs) checks without a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.config import Settings
from plancheck.extract import ExtractOptions
from plancheck.isolate import check_path_isolated
from tests.conftest import REPO

FILES = sorted(p for p in (REPO / "tests" / "regressions").glob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_regression_file(path: Path) -> None:
    report = check_path_isolated(path, Settings(extract=ExtractOptions(timeout_s=15)))
    reason = report.document.reason or ""
    assert not reason.startswith(("internal error", "the reader crashed", "the reader exited")), reason
    assert report.document.kind in ("plan", "not_plan", "unreadable")
