"""Decide which rules apply: regime from the plan year, tier from CPA category and authority type.

Placeholder until the rules issue: uses only what the user gave, else defaults.
"""

from __future__ import annotations

from plancheck.config import Settings
from plancheck.model import Document
from plancheck.report import Context, Source

DEFAULT_REGIME = "bvpp-2004"
DEFAULT_TIER = "fair-weak-poor"


def resolve_context(doc: Document | None, settings: Settings) -> Context:
    """The context for ``doc`` under ``settings`` (given values win; else detected; else default)."""
    source: dict[str, Source] = {}
    source["authority_type"] = "given" if settings.authority_type else "default"
    source["cpa_category"] = "given" if settings.cpa else "default"
    source["plan_year"] = "given" if settings.year else "default"
    source["regime"] = "given" if settings.regime else "default"
    source["tier"] = "default"
    return Context(
        regime=settings.regime or DEFAULT_REGIME,
        tier=DEFAULT_TIER,
        authority_type=settings.authority_type,
        cpa_category=settings.cpa,
        previous_cpa=settings.previous_cpa,
        plan_year=settings.year,
        source=source,
        notes=("No CPA category was given or detected: the fuller fair-weak-poor requirements apply.",),
    )
