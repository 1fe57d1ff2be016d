"""What kind of document is this: a plan, or a paper, page or law about one? Judged by voice and form.

Every cue in patterns/genre.yml is a general sign of who speaks, to whom and
for what: a report's header block and recommendations, a decision notice,
minutes, legislative form, site navigation, reported speech, an in-year
period, tender language, another regime's vocabulary - against a plan's title
line, its first-person voice, the sections a plan has and its BVPI tables.
Cues add weights to genres; the best genre wins, and a plan must also reach a
minimum and beat every other genre. The reason names the cues that decided,
so a person can see why (and override with ``--kind``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from plancheck.errors import PatternError
from plancheck.model import Block, Document
from plancheck.patterns import load_yaml, regex, require
from plancheck.report import Kind

if TYPE_CHECKING:
    from plancheck.rules.base import RuleContext

SOURCE = "patterns/genre.yml"

Genre = Literal[
    "plan",
    "committee_paper",
    "guidance",
    "web_page",
    "news",
    "monitoring_report",
    "procurement",
    "other_plan",
    "other",
]
GENRES: tuple[str, ...] = get_args(Genre)
Computed = Literal["first_person", "indicator_rows", "late_years"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One weighted sign of a genre: a pattern, or a measure computed over the text."""

    name: str
    genre: str
    weight: float
    pattern: re.Pattern[str] | None = None
    computed: str | None = None
    head_only: bool = False
    min_count: int = 1
    cap: int = 1
    """Occurrences that each earn the weight (1: the cue counts once)."""


@dataclass(frozen=True, slots=True)
class GenreModel:
    """The compiled patterns/genre.yml."""

    cues: tuple[Cue, ...]
    descriptions: dict[str, str]
    head_chars: int
    body_chars: int
    plan_min: float
    plan_min_uncontested: float
    plan_margin: float
    genre_min: float
    other_plan_min: float
    min_words: int
    topic: re.Pattern[str]
    furniture: re.Pattern[str]
    first_person: re.Pattern[str]
    first_person_rate: float
    indicator_row: re.Pattern[str]
    indicator_min: int
    year: re.Pattern[str]
    late_from: int
    late_share: float
    late_min_years: int


@dataclass(frozen=True, slots=True)
class Classification:
    """The genre and kind of a document, the cues that decided, and every genre's score."""

    kind: Kind
    genre: Genre
    reasons: tuple[str, ...]
    scores: tuple[tuple[str, float], ...] = ()
    cues: tuple[tuple[str, str, float], ...] = ()
    """(genre, cue name, points) for every cue found."""

    @property
    def reason(self) -> str:
        """The reasons as one sentence, for ``document.reason``."""
        return "; ".join(self.reasons)


def _compile(key: str, text: object) -> re.Pattern[str]:
    return regex(SOURCE, key, text, re.I | re.M)


def _cue(i: int, data: object, genres: dict[str, str]) -> Cue:
    where = f"cues[{i}]"
    if not isinstance(data, dict):
        raise PatternError(
            SOURCE, where, "expected a mapping with name, genre, weight and pattern or computed"
        )
    name = require(data, "name", str, SOURCE)
    genre = require(data, "genre", str, SOURCE)
    if genre not in genres:
        raise PatternError(SOURCE, f"{where}.genre", f"unknown genre {genre!r} (known: {', '.join(genres)})")
    weight = float(require(data, "weight", (int, float), SOURCE))
    computed = data.get("computed")
    if computed is not None and computed not in get_args(Computed):
        raise PatternError(SOURCE, f"{where}.computed", f"unknown measure {computed!r}")
    if ("pattern" in data) == (computed is not None):
        raise PatternError(SOURCE, where, "needs exactly one of pattern or computed")
    place = data.get("where", "all")
    if place not in ("head", "all"):
        raise PatternError(SOURCE, f"{where}.where", "expected head or all")
    return Cue(
        name=name,
        genre=genre,
        weight=weight,
        pattern=_compile(f"{where}.pattern", data["pattern"]) if "pattern" in data else None,
        computed=computed,
        head_only=place == "head",
        min_count=int(data.get("min", 1)),
        cap=int(data.get("cap", 3)) if data.get("each") else 1,
    )


