"""The page's form posts (as a browser without JavaScript sends them) and the report downloads."""

from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from plancheck.web.views import available_formats
from tests.conftest import REPO, WILD, needs_shared

HOSTILE_NAME = "<img src=x onerror=alert(1)>.docx"


def post_page(base_url: str, name: str, content: bytes, **fields: str) -> httpx.Response:
    with httpx.Client(base_url=base_url, timeout=180) as c:
        return c.post("/check", files={"file": (name, content)}, data=fields)


def test_index_has_the_form_and_no_inline_script(base_url: str) -> None:
    r = httpx.get(base_url)
    assert r.status_code == 200
    html = r.text
    assert 'enctype="multipart/form-data"' in html and 'name="file"' in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "style=" not in html  # the CSP allows only the same-origin stylesheet


def test_result_page_prefills_the_detected_values(base_url: str, docx_plan: Path) -> None:
    r = post_page(base_url, docx_plan.name, docx_plan.read_bytes(), year="2004/05")
    assert r.status_code == 200
    api = httpx.post(
        f"{base_url}/api/check",
        files={"file": ("x.docx", docx_plan.read_bytes())},
        data={"year": "2004/05"},
        timeout=180,
    ).json()
    assert f'data-verdict="{api["summary"]["verdict"]}"' in r.text
    assert 'id="year" value="2004/05"' in r.text
    assert '<span class="source" id="source-year">given</span>' in r.text
    detected = api["context"]["authority_type"]
    if detected:  # what the report detected is pre-selected for the officer to confirm or correct
        assert f'<option value="{detected}" selected>' in r.text


def test_file_name_is_shown_escaped(base_url: str, docx_plan: Path) -> None:
    r = post_page(base_url, HOSTILE_NAME, docx_plan.read_bytes())
    assert r.status_code == 200
    assert "<img src=x" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;.docx" in r.text


def test_bad_option_shows_a_one_line_error(base_url: str, docx_plan: Path) -> None:
    r = post_page(base_url, "p.docx", docx_plan.read_bytes(), cpa="<b>brilliant</b>")
    assert r.status_code == 422
    assert 'role="alert"' in r.text and "cpa: &#39;&lt;b&gt;brilliant&lt;/b&gt;&#39; is not one of" in r.text


def test_wrong_type_page_is_415(base_url: str) -> None:
    r = post_page(base_url, "photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert r.status_code == 415
    assert "photo.pdf: not a PDF, Word, ODT, RTF, HTML or text file" in r.text


@needs_shared
def test_encrypted_pdf_page_asks_for_the_password(base_url: str) -> None:
    data = (WILD / "pdf" / "password-example.pdf").read_bytes()
    r = post_page(base_url, "locked.pdf", data)
    assert r.status_code == 200
    assert 'type="password" name="password"' in r.text
    assert 'data-verdict="unreadable"' in r.text
    opened = post_page(base_url, "locked.pdf", data, password="test")
    assert 'type="password"' not in opened.text
    assert 'data-verdict="unreadable"' not in opened.text


def _download_links(html: str) -> dict[str, str]:
    return {
        m.group(2): m.group(1) for m in re.finditer(r'href="(/reports/[^"]+/report\.(\w+))" download', html)
    }


def test_downloads_are_the_same_report(base_url: str, docx_plan: Path) -> None:
    page = post_page(base_url, docx_plan.name, docx_plan.read_bytes())
    links = _download_links(page.text)
    assert set(links) == set(available_formats()) and "json" in links
    report = httpx.get(base_url + links["json"]).json()
    assert report["document"]["path"] == docx_plan.name
    assert f'data-verdict="{report["summary"]["verdict"]}"' in page.text
    if "csv" in links:
        r = httpx.get(base_url + links["csv"])
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        assert list(csv.reader(io.StringIO(r.text)))
    if "html" in links:
        r = httpx.get(base_url + links["html"])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        scripts = re.search(r"script-src ([^;]*)", csp)
        assert scripts and "unsafe-inline" not in scripts.group(1)  # only the report's own scripts, by hash
        assert docx_plan.name in r.text or report["summary"]["verdict"] in r.text


def test_unknown_report_token_is_404(base_url: str) -> None:
    assert httpx.get(f"{base_url}/reports/not-a-token/report.json").status_code == 404
    assert httpx.get(f"{base_url}/reports/x/report.exe").status_code == 404


@pytest.mark.parametrize("args", [["--port", "70000"], ["--max-upload-mb", "0"], ["--cpa", "superb"]])
def test_serve_rejects_bad_options(args: list[str]) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "plancheck", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "Invalid value" in r.stderr


def _wait_for(url: str) -> httpx.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url)
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_command_serves(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plancheck",
            "serve",
            "--port",
            str(port),
            "--max-upload-mb",
            "1",
            "--timeout",
            "30",
        ],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert proc.stderr is not None
        assert f"http://127.0.0.1:{port}/" in proc.stderr.readline()
        health = _wait_for(f"http://127.0.0.1:{port}/healthz")
        assert health.json()["status"] == "ok"
        big = httpx.post(
            f"http://127.0.0.1:{port}/api/check", files={"file": ("a.pdf", b"%PDF-" + b"0" * 2_000_000)}
        )
        assert big.status_code == 413 and "1 MB" in big.json()["error"]
    finally:
        proc.terminate()
        proc.wait(10)


@needs_shared
def test_a_paper_about_a_plan_says_why_and_what_to_upload_instead(base_url: str) -> None:
    seed = WILD.parent.parent / "seeds" / "huntingdonshire-cabinet-bvpp-2004.md"
    r = post_page(base_url, "cabinet-report.md", seed.read_bytes())
    assert r.status_code == 200 and 'data-verdict="not_a_plan"' in r.text
    assert "Judged not a plan (genre committee_paper)" in r.text
    assert "Check the plan itself" in r.text
    assert 'id="gaps"' not in r.text  # no advice to a plan's author
    declared = post_page(base_url, "cabinet-report.md", seed.read_bytes(), kind="plan")
    assert 'data-verdict="non_compliant"' in declared.text
    assert '<option value="plan" selected>' in declared.text


def test_what_is_missing_lists_every_error_once_under_its_requirement(base_url: str) -> None:
    from html import unescape

    from tests.conftest import FIXTURES

    plan = FIXTURES / "generated" / "indicators-gaps-2004.docx"
    api = httpx.post(
        f"{base_url}/api/check", files={"file": (plan.name, plan.read_bytes())}, data={"year": "2004/05"},
        timeout=180,
    ).json()  # fmt: skip
    page = unescape(post_page(base_url, plan.name, plan.read_bytes(), year="2004/05").text)
    errors = [f for f in api["findings"] if f["severity"] == "error"]
    assert len(errors) >= 4
    gaps = page[page.index('id="gaps"') : page.index("</ol>", page.index('id="gaps"'))]
    for f in errors:
        block = gaps[gaps.index(f'data-requirement="{f["requirement"]}"') :]
        block = block[: block.index("</li>\n")] if "</li>\n" in block else block
        assert gaps.count(f["message"]) == 1, f["message"]  # said once
        assert f["message"] in block  # under its own requirement
    assert "<h4>How to fix</h4>" in gaps
    n = api["summary"]["errors"]
    assert f"{n} error{'' if n == 1 else 's'}, " in page
