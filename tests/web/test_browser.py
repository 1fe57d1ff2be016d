"""End to end in a real headless Chromium against a real uvicorn server: upload, wait, read the report."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REPO, WILD, needs_shared

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium missing: make system-deps"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=BROWSER_ARGS,
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    context.close()


def api_report(base_url: str, path: Path, **fields: str) -> dict[str, Any]:
    with httpx.Client(base_url=base_url, timeout=180) as c:
        r = c.post("/api/check", files={"file": (path.name, path.read_bytes())}, data=fields)
    r.raise_for_status()
    data: dict[str, Any] = r.json()
    return data


def test_upload_shows_verdict_and_how_to_fix_a_gap(page: Any, base_url: str, docx_plan: Path) -> None:
    expected = api_report(base_url, docx_plan)
    page.goto(base_url)
    page.set_input_files("#file", str(docx_plan))
    # A quick check can finish before a poll would see the progress text, so record it as it shows.
    page.evaluate(
        """() => {
            const p = document.querySelector('#progress');
            new MutationObserver(() => { if (!p.hidden) window.progressSeen = p.textContent; })
                .observe(p, {attributes: true, childList: true, characterData: true, subtree: true});
        }"""
    )
    page.click("#submit")
    page.wait_for_selector("#verdict", timeout=120_000)
    assert "Checking the plan" in (page.evaluate("window.progressSeen") or "")

    assert page.get_attribute("#verdict", "data-verdict") == expected["summary"]["verdict"]
    assert page.inner_text("#result h2") == docx_plan.name
    workforce = next(q for q in expected["requirements"] if q["id"] == "WORKFORCE")
    assert workforce["status"] in ("missing", "partial")  # the plan has no workforce statement
    gap = page.locator('#gaps li[data-requirement="WORKFORCE"]')
    assert workforce["title"] in gap.inner_text()
    if workforce["detail"]:
        assert gap.locator(".detail").inner_text() == workforce["detail"]
    for f in expected["findings"]:
        if f["requirement"] == "WORKFORCE" and f["suggestion"]:
            assert f["suggestion"] in gap.inner_text()
    # The detected (or assumed) values are shown, with where they came from, ready to correct.
    assert page.inner_text("#source-cpa") == expected["context"]["source"]["cpa_category"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-report.png"), full_page=True)

    # Correct a value and re-check: with JavaScript the file stays selected, no new file dialog.
    page.select_option("#authority_type", "district")
    page.click("#submit")
    page.wait_for_selector("#source-authority_type:text-is('given')", timeout=120_000)
    assert "district" in page.inner_text("#context")
    assert page.problems == []  # no CSP violation, no script error


def test_json_download_is_the_report_shown(page: Any, base_url: str, docx_plan: Path) -> None:
    page.goto(base_url)
    page.set_input_files("#file", str(docx_plan))
    page.click("#submit")
    page.wait_for_selector("#downloads", timeout=120_000)
    with page.expect_download() as info:
        page.click("#downloads a[href$='report.json']")
    report = json.loads(Path(info.value.path()).read_text())
    assert report["document"]["path"] == docx_plan.name
    assert page.get_attribute("#verdict", "data-verdict") == report["summary"]["verdict"]
    link = page.locator("#downloads a[target=_blank]")
    if link.count():  # the HTML reporter's full report, served under its own CSP
        page.goto(base_url + link.get_attribute("href"))
        assert docx_plan.name in page.content()
    assert page.problems == []


@needs_shared
def test_encrypted_pdf_asks_for_its_password(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.set_input_files("#file", str(WILD / "pdf" / "password-example.pdf"))
    page.click("#submit")
    page.wait_for_selector("#password", timeout=120_000)
    assert "password" in page.inner_text("#reason")
    page.fill("#password", "test")
    page.click("#submit")
    page.wait_for_selector("#verdict:not([data-verdict='unreadable'])", timeout=120_000)
    assert page.locator("#password").count() == 0
    assert "4 pages" in page.inner_text("#result .counts")


def test_works_with_javascript_off(browser: Any, base_url: str, docx_plan: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url)
        pg.set_input_files("#file", str(docx_plan))
        pg.select_option("#cpa", "weak")
        with pg.expect_navigation(timeout=120_000):
            pg.click("#submit")  # a plain form post; the browser waits for the answer
        assert pg.url.endswith("/check")
        assert pg.get_attribute("#verdict", "data-verdict") in ("compliant", "non_compliant", "not_a_plan")
        assert pg.input_value("#cpa") == "weak"  # the corrected value stays for the next check
        assert pg.inner_text("#source-cpa") == "given"
    finally:
        context.close()


def test_drag_and_drop_selects_the_file(page: Any, base_url: str, docx_plan: Path) -> None:
    page.goto(base_url)
    data = list(docx_plan.read_bytes())
    page.evaluate(
        """([name, bytes]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([new Uint8Array(bytes)], name));
            const drop = document.querySelector("#drop");
            const init = {dataTransfer: dt, bubbles: true, cancelable: true};
            drop.dispatchEvent(new DragEvent("dragover", init));
            drop.dispatchEvent(new DragEvent("drop", init));
        }""",
        [docx_plan.name, data],
    )
    assert page.evaluate("document.querySelector('#file').files[0].name") == docx_plan.name
    page.click("#submit")
    page.wait_for_selector("#verdict", timeout=120_000)
    assert page.inner_text("#result h2") == docx_plan.name
    assert page.problems == []


EXAMPLE = REPO / "fixtures" / "example" / "borsetshire-bvpp-2004.pdf"


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the example plan is not built")
def test_example_pdf_shows_page_evidence(page: Any, base_url: str) -> None:
    expected = api_report(base_url, EXAMPLE)
    page.goto(base_url)
    page.set_input_files("#file", str(EXAMPLE))
    page.click("#submit")
    page.wait_for_selector("#verdict", timeout=120_000)
    assert page.get_attribute("#verdict", "data-verdict") == expected["summary"]["verdict"]
    met = [q for q in expected["requirements"] if q["status"] == "met"]
    for q in met:  # every "met" is shown with its page and quote
        item = page.locator(f'#met li[data-requirement="{q["id"]}"]')
        assert f"page {q['evidence'][0]['page']}" in item.locator("cite").inner_text()
        assert " ".join(q["evidence"][0]["text"].split())[:40] in " ".join(item.inner_text().split())
    detected = expected["context"]["authority_type"]
    if expected["context"]["source"]["authority_type"] == "detected":
        assert page.input_value("#authority_type") == detected
        assert page.inner_text("#source-authority_type") == "detected"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-example-pdf.png"), full_page=True)
    assert page.problems == []
