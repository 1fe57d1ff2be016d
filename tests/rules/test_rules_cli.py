"""`plancheck rules` lists the catalogue; `plancheck explain` prints a rule's docs by code, name or ID."""

from __future__ import annotations

from click.testing import CliRunner

from plancheck.cli import cli
from plancheck.commands import register
from plancheck.rules.registry import ALL_RULES

register(cli)  # as the console script's main() does


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_rules_lists_regimes_requirements_and_every_rule() -> None:
    code, out = _run("rules")
    assert code == 0
    for regime in ("bvpp-2000", "bvpp-2001", "bvpp-2003", "bvpp-2004", "bvpp-2008"):
        assert f"{regime}:" in out
    assert "WORKFORCE" in out and "PC104" in out and "Circular 02/2004" in out
    for rule in ALL_RULES:
        assert rule.code in out and rule.name in out


def test_explain_by_code_name_and_requirement() -> None:
    for key in ("PC104", "missing-workforce-statement", "WORKFORCE", "pc104"):
        code, out = _run("explain", key)
        assert code == 0, out
        assert out.startswith("PC104 missing-workforce-statement")
        for section in ("What it checks", "Why it matters", "Passes", "Fails", "How to fix"):
            assert f"\n{section}\n" in out
        assert "citation: Circular 02/2004 Annex A(a) 2(b)" in out


def test_explain_a_requirement_fed_by_several_rules_prints_each() -> None:
    code, out = _run("explain", "PI-OUTTURN")
    assert code == 0
    assert out.count("\nWhat it checks\n") >= 2


def test_explain_unknown_is_a_one_line_error() -> None:
    code, out = _run("explain", "PC000")
    assert code != 0
    assert "unknown rule 'PC000'" in out and "Traceback" not in out
