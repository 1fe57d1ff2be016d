"""The web process never forks: checks run in the exec'ed pool server, which dies and restarts cleanly.

Real uvicorn servers in this process (so a fork here would be a fork of the web
process), a real pool server and real workers; processes are found through /proc.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from plancheck.config import Settings
from plancheck.isolate import crash_reason
from plancheck.web.runner import WebConfig
from tests.batch.test_limits import bloated_docx
from tests.web.conftest import Served, build_docx_plan, serving

_forks = 0
_fork_lock = threading.Lock()


def _count_fork() -> None:
    global _forks
    with _fork_lock:
        _forks += 1


os.register_at_fork(before=_count_fork)  # for the whole session: a hook cannot be removed


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid``."""
    out: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out.update(int(c) for c in (task / "children").read_text(encoding="ascii").split())
    except FileNotFoundError:
        return set()
    return {c for c in out if _alive(c)}


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie has finished)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _threads(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        return int(next(line for line in f if line.startswith("Threads:")).split()[1])


def _until(condition: Callable[[], bool], what: str, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _pool_pid(served: Served) -> int:
    pool = served.web.queue.pool
    assert pool is not None and pool.pid is not None
    return pool.pid


def _post(url: str, path: Path, timeout: float = 120) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=timeout) as c:
        return c.post("/api/check", files={"file": (path.name, path.read_bytes())})


def test_the_fork_counter_sees_a_fork() -> None:
    before = _forks
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    assert _forks == before + 1  # so a zero below means no fork, not a blind counter


@pytest.mark.slow
def test_concurrent_checks_fork_nothing_in_the_web_process(tmp_path: Path) -> None:
    plans = [build_docx_plan(tmp_path / f"plan-{i}.docx", f"Draft {i}.") for i in range(6)]
    before = _forks
    with serving(WebConfig(max_upload_mb=2, max_concurrent=2, max_queue=8)) as served:
        server = _pool_pid(served)
        assert server != os.getpid() and server in _children(os.getpid())
        assert _threads(server) == 1  # it forks with no other thread to hold a lock
        assert len(_children(server)) == 2  # the workers are the pool server's, one per check slot
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda p: _post(served.url, p), plans))
        assert _pool_pid(served) == server
    assert _forks == before, "the web process forked"
    for plan, r in zip(plans, answers, strict=True):
        assert r.status_code == 200, r.text
        assert r.json()["document"]["path"] == plan.name
        assert r.json()["document"]["kind"] == "plan"


@pytest.mark.slow
def test_a_dead_worker_or_pool_server_costs_one_report(tmp_path: Path) -> None:
    slow = bloated_docx(tmp_path / "slow.docx", paragraphs=8000)  # a few seconds to read
    plan = build_docx_plan(tmp_path / "plan.docx")
    before = _forks
    with serving(WebConfig(max_upload_mb=2, max_concurrent=1)) as served:

        def killed_mid_check(victim: Callable[[int], int]) -> tuple[httpx.Response, int]:
            with ThreadPoolExecutor(1) as pool:
                answer = pool.submit(_post, served.url, slow)
                _until(lambda: served.web.queue.running == 1, "the check never started")
                server = _pool_pid(served)
                time.sleep(0.5)  # the worker is reading the document
                assert not answer.done()
                pid = victim(server)
                os.kill(pid, signal.SIGKILL)
                return answer.result(), server

        # A worker killed under a check: the crash reason, and the pool server carries on.
        r, server = killed_mid_check(lambda server: _children(server).pop())
        assert r.status_code == 200
        assert r.json()["document"]["kind"] == "unreadable"
        assert r.json()["document"]["reason"] == crash_reason(-signal.SIGKILL, Settings().extract.memory_mb)
        assert _pool_pid(served) == server

        # The pool server killed under a check: a reason, never a hang, and no orphaned worker.
        workers = _children(server)
        r, server = killed_mid_check(lambda server: server)
        assert r.status_code == 200
        reason = r.json()["document"]["reason"]
        assert r.json()["document"]["kind"] == "unreadable"
        assert "check server stopped unexpectedly (killed by SIGKILL)" in reason
        _until(lambda: not any(_alive(w) for w in workers), "the dead pool server's workers live on")

        # The next upload starts a new pool server (exec'ed, so still no fork here).
        r = _post(served.url, plan)
        assert r.status_code == 200 and r.json()["document"]["kind"] == "plan"
        assert _pool_pid(served) not in (None, server)
    assert _forks == before, "the web process forked"


def test_closing_the_app_leaves_no_processes(tmp_path: Path) -> None:
    plan = build_docx_plan(tmp_path / "plan.docx")
    ours = _children(os.getpid())
    with serving(WebConfig(max_upload_mb=2, max_concurrent=2, warm=False)) as served:
        assert _post(served.url, plan).status_code == 200
        server = _pool_pid(served)
        workers = _children(server)
        assert len(workers) == 2
    assert not _alive(server) and not any(_alive(w) for w in workers)
    with pytest.raises(ChildProcessError):  # reaped, not left a zombie
        os.waitpid(server, os.WNOHANG)
    assert _children(os.getpid()) <= ours


def test_the_pool_server_goes_when_the_web_process_does(tmp_path: Path) -> None:
    # The web process killed outright runs no shutdown: the pool server reads end-of-file and
    # stops its workers. Here a plain asyncio program stands for the web process.
    script = (
        "import asyncio, os, sys\n"
        "from plancheck.poolserver import PoolServer\n"
        "async def main():\n"
        "    pool = PoolServer(2, warm=False)\n"
        "    await pool.start()\n"
        "    print(pool.pid, flush=True)\n"
        "    await asyncio.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    web = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert web.stdout is not None
        server = int(web.stdout.readline())
        _until(lambda: len(_children(server)) == 2, "the pool server started no workers")
        workers = _children(server)
    finally:
        web.kill()
        web.wait()
    _until(lambda: not _alive(server), "the pool server outlived the web process")
    _until(lambda: not any(_alive(w) for w in workers), "a worker outlived the web process")
