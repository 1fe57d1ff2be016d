"""Financial-year labels of BVPI tables and the plan-year arithmetic of spec §3.

Every year is carried in one canonical form, ``"2004/05"`` (the financial year
April 2004 - March 2005). Labels such as ``Actual 03/04``, ``Target 2006-07``,
``2004/2005`` or a bare survey year ``(2003)`` are parsed to a :class:`YearLabel`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Role = Literal["outturn", "target", "estimate"]

_DASH = r"[/\-–—]"
# Four-digit start, then 4-, 2- or 1-digit end: 2004/05, 2004-2005, 2004–05, 2004/5.
_LONG = re.compile(rf"(?<!\d)((?:19|20)\d\d)\s*{_DASH}\s*(\d{{1,4}})(?!\d)")
# Two-digit pair: 04/05, 03-04. Not part of a date such as 03/04/2004.
_SHORT = re.compile(rf"(?<![\d/.\-])(\d\d)\s*{_DASH}\s*(\d\d)(?![\d/.]|-\d)")
_BARE = re.compile(r"(?<![\d/£$.,])((?:19|20)\d\d)(?![\d/%.,]|\s*[-–—]\s*\d)")

_ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("estimate", re.compile(r"\b(?:estimated?|est\.?|forecast|projected|probable|predicted)\b", re.I)),
    ("target", re.compile(r"\btargets?\b", re.I)),
    ("outturn", re.compile(r"\b(?:actuals?|out-?turns?|achieved|performance|result)\b", re.I)),
)


@dataclass(frozen=True, slots=True)
class YearLabel:
    """A parsed column label: the financial year, what the column holds, and whether it was a bare year."""

    year: str | None
    role: Role | None
    bare: bool = False
    """True for a calendar year such as ``(2003)``: a survey year, taken as the year it starts."""


@dataclass(frozen=True, slots=True)
class PlanYears:
    """The years one plan must cover: past-year outturn, current and two subsequent targets."""

    past: str
    current: str
    next1: str
    next2: str

    @property
    def targets(self) -> tuple[str, str, str]:
        """The three target years in order."""
        return (self.current, self.next1, self.next2)


def fy(start: int) -> str:
    """The canonical label of the financial year starting in April of ``start``."""
    return f"{start}/{(start + 1) % 100:02d}"


def start_of(year: str) -> int:
    """The calendar year a canonical label starts in (``"2004/05"`` -> 2004)."""
    return int(year[:4])


def shift(year: str, n: int) -> str:
    """The canonical year ``n`` years after (negative: before) ``year``."""
    return fy(start_of(year) + n)


def _century(two: int) -> int:
    # BVPPs run 2000-2008; a 90s pair (98/99, 99/00) is the late 1990s.
    return 1900 + two if two >= 50 else 2000 + two


def _consecutive(start: int, end_text: str) -> bool:
    end = int(end_text)
    if len(end_text) == 4:
        return end == start + 1
    if len(end_text) == 2:
        return end == (start + 1) % 100
    return end == (start + 1) % 10


def find_years(text: str) -> list[str]:
    """Every financial year named in ``text``, canonical, in order of appearance (no bare years)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _LONG.finditer(text):
        start = int(m.group(1))
        if _consecutive(start, m.group(2)):
            found.append((m.start(), fy(start)))
            taken.append(m.span())
    for m in _SHORT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        start = _century(int(m.group(1)))
        if _consecutive(start % 100, m.group(2)) or (m.group(1) == "99" and m.group(2) == "00"):
            found.append((m.start(), fy(start)))
    return [y for _, y in sorted(found)]


def parse_year(text: str) -> str | None:
    """The first financial year named in ``text``, canonical; None when there is none."""
    years = find_years(text)
    return years[0] if years else None


def role_of(text: str) -> Role | None:
    """What a header says its column holds: outturn, target or estimate (None if it says neither)."""
    for role, pattern in _ROLE_WORDS:
        if pattern.search(text):
            return role
    return None


def parse_label(text: str) -> YearLabel | None:
    """Parse a column header such as ``Actual 03/04`` or ``(2003)``; None if it names no year or role."""
    role = role_of(text)
    year = parse_year(text)
    if year is not None:
        return YearLabel(year, role)
    bare = _BARE.search(text)
    if bare is not None:
        return YearLabel(fy(int(bare.group(1))), role, bare=True)
    if role is not None:
        return YearLabel(None, role)
    return None


def normalise_plan_year(text: str | None) -> str | None:
    """``"2004"``, ``"2004/05"``, ``"2004-05"``, ``"04/05"`` -> ``"2004/05"``; None if not a year."""
    if not text:
        return None
    year = parse_year(text)
    if year is not None:
        return year
    bare = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text)
    return fy(int(bare.group(1))) if bare else None


def years_for(plan_year: str) -> PlanYears:
    """The past, current and subsequent years of a plan (spec §3): 2004/05 -> 2003/04 outturn, 3 targets."""
    year = normalise_plan_year(plan_year)
    if year is None:
        raise ValueError(f"not a plan year: {plan_year!r}")
    return PlanYears(past=shift(year, -1), current=year, next1=shift(year, 1), next2=shift(year, 2))


def guess_plan_year(labels: Iterable[YearLabel | str]) -> str | None:
    """The plan year a table's labels imply: the latest outturn year + 1, else the earliest target year."""
    parsed = [parse_label(x) if isinstance(x, str) else x for x in labels]
    known = [p for p in parsed if p is not None and p.year is not None]
    # Estimates count only where there is no actual: "2005/06 Forecast" beside "2003/04 Actual" is a plan.
    outturns = [p.year for p in known if p.role == "outturn" and p.year]
    outturns = outturns or [p.year for p in known if p.role == "estimate" and p.year]
    targets = [p.year for p in known if p.role == "target" and p.year]
    if outturns:
        return shift(max(outturns), 1)
    if targets:
        return min(targets)
    return None
