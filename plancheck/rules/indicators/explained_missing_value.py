"""PC203 explained-missing-value: a required indicator figure is missing, with an explanation."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.common import indicator_analysis, row_location, where_at


class ExplainedMissingValue(Rule):
    """A required outturn or target shows `n/a`, `TBC`, `-` or a blank, and the plan says why.

    ## What it checks
    Each required figure (past-year outturn, target years) that holds a gap
    marker but is explained (a note or comment in the row, a footnote the
    cell's marker points to, or a key such as "n/a = not applicable") is
    reported as a warning naming the indicator, the year column and the page.
    Unexplained gaps are errors of PC201/PC202 instead.

    ## Why it matters
    An explained gap is acceptable, but it is still a gap in the published
    performance information (spec §4): the reader and the auditor should see
    each one.

    ## Passes
    A row with figures in every required column.

    ## Fails
    `BV 199a | ... | n/a | 22% | 20% | 18% | New indicator from 2004/05` (reported
    as a warning: the gap is explained).

    ## How to fix
    Nothing is required where the explanation holds; give the figure when it
    becomes available.
    """

    code = "PC203"
    name = "explained-missing-value"
    requirement = None
    severity = "warning"
    citation = "Circular 02/2004 Annex A fn 9, fn 11; plancheck spec §4"
    regimes = ("bvpp-2003", "bvpp-2004", "bvpp-2008")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield a warning for each explained gap in a required figure."""
        a = indicator_analysis(ctx)
        for row in a.rows:
            for slot in row.slots():
                if slot.status != "explained":
                    continue
                loc = row_location(row, slot)
                header = slot.cell.column.header if slot.cell else ""
                yield self.finding(
                    f"{row.entry.code}: {slot.year} {slot.kind} ({header!r} column) is {slot.shown} at "
                    f"{where_at(loc)}; explained: {slot.explanation or ''}",
                    location=loc,
                    requirement="PI-OUTTURN" if slot.kind == "outturn" else "PI-TARGETS",
                )
