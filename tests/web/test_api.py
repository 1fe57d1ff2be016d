"""POST /api/check, /api/rules, /healthz and /openapi.json against a real uvicorn server on loopback."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import httpx
import jsonschema
import pytest
from reportlab.pdfgen import canvas

from plancheck.catalogue import regime
from plancheck.web.runner import FORM_OPTIONS
from tests.conftest import WILD, needs_shared
from tests.web.conftest import Served

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HOSTILE_NAME = "<img src=x onerror=alert(1)>.docx"
ENCRYPTED = WILD / "pdf" / "password-example.pdf"


def post_check(base_url: str, name: str, content: bytes, **fields: str) -> httpx.Response:
    with httpx.Client(base_url=base_url, timeout=180) as c:
        return c.post("/api/check", files={"file": (name, content)}, data=fields)


def test_healthz_reports_capacity(base_url: str) -> None:
    r = httpx.get(f"{base_url}/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["capacity"] == 32  # max_concurrent 2 + max_queue 30 in TEST_CONFIG
    assert len(body["ruleset"]) == 16


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/rules", "/static/app.js", "/no-such-page"])
def test_security_headers_on_every_response(base_url: str, path: str) -> None:
    r = httpx.get(f"{base_url}{path}")
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"


def test_rules_lists_each_regimes_requirements(base_url: str) -> None:
    r = httpx.get(f"{base_url}/api/rules")
    assert r.status_code == 200
    regs = {g["id"]: g for g in r.json()["regimes"]}
    ids = [q["id"] for q in regs["bvpp-2004"]["requirements"]]
    assert ids == [q.id for q in regime("bvpp-2004").requirements]
    assert "WORKFORCE" in ids
    for rule in r.json()["rules"]:
        assert rule["code"].startswith("PC") and rule["summary"]


def test_check_docx_returns_the_contract_report(base_url: str, docx_plan: Path) -> None:
    r = post_check(base_url, docx_plan.name, docx_plan.read_bytes(), authority_type="district", cpa="good")
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["document"]["path"] == docx_plan.name  # the officer's name, never the server's temp path
    assert report["document"]["sha256"] == hashlib.sha256(docx_plan.read_bytes()).hexdigest()
    assert report["document"]["format"] == "docx"
    assert report["document"]["kind"] == "plan"
    assert report["context"]["authority_type"] == "district"
    assert report["context"]["source"]["authority_type"] == "given"
    assert report["context"]["cpa_category"] == "good"
    statuses = {q["id"]: q["status"] for q in report["requirements"]}
    assert set(statuses) == {q.id for q in regime(report["context"]["regime"]).requirements}
    assert statuses["WORKFORCE"] != "met"  # the plan has no workforce statement
    for q in report["requirements"]:
        if q["status"] == "met":
            assert q["evidence"] and q["evidence"][0]["text"]
    schema = httpx.get(f"{base_url}/openapi.json").json()
    report_schema = {**schema["components"]["schemas"]["Report"], "components": schema["components"]}
    jsonschema.validate(report, report_schema)


def test_oversized_upload_is_413(base_url: str) -> None:
    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)  # over TEST_CONFIG's 2 MB cap
    r = post_check(base_url, "big.pdf", big)
    assert r.status_code == 413
    assert "2 MB" in r.json()["error"]


def test_file_just_under_the_cap_is_accepted(base_url: str) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Best Value Performance Plan 2004/05")
    c.showPage()
    c.save()
    # A real one-page PDF padded after its end with 1.9 MB of junk behind a comment marker.
    padding = os.urandom(1_990_000).replace(b"\n", b" ").replace(b"\r", b" ")
    data = buf.getvalue() + b"\n%" + padding + b"\n"
    assert 1_990_000 < len(data) < 2 * 1024 * 1024
    r = post_check(base_url, "plan.pdf", data)
    assert r.status_code == 200
    assert r.json()["document"]["format"] == "pdf"
    assert r.json()["document"]["kind"] != "unreadable"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),  # a PNG named .pdf: the content decides
        ("plan.zip", None),
    ],
)
def test_unsupported_content_is_415(base_url: str, name: str, content: bytes | None) -> None:
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("notes.txt", "not a plan")
        content = buf.getvalue()
    r = post_check(base_url, name, content)
    assert r.status_code == 415
    assert name in r.json()["error"] and "not a PDF" in r.json()["error"]


def test_truncated_pdf_gets_an_unreadable_report_with_reason(base_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    c = canvas.Canvas(str(pdf))
    for i in range(5):
        c.drawString(72, 720, f"Best Value Performance Plan 2004/05 page {i + 1}")
        c.showPage()
    c.save()
    data = pdf.read_bytes()
    r = post_check(base_url, "broken.pdf", data[: len(data) // 2])
    assert r.status_code == 200
    doc = r.json()["document"]
    assert doc["kind"] == "unreadable"
    assert doc["reason"]  # a reason, not a silent "missing"
    assert r.json()["summary"]["verdict"] == "unreadable"


def test_empty_file_gets_an_unreadable_report(base_url: str) -> None:
    r = post_check(base_url, "empty.docx", b"")
    assert r.status_code == 200
    assert r.json()["document"]["kind"] == "unreadable"
    assert "empty" in r.json()["document"]["reason"]


@needs_shared
def test_encrypted_pdf_needs_its_password(base_url: str) -> None:
    data = ENCRYPTED.read_bytes()
    locked = post_check(base_url, ENCRYPTED.name, data).json()
    assert locked["document"]["kind"] == "unreadable"
    assert "password" in locked["document"]["reason"]
    wrong = post_check(base_url, ENCRYPTED.name, data, password="wrong").json()
    assert wrong["document"]["kind"] == "unreadable" and "wrong" in wrong["document"]["reason"]
    opened = post_check(base_url, ENCRYPTED.name, data, password="test").json()
    assert opened["document"]["kind"] != "unreadable"
    assert opened["document"]["pages"] == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("authority_type", "kingdom"),
        ("cpa", "brilliant"),
        ("year", "next year"),
        ("year", "2030/31"),
        ("regime", "bvpp-1066"),
        ("yaer", "2004/05"),  # an unknown field is named, not ignored
    ],
)
def test_invalid_option_or_unknown_field_is_422_naming_it(
    base_url: str, docx_plan: Path, field: str, value: str
) -> None:
    r = post_check(base_url, "plan.docx", docx_plan.read_bytes(), **{field: value})
    assert r.status_code == 422
    assert r.json()["error"].startswith(f"{field}:")


def test_a_file_in_the_wrong_field_is_422_naming_the_right_one(base_url: str, docx_plan: Path) -> None:
    with httpx.Client(base_url=base_url) as c:
        r = c.post("/api/check", files={"upload": ("plan.docx", docx_plan.read_bytes())})
    assert r.status_code == 422
    assert r.json()["error"].startswith("upload:") and "'file'" in r.json()["error"]


def test_missing_file_and_non_multipart_are_400(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as c:
        assert c.post("/api/check", data={"cpa": "good"}).status_code == 400
        r = c.post("/api/check", json={"file": "plan.pdf"})
    assert r.status_code == 400
    assert "multipart/form-data" in r.json()["error"]


def test_cross_site_post_is_refused(base_url: str, docx_plan: Path) -> None:
    with httpx.Client(base_url=base_url) as c:
        r = c.post(
            "/api/check",
            files={"file": ("p.docx", docx_plan.read_bytes())},
            headers={"Origin": "https://evil.example"},
        )
        assert r.status_code == 403
        upload = {"file": ("p.docx", docx_plan.read_bytes())}
        same = c.post("/api/check", files=upload, headers={"Origin": base_url})
        assert same.status_code == 200


def test_foreign_host_header_is_refused(base_url: str) -> None:
    # A page on another name that resolves to 127.0.0.1 (DNS rebinding) must not reach the app.
    assert httpx.get(f"{base_url}/healthz", headers={"Host": "evil.example"}).status_code == 400


def test_user_file_name_is_never_a_path(served: Served, docx_plan: Path) -> None:
    r = post_check(served.url, f"../../../tmp/{HOSTILE_NAME}", docx_plan.read_bytes())
    assert r.status_code == 200
    assert r.json()["document"]["path"] == HOSTILE_NAME
    assert not (Path("/tmp") / HOSTILE_NAME).exists()
    upload_dir = served.web.upload_dir
    assert upload_dir is not None
    assert upload_dir.stat().st_mode & 0o777 == 0o700
    assert list(upload_dir.iterdir()) == []  # deleted once checked


def test_openapi_describes_the_real_endpoints(base_url: str) -> None:
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/api/check", "/api/rules", "/healthz", "/openapi.json"}
    form = spec["paths"]["/api/check"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(form["properties"]) == {"file", *FORM_OPTIONS}
    assert set(spec["paths"]["/api/check"]["post"]["responses"]) == {
        "200",
        "400",
        "422",
        "403",
        "408",
        "413",
        "415",
        "503",
    }
    for path, ops in spec["paths"].items():
        for method in ops:
            if method == "get":
                assert httpx.get(f"{base_url}{path}").status_code == 200


def test_oversized_part_header_is_400(base_url: str) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="' + b"a" * 20_000 + b'.pdf"\r\n\r\n'
        b"%PDF-1.4\r\n--b--\r\n"
    )
    r = httpx.post(
        f"{base_url}/api/check", content=body, headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert r.status_code == 400
    assert r.json()["error"].startswith("malformed upload")  # python-multipart bounds part headers


def test_repeated_file_field_is_400(base_url: str, docx_plan: Path) -> None:
    data = docx_plan.read_bytes()
    r = httpx.post(f"{base_url}/api/check", files=[("file", ("a.docx", data)), ("file", ("b.docx", data))])
    assert r.status_code == 400
    assert "one file" in r.json()["error"]
