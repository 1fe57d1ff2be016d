"""Decide which rules apply: regime from the plan year, tier from CPA category and authority type.

Given values win; else values detected in the document (plancheck/detect.py);
else defaults, said plainly in ``Context.notes``. Tier rules follow spec §1 and
Circular 02/2004 Annex B (recategorisation).
"""

from __future__ import annotations

import datetime as dt

from plancheck.catalogue import regimes
from plancheck.config import Settings
from plancheck.indicators.years import fy, normalise_plan_year, start_of
from plancheck.model import Document
from plancheck.report import Context, Source

DEFAULT_REGIME = "bvpp-2004"
DEFAULT_TIER = "fair-weak-poor"
STREAMLINED = "excellent-good"
OTHER_TYPES = frozenset({"national-park", "broads", "parish", "jwda", "pta", "gla", "lda", "tfl"})
CATEGORIES = ("excellent", "good", "fair", "weak", "poor")
FIRE_NO_CPA_YEARS = ("2004/05", "2005/06")
"""Fire authorities had no CPA until July 2005: these plans are fair-weak-poor unless a category is given."""


def regime_for_year(plan_year: str) -> str | None:
    """The regime whose years include ``plan_year`` (canonical "2004/05"), else None."""
    for r in regimes().values():
        if plan_year in r.years:
            return r.id
    return None


def category_of(cpa: str | None, star_threshold: int) -> tuple[str | None, str | None]:
    """A CPA value as (category or None, note): stars map to good/fair by the configurable threshold."""
    if cpa is None or cpa == "none":
        return None, None
    if cpa.isdigit():
        stars = int(cpa)
        cat = "good" if stars >= star_threshold else "fair"
        tier = STREAMLINED if cat == "good" else DEFAULT_TIER
        note = (
            f"CPA {stars} star(s) taken as {tier}: no official mapping from stars to categories exists; "
            f"{star_threshold}+ stars are assumed excellent/good (configurable: star_threshold)."
        )
        return cat, note
    return cpa, None


def tier_for(
    authority_type: str | None,
    cpa: str | None,
    previous_cpa: str | None,
    plan_year: str | None,
    star_threshold: int = 3,
) -> tuple[str | None, tuple[str, ...]]:
    """The bvpp-2004 tier (None for police: out of scope) and the notes explaining it."""
    notes: list[str] = []
    if authority_type == "police":
        return None, ()
    if authority_type in OTHER_TYPES:
        return "other", (f"A {authority_type} authority follows Annex A(c) ('other' authorities).",)
    current, note = category_of(cpa, star_threshold)
    if note:
        notes.append(note)
    if current is None:
        if authority_type == "fire" and plan_year in FIRE_NO_CPA_YEARS:
            notes.append(
                f"Fire authorities had no CPA until July 2005: the {plan_year} plan is fair-weak-poor."
            )
        elif authority_type in ("district", "fire"):
            notes.append(
                f"No CPA category for this {authority_type} authority: Annex A(b) applies (fair-weak-poor)."
            )
        else:
            notes.append(
                "No CPA category was given or detected: the fuller fair-weak-poor requirements apply."
            )
        return DEFAULT_TIER, tuple(notes)
    good_now = current in ("excellent", "good")
    previous, prev_note = category_of(previous_cpa, star_threshold)
    if prev_note and previous_cpa != cpa:
        notes.append("Previous " + prev_note)
    if previous is None or previous == current:
        return (STREAMLINED if good_now else DEFAULT_TIER), tuple(notes)
    good_before = previous in ("excellent", "good")
    if good_before and good_now:
        notes.append(f"Recategorised {previous} -> {current}: no change to the tier (Annex B).")
        return STREAMLINED, tuple(notes)
    if not good_before and good_now:
        notes.append(
            f"Recategorised {previous} -> {current}: the streamlined tier applies at once (Annex B)."
        )
        return STREAMLINED, tuple(notes)
    if good_before and current == "fair":
        notes.append(
            f"Recategorised {previous} -> fair: the streamlined tier is kept for one more plan, "
            "a period of grace (Annex B)."
        )
        return STREAMLINED, tuple(notes)
    if good_before:
        notes.append(
            f"Recategorised {previous} -> {current}: the streamlined tier is lost at once (Annex B)."
        )
    return DEFAULT_TIER, tuple(notes)


