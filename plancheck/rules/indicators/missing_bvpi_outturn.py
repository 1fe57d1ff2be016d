"""PC201 missing-bvpi-outturn: the past year's outturn is absent for BVPIs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from plancheck.docindex import doc_index
from plancheck.indicators.patterns import vocabulary
from plancheck.rules.base import Assessment, Output, Rule, RuleContext
from plancheck.rules.indicators.assess import outturn_assessment
from plancheck.rules.indicators.common import indicator_analysis, listed, row_location, table_ref, where_at


def prose_summary(ctx: RuleContext, verdict: Assessment) -> Assessment:
    """With no indicator table, a sentence in the plan's own voice that sums up outturn in figures ("45 of our
    57 indicators were on target") shows outturn in part: a summary is not the outturn of every indicator."""
    rx = vocabulary().outturn_summary
    idx = doc_index(ctx)
    said = [si for si, s in enumerate(idx.sentences) if idx.role(si) == "content" and rx.search(s.text)]
    if not said:
        return verdict
    return replace(
        verdict,
        status="partial",
        evidence=tuple(idx.evidence(si) for si in said[:2]),
        detail=f"{verdict.detail} Outturn is only summed up in prose, not given for each indicator.",
    )


class MissingBvpiOutturn(Rule):
    """BVPI rows without outturn for the past year.

    ## What it checks
    Every BVPI row of the plan's indicator tables must give the outturn for
    the year before the plan year (the 2004/05 plan: 2003/04). A row whose
    outturn cell is blank or says `n/a`, `-`, `TBC`, `not available`... with no
    note in the row, no footnote and no key saying what the marker means is an
    error; a table with no column for that year is one finding for the table.
    Satisfaction indicators (BV3, BV4, BV74, BV75, BV80, BV89, BV90, BV103, BV104,
    BV111, BV118, BV119) come from triennial surveys (2000/01, 2003/04, 2006/07):
    their gap in another year is reported as info only. Parish councils
    report local indicators, which count for them. It also lists every row
    read (the report's `indicators`). PI-OUTTURN is met only when every row
    has its outturn or an explained gap (`met_share` in
    patterns/indicators.yml): one error under it makes it partial.

    ## Why it matters
    Publishing the past year's performance on all BVPIs is the core of the
    plan (Circular 02/2004 Annex A(a) 2(a), A(b) 2(c), A(c) 2(c), fn 9).

    ## Passes
    `BV 8 | Invoices paid within 30 days | 2003/04 Outturn: 91.2% | ...`

    ## Fails
    `BV 8 | Invoices paid within 30 days | 2003/04 Outturn: TBC | ...` with
    nothing saying why.

    ## How to fix
    Give the audited outturn, or explain the gap in a comments column or a
    footnote (new indicator, data not collected, survey year).
    """

    code = "PC201"
    name = "missing-bvpi-outturn"
    requirement = "PI-OUTTURN"
    severity = "error"
    citation = "Circular 02/2004 Annex A(a) 2(a), A(b) 2(c), A(c) 2(c), fn 9"
    regimes = ("bvpp-2003", "bvpp-2004", "bvpp-2008")
    needs_nlp = True  # the prose summary of a plan with no indicator table

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the PI-OUTTURN verdict, a finding per unexplained gap and every indicator row."""
        a = indicator_analysis(ctx)
        verdict = outturn_assessment(a, self.requirement or "PI-OUTTURN")
        yield prose_summary(ctx, verdict) if not a.rows else verdict
        no_column: dict[int, list[str]] = defaultdict(list)
        for row in a.rows:
            yield row.to_indicator_row()
            slot, e = row.outturn, row.entry
            if slot.status == "no_column":
                no_column[e.table].append(e.code)
            elif slot.status in ("unexplained", "survey"):
                loc = row_location(row, slot)
                header = slot.cell.column.header if slot.cell else ""
                survey = slot.status == "survey"
                yield self.finding(
                    f"{e.code}: {slot.year} outturn ({header!r} column) is {slot.shown} at "
                    f"{where_at(loc)}"
                    + (
                        ": a satisfaction-survey indicator, not due in a non-survey year."
                        if survey
                        else ", unexplained."
                    ),
                    location=loc,
                    severity="info" if survey else None,
                    suggestion=None
                    if survey
                    else "Give the outturn, or explain the gap in a note or footnote.",
                )
        for index, codes in no_column.items():
            t = a.table(index)
            page = t.page if t else None
            yield self.finding(
                f"{table_ref(page, index)} has no {a.years.past if a.years else ''} outturn column "
                f"(columns: {t.header_line() if t else '?'}); "
                f"its {len(codes)} rows lack outturn: {listed(codes)}.",
                location=(row_location(next(r for r in a.rows if r.entry.table == index))),
                suggestion="Add a column with the past year's outturn for every indicator.",
            )
