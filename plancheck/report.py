"""The finished report for one document: the JSON contract as frozen values.

Rules produce :class:`RequirementResult`, :class:`IndicatorRow` and
:class:`Finding` values; the engine assembles a :class:`Report`; reporters
only read it. ``Report.to_dict`` is the JSON report described in docs/report-format.md and
``plancheck/schema/report-1.schema.json`` (extended, never renamed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from plancheck.vocabulary import SEVERITY_ORDER, exit_code_of

__all__ = ["SEVERITY_ORDER"]  # re-exported: the engine and reporters order findings by it

Status = Literal["met", "partial", "missing", "not_required", "not_checked"]
Severity = Literal["error", "warning", "info"]
Kind = Literal["plan", "not_plan", "unreadable"]
Verdict = Literal["compliant", "non_compliant", "not_a_plan", "unreadable", "out_of_scope"]
Source = Literal["given", "detected", "default"]


SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "report-1.schema.json"
"""The JSON Schema of ``Report.to_dict`` (version 1: fields are added, never renamed or removed)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a verdict comes from: a page (or heading path) and the quoted text."""

    page: int | None
    text: str
    heading_path: tuple[str, ...] = ()
    role: str | None = None
    """The quoted sentence's role (plancheck.roles: content, heading, ...); None for table data."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "page": self.page,
            "text": self.text,
            "heading_path": list(self.heading_path),
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        """Inverse of :meth:`to_dict`."""
        return cls(d.get("page"), d["text"], tuple(d.get("heading_path", ())), d.get("role"))


@dataclass(frozen=True, slots=True)
class RequirementResult:
    """One catalogue requirement's status for this document."""

    id: str
    title: str
    citation: str
    status: Status
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    searched: tuple[str, ...] = ()
    """What was looked for and where (headings, phrases, tables), so an absence can be trusted."""
    applicability: str = "required"
    """required, advisory (reported, never fails the plan) or not_required, for this context."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "id": self.id,
            "applicability": self.applicability,
            "title": self.title,
            "citation": self.citation,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
            "detail": self.detail,
            "searched": list(self.searched),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RequirementResult:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=d["id"],
            title=d["title"],
            citation=d["citation"],
            status=d["status"],
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            detail=d.get("detail", ""),
            searched=tuple(d.get("searched", ())),
            applicability=d.get("applicability", "required"),
        )


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One BVPI row read from an indicator table."""

    code: str
    page: int | None
    outturn_year: str | None
    outturn_value: str | None
    targets: tuple[tuple[str, str | None], ...]
    """(year label "2004/05", value or None) for each required target year, in order."""
    problems: tuple[str, ...] = ()
    title: str | None = None
    table: int | None = None
    row: int | None = None
    printed: tuple[tuple[str, str], ...] = ()
    """What the plan printed where a required figure is missing ("TBC", "n/a"): ``outturn`` or the target
    year, to the cell's text."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "code": self.code,
            "title": self.title,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "outturn": {"year": self.outturn_year, "value": self.outturn_value},
            "targets": dict(self.targets),
            "problems": list(self.problems),
            "printed": dict(self.printed),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IndicatorRow:
        """Inverse of :meth:`to_dict`."""
        return cls(
            code=d["code"],
            page=d.get("page"),
            outturn_year=d["outturn"]["year"],
            outturn_value=d["outturn"]["value"],
            targets=tuple(d.get("targets", {}).items()),
            problems=tuple(d.get("problems", ())),
            title=d.get("title"),
            table=d.get("table"),
            row=d.get("row"),
            printed=tuple(d.get("printed", {}).items()),
        )


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: page, table index (in document order) and row."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    heading_path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "heading_path": list(self.heading_path),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        """Inverse of :meth:`to_dict`."""
        return cls(d.get("page"), d.get("table"), d.get("row"), tuple(d.get("heading_path", ())))


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule says about the document."""

    rule: str
    """The rule's code, e.g. ``PC101``."""
    requirement: str | None
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    suggestion: str | None = None
    rule_name: str = ""
    suppressed: str | None = None
    """The recorded reason, where a suppression accepted this finding."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "rule": self.rule,
            "rule_name": self.rule_name,
            "requirement": self.requirement,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "suggestion": self.suggestion,
            "suppressed": self.suppressed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict`."""
        return cls(
            rule=d["rule"],
            requirement=d.get("requirement"),
            severity=d["severity"],
            message=d["message"],
            location=Location.from_dict(d.get("location") or {}),
            suggestion=d.get("suggestion"),
            rule_name=d.get("rule_name", ""),
            suppressed=d.get("suppressed"),
        )


