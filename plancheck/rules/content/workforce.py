"""PC104 missing-workforce-statement: one required-content rule."""

from __future__ import annotations

from plancheck.rules.content.presence import ConceptRule


class MissingWorkforceStatement(ConceptRule):
    """The plan does not certify that staff-transfer contracts complied with the Workforce Matters code.

    ## What it checks
    A statement on contracts (patterns/workforce.yml) that certifies or
    confirms that contracts awarded in the past year involving a transfer
    of staff complied with the Code of Practice on Workforce Matters, or a
    certified nil return ("no such contracts were let"). An intention ("we
    will ensure contracts comply") or a heading with no certification is
    `partial`.

    ## Why it matters
    Every tier must include this brief statement: it is the one place the
    plan certifies that outsourcing has not created a two-tier workforce.

    ## Passes
    "7. Statement on Contracts: The Council certifies that all individual
    contracts awarded during 2003/04 which involved a transfer of staff
    complied with the Code of Practice on Workforce Matters."

    ## Fails
    "We will ensure that future contracts comply with the Code" (partial);
    no statement at all (missing).

    ## How to fix
    Add a short statement headed "Statement on contracts" that certifies
    compliance for the contracts let in the past year, or certifies that
    none involving staff transfer were let.
    """

    code = "PC104"
    name = "missing-workforce-statement"
    requirement = "WORKFORCE"
    severity = "error"
    citation = "Circular 02/2004 Annex A(a) 2(b), A(b) 2(d), A(c) 2(d); Circular 03/2003 Annex D"
    concept_name = "workforce"
