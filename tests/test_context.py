"""Regime by year, tier by CPA category and authority type (spec §1), Annex B, detection from wording."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from plancheck.config import Settings
from plancheck.context import regime_for_year, resolve_context, tier_for
from plancheck.extract import load
from plancheck.model import Block, Document, Table, with_heading_paths


def _doc(*texts: str, headings: tuple[str, ...] = (), furniture: tuple[str, ...] = (), tables=()) -> Document:
    items: list[Block | Table] = [Block("heading", h, 1, 1) for h in headings]
    items += [Block("paragraph", t, 1) for t in texts]
    items += list(tables)
    furn = tuple(Block("paragraph", f, 1, region="footer") for f in furniture)
    return Document("mem.pdf", "0" * 64, "pdf", 1, with_heading_paths(items), furn)


@pytest.mark.parametrize(
    ("year", "regime"),
    [
        ("2000/01", "bvpp-2000"),
        ("2001/02", "bvpp-2001"),
        ("2002/03", "bvpp-2001"),
        ("2003/04", "bvpp-2003"),
        ("2004/05", "bvpp-2004"),
        ("2005/06", "bvpp-2004"),
        ("2006/07", "bvpp-2004"),
        ("2007/08", "bvpp-2004"),
        ("2008/09", "bvpp-2008"),
    ],
)
def test_regime_by_plan_year(year: str, regime: str) -> None:
    assert regime_for_year(year) == regime
    ctx = resolve_context(None, Settings(year=year))
    assert (ctx.regime, ctx.plan_year, ctx.source["regime"]) == (regime, year, "given")


def test_year_forms_are_normalised_and_regime_can_be_forced() -> None:
    assert resolve_context(None, Settings(year="2004")).plan_year == "2004/05"
    assert resolve_context(None, Settings(year="2003-04")).regime == "bvpp-2003"
    forced = resolve_context(None, Settings(year="2004/05", regime="bvpp-2003"))
    assert forced.regime == "bvpp-2003" and forced.source["regime"] == "given"


def test_unknown_year_defaults_to_circular_02_2004_and_says_so() -> None:
    ctx = resolve_context(None, Settings())
    assert ctx.regime == "bvpp-2004" and ctx.source["regime"] == "default"
    assert any("No plan year" in n for n in ctx.notes)
    late = resolve_context(None, Settings(year="2010/11"))
    assert late.regime == "bvpp-2004" and any("outside the BVPP years" in n for n in late.notes)


# spec §1, tier table: every row.
@pytest.mark.parametrize(
    ("atype", "cpa", "year", "tier"),
    [
        ("county", "excellent", "2004/05", "excellent-good"),
        ("unitary", "good", "2004/05", "excellent-good"),
        ("district", "fair", "2004/05", "fair-weak-poor"),
        ("metropolitan", "weak", "2004/05", "fair-weak-poor"),
        ("london-borough", "poor", "2004/05", "fair-weak-poor"),
        ("district", None, "2004/05", "fair-weak-poor"),
        ("district", "none", "2004/05", "fair-weak-poor"),
        ("fire", None, "2004/05", "fair-weak-poor"),
        ("fire", None, "2005/06", "fair-weak-poor"),
        ("fire", "good", "2005/06", "excellent-good"),
        ("fire", None, "2006/07", "fair-weak-poor"),
        ("parish", None, "2004/05", "other"),
        ("national-park", "good", "2004/05", "other"),
        ("broads", None, "2004/05", "other"),
        ("jwda", None, "2004/05", "other"),
        ("pta", None, "2004/05", "other"),
        ("gla", None, "2004/05", "other"),
        ("lda", None, "2004/05", "other"),
        ("tfl", None, "2004/05", "other"),
        ("police", "good", "2004/05", None),
    ],
)
def test_tier_table(atype: str, cpa: str | None, year: str, tier: str | None) -> None:
    assert tier_for(atype, cpa, None, year)[0] == tier


def test_fire_authority_before_cpa_is_explained() -> None:
    _, notes = tier_for("fire", None, None, "2004/05")
    assert any("no CPA until July 2005" in n for n in notes)


@pytest.mark.parametrize(
    ("stars", "threshold", "tier"),
    [
        ("4", 3, "excellent-good"),
        ("3", 3, "excellent-good"),
        ("2", 3, "fair-weak-poor"),
        ("0", 3, "fair-weak-poor"),
        ("3", 4, "fair-weak-poor"),
    ],
)
def test_stars_map_by_the_configurable_threshold_and_say_so(stars: str, threshold: int, tier: str) -> None:
    ctx = resolve_context(
        None, Settings(year="2006/07", cpa=stars, star_threshold=threshold, authority_type="county")
    )
    assert ctx.tier == tier
    assert any("no official mapping" in n and f"{threshold}+ stars" in n for n in ctx.notes)


# Circular 02/2004 Annex B, with the previous and current category given.
@pytest.mark.parametrize(
    ("previous", "current", "tier", "note"),
    [
        ("excellent", "good", "excellent-good", "no change"),
        ("good", "excellent", "excellent-good", "no change"),
        ("fair", "good", "excellent-good", "at once"),
        ("weak", "excellent", "excellent-good", "at once"),
        ("poor", "good", "excellent-good", "at once"),
        ("good", "fair", "excellent-good", "period of grace"),
        ("excellent", "fair", "excellent-good", "period of grace"),
        ("good", "weak", "fair-weak-poor", "lost at once"),
        ("excellent", "poor", "fair-weak-poor", "lost at once"),
        ("fair", "weak", "fair-weak-poor", None),
        ("weak", "fair", "fair-weak-poor", None),
    ],
)
def test_annex_b_recategorisation(previous: str, current: str, tier: str, note: str | None) -> None:
    ctx = resolve_context(
        None, Settings(year="2005/06", cpa=current, previous_cpa=previous, authority_type="county")
    )
    assert ctx.tier == tier
    assert ctx.previous_cpa == previous
    if note:
        assert any(note in n and "Annex B" in n for n in ctx.notes), ctx.notes


def test_police_and_welsh_authorities_are_out_of_scope() -> None:
    police = resolve_context(None, Settings(authority_type="police", year="2004/05"))
    assert police.out_of_scope and "Home Office" in police.out_of_scope
    welsh = resolve_context(_doc("Cyngor Sir Ynys Môn", "Best Value Performance Plan 2004/05"), Settings())
    assert welsh.out_of_scope and "Welsh" in welsh.out_of_scope


def test_other_regimes_have_one_tier() -> None:
    ctx = resolve_context(None, Settings(year="2003/04", cpa="good"))
    assert ctx.tier == "all"


# Detection from real wording.
@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Best Value Performance Plan 2004/05", "2004/05"),
        ("BEST VALUE PERFORMANCE PLAN 2005-2006", "2005/06"),
        ("Performance Plan 06/07", "2006/07"),
        ("Best Value Performance Plan 2003", "2003/04"),
        ("Corporate Plan 2006-2009 incorporating the Best Value Performance Plan 2006/07", "2006/07"),
    ],
)
def test_plan_year_detected_from_the_title(title: str, year: str) -> None:
    ctx = resolve_context(_doc("Some text.", headings=(title,)), Settings())
    assert ctx.plan_year == year and ctx.source["plan_year"] == "detected"
    assert any("detected from" in n for n in ctx.notes)


def test_plan_year_from_running_footer_and_from_table_labels() -> None:
    assert (
        resolve_context(_doc("Text.", furniture=("BVPP 2007/08 - Page 3",)), Settings()).plan_year
        == "2007/08"
    )
    table = Table(
        rows=(
            ("Ref", "Indicator", "Actual 03/04", "Target 04/05", "Target 05/06", "Target 06/07"),
            ("BV 8", "Invoices", "91%", "93%", "95%", "97%"),
        ),
        header_rows=1,
        pages=(1,),
    )
    ctx = resolve_context(_doc("Our performance.", tables=(table,)), Settings())
    assert ctx.plan_year == "2004/05" and ctx.regime == "bvpp-2004"


@pytest.mark.parametrize(
    ("title", "atype", "name"),
    [
        ("Wyvern Vale District Council", "district", "Wyvern Vale District Council"),
        ("ROYAL BERKSHIRE FIRE AND RESCUE AUTHORITY", "fire", "ROYAL BERKSHIRE FIRE AND RESCUE AUTHORITY"),
        ("Peak District National Park Authority", "national-park", "Peak District National Park Authority"),
        ("London Borough of Camden", "london-borough", "London Borough of Camden"),
        ("Wigan Metropolitan Borough Council", "metropolitan", "Wigan Metropolitan Borough Council"),
        ("Hertfordshire County Council", "county", "Hertfordshire County Council"),
        ("Kingston upon Hull City Council", "district", "Kingston upon Hull City Council"),
        ("Thames Valley Police Authority", "police", "Thames Valley Police Authority"),
        ("The Broads Authority", "broads", "The Broads Authority"),
    ],
)
def test_authority_detected_from_the_title_page(title: str, atype: str, name: str) -> None:
    ctx = resolve_context(_doc("Best Value Performance Plan 2004/05", headings=(title,)), Settings())
    assert (ctx.authority_type, ctx.authority_name, ctx.source["authority_type"]) == (atype, name, "detected")


def test_given_values_win_over_detected_ones() -> None:
    doc = _doc(
        "The Council was categorised as 'good' in the CPA.", headings=("Wyvern Vale District Council",)
    )
    ctx = resolve_context(doc, Settings(authority_type="county", cpa="fair"))
    assert (ctx.authority_type, ctx.cpa_category, ctx.tier) == ("county", "fair", "fair-weak-poor")
    assert ctx.source["authority_type"] == "given" and ctx.source["cpa_category"] == "given"


@pytest.mark.parametrize(
    ("sentence", "cpa"),
    [
        ("In the Comprehensive Performance Assessment the Council was categorised as 'good'.", "good"),
        ("The Audit Commission assessed us as a fair council in December 2003.", "fair"),
        ("We are a three star council, improving well (CPA 2006).", "3"),
        ("Our CPA rating is 4 stars.", "4"),
        ("The latest assessment placed the Council in the 'weak' category of the CPA.", "weak"),
        ("Under CPA our categorisation is 'excellent'.", "excellent"),
    ],
)
def test_cpa_category_detected_from_real_wording(sentence: str, cpa: str) -> None:
    ctx = resolve_context(_doc("Best Value Performance Plan 2005/06", sentence), Settings())
    assert ctx.cpa_category == cpa and ctx.source["cpa_category"] == "detected"


@pytest.mark.parametrize(
    "sentence",
    [
        "Nationally, 40 per cent of councils were categorised as 'good' in the CPA.",
        "Our neighbouring district was assessed as an excellent council by the Audit Commission.",
        "Compared with other councils rated 'poor' in the CPA, recycling here is high.",
        "Lincolnshire Police were judged good by HMIC in the assessment.",
    ],
)
def test_cpa_category_is_not_taken_from_a_sentence_about_another_body(sentence: str) -> None:
    ctx = resolve_context(_doc("Best Value Performance Plan 2004/05", sentence), Settings())
    assert ctx.cpa_category is None and ctx.source["cpa_category"] == "default"
    assert ctx.tier == "fair-weak-poor"
    assert any("fair-weak-poor" in n for n in ctx.notes)


def test_detection_on_a_python_docx_title_page(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Borsetshire District Council")
    d.add_heading("Best Value Performance Plan 2005/06", level=0)
    d.add_heading("1. Introduction", level=1)
    d.add_paragraph(
        "The Audit Commission categorised the Council as 'good' in its Comprehensive Performance Assessment."
    )
    path = tmp_path / "plan.docx"
    d.save(str(path))
    ctx = resolve_context(load(path), Settings())
    assert (ctx.plan_year, ctx.regime, ctx.authority_type, ctx.cpa_category, ctx.tier) == (
        "2005/06",
        "bvpp-2004",
        "district",
        "good",
        "excellent-good",
    )
    assert ctx.authority_name == "Borsetshire District Council"


def test_a_category_read_from_a_2005_fire_plan_is_ignored_but_a_given_one_is_used() -> None:
    doc = _doc("Best Value Performance Plan 2005/06", "The Audit Commission assessed us as a good authority.",
               headings=("Kesteven Fire and Rescue Authority",))  # fmt: skip
    read = resolve_context(doc, Settings())
    assert (read.authority_type, read.cpa_category, read.tier) == ("fire", None, "fair-weak-poor")
    assert any("no CPA before July 2005" in n for n in read.notes)
    given = resolve_context(doc, Settings(cpa="good"))
    assert given.tier == "excellent-good"
