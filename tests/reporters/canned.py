"""One realistic pair of reports, built from report.py values, that every reporter is snapshot-tested on.

The plan report has every status, evidence by page and by heading path, indicator rows with
problems, findings of each severity, a suppressed finding, and hostile text (markup, ``&``,
CSV formula starts, Markdown pipes) inside quotes and titles. The second report is unreadable.
"""

from __future__ import annotations

from plancheck.report import (
    Context,
    DocumentInfo,
    Evidence,
    Finding,
    IndicatorRow,
    Location,
    Report,
    RequirementResult,
    Summary,
)
from plancheck.rules.base import Rule

HOSTILE = "<script>alert(1)</script>"
QUOTE_WORKFORCE = (
    "All contracts awarded in 2003/04 involving a transfer of staff comply with the Code of Practice"
)


def plan_report() -> Report:
    """A district council's 2004/05 plan with gaps."""
    ctx = Context(
        regime="bvpp-2004",
        tier="fair-weak-poor",
        authority_type="district",
        cpa_category="fair",
        previous_cpa="good",
        plan_year="2004/05",
        authority_name="Borsetshire District Council",
        source={
            "authority_type": "given",
            "cpa_category": "detected",
            "plan_year": "detected",
            "regime": "default",
            "tier": "detected",
        },
        notes=("Annex B grace: good to fair keeps the streamlined tier for one more plan.",),
    )
    reqs = (
        RequirementResult(
            "IDENTIFIED",
            "Identifies itself as the Best Value Performance Plan",
            "para 13",
            "met",
            (Evidence(1, "Borsetshire District Council Best Value Performance Plan 2004/05"),),
            applicability="advisory",
        ),
        RequirementResult(
            "OBJECTIVES",
            "Strategic objectives and priorities",
            "A(b)2(a)",
            "met",
            (Evidence(None, f"Our priorities: Housing & Health {HOSTILE}", ("Part 1", "Our priorities")),),
        ),
        RequirementResult(
            "IMPROVEMENT",
            "Arrangements for addressing improvement priorities",
            "A(b)2(b)",
            "partial",
            (Evidence(7, "We will address the weaknesses identified in our CPA | corporate assessment"),),
            detail="Priorities named, but no expected outcomes.",
            searched=("headings: improvement plan", "phrases: expected outcomes"),
        ),
        RequirementResult(
            "PI-OUTTURN",
            "Outturn on all BVPIs",
            "A(b)2(c)",
            "partial",
            (Evidence(12, "Table 3: BVPI outturn 2003/04"),),
            detail="2 of 5 indicator rows lack outturn.",
        ),
        RequirementResult(
            "PI-TARGETS",
            "Targets for the current and next two years",
            "A(b)2(c)",
            "met",
            (Evidence(12, "Target 2004/05 Target 2005/06 Target 2006/07"),),
        ),
        RequirementResult(
            "WORKFORCE",
            "Statement on contracts (Code of Practice on Workforce Matters)",
            "A(b)2(d)",
            "missing",
            detail="No statement on contracts was found.",
            searched=("headings: statement on contracts", "phrases: code of practice on workforce matters"),
        ),
        RequirementResult(
            "PUBLISHED",
            "Published by 30 June",
            "para 17",
            "missing",
            detail="No date found.",
            applicability="advisory",
        ),
        RequirementResult(
            "EFFICIENCY",
            "Efficiency (Gershon) savings",
            "Circular 05/2006",
            "not_required",
            detail="Not required for plans before June 2006.",
            applicability="not_required",
        ),
    )
    targets = ("2004/05", "2005/06", "2006/07")
    rows = (
        IndicatorRow(
            "BV8",
            12,
            "2003/04",
            "96.1%",
            tuple(zip(targets, ("97%", "97.5%", "98%"), strict=True)),
            title="Invoices paid on time",
            table=3,
            row=1,
        ),
        IndicatorRow(
            "BV9",
            12,
            "2003/04",
            None,
            tuple(zip(targets, ("98%", "98%", None), strict=True)),
            ("missing outturn: 2003/04", "missing target: 2006/07"),
            "Council tax collected",
            3,
            2,
        ),
        IndicatorRow(
            "BV12",
            12,
            "2003/04",
            "9.2",
            tuple(zip(targets, ("9", "8.5", "8"), strict=True)),
            title="Working days lost to sickness",
            table=3,
            row=3,
        ),
        IndicatorRow(
            "BV82a(i)",
            13,
            "2003/04",
            None,
            tuple(zip(targets, ("N/A", "20%", "22%"), strict=True)),
            ("missing outturn: 2003/04", "not a value: 'N/A' for 2004/05"),
            "Household waste recycled",
            4,
            1,
        ),
        IndicatorRow(
            "BV199a",
            13,
            "2003/04",
            "=SUM(A1)",
            (("2004/05", "12"),),
            ("missing target: 2005/06",),
            f"Litter & detritus {HOSTILE}",
            4,
            2,
        ),
    )
    findings = (
        Finding(
            "PC104",
            "WORKFORCE",
            "error",
            "No statement on contracts involving a transfer of staff was found.",
            suggestion="Add a brief statement certifying that contracts comply with the Code of Practice.",
            rule_name="missing-workforce-statement",
        ),
        Finding(
            "PC103",
            "IMPROVEMENT",
            "warning",
            "Improvement priorities have no expected outcomes.",
            Location(page=7, heading_path=("Part 2", "Improvement")),
            suggestion="State the outcomes expected from each priority.",
            rule_name="missing-improvement-arrangements",
        ),
        Finding(
            "PC201",
            "PI-OUTTURN",
            "error",
            "BV9 has no 2003/04 outturn.",
            Location(12, 3, 2),
            suggestion="Report the 2003/04 outturn for BV9.",
            rule_name="missing-bvpi-outturn",
        ),
        Finding(
            "PC201",
            "PI-OUTTURN",
            "error",
            f"BV82a(i) has no 2003/04 outturn & says {HOSTILE}.",
            Location(13, 4, 1),
            suggestion='=HYPERLINK("x") is not a value; report the outturn.',
            rule_name="missing-bvpi-outturn",
            suppressed="Recycling outturn withheld pending audit; agreed with the Audit Commission (file 17)",
        ),
        Finding(
            "PC210",
            "PI-TARGETS",
            "info",
            "BV199a has a target for 2004/05 only.",
            Location(13, 4, 2),
            rule_name="single-year-target",
        ),
    )
    return Report(
        version="0.1.0",
        document=DocumentInfo(
            "plans/borsetshire bvpp 2004.pdf",
            "ab" * 32,
            "pdf",
            24,
            "plan",
            title=f"Best Value Performance Plan 2004/05 & {HOSTILE}",
        ),
        context=ctx,
        requirements=reqs,
        indicators=rows,
        findings=findings,
        summary=Summary("non_compliant", errors=2, warnings=1, infos=1, suppressed=1),
        ruleset="0123456789abcdef",
    )


