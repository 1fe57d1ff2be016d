"""What a rule is: metadata, documentation and a ``check`` over a RuleContext.

A rule reads only the :class:`RuleContext`: it never opens files, imports
PDF libraries, prints, or picks the exit code. It yields
:class:`Assessment` values (the status of the requirement it feeds, with
evidence), :class:`~plancheck.report.Finding` values, and, for the indicator
rules, :class:`~plancheck.report.IndicatorRow` values.

The rule's docstring is its documentation and must have the sections
``What it checks``, ``Why it matters``, ``Passes``, ``Fails`` and ``How to fix``
(``plancheck explain`` prints them; a test fails if one is missing).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from plancheck.config import Settings
from plancheck.model import Document
from plancheck.report import Context, Evidence, Finding, IndicatorRow, Location, Severity

DOC_SECTIONS = ("What it checks", "Why it matters", "Passes", "Fails", "How to fix")


@dataclass(frozen=True, slots=True)
class Assessment:
    """A rule's verdict on the requirement it feeds."""

    requirement: str
    status: Literal["met", "partial", "missing", "not_required"]
    """``not_required`` only where a conditional requirement's condition does not hold (e.g. no Local PSA)."""
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    searched: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # The product's first promise: never "met" without a location and a quote.
        if self.status == "met" and not any(
            e.text and (e.page is not None or e.heading_path) for e in self.evidence
        ):
            raise ValueError(f"{self.requirement}: 'met' needs evidence with a page or heading path")


Output = Assessment | Finding | IndicatorRow


@dataclass
class RuleContext:
    """Everything a rule may read, with expensive helpers built lazily once per document."""

    doc: Document
    context: Context
    settings: Settings
    cache: dict[str, Any] = field(default_factory=dict)
    """Results shared between rules (e.g. the parsed indicator tables), keyed by name."""

    def applicability(self, requirement: str) -> str:
        """required, advisory or not_required: what this context asks of ``requirement``."""
        from plancheck.catalogue import regime

        for q in regime(self.context.regime).requirements:
            if q.id == requirement:
                return q.applicability(self.context.tier, self.context.plan_year)
        return "not_required"

    def memo(self, key: str, build: Any) -> Any:
        """``cache[key]``, computing it with ``build()`` the first time."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


class Rule:
    """Base class of every rule; subclasses set the ClassVars and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    requirement: ClassVar[str | None] = None
    severity: ClassVar[Severity] = "error"
    citation: ClassVar[str] = ""
    needs_nlp: ClassVar[bool] = False
    regimes: ClassVar[tuple[str, ...]] = ()
    """Regimes the rule runs under; empty means every regime that has its requirement."""
    requirements: ClassVar[tuple[str, ...]] = ()
    """Every requirement the rule may feed, where that is more than ``requirement`` (ART3-F or ART4-A)."""

    @classmethod
    def feeds(cls) -> tuple[str, ...]:
        """The requirements this rule may assess (``requirements``, else ``requirement``)."""
        return cls.requirements or ((cls.requirement,) if cls.requirement else ())

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield assessments, findings and indicator rows."""
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        location: Location | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        requirement: str | None = None,
    ) -> Finding:
        """A Finding stamped with this rule's code, name, requirement and severity."""
        return Finding(
            rule=self.code,
            rule_name=self.name,
            requirement=requirement if requirement is not None else self.requirement,
            severity=severity or self.severity,
            message=message,
            location=location or Location(),
            suggestion=suggestion,
        )

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        return (inspect.getdoc(cls) or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring's ``## Section`` bodies, keyed by section title."""
        text = inspect.getdoc(cls) or ""
        parts = re.split(r"^##\s+(.+?)\s*$", text, flags=re.MULTILINE)
        return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
