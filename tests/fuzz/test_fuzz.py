"""Mutation fuzzing of every extractor and the whole check.

Seeds are the committed fixtures and the files in ../shared/corpus/wild;
hypothesis flips, deletes, inserts and truncates bytes. Each mutant is checked
in a worker process (plancheck.isolate) so a hang is caught by the time limit.
A crash is an internal error or a killed reader; a false pass is a mutant of a
../shared/corpus/wild file (none is a plan) reported compliant. (A mutant of a
compliant fixture may well still be compliant.) The bytes of either are saved
to tests/regressions/, where test_regressions.py keeps them.

CI runs a few dozen examples; ``make fuzz`` runs FUZZ_EXAMPLES (default 2000).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.config import Settings
from plancheck.extract import ExtractOptions
from plancheck.isolate import check_path_isolated
from tests.conftest import FIXTURES, REPO, WILD

REGRESSIONS = REPO / "tests" / "regressions"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
MAX_SEED_BYTES = 400_000


def _seeds() -> list[Path]:
    found = [
        p
        for root in (FIXTURES, WILD)
        if root.is_dir()
        for p in sorted(root.rglob("*"))
        if p.suffix.lower() in (".pdf", ".docx", ".odt", ".html", ".txt", ".md")
        and 0 < p.stat().st_size <= MAX_SEED_BYTES
    ]
    return found


SEEDS = _seeds()
SETTINGS = Settings(extract=ExtractOptions(timeout_s=15, memory_mb=1500, max_pages=200))


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    seed = draw(st.sampled_from(SEEDS))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        op = draw(st.sampled_from(("flip", "delete", "insert", "truncate", "duplicate")))
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 4096))]
    return str(seed), bytes(data)


@pytest.mark.skipif(not SEEDS, reason="no seed files (fixtures or ../shared/corpus/wild)")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(mutants())
def test_mutants_never_crash(tmp_path_factory: pytest.TempPathFactory, mutant: tuple[str, bytes]) -> None:
    seed, data = mutant
    name = Path(seed).name
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    report = check_path_isolated(path, SETTINGS)
    reason = report.document.reason or ""
    crashed = reason.startswith(("internal error", "the reader crashed", "the reader exited"))
    false_pass = Path(seed).is_relative_to(WILD) and report.summary.verdict == "compliant"
    if crashed or false_pass:
        REGRESSIONS.mkdir(exist_ok=True)
        keep = REGRESSIONS / f"fuzz-{hashlib.sha256(data).hexdigest()[:12]}{Path(name).suffix}"
        keep.write_bytes(data)
        pytest.fail(f"{name} mutant ({keep.name}): {reason or report.summary.verdict}")
