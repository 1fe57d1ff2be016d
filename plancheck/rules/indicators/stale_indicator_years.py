"""PC204 stale-indicator-years: an indicator table carries the years of an earlier plan."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.common import indicator_analysis, located, table_ref


class StaleIndicatorYears(Rule):
    """An indicator table whose years are those of an earlier plan (targets copied forward).

    ## What it checks
    From each indicator table's year labels, the plan year they imply (the
    latest outturn year + 1, else the first target year). A table in the
    2004/05 plan that shows 2002/03 outturn and 2003/04-2005/06 targets implies
    the 2003/04 plan: it was copied forward without new figures.

    ## Why it matters
    Stale tables look complete but report the wrong years: the past year's
    outturn and the new targets are missing (spec §3).

    ## Passes
    In the 2004/05 plan: `2003/04 Outturn | 2004/05 Target | 2005/06 Target | 2006/07 Target`.

    ## Fails
    In the 2004/05 plan: `2002/03 Outturn | 2003/04 Target | 2004/05 Target | 2005/06 Target`.

    ## How to fix
    Update the table to the past year's outturn and the targets for the plan
    year and the two years after it.
    """

    code = "PC204"
    name = "stale-indicator-years"
    requirement = "PI-TARGETS"
    severity = "error"
    citation = "Circular 02/2004 Annex A(a) 2(a); plancheck spec §3"
    regimes = ("bvpp-2003", "bvpp-2004")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield a finding for each indicator table whose years are an earlier plan's."""
        a = indicator_analysis(ctx)
        if a.plan_year is None:
            return
        for t in a.found.tables:
            implied = a.table_years.get(t.index)
            if implied is None or implied >= a.plan_year:
                continue
            years = sorted({c.year for c in t.columns if c.year})
            yield self.finding(
                f"{table_ref(t.page, t.index)} has the years of the {implied} plan, not the "
                f"{a.plan_year} plan ({', '.join(years)}: {t.header_line()[:160]}).",
                location=located(t.page, t.index),
                suggestion=(
                    f"Report {a.years.past if a.years else 'past-year'} outturn and targets for "
                    f"{', '.join(a.years.targets) if a.years else 'the next three years'}."
                ),
            )
