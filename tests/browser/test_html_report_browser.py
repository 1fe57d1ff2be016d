"""The HTML report opened in headless Chromium: what a reader actually sees.

The real engine checks the bundled example plan (or, before it exists, a Word plan
built here with python-docx); the page's text is read through the browser, not by
parsing the HTML. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from plancheck import reporters
from plancheck.engine import check_path
from plancheck.report import Report
from plancheck.reporters.labels import STATUS_WORDS, VERDICT_WORDS, one_line
from tests.conftest import FIXTURES, REPO
from tests.reporters import canned
from tests.test_config import make_plan

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
EXAMPLE = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed: make system-deps"),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )  # fmt: skip
        yield b
        b.close()


def open_report(browser: object, reports: list[Report], tmp_path: Path, name: str) -> object:
    buf = io.StringIO()
    reporters.get("html")(reports, buf)
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(buf.getvalue(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    # Every request but the file itself is refused: the page must be self-contained.
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert requests == [page_file.as_uri()]
    return page


def real_report(tmp_path: Path) -> Report:
    path = EXAMPLE if EXAMPLE.exists() else make_plan(tmp_path / "plan.docx")
    return check_path(path)


def test_real_plan_report_shows_verdict_statuses_and_quotes(browser: object, tmp_path: Path) -> None:
    report = real_report(tmp_path)
    page = open_report(browser, [report], tmp_path, "html-report-real")
    verdict = page.inner_text(".verdict")  # type: ignore[attr-defined]
    assert f"Verdict: {VERDICT_WORDS[report.summary.verdict]}" in verdict
    table = page.locator("table.requirements")  # type: ignore[attr-defined]
    for q in report.requirements:
        row = table.locator(f'tr[data-requirement="{q.id}"]')
        assert row.locator("th").inner_text().strip() == q.id
        assert row.locator("td.status").inner_text().strip().endswith(STATUS_WORDS[q.status])
        section = page.locator(f'article[data-requirement="{q.id}"]')  # type: ignore[attr-defined]
        quotes = section.locator("blockquote")
        assert quotes.count() == len(q.evidence)
        for i, e in enumerate(q.evidence):
            shown = one_line(quotes.nth(i).inner_text())
            assert one_line(e.text) in shown
            if e.page is not None:
                assert f"p.{e.page}" in shown
    if EXAMPLE.exists():
        assert any(q.evidence for q in report.requirements), "the example plan should yield evidence quotes"
    headings = page.locator("h1, h2, h3").all_inner_texts()  # type: ignore[attr-defined]
    assert "Requirements" in headings and "Findings" in headings


def test_canned_report_escapes_markup_and_marks_suppressed_findings(browser: object, tmp_path: Path) -> None:
    page = open_report(browser, canned.reports(), tmp_path, "html-report-canned")
    body = page.inner_text("body")  # type: ignore[attr-defined]
    # The script tag is shown as text, never run or turned into an element.
    assert "Our priorities: Housing & Health <script>alert(1)</script>" in body
    assert page.locator("main script").count() == 0  # type: ignore[attr-defined]
    suppressed = page.locator("table.findings tr.suppressed")  # type: ignore[attr-defined]
    assert suppressed.count() == 1
    assert "Suppressed: Recycling outturn withheld pending audit" in suppressed.inner_text()
    missing = page.locator("table.indicators td.cell-missing")  # type: ignore[attr-defined]
    assert missing.count() == 5 and "missing" in missing.first.inner_text()
    assert "The file could not be read: encrypted: a password is needed" in body
    scoped = page.locator("th[scope]").count()  # type: ignore[attr-defined]
    assert scoped == page.locator("th").count()  # type: ignore[attr-defined]


def test_print_media_shows_the_sign_off_block(browser: object, tmp_path: Path) -> None:
    page = open_report(browser, [canned.plan_report()], tmp_path, "html-report-print")
    assert not page.locator(".print-only").first.is_visible()  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert page.locator(".print-only").first.is_visible()  # type: ignore[attr-defined]
    pdf = page.pdf(format="A4")  # type: ignore[attr-defined]
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "html-report-print.pdf").write_bytes(pdf)


@pytest.mark.parametrize(
    "plan", [EXAMPLE, FIXTURES / "generated" / "indicators-gaps-2004.pdf"], ids=lambda p: p.stem
)
def test_the_working_paper_opens_on_its_verdict_gaps_and_findings(
    browser: object, tmp_path: Path, plan: Path
) -> None:
    if not plan.exists():
        pytest.skip(f"{plan.name} not generated: make fixtures")
    report = check_path(plan)
    buf = io.StringIO()
    reporters.get("html")([report], buf)
    page_file = tmp_path / "paper.html"
    page_file.write_text(buf.getvalue(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)  # type: ignore[attr-defined]
    page.goto(page_file.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"html-paper-{plan.stem}.png"))
    # No sideways scrolling at 1,280 px, and the findings start on the first screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # type: ignore[attr-defined]
    findings = page.locator("h3", has_text="Findings").first  # type: ignore[attr-defined]
    assert findings.bounding_box()["y"] < 900
    assert "Checked on " in page.inner_text("header")  # type: ignore[attr-defined]
    gaps = [
        q for q in report.requirements if q.applicability == "required" and q.status in ("missing", "partial")
    ]
    if gaps:
        key = page.locator("ul.key-gaps").inner_text()  # type: ignore[attr-defined]
        assert all(q.id in key for q in gaps)


def test_problems_only_toggle_works_without_javascript(browser: object, tmp_path: Path) -> None:
    plan = FIXTURES / "generated" / "indicators-gaps-2004.pdf"
    if not plan.exists():
        pytest.skip(f"{plan.name} not generated: make fixtures")
    report = check_path(plan)
    page = open_report(browser, [report], tmp_path, "html-report-problems-only")
    rows = page.locator("table.indicators tbody tr")  # type: ignore[attr-defined]
    visible = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    assert visible == len(report.indicators)
    page.locator("label", has_text="Show only the").click()  # type: ignore[attr-defined]
    visible = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    assert visible == sum(1 for row in report.indicators if row.problems) > 0
