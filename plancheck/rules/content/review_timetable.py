"""PC123 missing-review-timetable: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingReviewTimetable(ConceptRule):
    """The plan has no timetable of best value reviews.

    ## What it checks
    For bvpp-2000 and bvpp-2001 plans: a timetable or programme of best
    value reviews (patterns/articles.yml, review_timetable) that says when
    each review takes place; without dates, `partial`.

    ## Why it matters
    Article 3(d) required the timetable so that the public and auditors
    can see which reviews come when.

    ## Passes
    "Best value review programme: Year 1 (2000/01) waste, housing repairs;
    Year 2 (2001/02) ..."

    ## Fails
    A list of reviews with no dates (partial).

    ## How to fix
    Add the review programme with the year (or quarter) of each review.
    """

    code = "PC123"
    name = "missing-review-timetable"
    requirement = "ART3-D"
    severity = "error"
    citation = "SI 1999/3251 art 3(d)"
    concept_name = "review_timetable"
