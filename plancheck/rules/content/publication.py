"""PC105 late-publication: the plan's publication date is after 30 June of its plan year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from plancheck.detect import PublicationPatterns, parse_date, publication_patterns, published_on
from plancheck.docindex import DocIndex, doc_index
from plancheck.report import Location
from plancheck.rules.base import Assessment, Output, Rule, RuleContext


def _settings() -> PublicationPatterns:
    return publication_patterns()


def publication_date(idx: DocIndex) -> tuple[dt.date, int] | None:
    """The document's publication date and the sentence it comes from, if it carries one.

    In order: the cover's date (a line near the start that is only a date, "June 2006", or a title line
    ending in one); a sentence about publishing the plan ("Published 30 June 2004"); a date on the title
    page. A date in a sentence about a meeting or a decision ("approved by Cabinet on 12 April") is when
    something was agreed, and one about publishing something else (an assessment) dates that: neither is
    the plan's publication.
    """
    cfg = _settings()
    title = idx.title_page(cfg.title_blocks)
    first_title: tuple[dt.date, int] | None = None
    stated: tuple[dt.date, int] | None = None
    for si, s in enumerate(idx.sentences):
        if idx.describing(si) is not None:
            continue
        said = None if cfg.other_publication.search(s.text) else published_on(s.text, cfg)
        if stated is None and said is not None:
            stated = (said, si)
        if cfg.meeting_words.search(s.text):
            continue
        d = parse_date(s.text)
        if d is None:
            continue
        if s.passage < cfg.title_blocks and cfg.bare_date.search(s.text):
            return d, si
        about_plan = not cfg.other_publication.search(s.text)
        if stated is None and about_plan and cfg.publication_words.search(s.text):
            stated = (d, si)
        if first_title is None and s.passage in title:
            first_title = (d, si)
    return stated or first_title


class LatePublication(Rule):
    """The plan is dated after 30 June of its plan year, the statutory publication deadline.

    ## What it checks
    The publication date the document carries: a date in a sentence about
    publication ("Published 30 June 2004"), else a line near the start that
    is only a date (a cover's "June 2006"), else a date on the title page.
    A date in a sentence about a meeting or decision is not a publication
    date.
    It is compared with 30 June of the plan year (2004/05 -> 30 June 2004).
    Checked only where the document carries a date; a promise ("will be
    published by 30 June") is not a date of publication. Advisory.

    ## Why it matters
    Circular 02/2004 para 17 and SI 2002/305: plans, with BVPI outturn, must
    be published by 30 June so that the public and auditors see last year's
    performance promptly.

    ## Passes
    "Published 28 June 2004" in the 2004/05 plan.

    ## Fails
    "Published September 2004" in the 2004/05 plan (`partial`, a warning);
    no date at all is `missing` with a note that it could not be checked.

    ## How to fix
    Publish by 30 June and put the publication date on the title page.
    """

    code = "PC105"
    name = "late-publication"
    requirement = "PUBLISHED"
    severity = "warning"
    citation = "Circular 02/2004 para 17; SI 2002/305 art 6"
    needs_nlp = True

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Yield the PUBLISHED assessment, and a finding when the date is late."""
        idx = doc_index(ctx)
        year = ctx.context.plan_year
        searched = (
            "dates in sentences about publication, and on the title page (patterns/publication.yml)",
            f"examined {idx.n_blocks} blocks and {idx.n_tables} tables",
        )
        found = publication_date(idx)
        if found is None:
            yield Assessment(
                "PUBLISHED", "missing", (), "The document carries no publication date.", searched
            )
            return
        date, si = found
        ev = idx.evidence(si)
        if year is None:
            detail = (
                f"Dated {date:%d %B %Y}, but the plan year is unknown, so the deadline could not be checked."
            )
            yield Assessment("PUBLISHED", "partial", (ev,), detail, searched)
            return
        month, day = _settings().deadline
        deadline = dt.date(int(year[:4]), month, day)
        if date <= deadline:
            yield Assessment(
                "PUBLISHED", "met", (ev,), f"Dated {date:%d %B %Y}, by {deadline:%d %B %Y}.", searched
            )
            return
        detail = f"Dated {date:%d %B %Y}, after the deadline of {deadline:%d %B %Y}."
        yield Assessment("PUBLISHED", "partial", (ev,), detail, searched)
        if ctx.applicability("PUBLISHED") != "not_required":
            yield self.finding(
                f"The plan for {year} is dated {date:%d %B %Y}, after the 30 June deadline.",
                location=Location(page=ev.page, heading_path=ev.heading_path),
                suggestion="Publish by 30 June of the plan year.",
            )
