"""Across years: did a council meet the targets its last plan set, and did its figures stay put?

For consecutive plans of one authority, year N's plan sets a target for year
N and year N+1's plan reports that year's outturn: met or missed, given the
indicator's polarity. Where two plans report the same year's outturn with
different figures, the restatement is flagged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from plancheck.report import IndicatorRow

Polarity = str  # "higher", "lower" or "unknown"

_LOWER_MARK = re.compile(r"lower\s+(is|=)\s+better|\(\s*low(er)?\s*\)|polarity\W+low", re.I)
_HIGHER_MARK = re.compile(r"higher\s+(is|=)\s+better|\(\s*high(er)?\s*\)|polarity\W+high", re.I)
# Indicator titles that measure something a council wants less of (time, cost, harm, backlog).
_LOWER_WORDS = re.compile(
    r"\((days|weeks)\)|\b(days lost|average (time|length)|time taken|costs?|spend|arrears|sickness|"
    r"complaints|deaths|casualties|killed|injured|crimes?|burglar\w*|non-decent|rough sleepers|"
    r"temporary accommodation|delayed|delay|waiting|fly-?tipping|litter|graffiti|re-?offend\w*|"
    r"exclusions|landfilled|per head)\b",
    re.I,
)
_NUMBER = re.compile(r"-?\d[\d,]*(\.\d+)?|-?\.\d+")


@dataclass(frozen=True, slots=True)
class PlanIndicators:
    """One stored plan's indicator rows, with who and when it is."""

    document_id: int
    authority_key: str
    authority: str | None
    plan_year: str
    indicators: tuple[IndicatorRow, ...]


def year_start(label: str | None) -> int | None:
    """2004 for "2004/05", "2004-05" or "2004"."""
    m = re.match(r"\s*((?:19|20)\d\d)", label or "")
    return int(m.group(1)) if m else None


def number(value: str | None) -> float | None:
    """The figure in "95.2%", "£1,234" or "12 days"; None for "n/a", "Yes" or ranges like "2-3"."""
    if not value:
        return None
    found = _NUMBER.findall(value)
    if len(found) != 1:
        return None
    m = _NUMBER.search(value)
    assert m is not None
    return float(m.group(0).replace(",", ""))


def normal_code(code: str) -> str:
    """A matching key: "BV 8", "BVPI 8" and "bv8" are one indicator."""
    c = re.sub(r"\s+", "", code.upper())
    return re.sub(r"^BVPI", "BV", c)


def shown_code(code: str) -> str:
    """The code as the plan wrote it, with its spacing tidied ("BV  82a(i)" -> "BV 82a(i)")."""
    return " ".join(code.split())


def polarity(row: IndicatorRow) -> Polarity:
    """Which way is better: a stated polarity first, then the title's wording; unknown without a title."""
    text = " ".join([row.title or "", *row.problems])
    if _LOWER_MARK.search(text):
        return "lower"
    if _HIGHER_MARK.search(text):
        return "higher"
    if not row.title:
        return "unknown"
    return "lower" if _LOWER_WORDS.search(row.title) else "higher"


def _target_for(row: IndicatorRow, year: int) -> str | None:
    for label, value in row.targets:
        if year_start(label) == year:
            return value
    return None


def _verdict(target: float | None, outturn: float | None, pol: Polarity) -> tuple[float | None, str | None]:
    if target is None or outturn is None:
        return None, None
    diff = outturn - target
    if pol == "unknown":
        return diff, None
    better = diff >= 0 if pol == "higher" else diff <= 0
    return diff, "met" if better else "missed"


def compare(plans: Iterable[PlanIndicators]) -> list[dict[str, Any]]:
    """Rows for the ``crossyear`` table: target against next year's outturn, and restated outturns."""
    by_authority: dict[str, list[PlanIndicators]] = defaultdict(list)
    for p in plans:
        if year_start(p.plan_year) is not None:
            by_authority[p.authority_key].append(p)
    out: list[dict[str, Any]] = []
    for key, group in sorted(by_authority.items()):
        group.sort(key=lambda p: (year_start(p.plan_year) or 0, p.document_id))
        out.extend(_targets_vs_outturns(key, group))
        out.extend(_restated(key, group))
    return out


def _row(key: str, earlier: PlanIndicators, later: PlanIndicators, **values: Any) -> dict[str, Any]:
    return {
        "authority_key": key,
        "authority": later.authority or earlier.authority,
        "earlier_document_id": earlier.document_id,
        "later_document_id": later.document_id,
        **values,
    }


def _targets_vs_outturns(key: str, group: list[PlanIndicators]) -> list[dict[str, Any]]:
    out = []
    for earlier in group:
        year = year_start(earlier.plan_year)
        for later in group:
            if year is None or year_start(later.plan_year) != year + 1:
                continue
            outturns = {
                normal_code(r.code): r for r in later.indicators if year_start(r.outturn_year) == year
            }
            for row in earlier.indicators:
                reported = outturns.get(normal_code(row.code))
                target = _target_for(row, year)
                if reported is None or target is None:
                    continue
                pol = polarity(row if row.title else reported)
                diff, verdict = _verdict(number(target), number(reported.outturn_value), pol)
                out.append(
                    _row(
                        key,
                        earlier,
                        later,
                        code=shown_code(row.code),
                        year=earlier.plan_year,
                        comparison="target_vs_outturn",
                        earlier_value=target,
                        later_value=reported.outturn_value,
                        difference=diff,
                        polarity=pol,
                        verdict=verdict,
                    )
                )
    return out


def _restated(key: str, group: list[PlanIndicators]) -> list[dict[str, Any]]:
    """The same year's outturn given differently by two plans of one authority."""
    seen: dict[tuple[str, int], tuple[PlanIndicators, IndicatorRow]] = {}
    out = []
    for plan in group:
        for row in plan.indicators:
            year = year_start(row.outturn_year)
            if year is None or not row.outturn_value:
                continue
            k = (normal_code(row.code), year)
            if k not in seen:
                seen[k] = (plan, row)
                continue
            first_plan, first = seen[k]
            if first_plan.document_id == plan.document_id:
                continue
            a, b = number(first.outturn_value), number(row.outturn_value)
            if a is not None and b is not None:
                same = a == b
            else:
                same = _plain(first.outturn_value) == _plain(row.outturn_value)
            if same:
                continue
            out.append(
                _row(
                    key,
                    first_plan,
                    plan,
                    code=shown_code(row.code),
                    year=row.outturn_year or "",
                    comparison="restated_outturn",
                    earlier_value=first.outturn_value,
                    later_value=row.outturn_value,
                    difference=(b - a) if a is not None and b is not None else None,
                    polarity=polarity(row),
                    verdict="changed",
                )
            )
    return out


def _plain(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").strip().lower())
