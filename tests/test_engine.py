"""The engine: crashes become PC003 findings, the weaker verdict wins, scope, selection, pattern errors."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from plancheck.concepts import _qualifier, _strings
from plancheck.config import Settings
from plancheck.engine import check_document, check_path
from plancheck.errors import PatternError
from plancheck.extract import load
from plancheck.report import Evidence
from plancheck.rules import registry
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from tests.conftest import FIXTURES, WILD, needs_shared

MET = FIXTURES / "generated" / "rules-2004-fwp-met.docx"


class _Crashes(Rule):
    """A rule with a bug."""

    code = "PC999"
    name = "test-crash"
    requirement = "WORKFORCE"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        raise ZeroDivisionError("division by zero")


class _SaysPartial(Rule):
    """A second opinion on OBJECTIVES."""

    code = "PC998"
    name = "test-partial"
    requirement = "OBJECTIVES"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        yield Assessment(
            "OBJECTIVES", "partial", (Evidence(1, "objectives without priorities"),), "second opinion"
        )


def test_a_crashing_rule_becomes_a_finding_and_the_report_survives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "ALL_RULES", (*registry.ALL_RULES, _Crashes))
    report = check_path(MET)
    [crash] = [f for f in report.findings if f.rule == "PC003"]
    assert "PC999 test-crash" in crash.message and "ZeroDivisionError" in crash.message
    assert crash.requirement == "WORKFORCE" and crash.severity == "error"
    workforce = report.requirement("WORKFORCE")
    assert workforce is not None and workforce.status == "missing" and "Not judged" in workforce.detail
    objectives = report.requirement("OBJECTIVES")
    assert objectives is not None and objectives.status == "met"  # the other rules still ran
    assert report.summary.verdict == "non_compliant"


def test_the_weaker_verdict_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "ALL_RULES", (*registry.ALL_RULES, _SaysPartial))
    report = check_path(MET)
    objectives = report.requirement("OBJECTIVES")
    assert objectives is not None and objectives.status == "partial" and objectives.detail == "second opinion"


class _FlagsAnError(Rule):
    """An error finding against WORKFORCE, which PC104 finds met."""

    code = "PC997"
    name = "test-error"
    requirement = "WORKFORCE"
    severity = "error"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        yield self.finding("One contract was let without the Code's protections.")


def test_a_requirement_with_an_error_finding_against_it_is_never_met(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_path(MET).requirement("WORKFORCE").status == "met"  # type: ignore[union-attr]
    monkeypatch.setattr(registry, "ALL_RULES", (*registry.ALL_RULES, _FlagsAnError))
    report = check_path(MET)
    workforce = report.requirement("WORKFORCE")
    assert workforce is not None and workforce.status == "partial"
    assert workforce.detail.endswith("But 1 error finding(s) stand against it (PC997).")
    assert report.summary.verdict == "non_compliant"


def test_select_runs_only_the_chosen_rules_and_the_rest_are_not_checked() -> None:
    full = check_path(MET, Settings())
    assert full.summary.verdict == "compliant"
    report = check_path(MET, Settings(select=("PC104",)))
    assert report.requirement("WORKFORCE").status == "met"  # type: ignore[union-attr]
    objectives = report.requirement("OBJECTIVES")
    assert objectives is not None and objectives.status == "not_checked" and "PC102" in objectives.detail
    # Requirements left out do not count: a compliant plan stays compliant; the notes say what was left out.
    assert report.summary.verdict == "compliant" and report.summary.errors == 0
    assert any(
        n.startswith("Not checked (rules deselected): ") and "OBJECTIVES (PC102)" in n
        for n in report.context.notes
    )
    ignored = check_path(MET, Settings(ignore=("missing-workforce-statement",)))
    assert ignored.requirement("WORKFORCE").status == "not_checked"  # type: ignore[union-attr]
    assert ignored.summary.verdict == "compliant"
    # A requirement still fed by one selected rule is checked by it (PI-OUTTURN: PC201 without PC206).
    partly = check_path(MET, Settings(ignore=("PC206",)))
    assert partly.requirement("PI-OUTTURN").status == "met"  # type: ignore[union-attr]


def test_a_condition_that_does_not_hold_is_not_required_and_does_not_fail() -> None:
    report = check_path(FIXTURES / "generated" / "rules-2003-gaps.docx", Settings(year="2003/04"))
    lpsa = report.requirement("LPSA-PROGRESS")
    assert lpsa is not None and (lpsa.status, lpsa.applicability) == ("not_required", "not_required")
    assert "assumed the authority has none" in lpsa.detail
    assert not [f for f in report.findings if f.rule == "PC113"]


def test_rules_for_requirements_outside_the_regime_do_not_run() -> None:
    report = check_path(MET, Settings(year="2001/02"))
    assert report.context.regime == "bvpp-2001"
    assert not {"PC102", "PC103", "PC104"} & {f.rule for f in report.findings}
    assert {r.id for r in report.requirements} >= {"ART3-A", "ART4-H"}


def test_police_plan_is_out_of_scope_and_checks_nothing() -> None:
    report = check_path(MET, Settings(authority_type="police"))
    assert report.summary.verdict == "out_of_scope" and report.exit_code == 0
    assert all(r.status == "not_required" for r in report.requirements)
    assert not report.findings


@needs_shared
def test_an_encrypted_pdf_is_unreadable_not_missing() -> None:
    report = check_path(WILD / "pdf" / "password-example.pdf")
    assert report.document.kind == "unreadable" and report.exit_code == 2
    assert all(r.detail.startswith("Not assessed: the file could not be read") for r in report.requirements)
    assert [f.rule for f in report.findings] == ["PC001"]


def test_every_met_requirement_carries_page_and_quote() -> None:
    report = check_document(load(FIXTURES / "generated" / "rules-2001-met.pdf"))
    met = [r for r in report.requirements if r.status == "met"]
    assert len(met) >= 10
    for r in met:
        assert all(e.page and e.text for e in r.evidence), r


def test_assessment_refuses_met_without_location() -> None:
    with pytest.raises(ValueError, match="needs evidence"):
        Assessment("WORKFORCE", "met", (Evidence(None, "quote"),))


def test_pattern_errors_name_file_and_key() -> None:
    with pytest.raises(PatternError, match=r"patterns/x.yml: concepts.a: headings: expected a list"):
        _strings({"headings": "not a list"}, "headings", "patterns/x.yml: concepts.a")
    with pytest.raises(PatternError, match=r"outcomes.regex: not a valid regular expression"):
        _qualifier("outcomes", {"label": "x", "regex": "(["}, "patterns/x.yml: concepts.a.qualifiers")


def test_spacy_loads_only_when_a_selected_rule_needs_it() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from plancheck.engine import check_path; from plancheck.config import Settings; "
        f"check_path({str(MET)!r}, Settings(select=(sys.argv[1],))); "
        "print('spacy' in sys.modules)"
    )
    assert all(r.needs_nlp for r in registry.ALL_RULES if r.code.startswith("PC1"))
    for select, loaded in (("PC2", "False"), ("PC104", "True")):
        out = subprocess.run(
            [sys.executable, "-c", probe, select], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == loaded, (select, out.stderr[-500:])
