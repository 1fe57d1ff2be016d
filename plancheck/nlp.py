"""The spaCy pipeline, loaded once per process and only when a rule needs it.

``spacy.blank("en")`` with the sentencizer and the lookup lemmatizer (tables
from spacy-lookups-data): no model download. A small component then sets each
token's ``norm_`` to its lower-case lemma, so one PhraseMatcher on ``NORM``
matches "certified", "Certifies" and "certify" alike.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

BATCH = 256


@functools.cache
def pipeline() -> Any:
    """The shared blank English pipeline (import and build cost ~1 s, paid once)."""
    import spacy
    from spacy.language import Language

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_lookup")

    if not Language.has_factory("plancheck_lemma_norm"):

        @Language.component("plancheck_lemma_norm")
        def lemma_norm(doc: Any) -> Any:
            # The lookup table is keyed by lower-case forms; capitalised words would otherwise miss it.
            for tok in doc:
                low = tok.lower_
                tok.norm_ = table.get(low, low)
            return doc

    nlp.add_pipe("plancheck_lemma_norm", last=True)
    # lemma_norm reads the lemmatizer's table itself; running the lemmatizer too would look tokens up twice.
    nlp.disable_pipe("lemmatizer")
    return nlp


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one passage, with the pattern keys it matched; the spaCy Doc is not kept."""

    passage: int
    text: str
    hits: frozenset[str]


class Matchers:
    """A PhraseMatcher (lemma-normalised phrases) and a token Matcher, keyed by pattern names."""

    def __init__(self, phrases: Mapping[str, Sequence[str]], token_patterns: Mapping[str, list[Any]]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = pipeline()
        self.phrase = PhraseMatcher(nlp.vocab, attr="NORM")
        for key, items in phrases.items():
            if items:
                self.phrase.add(key, list(nlp.pipe(items)))
        self.token = Matcher(nlp.vocab)
        for key, pats in token_patterns.items():
            if pats:
                self.token.add(key, pats)

    def sentences(self, texts: Iterable[tuple[int, str]], split: bool = True) -> Iterator[Sentence]:
        """Sentences of ``(passage id, text)`` pairs, with hits; ``split=False`` keeps each text whole."""
        nlp = pipeline()
        strings = nlp.vocab.strings
        pairs = list(texts)
        docs = nlp.pipe((t for _, t in pairs), batch_size=BATCH)
        for (pid, _), doc in zip(pairs, docs, strict=True):
            # Match the whole text once, then give each match to the sentence that holds it.
            found = [(start, end, strings[key]) for key, start, end in self.phrase(doc)]
            found += [(start, end, strings[key]) for key, start, end in self.token(doc)]
            spans = list(doc.sents) if split else [doc[:]]
            for span in spans:
                keys = frozenset(k for start, end, k in found if span.start <= start and end <= span.end)
                text = span.text.strip()
                if text:
                    yield Sentence(pid, text, keys)