@functools.cache
def model() -> GenreModel:
    """The genre cues, validated once per process."""
    data = load_yaml("genre.yml")
    genres = require(data, "genres", dict, SOURCE)
    if set(genres) != set(GENRES):
        raise PatternError(SOURCE, "genres", f"expected exactly: {', '.join(GENRES)}")
    fp = require(data, "first_person", dict, SOURCE)
    rows = require(data, "indicator_rows", dict, SOURCE)
    late = require(data, "late_years", dict, SOURCE)
    return GenreModel(
        cues=tuple(_cue(i, c, genres) for i, c in enumerate(require(data, "cues", list, SOURCE))),
        descriptions={str(k): str(v) for k, v in genres.items()},
        head_chars=require(data, "head_chars", int, SOURCE),
        body_chars=require(data, "body_chars", int, SOURCE),
        plan_min=float(require(data, "plan_min", (int, float), SOURCE)),
        plan_min_uncontested=float(require(data, "plan_min_uncontested", (int, float), SOURCE)),
        plan_margin=float(require(data, "plan_margin", (int, float), SOURCE)),
        genre_min=float(require(data, "genre_min", (int, float), SOURCE)),
        other_plan_min=float(require(data, "other_plan_min", (int, float), SOURCE)),
        min_words=require(data, "min_words", int, SOURCE),
        topic=_compile("topic", require(data, "topic", str, SOURCE)),
        furniture=_compile("furniture", require(data, "furniture", str, SOURCE)),
        first_person=_compile("first_person.words", require(fp, "words", str, SOURCE)),
        first_person_rate=float(require(fp, "per_100_words", (int, float), SOURCE)),
        indicator_row=_compile("indicator_rows.row", require(rows, "row", str, SOURCE)),
        indicator_min=require(rows, "min", int, SOURCE),
        year=_compile("late_years.year", require(late, "year", str, SOURCE)),
        late_from=require(late, "from", int, SOURCE),
        late_share=float(require(late, "share", (int, float), SOURCE)),
        late_min_years=require(late, "min_years", int, SOURCE),
    )


def is_furniture(line: str) -> bool:
    """Whether ``line`` is a viewer's or a document-sharing site's text around a document."""
    return bool(model().furniture.search(line))


def document_lines(doc: Document) -> list[str]:
    """The body text as lines (blocks split at line ends, table rows joined), furniture left out."""
    lines: list[str] = []
    for item in doc.items:
        if isinstance(item, Block):
            lines.extend(item.text.split("\n"))
        else:
            lines.extend(" | ".join(c.strip() for c in row if c.strip()) for row in item.rows)
    return [ln for ln in (x.strip() for x in lines) if ln and not is_furniture(ln)]


def _measure(cue: Cue, m: GenreModel, text: str, words: int, rows: int) -> int:
    """How many times a computed cue is earned (0 or 1, or 2 for a plan's many indicator rows)."""
    if cue.computed == "first_person":
        count = sum(1 for _ in m.first_person.finditer(text))
        return int(words > 0 and 100 * count / words >= m.first_person_rate)
    if cue.computed == "indicator_rows":
        return 2 if rows >= 5 * m.indicator_min else int(rows >= m.indicator_min)
    years = [int(y.group()) for y in m.year.finditer(text)]
    late = sum(1 for y in years if y >= m.late_from)
    return int(len(years) >= m.late_min_years and late / len(years) >= m.late_share)


def _count(cue: Cue, text: str) -> int:
    """Occurrences of a pattern cue, stopping once no more can count."""
    assert cue.pattern is not None
    need = max(cue.min_count, cue.cap)
    n = 0
    for _ in cue.pattern.finditer(text):
        n += 1
        if n >= need:
            break
    if n < cue.min_count:
        return 0
    return min(n, cue.cap) if cue.cap > 1 else 1


