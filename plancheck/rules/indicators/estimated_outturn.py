"""PC205 estimated-outturn: the 2003 plan gives estimated, not actual, outturn."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from plancheck.docindex import doc_index
from plancheck.indicators.patterns import vocabulary
from plancheck.report import Location
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.rules.indicators.common import (
    indicator_analysis,
    listed,
    located,
    table_evidence,
    table_ref,
    where,
)


class EstimatedOutturn(Rule):
    """Outturn given as an estimate where the 2003 guidance asked for actual outturn.

    ## What it checks
    Under Circular 03/2003 (the 2003/04 plans) the past year's outturn had to
    be actual data, not estimates. An outturn taken from a column headed
    `Estimate` / `Estimated outturn` / `Forecast`, or a cell marked `(est)` or
    `provisional`, is a finding, and so is a sentence in the plan's own voice
    saying its outturn figures are estimates; the PI-OUTTURN requirement is
    then at most partial.

    ## Why it matters
    Plans were moved to 30 June from 2003 so that they could report audited
    actual outturn (Hertfordshire cabinet report, 28 April 2003).

    ## Passes
    `BV 12 | Sickness absence | Actual 2002/03: 9.8 | ...`

    ## Fails
    `BV 12 | Sickness absence | Estimate 2002/03: 9.8 | ...`

    ## How to fix
    Replace estimates with the actual outturn before publishing the plan.
    """

    code = "PC205"
    name = "estimated-outturn"
    requirement = "PI-OUTTURN"
    severity = "error"
    citation = "Circular 03/2003 (as reported); Hertfordshire cabinet report 28 April 2003"
    regimes = ("bvpp-2003",)
    needs_nlp = True  # the plan's own statement that its outturn is estimated

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield a finding per table (estimate columns) or row (estimated cells), and a partial verdict."""
        a = indicator_analysis(ctx)
        by_column: dict[tuple[int, str], list[str]] = defaultdict(list)
        n = 0
        for row in a.rows:
            slot = row.outturn
            if slot.status != "value" or not slot.estimated or slot.cell is None:
                continue
            n += 1
            cell = slot.cell
            if cell.column.role == "estimate":
                by_column[(cell.table, cell.column.header)].append(row.entry.code)
            else:
                yield self.finding(
                    f"{row.entry.code}: {slot.year} outturn {cell.value.text!r} is an estimate "
                    f"({where(cell.page, cell.table, cell.row)}).",
                    location=located(cell.page, cell.table, cell.row),
                    suggestion="Give the actual outturn.",
                )
        for (index, header), codes in by_column.items():
            t = a.table(index)
            yield self.finding(
                f"{table_ref(t.page if t else None, index)} gives outturn in an estimate column "
                f"({header!r}) for {len(codes)} rows: {listed(codes)}.",
                location=located(t.page if t else None, index),
                suggestion="The 2003 guidance asks for actual outturn, not estimates.",
            )
        if n:
            yield Assessment(
                self.requirement or "PI-OUTTURN",
                "partial",
                table_evidence(a, a.found.tables),
                f"{n} of {len(a.rows)} BVPI rows give an estimated, not actual, outturn.",
            )
        elif a.rows:
            # The tables may not mark it, but the plan may say so in its own words.
            idx = doc_index(ctx)
            rx = vocabulary().estimated_statement
            said = [i for i, s in enumerate(idx.sentences) if idx.role(i) == "content" and rx.search(s.text)]
            if said:
                ev = idx.evidence(said[0])
                yield self.finding(
                    f"The plan says its outturn is not actual: {ev.text!r}.",
                    location=Location(page=ev.page, heading_path=ev.heading_path),
                    suggestion="The 2003 guidance asks for actual outturn, not estimates.",
                )
                yield Assessment(
                    self.requirement or "PI-OUTTURN",
                    "partial",
                    (ev,),
                    "The plan says the outturn it gives is estimated or provisional, not actual.",
                )
