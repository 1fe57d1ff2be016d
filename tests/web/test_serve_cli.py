"""``plancheck serve`` from a shell: a busy port is one line, requests are logged unless --quiet."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_busy_port_is_one_line_and_exit_2() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "plancheck", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60, cwd=REPO,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and f"127.0.0.1:{port} is already in use" in done.stderr
    assert "serving on" not in done.stderr and "Traceback" not in done.stderr


def _serve_and_get(*flags: str) -> str:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plancheck", "serve", "--port", str(port), *flags],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        time.sleep(0.5)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    return err


@pytest.mark.parametrize(("flags", "logged"), [((), True), (("--quiet",), False)])
def test_requests_are_logged_unless_quiet(flags: tuple[str, ...], logged: bool) -> None:
    err = _serve_and_get(*flags)
    assert ('"GET /healthz HTTP/1.1" 200' in err) is logged, err
