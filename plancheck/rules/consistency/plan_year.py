"""PC301 mismatched-plan-year: the plan year given differs from the year the document names."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck import detect
from plancheck.rules.base import Output, Rule, RuleContext


class MismatchedPlanYear(Rule):
    """The plan year given (--year) is not the year the document calls itself the plan for.

    ## What it checks
    When the plan year is given, the year the document names on its title
    page, running headers or footers, or in its indicator tables' year labels
    (the same detection used when no year is given). A difference is reported;
    the given year is still the one the check uses.

    ## Why it matters
    The plan year picks the regime and the outturn and target years every
    indicator is checked against. Checking last year's plan as this year's
    (or a mistyped year) would report stale targets or the wrong regime.

    ## Passes
    `--year 2004/05` on a plan titled "Best Value Performance Plan 2004/05",
    or no `--year` at all.

    ## Fails
    `--year 2005/06` on a plan titled "Best Value Performance Plan 2004/05".

    ## How to fix
    Check that the right file was given, or drop `--year` and let plancheck
    read the year from the document.
    """

    code = "PC301"
    name = "mismatched-plan-year"
    severity = "warning"
    citation = "spec §1: the plan year chooses the regime; §3: past, current and subsequent years"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield a finding when the given and the detected plan years differ."""
        given = ctx.context.plan_year
        if ctx.context.source.get("plan_year") != "given" or given is None:
            return
        found = detect.plan_year(ctx.doc)
        if found is not None and found.value != given:
            yield self.finding(
                f"The plan year given is {given}, but the document names {found.value} "
                f"(in {found.text[:100]!r}); the check used {given}.",
                suggestion="Check the file and the --year given, or leave --year out.",
            )
