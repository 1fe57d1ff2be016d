"""The BVPI catalogue (``patterns/bvpi/catalogue.csv``): which indicators applied to whom, and when."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from plancheck.errors import PatternError
from plancheck.patterns import patterns_dir

# Contract authority types -> the catalogue's applies_to vocabulary (domain.md §6).
APPLIES_TO: dict[str, str] = {
    "county": "county",
    "district": "district",
    "unitary": "unitary",
    "metropolitan": "unitary",
    "london-borough": "unitary",
    "fire": "fire",
    "national-park": "npa",
    "broads": "npa",
    "gla": "gla",
    "lda": "gla",
    "tfl": "gla",
    "jwda": "jwda",
    "pta": "pta",
}
"""Parish councils report local indicators and police authorities are out of scope: neither is here."""


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One BVPI: code, title, the outturn years it covers, who it applies to, and how sure we are."""

    code: str
    title: str
    first_year: str
    last_year: str
    applies_to: frozenset[str]
    grade: str
    note: str

    def applies(self, catalogue_type: str, outturn_year: str) -> bool:
        """True if the indicator was collected from this type of authority for ``outturn_year``."""
        return catalogue_type in self.applies_to and self.first_year <= outturn_year <= self.last_year


@functools.cache
def catalogue() -> tuple[CatalogueEntry, ...]:
    """Every catalogue row, validated on load."""
    path = patterns_dir() / "bvpi" / "catalogue.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise PatternError(str(path), None, "file not found") from None
    out = []
    for i, r in enumerate(rows, start=2):
        try:
            out.append(
                CatalogueEntry(
                    code=r["code"],
                    title=r["title"],
                    first_year=r["first_year"],
                    last_year=r["last_year"],
                    applies_to=frozenset(r["applies_to"].split("|")),
                    grade=r["grade"],
                    note=r["note"],
                )
            )
        except (KeyError, AttributeError):
            raise PatternError(str(path), f"line {i}", "missing a column") from None
    return tuple(out)


def covered(code: str, plan_codes: Iterable[str]) -> bool:
    """True when the plan reports ``code``, a sub-part of it, or its parent (BV82a for BV82a(i))."""
    for p in plan_codes:
        if p == code:
            return True
        longer, shorter = (p, code) if len(p) > len(code) else (code, p)
        if longer.startswith(shorter) and not longer[len(shorter)].isdigit():
            return True
    return False


def expected(authority_type: str | None, outturn_year: str) -> tuple[CatalogueEntry, ...]:
    """The catalogue indicators that apply to ``authority_type`` for ``outturn_year`` (none if unmapped)."""
    kind = APPLIES_TO.get(authority_type or "")
    if kind is None:
        return ()
    return tuple(e for e in catalogue() if e.applies(kind, outturn_year))
