"""The upload cap while streaming, the bound on checks at once, and --keep, on real uvicorn servers."""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from plancheck.web.runner import WebConfig
from tests.web.conftest import TEST_CONFIG, build_docx_plan, serving

BOUNDARY = "plancheckboundary"


def _part_head(name: str = "plan.pdf") -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()


def _open(base_url: str, headers: dict[str, str]) -> http.client.HTTPConnection:
    u = urlsplit(base_url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=20)
    conn.putrequest("POST", "/api/check")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders()
    return conn


@pytest.mark.parametrize("chunks", [12, 9])  # 3 MB: over the body cap; 2.25 MB: over the file cap only
def test_oversized_stream_is_refused_before_it_is_all_sent(base_url: str, chunks: int) -> None:
    # Chunked, no Content-Length: the server can only find out by counting as it reads.
    conn = _open(base_url, {"Transfer-Encoding": "chunked"})
    chunk = b"0" * (256 * 1024)
    body = [_part_head() + b"%PDF-1.4\n"] + [chunk] * chunks  # over the 2 MB cap ...
    for piece in body:
        conn.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    # ... and the body is never finished: a server that waited for all of it would time out here.
    response = conn.getresponse()
    assert response.status == 413
    assert b"plan.pdf: the file is over the 2 MB limit" in response.read()  # names the file
    conn.close()


def test_declared_oversize_is_refused_from_the_headers(base_url: str) -> None:
    conn = _open(base_url, {"Content-Length": str(60 * 1024 * 1024)})
    conn.send(_part_head())  # not a byte of the 60 MB follows
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


def _plans(tmp_path: Path, n: int) -> list[Path]:
    """n distinct Word plans (each a different file, so each answer can be matched to its upload)."""
    out = [build_docx_plan(tmp_path / f"plan-{i:02d}.docx", f"Draft {i} for Cabinet.") for i in range(n)]
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in out}) == n
    return out


@pytest.mark.slow
def test_twenty_concurrent_uploads_are_all_answered(base_url: str, tmp_path: Path) -> None:
    plans = _plans(tmp_path, 20)
    assert TEST_CONFIG.max_concurrent + TEST_CONFIG.max_queue >= 20  # all fit: none may be refused

    def upload(p: Path) -> tuple[Path, httpx.Response]:
        with httpx.Client(base_url=base_url, timeout=300) as c:
            return p, c.post("/api/check", files={"file": (p.name, p.read_bytes())}, data={"cpa": "fair"})

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(upload, plans))
    for p, r in results:
        assert r.status_code == 200, r.text
        doc = r.json()["document"]
        assert doc["path"] == p.name
        assert doc["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
        assert doc["kind"] == "plan"
        assert r.json()["context"]["cpa_category"] == "fair"
    assert httpx.get(f"{base_url}/healthz").json()["admitted"] == 0


def _stalled_body(release: threading.Event, content: bytes) -> Iterator[bytes]:
    """A multipart body that stops after its first bytes until ``release`` is set."""
    yield _part_head("slow.docx")
    release.wait(30)
    yield content + f"\r\n--{BOUNDARY}--\r\n".encode()


def test_beyond_the_bound_is_503_with_retry_after(tmp_path: Path) -> None:
    content = build_docx_plan(tmp_path / "plan.docx").read_bytes()
    config = WebConfig(max_upload_mb=2, max_concurrent=1, max_queue=1, retry_after_s=7)
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    with serving(config) as served:
        release = threading.Event()

        def slow() -> httpx.Response:
            with httpx.Client(base_url=served.url, timeout=120) as c:
                return c.post("/api/check", content=_stalled_body(release, content), headers=headers)

        with ThreadPoolExecutor(2) as pool:
            held = [pool.submit(slow) for _ in range(2)]  # one running place and one queue place
            deadline = time.monotonic() + 20
            while httpx.get(f"{served.url}/healthz").json()["admitted"] < 2:
                assert time.monotonic() < deadline, "the stalled uploads were never admitted"
                time.sleep(0.05)
            refused = httpx.post(f"{served.url}/api/check", files={"file": ("p.docx", content)})
            page = httpx.post(f"{served.url}/check", files={"file": ("p.docx", content)})
            release.set()
            answers = [f.result() for f in held]
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "7"
        assert "busy" in refused.json()["error"]
        assert page.status_code == 503 and "try again in 7 seconds" in page.text
        assert [a.status_code for a in answers] == [200, 200]
        assert all(a.json()["document"]["kind"] == "plan" for a in answers)
        after = httpx.post(f"{served.url}/api/check", files={"file": ("p.docx", content)})
        assert after.status_code == 200  # places are given back


def test_keep_moves_uploads_under_random_names(tmp_path: Path) -> None:
    keep = tmp_path / "kept"
    plan = build_docx_plan(tmp_path / "My Plan.docx")
    with serving(WebConfig(keep=keep, max_upload_mb=2)) as served:
        upload = {"file": ("My Plan.docx", plan.read_bytes())}
        r = httpx.post(f"{served.url}/api/check", files=upload, timeout=120)
        assert r.status_code == 200
        kept = list(keep.iterdir())
        assert len(kept) == 1
        assert kept[0].suffix == ".docx" and "My Plan" not in kept[0].name
        assert kept[0].read_bytes() == plan.read_bytes()
        assert keep.stat().st_mode & 0o777 == 0o700


def test_stalled_upload_loses_its_place(tmp_path: Path) -> None:
    content = build_docx_plan(tmp_path / "plan.docx").read_bytes()
    config = WebConfig(max_concurrent=1, max_queue=0, upload_timeout_s=1.0)
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    with serving(config) as served:
        release = threading.Event()

        def stalled() -> httpx.Response | None:
            try:
                with httpx.Client(base_url=served.url, timeout=60) as c:
                    return c.post("/api/check", content=_stalled_body(release, content), headers=headers)
            except httpx.TransportError:  # the server may close before the stalled body is sent
                return None

        def admitted() -> int:
            return int(httpx.get(f"{served.url}/healthz").json()["admitted"])

        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(stalled)
            deadline = time.monotonic() + 20
            while admitted() != 1:
                assert time.monotonic() < deadline, "the stalled upload was never admitted"
                time.sleep(0.02)
            given_up = time.monotonic()
            while admitted() != 0:  # the server gives the place back while the client is still stalled
                assert time.monotonic() - given_up < 10, "the stalled upload kept its place"
                time.sleep(0.05)
            assert not future.done()
            release.set()
            r = future.result()
        if r is not None:
            assert r.status_code == 408 and "1 s" in r.json()["error"]
        assert served.web.upload_dir is not None and list(served.web.upload_dir.iterdir()) == []
        ok = httpx.post(f"{served.url}/api/check", files={"file": ("p.docx", content)}, timeout=120)
        assert ok.status_code == 200


def test_check_runs_under_the_time_limit(tmp_path: Path) -> None:
    content = build_docx_plan(tmp_path / "plan.docx").read_bytes()
    with serving(WebConfig(options={"timeout": 0.001})) as served:
        r = httpx.post(f"{served.url}/api/check", files={"file": ("p.docx", content)}, timeout=120)
    assert r.status_code == 200
    doc = r.json()["document"]
    assert doc["kind"] == "unreadable"
    assert "0.001 s limit" in doc["reason"]
