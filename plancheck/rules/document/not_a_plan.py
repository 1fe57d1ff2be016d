"""PC002 not-a-plan: the document is a paper about a plan (report, guidance) or something else entirely."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.classify import classified
from plancheck.rules.base import Output, Rule, RuleContext


class NotAPlan(Rule):
    """The document is not a performance plan: it is a paper, page or law about one, or unrelated.

    ## What it checks
    The document's genre, from general cues of voice and form
    (patterns/genre.yml): a report's header block, recommendations and
    closing sections, decision notices and minutes (committee_paper);
    legislative form, circulars and parliamentary text (guidance); site
    navigation (web_page); reported speech and bylines (news); an in-year
    quarter (monitoring_report); tender language (procurement); another
    regime's vocabulary (other_plan) - against a plan's title line, its
    first-person voice, the sections a plan has and its BVPI tables. Too
    little text, or no mention of plans or performance at all, is `other`.
    The reason names the cues that decided; `--kind` overrides it.

    ## Why it matters
    Cabinet reports and guidance use the plan's vocabulary ("the Plan must
    include a statement on contracts"). Describing a requirement does not
    fulfil it: such a paper must never pass as a compliant plan.

    ## Passes
    A plan: it names itself, sets out objectives, carries indicator tables.

    ## Fails
    A cabinet report recommending approval of the BVPP; a decision notice;
    ODPM Circular 02/2004 itself; a council web page about its plan; a
    police authority's plan; an unrelated PDF.

    ## How to fix
    Check the plan itself (often the appendix to the report), not the
    covering paper.
    """

    code = "PC002"
    name = "not-a-plan"
    severity = "error"
    citation = "spec §6: describing is not fulfilling"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield one finding, with the reasons, when the document is not a plan."""
        c = classified(ctx)
        if c.kind == "not_plan":
            yield self.finding(
                f"This is not a performance plan (genre {c.genre}): {c.reason}.",
                suggestion="Check the plan itself (often the appendix to a committee report), not a paper, "
                "page or law about it; if this really is the plan, say so with --kind plan.",
            )
