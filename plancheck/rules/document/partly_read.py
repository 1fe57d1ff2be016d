"""PC004 partly-read-document: part of the document was skipped or cut, so absences there prove nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from plancheck.report import Location
from plancheck.rules.base import Output, Rule, RuleContext

_PAGE = re.compile(r"\bpages? (\d+)\b")


class PartlyReadDocument(Rule):
    """Part of the document was not read: a page skipped, a table cut, an image page without text.

    ## What it checks
    The warnings the extractor recorded while reading: a PDF page over a
    per-page limit (`max-page-chars`, `max-page-objects`) and skipped, a page
    not searched for ruled tables (`max-ruling-crossings`), a table cut at
    `max-table-cells`, pages that are images with no text layer, pages whose
    text layer spells nothing (a font without a Unicode map), a page that
    could not be read, pages read by OCR (whose text may hold recognition
    errors). One finding per warning, with the page where the warning names one.

    ## Why it matters
    A requirement reported missing may sit in the part that was not read.
    The auditor must know which verdicts rest on the whole document and
    which do not, before relying on a "missing".

    ## Passes
    A document read whole: no warnings.

    ## Fails
    A plan whose appendix pages are scans without a text layer; a PDF page
    drawn with more glyphs than `max-page-chars`.

    ## How to fix
    Read the named pages by hand before relying on a missing verdict; give
    `--ocr` for image pages; raise the limit named in the message
    (`--limit KEY=VALUE` or `[limits]` in plancheck.toml) if the file is
    trusted; or publish a text PDF.
    """

    code = "PC004"
    name = "partly-read-document"
    severity = "warning"
    citation = "plancheck output contract: never missing because the extractor failed silently"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """One finding per extraction warning, located at the page it names."""
        for warning in ctx.doc.warnings:
            page = _PAGE.search(warning)
            yield self.finding(
                f"Read only in part: {warning}. A requirement reported missing may sit in that part.",
                location=Location(page=int(page.group(1))) if page else None,
                suggestion=_SUGGESTION,
            )


_SUGGESTION = (
    "Check the named part by hand; use --ocr for image pages, or raise the named limit for a trusted file."
)
