"""SARIF output validates against the OASIS 2.1.0 schema and carries the rule catalogue."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from functools import cache
from typing import Any

import jsonschema
import pytest

from plancheck.reporters import sarif_report
from plancheck.rules.registry import ALL_RULES
from tests.conftest import SHARED, needs_shared
from tests.reporters import canned

pytestmark = needs_shared


@cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator().iter_errors(log)]


def test_canned_sarif_is_schema_valid() -> None:
    assert errors(sarif_report.build(canned.reports(), canned.CATALOGUE)) == []


def test_sarif_with_the_registry_catalogue_is_schema_valid() -> None:
    log = sarif_report.build(canned.reports())
    assert errors(log) == []
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[: len(ALL_RULES)] == [r.code for r in ALL_RULES]


def test_the_validator_rejects_a_broken_log() -> None:
    log = copy.deepcopy(sarif_report.build(canned.reports(), canned.CATALOGUE))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["version"]
    assert len(errors(log)) >= 2


def test_rules_come_from_the_rule_classes() -> None:
    rules = sarif_report.build(canned.reports(), canned.CATALOGUE)["runs"][0]["tool"]["driver"]["rules"]
    pc104 = rules[0]
    assert pc104["id"] == "PC104" and pc104["name"] == "missing-workforce-statement"
    assert pc104["shortDescription"]["text"] == "Plan has no statement on contracts that transfer staff."
    assert pc104["fullDescription"]["text"].startswith("Looks for a statement certifying")
    assert pc104["help"]["text"] == "Add a brief certified statement (a nil return counts)."
    assert "## Why it matters" in pc104["help"]["markdown"]
    assert pc104["properties"] == {"requirement": "WORKFORCE", "citation": "A(b)2(d)"}
    assert rules[1]["defaultConfiguration"]["level"] == "warning"
    # Findings of rules outside the catalogue still get a descriptor their ruleIndex points at.
    assert {r["id"] for r in rules} >= {"PC103", "PC210", "PC001"}


def test_results_levels_locations_and_suppressions() -> None:
    run = sarif_report.build(canned.reports(), canned.CATALOGUE)["runs"][0]
    results = run["results"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["level"] for r in results] == ["error", "warning", "error", "error", "note", "error", "error"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    heading = results[1]["locations"][0]
    assert heading["properties"]["page"] == 7
    # SARIF viewers locate by region: the page is the region's line, the region's message names it.
    assert heading["physicalLocation"]["region"] == {"startLine": 7, "message": {"text": "page 7"}}
    assert heading["logicalLocations"][0]["fullyQualifiedName"] == "Part 2 > Improvement"
    suppressed = [r for r in results if r["suppressions"]]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"][0]["justification"].startswith("Recycling outturn withheld")
    art = run["artifacts"]
    assert art[0]["location"]["uri"] == "plans/borsetshire%20bvpp%202004.pdf"
    assert art[0]["properties"]["requirements"]["WORKFORCE"] == "missing"
    assert art[1]["description"]["text"] == "Could not be read: encrypted: a password is needed"
    assert results[-2]["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    assert results[-1]["ruleId"] == "PC002" and art[2]["properties"]["genre"] == "committee_paper"


@pytest.mark.parametrize("path", ["/abs/dir/plan 2004.pdf", "rel/plan#1.pdf"])
def test_artifact_uris_are_valid_uri_references(path: str) -> None:
    report = canned.unreadable_report()
    moved = replace(report, document=replace(report.document, path=path))
    assert errors(sarif_report.build([moved], ())) == []
    uri = sarif_report.artifact_uri(path)
    assert " " not in uri and "#" not in uri
