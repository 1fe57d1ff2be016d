"""A hypothesis property test driven by /openapi.json: no request the description allows (or nearly allows)
gets a server error, and every answer is one the description documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
FILE_STARTS = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<html><body>",
    b"{\\rtf1 ",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


@pytest.fixture(scope="module")
def spec(base_url: str) -> dict[str, Any]:
    data: dict[str, Any] = httpx.get(f"{base_url}/openapi.json").json()
    return data


def form_fields(spec: dict[str, Any]) -> st.SearchStrategy[dict[str, str]]:
    """Each optional field absent, a documented value, or arbitrary text."""
    schema = spec["paths"]["/api/check"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    parts = {}
    for name, prop in schema["properties"].items():
        if name == "file":
            continue
        documented = st.sampled_from(prop["enum"]) if "enum" in prop else st.just("2004/05")
        # Mostly absent or documented, so that many requests get as far as a real check.
        parts[name] = st.one_of(st.none(), st.none(), documented, documented, TEXT)
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not None})


def upload(plan: bytes) -> st.SearchStrategy[tuple[str, bytes] | None]:
    """No file, a real Word plan (whole or cut short), or bytes behind a format's magic number."""
    junk = st.builds(lambda a, b: a + b, st.sampled_from(FILE_STARTS), st.binary(max_size=2000))
    real = st.integers(100, len(plan)).map(lambda n: plan[:n]) | st.just(plan)
    return st.one_of(st.none(), st.tuples(TEXT, junk), st.tuples(TEXT, real))


def assert_documented(spec: dict[str, Any], path: str, method: str, r: httpx.Response) -> None:
    assert r.status_code < 500 or r.status_code == 503, r.text
    responses = spec["paths"][path][method]["responses"]
    assert str(r.status_code) in responses, (r.status_code, r.text)
    schema = responses[str(r.status_code)]["content"]["application/json"]["schema"]
    jsonschema.validate(r.json(), {**schema, "components": spec["components"]})
    if r.status_code == 503:
        assert int(r.headers["retry-after"]) > 0


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_check_endpoint_never_errors(
    spec: dict[str, Any], base_url: str, docx_plan: Path, data: st.DataObject
) -> None:
    fields = data.draw(form_fields(spec))
    file = data.draw(upload(docx_plan.read_bytes()))
    files = {"file": file} if file else {"other": ("x.txt", b"x")}
    with httpx.Client(base_url=base_url, timeout=180) as c:
        r = c.post("/api/check", data=fields, files=files)
    assert_documented(spec, "/api/check", "post", r)
    event(f"status {r.status_code}")
    if r.status_code == 200:
        assert r.json()["document"]["kind"] in ("plan", "not_plan", "unreadable")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/api/rules", "/healthz", "/openapi.json"]), query=TEXT)
def test_get_endpoints_never_error(spec: dict[str, Any], base_url: str, path: str, query: str) -> None:
    r = httpx.get(f"{base_url}{path}", params={"q": query})
    assert_documented(spec, path, "get", r)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.binary(max_size=3000),
    ctype=st.sampled_from(["multipart/form-data; boundary=xyz", "text/plain", ""]),
)
def test_raw_bodies_never_error(spec: dict[str, Any], base_url: str, body: bytes, ctype: str) -> None:
    r = httpx.post(f"{base_url}/api/check", content=body, headers={"content-type": ctype}, timeout=180)
    assert_documented(spec, "/api/check", "post", r)
