"""PC001 unreadable-document: the engine's finding for a file it could not read, documented as a rule."""

from __future__ import annotations

from collections.abc import Iterable

from plancheck.rules.base import Output, Rule, RuleContext


class UnreadableDocument(Rule):
    """The file could not be read, so nothing in it was checked.

    ## What it checks
    Nothing in the document: the engine emits this finding itself when the
    extractor gives up (encrypted without a password, damaged, empty, no
    text layer, over a size or time limit). The report's kind is
    `unreadable`, every requirement is `missing` with "Not checked", and the
    exit status is 2.

    ## Why it matters
    An absence found in a file that could not be read proves nothing: the
    report must say the file was unreadable, never that the plan lacks content.

    ## Passes
    Any file the extractors can read.

    ## Fails
    `password-example.pdf` without `--password`; a zero-byte file; a scan
    with no text layer when `--ocr` is not given.

    ## How to fix
    Check the file opens; give `--password` for an encrypted PDF or `--ocr`
    for a scanned one; or save it again as PDF or Word.
    """

    code = "PC001"
    name = "unreadable-document"
    severity = "error"
    citation = "plancheck output contract: kind unreadable, exit 2"

    def check(self, ctx: RuleContext) -> Iterable[Output]:
        """Nothing to do on a document that was read: the engine reports unreadable files."""
        return ()
