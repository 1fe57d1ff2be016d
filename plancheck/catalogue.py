"""The requirement catalogue per regime, read from ``patterns/requirements.yml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from plancheck.patterns import load_yaml, patterns_dir, require

Applicability = str  # "required" | "advisory" | "not_required"


@dataclass(frozen=True, slots=True)
class Requirement:
    """One catalogue entry of one regime."""

    id: str
    title: str
    citation: str
    applies: dict[str, Applicability]
    from_year: str | None = None
    until_year: str | None = None
    conditional: str | None = None

    def applicability(self, tier: str | None, plan_year: str | None = None) -> Applicability:
        """required / advisory / not_required for a tier (and plan year, for dated items)."""
        if plan_year and self.from_year and plan_year < self.from_year:
            return "not_required"
        if plan_year and self.until_year and plan_year > self.until_year:
            return "not_required"
        key = tier if tier in self.applies else "*"
        return self.applies.get(key, "not_required")


@dataclass(frozen=True, slots=True)
class Regime:
    """A set of requirements chosen by plan year."""

    id: str
    title: str
    years: tuple[str, ...]
    tiers: tuple[str, ...]
    requirements: tuple[Requirement, ...]


@functools.cache
def regimes() -> dict[str, Regime]:
    """Every regime, keyed by id."""
    source = str(patterns_dir() / "requirements.yml")
    data = load_yaml("requirements.yml")
    out: dict[str, Regime] = {}
    for rid, r in require(data, "regimes", dict, source).items():
        reqs = []
        for i, q in enumerate(require(r, "requirements", list, f"{source}: regimes.{rid}")):
            where = f"{source}: regimes.{rid}.requirements[{i}]"
            reqs.append(
                Requirement(
                    id=require(q, "id", str, where),
                    title=require(q, "title", str, where),
                    citation=require(q, "citation", str, where),
                    applies=dict(require(q, "applies", dict, where)),
                    from_year=q.get("from_year"),
                    until_year=q.get("until_year"),
                    conditional=q.get("conditional"),
                )
            )
        out[rid] = Regime(
            id=rid,
            title=require(r, "title", str, source),
            years=tuple(require(r, "years", list, source)),
            tiers=tuple(require(r, "tiers", list, source)),
            requirements=tuple(reqs),
        )
    return out


def regime(regime_id: str) -> Regime:
    """One regime by id (KeyError if unknown)."""
    return regimes()[regime_id]


def plan_year_problem(value: str) -> str | None:
    """Why ``value`` is not a plan year any regime covers ("2004/05", "2004"), or None when it is one."""
    from plancheck.indicators.years import normalise_plan_year

    year = normalise_plan_year(value)
    covered = sorted({y for r in regimes().values() for y in r.years})
    if year is None:
        return f"{value!r} is not a plan year: give one such as 2004/05 or 2004"
    if year not in covered:
        return f"{value!r}: plans were published for {covered[0]} to {covered[-1]} only"
    return None


def regime_problem(value: str) -> str | None:
    """Why ``value`` is not a regime id, or None when it is one."""
    if value in regimes():
        return None
    return f"{value!r} is not a regime: one of {', '.join(sorted(regimes()))}"