@dataclass(frozen=True, slots=True)
class Context:
    """Which rules apply: authority, CPA category, plan year, regime and tier, with provenance."""

    regime: str
    tier: str | None
    authority_type: str | None = None
    cpa_category: str | None = None
    previous_cpa: str | None = None
    plan_year: str | None = None
    authority_name: str | None = None
    source: dict[str, Source] = field(default_factory=dict)
    """For each of authority_type, cpa_category, plan_year, regime, tier: given, detected or default."""
    notes: tuple[str, ...] = ()
    """Assumptions said plainly (star mapping, default tier, Annex B grace...)."""
    out_of_scope: str | None = None
    """Why nothing was checked (police or Welsh authority), else None."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "authority_type": self.authority_type,
            "authority_name": self.authority_name,
            "cpa_category": self.cpa_category,
            "previous_cpa": self.previous_cpa,
            "plan_year": self.plan_year,
            "regime": self.regime,
            "tier": self.tier,
            "source": dict(self.source),
            "notes": list(self.notes),
            "out_of_scope": self.out_of_scope,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Context:
        """Inverse of :meth:`to_dict`."""
        return cls(
            regime=d["regime"],
            tier=d.get("tier"),
            authority_type=d.get("authority_type"),
            cpa_category=d.get("cpa_category"),
            previous_cpa=d.get("previous_cpa"),
            plan_year=d.get("plan_year"),
            authority_name=d.get("authority_name"),
            source=dict(d.get("source", {})),
            notes=tuple(d.get("notes", ())),
            out_of_scope=d.get("out_of_scope"),
        )


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The ``document`` object of the contract."""

    path: str
    sha256: str | None
    format: str | None
    pages: int | None
    kind: Kind
    reason: str | None = None
    """Why the document is of its kind: the cues that decided, or why the file is unreadable."""
    title: str | None = None
    genre: str | None = None
    """What kind of document it is (plan, committee_paper, guidance, ... see plancheck.classify.Genre)."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "kind": self.kind,
            "reason": self.reason,
            "title": self.title,
            "genre": self.genre,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentInfo:
        """Inverse of :meth:`to_dict`."""
        return cls(
            d["path"],
            d.get("sha256"),
            d.get("format"),
            d.get("pages"),
            d["kind"],
            d.get("reason"),
            d.get("title"),
            d.get("genre"),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """The verdict and counts."""

    verdict: Verdict
    errors: int
    warnings: int
    infos: int = 0
    suppressed: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "verdict": self.verdict,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "suppressed": self.suppressed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        """Inverse of :meth:`to_dict`."""
        return cls(d["verdict"], d["errors"], d["warnings"], d.get("infos", 0), d.get("suppressed", 0))


@dataclass(frozen=True, slots=True)
class Report:
    """Everything plancheck says about one document."""

    version: str
    document: DocumentInfo
    context: Context
    requirements: tuple[RequirementResult, ...]
    indicators: tuple[IndicatorRow, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    ruleset: str = ""
    """A digest of the rules and patterns that produced this report (for incremental batch runs)."""

    @property
    def exit_code(self) -> int:
        """0 compliant or out of scope, 1 not met, 2 unreadable (the contract's exit codes)."""
        return exit_code_of(self.summary.verdict)

    def requirement(self, rid: str) -> RequirementResult | None:
        """The result for requirement ``rid``, if the regime has it."""
        return next((r for r in self.requirements if r.id == rid), None)

    def to_dict(self) -> dict[str, Any]:
        """The contract JSON object."""
        return {
            "plancheck_version": self.version,
            "ruleset": self.ruleset,
            "document": self.document.to_dict(),
            "context": self.context.to_dict(),
            "requirements": [r.to_dict() for r in self.requirements],
            "indicators": [i.to_dict() for i in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        """Inverse of :meth:`to_dict` (used by batch workers and the web app)."""
        return cls(
            version=d["plancheck_version"],
            document=DocumentInfo.from_dict(d["document"]),
            context=Context.from_dict(d["context"]),
            requirements=tuple(RequirementResult.from_dict(r) for r in d["requirements"]),
            indicators=tuple(IndicatorRow.from_dict(i) for i in d["indicators"]),
            findings=tuple(Finding.from_dict(f) for f in d["findings"]),
            summary=Summary.from_dict(d["summary"]),
            ruleset=d.get("ruleset", ""),
        )
