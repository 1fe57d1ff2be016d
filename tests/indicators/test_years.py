from __future__ import annotations

import pytest

from plancheck.indicators.years import (
    PlanYears,
    YearLabel,
    find_years,
    guess_plan_year,
    normalise_plan_year,
    parse_label,
    years_for,
)

PLAN_YEARS = {
    "2000/01": PlanYears("1999/00", "2000/01", "2001/02", "2002/03"),
    "2001/02": PlanYears("2000/01", "2001/02", "2002/03", "2003/04"),
    "2002/03": PlanYears("2001/02", "2002/03", "2003/04", "2004/05"),
    "2003/04": PlanYears("2002/03", "2003/04", "2004/05", "2005/06"),
    "2004/05": PlanYears("2003/04", "2004/05", "2005/06", "2006/07"),
    "2005/06": PlanYears("2004/05", "2005/06", "2006/07", "2007/08"),
    "2006/07": PlanYears("2005/06", "2006/07", "2007/08", "2008/09"),
    "2007/08": PlanYears("2006/07", "2007/08", "2008/09", "2009/10"),
}


@pytest.mark.parametrize("plan_year", sorted(PLAN_YEARS))
def test_years_for_every_plan_year(plan_year: str) -> None:
    assert years_for(plan_year) == PLAN_YEARS[plan_year]
    expected = PLAN_YEARS[plan_year]
    assert years_for(plan_year).targets == (expected.current, expected.next1, expected.next2)


@pytest.mark.parametrize("plan_year", sorted(PLAN_YEARS))
def test_guess_plan_year_inverts_years_for(plan_year: str) -> None:
    y = years_for(plan_year)
    labels = [f"Actual {y.past}", f"Target {y.current}", f"{y.next1} target", f"Target {y.next2}"]
    assert guess_plan_year(labels) == plan_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2004/05", YearLabel("2004/05", None)),
        ("2004-05", YearLabel("2004/05", None)),
        ("2004–05", YearLabel("2004/05", None)),
        ("2004/2005", YearLabel("2004/05", None)),
        ("04/05", YearLabel("2004/05", None)),
        ("2004/5", YearLabel("2004/05", None)),
        ("05/06 target", YearLabel("2005/06", "target")),
        ("Target 2006-07", YearLabel("2006/07", "target")),
        ("2007-08 Targets", YearLabel("2007/08", "target")),
        ("Actual 03/04", YearLabel("2003/04", "outturn")),
        ("Actual 06/07", YearLabel("2006/07", "outturn")),
        ("Outturn 2003/04", YearLabel("2003/04", "outturn")),
        ("2003/04 outturn", YearLabel("2003/04", "outturn")),
        ("2005-06 Actual", YearLabel("2005/06", "outturn")),
        ("Estimate", YearLabel(None, "estimate")),
        ("Estimated outturn 2003/04", YearLabel("2003/04", "estimate")),
        ("(2003)", YearLabel("2003/04", None, bare=True)),
        ("IWC 99/00", YearLabel("1999/00", None)),
        ("2006–2007", YearLabel("2006/07", None)),
    ],
)
def test_parse_label_every_style(text: str, expected: YearLabel) -> None:
    assert parse_label(text) == expected


@pytest.mark.parametrize("text", ["12/05/2004", "2004/07", "Indicator No.", "£2,004", "45.5%", "03/05"])
def test_non_years_are_not_years(text: str) -> None:
    assert find_years(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2004", "2004/05"),
        ("2004/05", "2004/05"),
        ("2004-05", "2004/05"),
        ("04/05", "2004/05"),
        (" 2007 ", "2007/08"),
        ("", None),
        (None, None),
        ("plan", None),
    ],
)
def test_normalise_plan_year(text: str | None, expected: str | None) -> None:
    assert normalise_plan_year(text) == expected


def test_years_for_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="not a plan year"):
        years_for("next year")


def test_guess_plan_year_from_real_header_rows() -> None:
    # Salford 2006/07 layout (domain.md §4.2): outturn 2006/07 reported in the 2007/08 plan.
    salford = [
        "2004/05 Actual",
        "2005/06 Actual",
        "2006/07 Target",
        "2006/07 Actual",
        "2007/08 Targets",
        "Top Quartile 2005/06",
    ]
    assert guess_plan_year(salford) == "2007/08"
    # Appendix 4 "Outturns against Targets 07/08".
    appendix4 = ["Actual 06/07", "Actual 07/08", "Target 07/08", "Top Quartile 06/07"]
    assert guess_plan_year(appendix4) == "2008/09"
    assert guess_plan_year(["Target 2005/06", "Target 2006/07"]) == "2005/06"
    assert guess_plan_year(["Polarity", "Comments"]) is None
    # A finance table: the forecast is not an outturn.
    assert guess_plan_year(["2003/04 Actual", "2004/05 Budget", "2005/06 Forecast"]) == "2004/05"
    # The 2003 plans' estimated outturn is the outturn when no actual is given.
    assert guess_plan_year(["Estimate 2002/03", "Target 2003/04"]) == "2003/04"
