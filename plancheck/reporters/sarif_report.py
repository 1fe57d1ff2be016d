"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

PDFs have pages, not lines, so a result's page, table and row go in the
location's ``properties`` and a Word heading path in ``logicalLocations``;
``region`` is never invented.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from plancheck import __version__
from plancheck.report import Finding, Report
from plancheck.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a document path: file:// for absolute paths, percent-encoded relative otherwise."""
    posix = PurePosixPath(path.replace("\\", "/"))
    return posix.as_uri() if posix.is_absolute() else quote(str(posix))


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """A SARIF reportingDescriptor from a rule's metadata and docstring sections."""
    sections = rule.doc_sections()
    summary = rule.summary() or rule.name
    help_md = "\n\n".join(f"## {title}\n{body}" for title, body in sections.items())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": sections.get("What it checks", summary)},
        "help": {"text": sections.get("How to fix", summary), "markdown": help_md or summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"requirement": rule.requirement, "citation": rule.citation},
    }


def _ad_hoc_descriptor(f: Finding) -> dict[str, Any]:
    # Findings the engine makes itself (e.g. PC900 unused-suppression) have no Rule class.
    summary = (f.rule_name or f.rule).replace("-", " ").capitalize()
    descriptor: dict[str, Any] = {
        "id": f.rule,
        "name": f.rule_name or f.rule,
        "shortDescription": {"text": summary},
        "properties": {"requirement": f.requirement, "citation": ""},
    }
    if f.suggestion:
        descriptor["help"] = {"text": f.suggestion}
    return descriptor


def write(
    reports: Sequence[Report], stream: TextIO, *, rules: Sequence[type[Rule]] | None = None, **_: object
) -> None:
    """One run holding every document as an artifact and every finding as a result."""
    json.dump(build(reports, rules), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def build(reports: Sequence[Report], rules: Sequence[type[Rule]] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (``rules`` defaults to the registry's catalogue)."""
    if rules is None:
        from plancheck.rules.registry import ALL_RULES

        rules = ALL_RULES
    descriptors = [rule_descriptor(r) for r in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for r in reports:
        for f in r.findings:
            if f.rule not in index:
                index[f.rule] = len(descriptors)
                descriptors.append(_ad_hoc_descriptor(f))
    artifacts = [_artifact(r) for r in reports]
    results = [
        _result(f, artifact_uri(r.document.path), i, index[f.rule])
        for i, r in enumerate(reports)
        for f in r.findings
    ]
    version = reports[0].version if reports else __version__
    driver = {"name": "plancheck", "version": version, "rules": descriptors}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "artifacts": artifacts, "results": results}],
    }


def _artifact(r: Report) -> dict[str, Any]:
    d = r.document
    artifact: dict[str, Any] = {
        "location": {"uri": artifact_uri(d.path)},
        "properties": {
            "kind": d.kind,
            "genre": d.genre,
            "pages": d.pages,
            "verdict": r.summary.verdict,
            "requirements": {q.id: q.status for q in r.requirements},
            "context": r.context.to_dict(),
        },
    }
    if d.format:
        artifact["sourceLanguage"] = d.format
    if d.sha256:
        artifact["hashes"] = {"sha-256": d.sha256}
    if d.reason:
        artifact["description"] = {"text": f"Could not be read: {d.reason}"}
    return artifact


def _result(f: Finding, uri: str, artifact: int, rule_index: int) -> dict[str, Any]:
    loc = f.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": artifact}}
    if loc.page is not None:
        # SARIF has no pages: viewers show a region's start line, so the page is the region's line, and
        # the region's message says so (table and row too) for a reader of the raw file.
        what = ", ".join(
            [f"page {loc.page}"]
            + ([f"table {loc.table}"] if loc.table is not None else [])
            + ([f"row {loc.row}"] if loc.row is not None else [])
        )
        physical["region"] = {"startLine": loc.page, "message": {"text": what}}
    location: dict[str, Any] = {
        "physicalLocation": physical,
        "properties": {"page": loc.page, "table": loc.table, "row": loc.row},
    }
    if loc.heading_path:
        location["logicalLocations"] = [
            {
                "name": loc.heading_path[-1],
                "fullyQualifiedName": " > ".join(loc.heading_path),
                "kind": "section",
            }
        ]
    message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [location],
        "properties": {"requirement": f.requirement, "suggestion": f.suggestion},
        # An empty list says suppressions were evaluated and none applies.
        "suppressions": [],
    }
    if f.suppressed:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.suppressed}]
    return result
