"""Run a check in a worker process under a time and memory limit.

A file that hangs a parser, loops its content stream or balloons in memory
must cost one report, not the run. The limit is enforced from outside (the
parent kills the worker), never by hoping the library returns.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from plancheck.config import Settings

_CTX = mp.get_context("fork")


def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker(conn: Connection, path: str, settings: Settings) -> None:
    from plancheck.engine import check_path

    try:
        _limit_memory(settings.extract.memory_mb)
        report = check_path(path, settings)
        conn.send(("ok", report.to_dict()))
    except MemoryError:
        conn.send(("error", f"ran out of memory (over the {settings.extract.memory_mb} MB limit, --memory-mb)"))
    except BaseException as e:  # noqa: BLE001 - the parent turns this into a one-line reason
        conn.send(("error", f"internal error: {type(e).__name__}: {e}"))
    finally:
        conn.close()


def check_path_isolated(path: str | Path, settings: Settings | None = None) -> Any:
    """``engine.check_path`` in a worker process; a timeout or crash becomes an unreadable report."""
    from plancheck.engine import unreadable_report
    from plancheck.report import Report

    settings = settings or Settings()
    timeout = settings.extract.timeout_s
    parent, child = _CTX.Pipe(duplex=False)
    proc = _CTX.Process(target=_worker, args=(child, str(path), settings), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(timeout):
            try:
                status, payload = parent.recv()
            except EOFError:
                status, payload = "error", None
        else:
            status, payload = "timeout", None
    finally:
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        parent.close()
    if status == "ok":
        return Report.from_dict(payload)
    if status == "timeout":
        reason = f"took longer than the {timeout:g} s limit per document (--timeout)"
    elif payload:
        reason = payload
    else:
        code = proc.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            reason = f"the reader crashed ({name})"
        else:
            reason = f"the reader exited unexpectedly (status {code}), probably out of memory"
    return unreadable_report(str(path), reason, settings)
