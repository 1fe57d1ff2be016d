"""PC202 missing-bvpi-targets: targets for the current and next two years are absent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext
from plancheck.rules.indicators.assess import targets_assessment
from plancheck.rules.indicators.common import indicator_analysis, listed, row_location, table_ref, where_at


class MissingBvpiTargets(Rule):
    """BVPI rows without a target for a required year.

    ## What it checks
    Every BVPI row must give targets for the plan year and the two years after
    it (the 2004/05 plan: 2004/05, 2005/06, 2006/07). Tier `other` authorities
    need the current year only, except joint waste disposal authorities, which
    need all three (fn 11). A blank, `n/a`, `TBC`, `to be set`... target with no
    note, footnote or key is an error, one finding per row and year; a table
    with no column for a required year is one finding for the table.
    PI-TARGETS is met only when every row has its targets or an explained gap
    (`met_share` in patterns/indicators.yml): one error under it makes it partial.

    ## Why it matters
    Three-year targets for all BVPIs are required by Circular 02/2004 Annex
    A(a) 2(a), A(b) 2(c) and A(c) 2(c); without them the plan does not say
    what the authority is aiming for.

    ## Passes
    `BV 9 | Council tax collected | 97.1% | 97.5% | 97.8% | 98.0%`

    ## Fails
    A table with only a `2004/05 Target` column, or `TBC` in the 2006/07
    column without a word of explanation.

    ## How to fix
    Set targets for all three years, or explain each gap in a comments column
    or footnote (e.g. the indicator is deleted from 2005/06).
    """

    code = "PC202"
    name = "missing-bvpi-targets"
    requirement = "PI-TARGETS"
    severity = "error"
    citation = "Circular 02/2004 Annex A(a) 2(a), A(b) 2(c), A(c) 2(c), fn 11"
    regimes = ("bvpp-2003", "bvpp-2004")

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the PI-TARGETS verdict and a finding per unexplained missing target."""
        a = indicator_analysis(ctx)
        yield targets_assessment(a, self.requirement or "PI-TARGETS")
        no_column: dict[tuple[int, str], list[str]] = defaultdict(list)
        for row in a.rows:
            e = row.entry
            for slot in row.targets:
                if slot.status == "no_column":
                    no_column[(e.table, slot.year)].append(e.code)
                elif slot.status == "unexplained":
                    loc = row_location(row, slot)
                    header = slot.cell.column.header if slot.cell else ""
                    yield self.finding(
                        f"{e.code}: {slot.year} target ({header!r} column) is {slot.shown} at "
                        f"{where_at(loc)}, unexplained.",
                        location=loc,
                        suggestion="Set the target, or explain the gap in a note or footnote.",
                    )
        for (index, year), codes in no_column.items():
            t = a.table(index)
            yield self.finding(
                f"{table_ref(t.page if t else None, index)} has no {year} target column "
                f"(columns: {t.header_line() if t else '?'}); its {len(codes)} rows lack a {year} target: "
                f"{listed(codes)}.",
                location=row_location(next(r for r in a.rows if r.entry.table == index)),
                suggestion=f"Add a {year} target column for every indicator.",
            )
