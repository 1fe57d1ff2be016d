"""PC105 late-publication: the plan's publication date is after 30 June of its plan year."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from plancheck.docindex import DocIndex, doc_index
from plancheck.errors import PatternError
from plancheck.patterns import load_yaml, require
from plancheck.report import Location
from plancheck.rules.base import Assessment, Output, Rule, RuleContext

_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(" + "|".join(_MONTHS) + r")\s*,?\s+((?:19|20)\d\d)\b", re.I
)


@functools.cache
def _settings() -> tuple[tuple[int, int], int, re.Pattern[str]]:
    source = "patterns/publication.yml"
    data = load_yaml("publication.yml")
    deadline = require(data, "deadline", dict, source)
    words = require(data, "publication_words", str, source)
    try:
        rx = re.compile(words, re.I)
    except re.error as e:
        raise PatternError(source, "publication_words", f"not a valid regular expression: {e}") from None
    month, day = require(deadline, "month", int, source), require(deadline, "day", int, source)
    return (month, day), require(data, "title_blocks", int, source), rx


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    day = int(m.group(1)) if m.group(1) else 1
    try:
        return dt.date(int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, day)
    except ValueError:
        return None


def publication_date(idx: DocIndex) -> tuple[dt.date, int] | None:
    """The document's publication date and the sentence it comes from, if it carries one."""
    _, title_blocks, words = _settings()
    title = idx.title_page(title_blocks)
    first_title: tuple[dt.date, int] | None = None
    for si, s in enumerate(idx.sentences):
        if idx.describing(si) is not None:
            continue
        d = _date(s.text)
        if d is None:
            continue
        if words.search(s.text):
            return d, si
        if first_title is None and s.passage in title:
            first_title = (d, si)
    return first_title


class LatePublication(Rule):
    """The plan is dated after 30 June of its plan year, the statutory publication deadline.

    ## What it checks
    The publication date the document carries: a date in a sentence about
    publication ("Published 30 June 2004"), else a date on the title page.
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
        (month, day), _, _ = _settings()
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