def unreadable_report() -> Report:
    """An encrypted PDF: everything missing, one PC001 error."""
    ctx = Context(regime="bvpp-2004", tier="fair-weak-poor", source={"regime": "default", "tier": "default"})
    reason = "encrypted: a password is needed"
    not_assessed = f"Not assessed: the file could not be read ({reason})."
    return Report(
        version="0.1.0",
        document=DocumentInfo("plans/locked.pdf", None, "pdf", None, "unreadable", reason=reason),
        context=ctx,
        requirements=(
            RequirementResult(
                "WORKFORCE", "Statement on contracts", "A(b)2(d)", "missing", detail=not_assessed
            ),
            RequirementResult(
                "PI-OUTTURN", "Outturn on all BVPIs", "A(b)2(c)", "missing", detail=not_assessed
            ),
            RequirementResult(
                "CPA-SCORES", "CPA scores", "Circular 03/2003", "missing", detail=not_assessed
            ),
        ),
        indicators=(),
        findings=(
            Finding(
                "PC001",
                None,
                "error",
                f"The file could not be read: {reason}.",
                suggestion="Supply --password for an encrypted PDF.",
                rule_name="unreadable-document",
            ),
        ),
        summary=Summary("unreadable", errors=1, warnings=0),
        ruleset="0123456789abcdef",
    )


def paper_report() -> Report:
    """A cabinet report about a plan: a committee_paper, every requirement not assessed, one PC002 error."""
    ctx = Context(
        regime="bvpp-2004",
        tier="fair-weak-poor",
        plan_year="2004/05",
        source={"plan_year": "detected", "regime": "detected", "tier": "default", "kind": "detected"},
    )
    why = (
        "a report, minutes, agenda or decision notice about a plan (score 9): recommendations to a meeting, "
        "the purpose of a report; nothing in it reads as a plan's own voice or form; 0 indicator rows"
    )
    detail = "Not assessed: this is not a performance plan but a report, minutes, agenda or decision notice."
    return Report(
        version="0.1.0",
        document=DocumentInfo(
            "papers/cabinet-item-7.docx", "c" * 64, "docx", None, "not_plan", why, genre="committee_paper"
        ),
        context=ctx,
        requirements=(
            RequirementResult("OBJECTIVES", "Strategic objectives", "A(b)2(a)", "missing", detail=detail),
            RequirementResult("WORKFORCE", "Statement on contracts", "A(b)2(d)", "missing", detail=detail),
        ),
        indicators=(),
        findings=(
            Finding(
                "PC002",
                None,
                "error",
                f"This is not a performance plan (genre committee_paper): {why}.",
                suggestion="Check the plan itself (often the appendix to a committee report).",
                rule_name="not-a-plan",
            ),
        ),
        summary=Summary("not_a_plan", errors=1, warnings=0),
        ruleset="0123456789abcdef",
    )


def reports() -> list[Report]:
    """The canned reports: a plan, an unreadable file, a paper about a plan."""
    return [plan_report(), unreadable_report(), paper_report()]


class MissingWorkforceStatement(Rule):
    """Plan has no statement on contracts that transfer staff.

    ## What it checks
    Looks for a statement certifying that contracts comply with the Code of Practice on Workforce Matters.

    ## Why it matters
    Circular 02/2004 Annex A requires it in every plan.

    ## Passes
    "All contracts awarded ... comply with the Code of Practice."

    ## Fails
    No such statement.

    ## How to fix
    Add a brief certified statement (a nil return counts).
    """

    code = "PC104"
    name = "missing-workforce-statement"
    requirement = "WORKFORCE"
    citation = "A(b)2(d)"


class MissingBvpiOutturn(Rule):
    """An indicator row has no outturn for the past year.

    ## What it checks
    Each BVPI row's outturn for the year before the plan year.

    ## Why it matters
    Annex A asks for outturn on all BVPIs.

    ## Passes
    A value in the outturn column.

    ## Fails
    Blank, N/A or a dash.

    ## How to fix
    Report the outturn, or explain its absence in a note.
    """

    code = "PC201"
    name = "missing-bvpi-outturn"
    requirement = "PI-OUTTURN"
    severity = "warning"
    citation = "A(b)2(c)"


CATALOGUE: tuple[type[Rule], ...] = (MissingWorkforceStatement, MissingBvpiOutturn)
"""A fixed rule catalogue for the SARIF snapshot, so it does not change as rules are added."""
