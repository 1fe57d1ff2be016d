"""Every rules-*.yml fixture plan, in DOCX and PDF form, gets exactly the expected context and statuses."""

from __future__ import annotations

import pytest

from plancheck.engine import check_path
from tests.rules.fixture_plans import FixturePlan, fixture_plans

PLANS = fixture_plans()
CASES = [pytest.param(p, fmt, id=f"{p.name}.{fmt}") for p in PLANS for fmt in ("docx", "pdf")]


@pytest.mark.parametrize(("plan", "fmt"), CASES)
def test_statuses_context_and_evidence(plan: FixturePlan, fmt: str) -> None:
    path = plan.path(fmt)
    assert path.exists(), f"{path} missing: python fixtures/generate.py --only {plan.name}"
    report = check_path(path, plan.settings())

    assert report.document.kind == plan.expect["kind"]
    ctx = report.context.to_dict()
    for key, want in plan.expect.get("context", {}).items():
        assert ctx[key] == want, f"context.{key}: {ctx[key]!r} != {want!r} (notes: {report.context.notes})"

    codes = {f.rule for f in report.findings}
    assert set(plan.expect.get("findings", ())) <= codes, codes

    got = {r.id: r.status for r in report.requirements}
    want_status = plan.expect["requirements"]
    assert {k: got[k] for k in want_status} == want_status

    for r in report.requirements:
        if r.status == "met":
            assert r.evidence, f"{r.id} met without evidence"
            for e in r.evidence:
                assert e.text.strip()
                if fmt == "pdf":
                    assert isinstance(e.page, int) and e.page >= 1, f"{r.id}: no page in {e}"
                else:
                    assert e.page is not None or e.heading_path, f"{r.id}: no heading path in {e}"
        if r.status == "missing" and r.id in want_status and r.applicability != "not_required":
            # An absence says what was looked for and where.
            assert any("examined" in s for s in r.searched), r.searched


def test_missing_requirements_produce_findings_with_the_rule_code() -> None:
    plan = next(p for p in PLANS if p.name == "rules-2004-fwp-missing")
    report = check_path(plan.path("docx"), plan.settings())
    codes = {f.rule for f in report.findings}
    assert {"PC102", "PC103", "PC104"} <= codes
    assert report.summary.verdict == "non_compliant"
    workforce = next(f for f in report.findings if f.rule == "PC104")
    assert workforce.severity == "error" and workforce.requirement == "WORKFORCE"
    assert workforce.suggestion and "Statement on contracts" in workforce.suggestion


def test_late_publication_is_an_advisory_warning() -> None:
    plan = next(p for p in PLANS if p.name == "rules-2004-fwp-partial")
    report = check_path(plan.path("pdf"), plan.settings())
    late = [f for f in report.findings if f.rule == "PC105"]
    assert len(late) == 1 and late[0].severity == "warning"
    assert "September 2004" in late[0].message
    published = report.requirement("PUBLISHED")
    assert published is not None and published.applicability == "advisory"
    assert published.evidence[0].page == 1
