"""Is this document a plan, or a paper about one? Placeholder until the rules issue."""

from __future__ import annotations

from plancheck.model import Document
from plancheck.report import Kind


def classify(doc: Document) -> Kind:
    """``plan`` or ``not_plan``."""
    return "plan"
