"""docs/rules.md is generated and current; every rule is documented, with a passing and a failing fixture."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pytest

from plancheck.catalogue import regimes
from plancheck.config import Settings, Suppression
from plancheck.docgen import DOC_PATH, render
from plancheck.engine import check_path
from plancheck.extract import ExtractOptions
from plancheck.report import Report
from plancheck.rules import registry
from plancheck.rules.base import DOC_SECTIONS, Output, Rule, RuleContext
from tests.conftest import FIXTURES, SEEDS, WILD
from tests.rules.fixture_plans import fixture_plans

ENGINE_EMITTED = {"PC001", "PC003", "PC900"}
"""Findings the engine itself emits (unreadable file, crashed rule): their fixtures are built below."""


def test_docs_rules_md_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/rules.md is stale: run python -m plancheck.docgen"
    )


@pytest.mark.parametrize("rule", registry.ALL_RULES, ids=lambda r: r.code)
def test_every_rule_is_documented(rule: type[Rule]) -> None:
    sections = rule.doc_sections()
    for title in DOC_SECTIONS:
        assert sections.get(title, "").strip(), f"{rule.code} lacks '## {title}'"
    assert rule.summary() and rule.code.startswith("PC") and rule.name == rule.name.lower()
    assert f"### {rule.code} {rule.name}" in DOC_PATH.read_text(encoding="utf-8")


def test_codes_and_names_are_unique_and_every_requirement_has_a_rule() -> None:
    codes = [r.code for r in registry.ALL_RULES]
    names = [r.name for r in registry.ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assessed = {q for r in registry.ALL_RULES for q in r.feeds()}
    for regime in regimes().values():
        for q in regime.requirements:
            assert q.id in assessed, f"{regime.id}: no rule assesses {q.id}"


@functools.cache
def _corpus() -> tuple[Report, ...]:
    """Every generated fixture plan (with its expected settings), the seeds and an unreadable file."""
    settings = {p.name: p.settings() for p in fixture_plans()}
    reports = [
        check_path(path, settings.get(path.stem, Settings()))
        for path in sorted((FIXTURES / "generated").glob("*.docx"))
        + sorted((FIXTURES / "example").glob("*.docx"))
    ]
    reports += [check_path(p) for p in sorted(SEEDS.glob("*.md")) if p.name != "README.md"]
    reports.append(check_path(WILD / "pdf" / "password-example.pdf"))
    return tuple(reports)


class _Crashes(Rule):
    """A rule with a bug, to make the engine emit PC003."""

    code = "PC999"
    name = "test-crash"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        raise RuntimeError("boom")


def _verdicts(rule: type[Rule], reports: Iterable[Report]) -> tuple[bool, bool]:
    """(some fixture fails the rule, some fixture passes it)."""
    failed = passed = False
    for report in reports:
        fired = any(f.rule == rule.code for f in report.findings)
        reqs = [
            r
            for r in (report.requirement(q) for q in rule.feeds())
            if r and r.applicability != "not_required"
        ]
        if fired or any(r.status in ("partial", "missing") for r in reqs):
            failed = True
        elif (
            report.document.kind == "plan"
            and (reqs or not rule.feeds())
            and all(r.status == "met" for r in reqs)
        ):
            passed = True
    return failed, passed


@pytest.mark.slow
@pytest.mark.parametrize("rule", registry.ALL_RULES, ids=lambda r: r.code)
def test_every_rule_has_a_passing_and_a_failing_fixture(
    rule: type[Rule], monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: Iterable[Report] = _corpus()
    if rule.code == "PC003":
        monkeypatch.setattr(registry, "ALL_RULES", (*registry.ALL_RULES, _Crashes))
        reports = [*reports, check_path(FIXTURES / "generated" / "rules-2004-fwp-met.docx")]
    if rule.code == "PC900":  # a suppression of a finding the example plan does not have
        unused = Settings(suppressions=(Suppression(reason="accepted", rule="PC002"),))
        reports = [*reports, check_path(FIXTURES / "example" / "borsetshire-bvpp-2004.docx", unused)]
    if rule.code == "PC004":  # the example plan with pages over a per-page limit: read in part
        partly = Settings(extract=ExtractOptions(max_page_chars=3500))
        reports = [*reports, check_path(FIXTURES / "example" / "borsetshire-bvpp-2004.pdf", partly)]
    failed, passed = _verdicts(rule, reports)
    assert failed, f"{rule.code} {rule.name}: no fixture fails it"
    assert passed, f"{rule.code} {rule.name}: no fixture passes it"
