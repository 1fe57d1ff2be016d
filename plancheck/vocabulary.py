"""The domain's words, each said once: authority types, CPA categories, severities, report formats, the
syntax of a plan year and the exit status of a verdict.

The command line, the configuration file, the batch manifest, the web form, the report and the
reporters all read them from here, so a value one accepts the others accept too.
"""

from __future__ import annotations

import re

AUTHORITY_TYPES = (
    "district", "county", "unitary", "metropolitan", "london-borough", "fire", "police",
    "national-park", "broads", "parish", "jwda", "pta", "gla", "lda", "tfl",
)  # fmt: skip
CPA_CATEGORIES = ("excellent", "good", "fair", "weak", "poor", "none", "0", "1", "2", "3", "4")
"""The five categories, ``none`` (no CPA reported), and star ratings 0-4 (from December 2005)."""

SEVERITIES = ("error", "warning", "info")
"""Finding severities, most severe first."""
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

FORMATS = ("text", "json", "html", "sarif", "csv", "markdown")
"""Report formats, one reporter module each (plancheck/reporters/<format>_report.py)."""

PLAN_YEAR_SYNTAX = re.compile(r"^(19|20)\d\d(/\d\d)?$")
"""How a plan year is written in options and files, ``2004/05`` or ``2004`` (its range: catalogue)."""


def exit_code_of(verdict: str) -> int:
    """The exit status of a verdict: 0 compliant or out of scope, 1 not met (or not a plan), 2 unreadable."""
    if verdict == "unreadable":
        return 2
    return 0 if verdict in ("compliant", "out_of_scope") else 1
