"""Suppressions with reasons and severity overrides: matching, unused ones, counts and exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plancheck.config import Settings, Suppression
from plancheck.engine import _summarise, check_path
from plancheck.report import Context, Finding, Location, RequirementResult
from plancheck.settings_file import load_settings
from plancheck.suppress import UNUSED_RULE, apply_overrides
from tests.test_config import make_plan, run_cli

CTX = Context(regime="bvpp-2004", tier="fair-weak-poor", authority_name="Borsetshire District Council")
WORKFORCE = Finding(
    "PC104", "WORKFORCE", "error", "No statement on contracts.", rule_name="missing-workforce-statement"
)
OUTTURN = Finding(
    "PC201", "PI-OUTTURN", "warning", "BV9 has no outturn.", Location(12, 3, 2), rule_name="outturn"
)


def settings(*sups: Suppression, **kw: object) -> Settings:
    return Settings(suppressions=sups, **kw)  # type: ignore[arg-type]


def test_a_rule_suppression_marks_the_finding_with_its_reason() -> None:
    s = settings(
        Suppression("Nil return agreed with auditor.", rule="PC104", key="plancheck.toml: suppress[0]")
    )
    out = apply_overrides([WORKFORCE, OUTTURN], s, "plans/a.pdf", CTX)
    assert [f.suppressed for f in out] == ["Nil return agreed with auditor.", None]
    assert [f.rule for f in out] == ["PC104", "PC201"]  # kept, not dropped


def test_rule_names_requirements_globs_and_authorities_match() -> None:
    cases = [
        (Suppression("r", rule="missing-workforce-statement"), True),
        (Suppression("r", requirement="WORKFORCE"), True),
        (Suppression("r", rule="PC104", requirement="PI-OUTTURN"), False),
        (Suppression("r", rule="PC104", document="plans/*.pdf"), True),
        (Suppression("r", rule="PC104", document="a.pdf"), True),
        (Suppression("r", rule="PC104", document="other/*.pdf"), False),
        (Suppression("r", rule="PC104", authority="borsetshire district council"), True),
        (Suppression("r", rule="PC104", authority="Borsetshire*"), True),
        (Suppression("r", rule="PC104", authority="Felpersham City Council"), False),
    ]
    for sup, hit in cases:
        out = apply_overrides([WORKFORCE], settings(sup), "plans/a.pdf", CTX)
        assert (out[0].suppressed == "r") is hit, sup


def test_document_globs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "2004" / "a.pdf"
    sup = Suppression("r", rule="PC104", document="plans/2004/*.pdf", base=str(tmp_path.resolve()))
    out = apply_overrides([WORKFORCE], settings(sup), str(plan), CTX)
    assert out[0].suppressed == "r"


def test_an_authority_suppression_needs_a_known_authority() -> None:
    sup = Suppression("r", rule="PC104", authority="Borsetshire*")
    unnamed = Context(regime="bvpp-2004", tier=None)
    out = apply_overrides([WORKFORCE], settings(sup), "a.pdf", unnamed)
    assert out == [WORKFORCE]  # neither suppressed nor reported unused: it does not cover this document


def test_an_unused_suppression_is_reported_as_info() -> None:
    sup = Suppression(
        "Accepted in 2004.", rule="PC201", requirement="PI-OUTTURN", key="plancheck.toml: suppress[1]"
    )
    out = apply_overrides([WORKFORCE], settings(sup), "a.pdf", CTX)
    assert [f.rule for f in out] == ["PC104", UNUSED_RULE]
    unused = out[1]
    assert (
        unused.severity == "info" and unused.rule_name == "unused-suppression" and unused.requirement is None
    )
    assert "plancheck.toml: suppress[1] (rule PC201, requirement PI-OUTTURN)" in unused.message
    assert unused.suggestion


def test_unused_suppression_reports_can_be_ignored_or_raised() -> None:
    sup = Suppression("r", rule="PC201")
    assert apply_overrides([], settings(sup, ignore=("unused-suppression",)), "a.pdf", CTX) == []
    (raised,) = apply_overrides([], settings(sup, severity={"PC900": "warning"}), "a.pdf", CTX)
    assert raised.severity == "warning"


def test_severity_overrides_by_code_or_name() -> None:
    out = apply_overrides(
        [WORKFORCE, OUTTURN], Settings(severity={"PC104": "warning", "outturn": "info"}), "a", CTX
    )
    assert [f.severity for f in out] == ["warning", "info"]


def test_suppressed_findings_do_not_count_or_fail() -> None:
    req = RequirementResult("WORKFORCE", "Statement on contracts", "A(b)2(d)", "missing")
    met = RequirementResult("PI-OUTTURN", "Outturn", "A(b)2(c)", "met")
    s = settings(Suppression("Nil return agreed.", rule="PC104"))
    findings = apply_overrides([WORKFORCE], s, "a.pdf", CTX)
    summary = _summarise("plan", (req, met), findings, s)
    assert (summary.verdict, summary.errors, summary.suppressed) == ("compliant", 0, 1)
    live = _summarise("plan", (req, met), [WORKFORCE], Settings())
    assert (live.verdict, live.errors, live.suppressed) == ("non_compliant", 1, 0)
    # A second, live finding on the same requirement keeps it failing.
    both = [*findings, Finding("PC102", "WORKFORCE", "warning", "Intention only.")]
    assert _summarise("plan", (req, met), both, s).verdict == "non_compliant"


def test_cli_reports_an_unused_suppression_from_the_config(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plans" / "plan.docx")
    (tmp_path / "plancheck.toml").write_text(
        '[[suppress]]\nrule = "PC001"\ndocument = "plans/*.docx"\nreason = "Old acceptance."\n',
        encoding="utf-8",
    )
    res = run_cli(plan, "--format", "json")
    assert res.returncode in (0, 1), res.stderr
    report = json.loads(res.stdout)
    unused = [f for f in report["findings"] if f["rule"] == UNUSED_RULE]
    assert len(unused) == 1 and "plancheck.toml: suppress[0] (rule PC001)" in unused[0]["message"]
    assert report["summary"]["infos"] >= 1


def test_cli_suppresses_a_real_finding_and_keeps_it_visible(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plans" / "plan.docx")
    before = check_path(plan, load_settings(None, plan.parent))
    live = [f for f in before.findings if f.rule != UNUSED_RULE and f.severity in ("error", "warning")]
    if not live:
        pytest.skip(
            "no registered rule raises an error or warning on this plan yet (rules/registry.py is empty)"
        )
    target = live[0]
    (tmp_path / "plancheck.toml").write_text(
        f'[[suppress]]\nrule = "{target.rule}"\nreason = "Accepted by the auditor (file 17)."\n',
        encoding="utf-8",
    )
    res = run_cli(plan, "--format", "json")
    assert res.returncode in (0, 1), res.stderr
    report = json.loads(res.stdout)
    same = [f for f in report["findings"] if f["rule"] == target.rule]
    assert same and all(f["suppressed"] == "Accepted by the auditor (file 17)." for f in same)
    counts = report["summary"]
    assert counts["suppressed"] == len(same)
    assert counts["errors"] + counts["warnings"] == before.summary.errors + before.summary.warnings - len(
        same
    )
    text = run_cli(plan, "--format", "text")
    assert "suppressed because: Accepted by the auditor (file 17)." in text.stdout