def _year_by_publication(
    year: str | None, published: dt.date, table_years: set[str]
) -> tuple[str | None, str | None]:
    """The plan year a publication date implies, where the title's year says less.

    A plan published in year N is the N/N+1 plan; a title naming N-1/N, published after that year ended,
    names the year whose outturn it reports (so a document published in June 2008 with 2007/08 outturn is
    the transitional 2008/09 one).
    """
    implied = fy(published.year)
    if year is None:
        # A date alone (a circular's, a letter's) is no plan year; with tables of the year just ended it is.
        if published.month >= 4 and fy(published.year - 1) in table_years:
            return implied, (
                f"Plan year {implied} from the publication date, {published:%B %Y}, and the tables' "
                f"{fy(published.year - 1)} outturn"
            )
        return None, None
    if start_of(year) == published.year - 1 and published.month >= 4:
        return implied, (
            f"Plan year {implied}, not the title's {year}: published {published:%B %Y}, the document reports "
            f"{year} outturn, and a plan published in {published.year} is the {implied} plan"
        )
    return year, None


def resolve_context(doc: Document | None, settings: Settings) -> Context:
    """The context for ``doc`` under ``settings`` (given values win; else detected; else default)."""
    from plancheck import detect

    source: dict[str, Source] = {}
    notes: list[str] = []

    year = normalise_plan_year(settings.year)
    source["plan_year"] = "given" if year else "default"
    if year is None and doc is not None:
        found = detect.plan_year(doc)
        if found:
            year, source["plan_year"] = found.value, "detected"
            notes.append(f"Plan year {year} detected from: {found.text[:120]!r}.")

    if source["plan_year"] != "given" and doc is not None:
        dated = detect.cover_date(doc)
        if dated is not None:
            year, why = _year_by_publication(year, dated[0], detect.table_years(doc))
            if why:
                source["plan_year"] = "detected"
                notes.append(f"{why} (from: {dated[1][:80]!r}).")

    name = None
    atype = settings.authority_type
    source["authority_type"] = "given" if atype else "default"
    who = detect.authority(doc) if doc is not None else None
    if who:
        name = who[0].value
        if atype is None:
            atype, source["authority_type"] = who[1].value, "detected"
            notes.append(f"Authority type {atype} detected from: {who[1].text[:120]!r}.")

    cpa = settings.cpa
    source["cpa_category"] = "given" if cpa else "default"
    if cpa is None and doc is not None:
        found_cpa = detect.cpa_category(doc, name)
        if found_cpa:
            cpa, source["cpa_category"] = found_cpa.value, "detected"
            notes.append(f"CPA category {cpa} detected from: {found_cpa.text[:160]!r}.")

    if source["cpa_category"] == "detected" and atype == "fire" and year in FIRE_NO_CPA_YEARS:
        notes.append(f"CPA category {cpa} in the text ignored: fire authorities had no CPA before July 2005.")
        cpa, source["cpa_category"] = None, "default"

    regime = settings.regime
    source["regime"] = "given" if regime else "default"
    if regime is None and year is not None:
        regime = regime_for_year(year)
        if regime:
            source["regime"] = source["plan_year"]
        else:
            notes.append(
                f"Plan year {year} is outside the BVPP years 2000/01-2008/09: {DEFAULT_REGIME} assumed."
            )
    if regime is None:
        regime = DEFAULT_REGIME
        if year is None:
            notes.append(
                f"No plan year was given or detected: regime {DEFAULT_REGIME} (Circular 02/2004) assumed."
            )

    out_of_scope = None
    if atype == "police":
        out_of_scope = "Police authorities follow Home Office guidance, not these rules: nothing was checked."
    welsh = detect.welsh(doc) if doc is not None else None
    if welsh and out_of_scope is None:
        out_of_scope = (
            f"This looks like a Welsh authority ({welsh.value!r}); Welsh plans follow different orders "
            "(SI 2000/1271, the Wales Programme for Improvement): nothing was checked."
        )

    if regime == DEFAULT_REGIME:
        tier, tier_notes = tier_for(atype, cpa, settings.previous_cpa, year, settings.star_threshold)
        notes.extend(tier_notes)
        source["tier"] = "given" if source["cpa_category"] == "given" else "detected"
        if cpa is None and atype not in OTHER_TYPES:
            source["tier"] = "default"
    else:
        tier, source["tier"] = "all", "default"
        notes.append(f"Regime {regime} has one set of requirements for every authority.")

    return Context(
        regime=regime,
        tier=tier,
        authority_type=atype,
        cpa_category=cpa,
        previous_cpa=settings.previous_cpa,
        plan_year=year,
        authority_name=name,
        source=source,
        notes=tuple(notes),
        out_of_scope=out_of_scope,
    )
