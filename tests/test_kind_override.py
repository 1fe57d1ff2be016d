"""``--kind`` and the ``kind`` key override the classifier for its rare miss; the report says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, SEEDS, needs_shared

PLAN = FIXTURES / "generated" / "fire-landscape.pdf"


def _check(*args: str, cwd: Path | None = None) -> dict:  # type: ignore[type-arg]
    run = subprocess.run(
        [sys.executable, "-m", "plancheck", "check", "--no-isolate", "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_a_plan_that_cites_the_circular_is_a_plan_and_can_be_declared_not_one() -> None:
    report = _check(str(PLAN))
    assert (report["document"]["kind"], report["document"]["genre"]) == ("plan", "plan")
    assert report["context"]["source"]["kind"] == "detected"
    declared = _check(str(PLAN), "--kind", "not_plan")
    assert declared["document"]["kind"] == "not_plan"
    assert declared["context"]["source"]["kind"] == "given"
    assert declared["summary"]["verdict"] == "not_a_plan"
    assert "given as not_plan" in declared["document"]["reason"]
    for q in declared["requirements"]:
        if q["applicability"] != "not_required" and q["status"] == "missing":
            assert q["detail"].startswith("Not assessed:")


@needs_shared
def test_a_committee_report_declared_a_plan_is_assessed_as_one(tmp_path: Path) -> None:
    seed = SEEDS / "huntingdonshire-cabinet-bvpp-2004.md"
    judged = _check(str(seed))
    assert (judged["document"]["kind"], judged["document"]["genre"]) == ("not_plan", "committee_paper")
    assert all(q["status"] != "met" for q in judged["requirements"])
    (tmp_path / "plancheck.toml").write_text('kind = "plan"\n', encoding="utf-8")
    copy = tmp_path / seed.name
    copy.write_bytes(seed.read_bytes())
    declared = _check(str(copy), cwd=tmp_path)
    assert declared["document"]["kind"] == "plan"
    assert declared["context"]["source"]["kind"] == "given"
    assert declared["summary"]["verdict"] == "non_compliant"
    # Declared a plan, its describing sentences still fulfil nothing: the list of what a plan must
    # contain does not meet WORKFORCE.
    status = {q["id"]: q["status"] for q in declared["requirements"]}
    assert status["WORKFORCE"] != "met"