def classify_document(doc: Document) -> Classification:
    """The genre and kind of ``doc``, with the cues that decided."""
    m = model()
    lines = document_lines(doc)
    text = "\n".join(lines)[: m.body_chars]
    words = len(text.split())
    if words < m.min_words:
        return Classification(
            "not_plan", "other", (f"only {words} words of text: too little to be a performance plan",)
        )
    if not m.topic.search(text):
        return Classification(
            "not_plan",
            "other",
            ("it never mentions Best Value, a plan, priorities or performance indicators",),
        )
    head = text[: m.head_chars]
    rows = sum(1 for ln in lines if m.indicator_row.search(ln))
    scores = dict.fromkeys(GENRES, 0.0)
    found: list[tuple[str, str, float]] = []
    for cue in m.cues:
        n = (
            _measure(cue, m, text, words, rows)
            if cue.computed
            else _count(cue, head if cue.head_only else text)
        )
        if n:
            points = cue.weight * n
            scores[cue.genre] += points
            found.append((cue.genre, cue.name, points))
    ranked = tuple(sorted(scores.items(), key=lambda kv: -kv[1]))
    genre = _decide(m, scores)
    return Classification(
        "plan" if genre == "plan" else "not_plan",
        genre,
        _reasons(m, genre, scores, found, rows),
        ranked,
        tuple(found),
    )


def _decide(m: GenreModel, scores: dict[str, float]) -> Genre:
    plan = scores["plan"]
    regime = scores["other_plan"]
    if regime >= m.other_plan_min and plan >= m.plan_min / 2 and regime >= plan / 2:
        return "other_plan"  # a plan in form, but of another regime
    others = {g: s for g, s in scores.items() if g != "plan"}
    best, best_score = max(others.items(), key=lambda kv: kv[1])
    if plan >= m.plan_min and plan >= best_score + m.plan_margin:
        return "plan"
    if best_score == 0 and plan >= m.plan_min_uncontested:
        return "plan"
    return best if best_score >= m.genre_min else "other"  # type: ignore[return-value]


def _reasons(
    m: GenreModel, genre: str, scores: dict[str, float], found: list[tuple[str, str, float]], rows: int
) -> tuple[str, ...]:
    """The decisive cues, strongest first, and the runner-up, in plain words."""

    def cues_of(g: str) -> str:
        named = sorted((c for c in found if c[0] == g), key=lambda c: -c[2])
        return ", ".join(name for _, name, _ in named) or "no cue"

    out = [f"{m.descriptions[genre]} (score {scores[genre]:g}): {cues_of(genre)}"]
    if genre != "plan":
        if scores["plan"]:
            out.append(f"against a plan (score {scores['plan']:g}): {cues_of('plan')}")
        else:
            out.append("nothing in it reads as a plan's own voice or form")
    else:
        rival = max((g for g in GENRES if g != "plan"), key=lambda g: scores[g])
        if scores[rival]:
            out.append(f"against {rival} (score {scores[rival]:g}): {cues_of(rival)}")
    out.append(f"{rows} indicator rows with figures")
    return tuple(out)


def classified(ctx: RuleContext) -> Classification:
    """The classification of ``ctx.doc``, computed once per check (the engine and rules share it).

    A kind given in the settings (``--kind``, the ``kind`` key) overrides the classifier's; the genre and
    its cues are still reported.
    """

    def build() -> Classification:
        c = classify_document(ctx.doc)
        given: Kind | None = "plan" if ctx.settings.kind == "plan" else None
        given = "not_plan" if ctx.settings.kind == "not_plan" else given
        if given is None or given == c.kind:
            return c
        genre: Genre = "plan" if given == "plan" else (c.genre if c.genre != "plan" else "other")
        why = (f"given as {given} by the settings (--kind or the kind key); the classifier said {c.genre}",)
        return Classification(given, genre, why + c.reasons, c.scores, c.cues)

    result: Classification = ctx.memo("classification", build)
    return result


def classify(doc: Document) -> Kind:
    """``plan`` or ``not_plan``."""
    return classify_document(doc).kind
