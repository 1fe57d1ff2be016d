"""The PC2xx indicator rules on real DOCX files (python-docx), through the real extractor and engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck.report import Report
from plancheck.rules.base import DOC_SECTIONS
from plancheck.rules.registry import ALL_RULES
from tests.conftest import needs_soffice, soffice_convert
from tests.indicators.plans import OUTTURN_TARGETS_2004, build, check, findings, requirement, rows_for

CODES = [
    "BV 8",
    "BV 9",
    "BV 10",
    "BV 12",
    "BV 82a(i)",
    "BV 82b(i)",
    "BV 199a",
    "BV 109a",
    "BV 109b",
    "BV 109c",
]
INTRO = ("para", "This plan sets out outturn for 2003/04 and targets for the next three years.")


def assert_met_with_evidence(report: Report, rid: str) -> None:
    r = requirement(report, rid)
    assert r.status == "met", r.detail
    assert r.evidence
    for e in r.evidence:
        assert e.text and (e.page is not None or e.heading_path)


def test_every_indicator_rule_is_documented_and_registered() -> None:
    mine = [r for r in ALL_RULES if r.code.startswith("PC2")]
    assert [r.code for r in mine] == [f"PC2{i:02d}" for i in range(1, 11)]
    for rule in mine:
        assert set(DOC_SECTIONS) <= set(rule.doc_sections()), rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.citation


def test_complete_table_meets_both_requirements(tmp_path: Path) -> None:
    path = build(
        tmp_path / "plan.docx",
        [INTRO, ("heading", "Performance"), ("table", (OUTTURN_TARGETS_2004, rows_for(CODES)))],
    )
    report = check(path, year="2004/05", authority_type="district")
    assert_met_with_evidence(report, "PI-OUTTURN")
    assert_met_with_evidence(report, "PI-TARGETS")
    quote = requirement(report, "PI-OUTTURN").evidence[0].text
    assert "2003/04 Outturn" in quote and "BV 8" in quote
    assert requirement(report, "PI-OUTTURN").evidence[0].heading_path[-1] == "Performance"
    assert [f for f in report.findings if f.rule in ("PC201", "PC202", "PC203", "PC204")] == []
    rows = {i.code: i for i in report.indicators}
    assert list(rows) == [
        "BV8",
        "BV9",
        "BV10",
        "BV12",
        "BV82a(i)",
        "BV82b(i)",
        "BV199a",
        "BV109a",
        "BV109b",
        "BV109c",
    ]
    bv8 = rows["BV8"]
    assert (bv8.outturn_year, bv8.outturn_value) == ("2003/04", "91.2%")
    assert dict(bv8.targets) == {"2004/05": "92.0%", "2005/06": "93.0%", "2006/07": "94.0%"}
    assert bv8.title == "Indicator BV 8" and bv8.row == 2 and bv8.problems == ()


def test_no_indicator_table_fails_both_and_says_what_was_searched(tmp_path: Path) -> None:
    path = build(
        tmp_path / "plan.docx", [INTRO, ("table", ([["Service", "Budget"]], [["Housing", "£1,200"]]))]
    )
    report = check(path, year="2004/05", authority_type="district")
    for rid in ("PI-OUTTURN", "PI-TARGETS"):
        r = requirement(report, rid)
        assert r.status == "missing"
        assert "No indicator table" in r.detail
        assert any("1 tables examined" in s for s in r.searched)
        assert (
            "not an indicator table (table 1, no code column with year columns): Service | Budget"
            in r.searched
        )
        assert any("year headers tried" in s for s in r.searched)
    assert report.indicators == ()


def test_targets_for_one_year_of_three_is_partial(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "2003/04 Outturn", "2004/05 Target"]]
    body = [[c, f"Indicator {c}", "50%", "55%"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))]), year="2004/05", authority_type="district"
    )
    assert_met_with_evidence(report, "PI-OUTTURN")
    targets = requirement(report, "PI-TARGETS")
    assert targets.status == "partial"
    assert "targets given for 1 of 3 years (2004/05)" in targets.detail
    missing_cols = findings(report, "PC202")
    assert len(missing_cols) == 2
    assert "no 2005/06 target column" in missing_cols[0].message
    assert "no 2006/07 target column" in missing_cols[1].message
    assert "10 rows" in missing_cols[0].message and missing_cols[0].severity == "error"


def test_forty_of_ninety_rows_without_outturn(tmp_path: Path) -> None:
    codes = [f"BV {n}" for n in range(100, 190)]
    body = [
        [c, f"Indicator {c}", "" if i < 40 else "12.5", "13", "14", "15", ""] for i, c in enumerate(codes)
    ]
    report = check(
        build(tmp_path / "p.docx", [("table", (OUTTURN_TARGETS_2004, body))]),
        year="2004/05",
        authority_type="district",
    )
    outturn = requirement(report, "PI-OUTTURN")
    assert outturn.status == "partial"
    assert outturn.detail.startswith("50 of 90 BVPI rows give 2003/04 outturn")
    assert "40 lack it unexplained" in outturn.detail
    errors = findings(report, "PC201")
    assert len(errors) == 40
    first = errors[0]
    assert first.severity == "error"
    assert first.message.startswith("BV100: 2003/04 outturn ('2003/04 Outturn' column) is blank")
    assert (first.location.table, first.location.row) == (1, 2)  # counted from 1, header row included
    assert requirement(report, "PI-TARGETS").status == "met"


def test_gap_markers_explained_or_not(tmp_path: Path) -> None:
    body = [
        ["BV 8", "Invoices paid", "n/a", "92%", "93%", "94%", "New indicator from 2004/05"],  # note column
        ["BV 9", "Council tax", "TBC", "97%", "97%", "98%", ""],  # unexplained
        ["BV 10", "NNDR", "n/a*", "98%", "98%", "99%", ""],  # footnote
        ["BV 12", "Sickness", "9.1", "To be set", "8.5", "8.0", ""],  # unexplained target
        ["BV 82a(i)", "Recycling", "-", "20%", "22%", "24%", ""],  # key explains "-"
    ]
    path = build(
        tmp_path / "p.docx",
        [
            ("table", (OUTTURN_TARGETS_2004, body)),
            ("para", "* Not collected before April 2004."),
            ("para", "Key: - = the council does not provide this service."),
        ],
    )
    report = check(path, year="2004/05", authority_type="district")
    warned = {f.message.split(":")[0]: f for f in findings(report, "PC203")}
    assert set(warned) == {"BV8", "BV10", "BV82a(i)"}
    assert "New indicator from 2004/05" in warned["BV8"].message
    assert "Not collected before April 2004" in warned["BV10"].message
    assert "does not provide this service" in warned["BV82a(i)"].message
    assert all(f.severity == "warning" for f in warned.values())
    [outturn_error] = findings(report, "PC201")
    assert outturn_error.message.startswith("BV9: 2003/04 outturn ('2003/04 Outturn' column) is 'TBC'")
    [target_error] = findings(report, "PC202")
    assert target_error.message.startswith("BV12: 2004/05 target ('2004/05 Target' column) is 'To be set'")
    assert target_error.location.row == 5
    rows = {i.code: i for i in report.indicators}
    assert rows["BV9"].outturn_value is None
    assert rows["BV9"].problems == ("2003/04 outturn 'TBC', unexplained",)


def test_columns_headed_last_year_this_year_next_year_take_the_plans_years(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "Last year", "This year's target", "Next year", "Year after"]]
    body = [
        ["BV 8", "Invoices paid", "91%", "92%", "93%", "94%"],
        ["BV 9", "Council tax", "96.1%", "97%", "97%", "98%"],
    ]
    path = build(
        tmp_path / "p.docx",
        [("para", "'Last year' is our actual result for 2003/04."), ("table", (header, body))],
    )
    report = check(path, year="2004/05", authority_type="district")
    rows = {i.code: i for i in report.indicators}
    assert (rows["BV8"].outturn_year, rows["BV8"].outturn_value) == ("2003/04", "91%")
    assert dict(rows["BV9"].targets) == {"2004/05": "97%", "2005/06": "97%", "2006/07": "98%"}
    assert_met_with_evidence(report, "PI-OUTTURN")
    assert_met_with_evidence(report, "PI-TARGETS")


def test_a_cell_with_a_value_for_each_year_under_a_header_of_several_years(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "Actual 2003/04", "Targets 2004/05 / 2005/06 / 2006/07"]]
    body = [
        ["BV 8", "Invoices paid", "91%", "92% / 93% / 94%"],
        ["BV 9", "Council tax", "96.1%", "97%"],  # one value only: taken for the first year, as printed
    ]
    path = build(tmp_path / "p.docx", [INTRO, ("table", (header, body))])
    report = check(path, year="2004/05", authority_type="district")
    rows = {i.code: i for i in report.indicators}
    assert dict(rows["BV8"].targets) == {"2004/05": "92%", "2005/06": "93%", "2006/07": "94%"}
    assert dict(rows["BV9"].targets)["2004/05"] == "97%"
    assert requirement(report, "PI-TARGETS").status == "partial"  # BV9 has no later targets


def test_a_footnote_marked_on_the_indicator_name_explains_its_gaps(tmp_path: Path) -> None:
    body = [
        ["BV 8", "Invoices paid", "91%", "92%", "93%", "94%", ""],
        ["BV 225", "Actions against domestic violence †", "n/a", "60%", "70%", "80%", ""],
        ["BV 9", "Council tax ‡", "n/a", "97%", "97%", "98%", ""],
    ]
    path = build(
        tmp_path / "p.docx",
        [
            ("table", (OUTTURN_TARGETS_2004, body)),
            ("para", "† BV 225 is a new indicator from 2004/05: no outturn was collected for 2003/04."),
            # marks the name but gives no reason
            ("para", "‡ The collection rate is published by the Government."),
        ],
    )
    report = check(path, year="2004/05", authority_type="district")
    [explained] = findings(report, "PC203")
    assert explained.message.startswith("BV225") and "new indicator" in explained.message
    [unexplained] = findings(report, "PC201")
    assert unexplained.message.startswith("BV9")


@pytest.mark.parametrize(("year", "severity"), [("2005/06", "info"), ("2004/05", "error")])
def test_satisfaction_survey_gap_only_in_non_survey_years(tmp_path: Path, year: str, severity: str) -> None:
    past = {"2005/06": "2004/05", "2004/05": "2003/04"}[year]
    y = int(year[:4])
    header = [
        [
            "Ref",
            "Indicator",
            f"{past} Actual",
            f"{year} Target",
            f"{y + 1}/{(y + 2) % 100:02d} Target",
            f"{y + 2}/{(y + 3) % 100:02d} Target",
        ]
    ]
    body = [
        ["BV 3", "Satisfaction with the council", "", "60%", "62%", "64%"],
        ["BV 8", "Invoices", "90%", "91%", "92%", "93%"],
    ]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))], title=f"Performance Plan {year}"),
        year=year,
        authority_type="district",
    )
    [f] = findings(report, "PC201")
    assert f.severity == severity and f.message.startswith(f"BV3: {past} outturn")


def test_stale_table_copied_from_an_earlier_plan(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "2002/03 Outturn", "2003/04 Target", "2004/05 Target", "2005/06 Target"]]
    body = [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))]), year="2004/05", authority_type="district"
    )
    [stale] = findings(report, "PC204")
    assert "has the years of the 2003/04 plan, not the 2004/05 plan" in stale.message
    assert stale.severity == "error" and stale.location.table == 1
    assert requirement(report, "PI-OUTTURN").status == "missing"
    assert requirement(report, "PI-TARGETS").status == "partial"  # only 2004/05 of the three


def test_merged_targets_header_repeated_headers_and_section_rows_lose_no_rows(tmp_path: Path) -> None:
    header = [
        ["Ref", "Indicator", "Outturn", "Targets", None, None],
        ["", "", "2003/04", "2004/05", "2005/06", "2006/07"],
    ]
    body = [["Corporate health", "", "", "", "", ""]]
    body += [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES[:5]]
    body += [["Ref", "Indicator", "Outturn", "Targets", "", ""], list(header[1])]  # header repeated mid-table
    body += [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES[5:]]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))]), year="2004/05", authority_type="district"
    )
    assert len(report.indicators) == len(CODES)
    assert_met_with_evidence(report, "PI-OUTTURN")
    assert_met_with_evidence(report, "PI-TARGETS")


def test_outturn_and_targets_in_separate_tables_are_joined(tmp_path: Path) -> None:
    out = ([["BVPI", "Description", "Actual 03/04"]], [[c, f"Indicator {c}", "10"] for c in CODES])
    tgt = ([["BVPI", "Target 04/05", "Target 05/06", "Target 06/07"]], [[c, "11", "12", "13"] for c in CODES])
    report = check(
        build(tmp_path / "p.docx", [("table", out), ("table", tgt)]),
        year="2004/05",
        authority_type="district",
    )
    assert len(report.indicators) == len(CODES)
    row = report.indicators[0]
    assert row.outturn_value == "10" and dict(row.targets) == {
        "2004/05": "11",
        "2005/06": "12",
        "2006/07": "13",
    }
    assert_met_with_evidence(report, "PI-OUTTURN")
    assert_met_with_evidence(report, "PI-TARGETS")


def test_bare_codes_under_an_indicator_no_column(tmp_path: Path) -> None:
    header = [
        [
            "Indicator No.",
            "Definition",
            "2003-04 Actual",
            "2004-05 Target",
            "2005-06 Target",
            "2006-07 Target",
        ]
    ]
    body = [[n, f"Indicator {n}", "5", "6", "7", "8"] for n in ("2a", "2b", "8", "11a", "12")]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))]), year="2004/05", authority_type="unitary"
    )
    assert [i.code for i in report.indicators] == ["BV2a", "BV2b", "BV8", "BV11a", "BV12"]
    assert requirement(report, "PI-OUTTURN").status == "met"


def test_plan_year_guessed_from_tables_when_not_given(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "2005/06 Outturn", "2006/07 Target", "2007/08 Target", "2008/09 Target"]]
    body = [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES]
    path = build(tmp_path / "p.docx", [("table", (header, body))], title="Performance report")
    report = check(path, authority_type="district")
    outturn = requirement(report, "PI-OUTTURN")
    assert outturn.status == "met"
    if report.context.plan_year is None:
        assert "2006/07 guessed" in outturn.detail
    assert report.indicators[0].outturn_year == "2005/06"


def test_tier_other_needs_current_year_targets_only_except_jwda(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "2003/04 Actual", "2004/05 Target"]]
    body = [[c, f"Indicator {c}", "1", "2"] for c in ("BV 82a", "BV 82b", "BV 84", "BV 87")]
    path = build(tmp_path / "p.docx", [("table", (header, body))])
    npa = check(path, year="2004/05", authority_type="national-park")
    assert npa.context.tier == "other"
    assert requirement(npa, "PI-TARGETS").status == "met"
    assert dict(npa.indicators[0].targets) == {"2004/05": "2"}
    jwda = check(path, year="2004/05", authority_type="jwda")
    assert requirement(jwda, "PI-TARGETS").status == "partial"
    assert len(findings(jwda, "PC202")) == 2


def test_parish_council_local_indicators_count(tmp_path: Path) -> None:
    header = [["LPI", "Measure", "2003/04 Actual", "2004/05 Target"]]
    body = [[f"LPI {n}", f"Local measure {n}", "1", "2"] for n in range(1, 6)]
    path = build(tmp_path / "p.docx", [("table", (header, body))])
    parish = check(path, year="2004/05", authority_type="parish")
    assert requirement(parish, "PI-OUTTURN").status == "met"
    assert [i.code for i in parish.indicators][:2] == ["LPI1", "LPI2"]
    district = check(path, year="2004/05", authority_type="district")
    out = requirement(district, "PI-OUTTURN")
    assert out.status == "missing" and "Only local indicators" in out.detail


def test_2003_regime_estimated_outturn_is_a_finding(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "Estimate 2002/03", "Target 2003/04", "Target 2004/05", "Target 2005/06"]]
    body = [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))], title="Performance Plan 2003/04"),
        year="2003/04",
        authority_type="county",
    )
    assert report.context.regime == "bvpp-2003"
    [f] = findings(report, "PC205")
    assert "estimate column ('Estimate 2002/03') for 10 rows" in f.message
    out = requirement(report, "PI-OUTTURN")
    assert out.status == "partial" and "estimated, not actual" in out.detail


def test_2008_transitional_outturn_is_2007_08(tmp_path: Path) -> None:
    header = [
        ["PI Ref No", "PI Description", "Actual 06/07", "Actual 07/08", "Target 07/08", "Top Quartile 06/07"]
    ]
    body = [[c, f"Indicator {c}", "1", "2", "2", "3"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))], title="Performance 2008"),
        year="2008/09",
        authority_type="district",
    )
    assert report.context.regime == "bvpp-2008"
    assert_met_with_evidence(report, "PI-OUTTURN")
    assert report.indicators[0].outturn_year == "2007/08" and report.indicators[0].outturn_value == "2"
    assert report.requirement("PI-TARGETS") is None


def test_2001_article_items_from_tables(tmp_path: Path) -> None:
    header = [["BVPI", "Indicator", "Actual 1999/00", "Actual 2000/01", "Target 2001/02", "Average 2000/01"]]
    body = [[c, f"Indicator {c}", "1", "2", "3", "2"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))], title="Performance Plan 2001/02"),
        year="2001/02",
        authority_type="district",
    )
    assert report.context.regime == "bvpp-2001"
    for rid in ("ART3-E", "ART4-A", "ART4-B"):
        assert_met_with_evidence(report, rid)
    one_year = [["BVPI", "Indicator", "Actual 2000/01", "Target 2001/02"]]
    body2 = [[c, f"Indicator {c}", "2", "3"] for c in CODES]
    report2 = check(
        build(tmp_path / "q.docx", [("table", (one_year, body2))], title="Performance Plan 2001/02"),
        year="2001/02",
        authority_type="district",
    )
    assert requirement(report2, "ART4-B").status == "partial"
    assert requirement(report2, "ART4-A").status == "met"


def test_2000_previous_year_performance(tmp_path: Path) -> None:
    header = [["BVPI", "Indicator", "1999/00 Actual", "2000/01 Target"]]
    body = [[c, f"Indicator {c}", "", "3"] for c in CODES]
    report = check(
        build(tmp_path / "p.docx", [("table", (header, body))], title="Performance Plan 2000/01"),
        year="2000/01",
        authority_type="district",
    )
    assert requirement(report, "ART3-F").status == "missing"
    assert_met_with_evidence(report, "ART3-E")


def test_catalogue_omissions_name_the_grade(tmp_path: Path) -> None:
    path = build(tmp_path / "p.docx", [("table", (OUTTURN_TARGETS_2004, rows_for(CODES)))])
    report = check(path, year="2004/05", authority_type="district")
    warning, info = findings(report, "PC206")
    assert warning.severity == "warning" and info.severity == "info"
    assert (
        warning.message.startswith("The plan omits ")
        and "district authorities for 2003/04 outturn" in warning.message
    )
    assert "BV78a Average days to process new housing/council tax benefit claims (grade B)" in warning.message
    assert (
        "BV3 % of citizens satisfied with the authority's overall service (survey) (grade A)"
        in warning.message
    )
    assert "grade C" not in warning.message.replace("catalogue grade C", "")
    assert "(grade C)" in info.message and "(grade A)" not in info.message and "(grade B)" not in info.message
    listed = warning.message + info.message
    for present in ("BV8 ", "BV199a ", "BV82a ", "BV82a(i) ", "BV109a "):
        assert present not in listed  # BV 82a(i) in the plan covers BV82a and BV82a(i)
    assert findings(check(path, year="2004/05", authority_type="parish"), "PC206") == []


@needs_soffice
@pytest.mark.libreoffice
def test_pdf_form_gives_pages(tmp_path: Path) -> None:
    body = [[c, f"Indicator {c}", "n/a" if c == "BV 9" else "1", "2", "3", "4", ""] for c in CODES]
    docx_path = build(tmp_path / "plan.docx", [INTRO, ("table", (OUTTURN_TARGETS_2004, body))])
    soffice_convert(docx_path, tmp_path, timeout=180)
    report = check(tmp_path / "plan.pdf", year="2004/05", authority_type="district")
    out = requirement(report, "PI-OUTTURN")
    # One row's outturn is an unexplained 'n/a': an error under the requirement, so it is not met.
    assert out.status == "partial" and out.evidence[0].page == 1
    [f] = findings(report, "PC201")
    assert f.message.startswith(
        "BV9: 2003/04 outturn ('2003/04 Outturn' column) is 'n/a' at page 1, table 1 row 3"
    )
    assert f.location.page == 1


def test_a_note_on_progress_explains_no_gap(tmp_path: Path) -> None:
    body = [
        ["BV 8", "Invoices paid", "91%", "TBC", "93%", "94%", "On track"],
        ["BV 9", "Council tax", "96%", "TBC", "97%", "98%", "Target awaiting the new collection system"],
        ["BV 12", "Sickness", "9.1", "n/a", "8.5", "8.0", "Improving steadily"],
    ]
    report = check(build(tmp_path / "p.docx", [("table", (OUTTURN_TARGETS_2004, body))]), year="2004/05")
    rows = {i.code: i for i in report.indicators}
    assert rows["BV8"].problems == ("2004/05 target 'TBC', unexplained",)
    explained = "2004/05 target 'TBC', explained: Target awaiting the new collection system"
    assert rows["BV9"].problems == (explained,)
    assert rows["BV12"].problems == ("2004/05 target 'n/a', unexplained",)


def test_2003_regime_outturn_the_plan_calls_estimates_is_a_finding(tmp_path: Path) -> None:
    header = [["Ref", "Indicator", "2002/03", "Target 2003/04", "Target 2004/05", "Target 2005/06"]]
    body = [[c, f"Indicator {c}", "1", "2", "3", "4"] for c in CODES]
    said = "The outturn figures shown for last year are estimates; audited figures follow in the autumn."
    blocks = [("para", said), ("table", (header, body))]
    path = build(tmp_path / "p.docx", blocks, title="Performance Plan 2003/04")
    report = check(path, year="2003/04", authority_type="county")
    [f] = findings(report, "PC205")
    assert "says its outturn is not actual" in f.message
    out = requirement(report, "PI-OUTTURN")
    assert out.status == "partial" and out.evidence[0].text.startswith("The outturn figures shown")
    assert out.evidence[0].role == "content"
