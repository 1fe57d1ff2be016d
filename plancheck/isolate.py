"""Run checks in worker processes under a time and memory limit.

A file that hangs a parser, loops its content stream or balloons in memory
must cost one report, not the run. The limit is enforced from outside (the
parent kills the worker), never by hoping the library returns.

Workers are plain ``os.fork`` children, not ``multiprocessing.Process``:
Dask worker processes are daemonic, and multiprocessing refuses to start
children from them. :class:`WorkerPool` keeps long-lived workers (spaCy
loads once per process, not per document) and replaces one that is killed.

Fork only from a process without other threads (a child can inherit a lock held
by a thread that does not exist in it, and hang): the CLI and the batch runner
are such processes; the web app, which has threads, has its checks run by the
pool server (:mod:`plancheck.poolserver`), a fresh interpreter that forks for it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import resource
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from plancheck.config import Settings
from plancheck.report import Report

_RECYCLE_AFTER = 500
"""Documents a worker checks before it is replaced (bounds leaks and heap fragmentation)."""


_EXTRACTORS = tuple(f"plancheck.extract.{m}" for m in ("pdf", "docx", "html", "text"))
_OUT_OF_MEMORY = re.compile(r"failed to map segment|cannot allocate memory|out of memory|MemoryError", re.I)


def _set_memory_limit(memory_mb: int) -> None:
    """Set the soft address-space limit for the next document (the hard limit stays, so it can rise)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory_mb * 1024 * 1024 if memory_mb > 0 else hard
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _peak_mb() -> float | None:
    """This process's peak address-space size (VmPeak), where /proc tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def _check_one(path: str, settings: Settings) -> tuple[str, Any, bool]:
    """``("ok", report dict, recycle)`` or ``("error", reason, recycle)``; runs inside a worker.

    ``recycle`` asks for a fresh worker: this one came near its memory limit, so its
    peak no longer tells anything about the next document.
    """
    from plancheck.engine import check_path

    limit = settings.extract.memory_mb
    memory = f"ran out of memory (over the {limit} MB limit, --memory-mb)"
    try:
        _set_memory_limit(limit)
        try:
            report = check_path(path, settings)
        finally:
            _set_memory_limit(0)
    except MemoryError:
        return "error", memory, True
    except BaseException as e:
        return "error", f"internal error: {type(e).__name__}: {e}", True
    peak = _peak_mb()
    near_limit = limit > 0 and peak is not None and peak >= 0.9 * limit
    # A library that cannot get memory under the limit often fails with its own error, which the
    # extractor reports as "could not be read": when the worker reached its limit, say what happened
    # (and mark it a limit failure, so a run with more memory tries again).
    if report.document.kind == "unreadable" and (
        near_limit or _OUT_OF_MEMORY.search(report.document.reason or "")
    ):
        return "error", memory, True
    return "ok", report.to_dict(), near_limit


def warm_up() -> None:
    """Import the engine and run it once on a tiny document, so caches (spaCy) load before the clock runs."""
    from plancheck.engine import check_document
    from plancheck.model import Block, Document

    for module in _EXTRACTORS:  # loaded before any memory limit applies to the worker
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    text = Block("paragraph", "Best Value Performance Plan", page=1)
    # Warming is an optimisation only: a failure here shows up, with a reason, in the real check.
    with contextlib.suppress(Exception):
        check_document(Document("warm-up", "0" * 64, "txt", 1, (text,)), Settings())


def _serve(conn: Connection) -> None:
    """A worker's loop: receive (path, settings), send the outcome, until told to stop."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, settings = job
        conn.send(_check_one(path, settings))


def _fork(target: Any, *args: Any, setup: Callable[[], None] | None = None) -> tuple[int, Connection]:
    """Fork a child running ``setup()`` then ``target(conn, *args)``; return its pid and the parent's end."""
    parent, child = Pipe(duplex=True)
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 0
        try:
            parent.close()
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a run stops
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's stop-flag handler
            if setup is not None:
                setup()
            target(child, *args)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    child.close()
    return pid, parent


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """In a forked child: be SIGKILLed when the parent dies (Linux), so a worker is never orphaned.

    Only for a parent that forks from its main thread (the pool server): the kernel sends the
    signal when the forking *thread* ends, which in a Dask worker thread comes long before the process.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def _kill(pid: int) -> int | None:
    """SIGKILL ``pid`` if still running and reap it; its exit code (negative: the signal)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return _reap(pid, block=True)


def _reap(pid: int, *, block: bool) -> int | None:
    try:
        done, status = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status) if done else None


def timeout_reason(timeout_s: float) -> str:
    """The recorded reason for a document that ran out of time."""
    return f"took longer than the {timeout_s:g} s limit per document (--timeout)"


def crash_reason(code: int | None, memory_mb: int) -> str:
    """The recorded reason for a worker that died without answering."""
    if code is not None and code < 0:
        return f"the reader crashed ({signal.Signals(-code).name})"
    return f"the reader exited unexpectedly (status {code}), probably over the {memory_mb} MB memory limit"


def _outcome_report(path: str, settings: Settings, status: str, payload: Any) -> Report:
    from plancheck.engine import unreadable_report

    if status == "ok":
        return Report.from_dict(payload)
    return unreadable_report(path, str(payload), settings)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One finished document: its report, whether a limit stopped it, and the wall-clock time it took."""

    job: Any
    report: Report
    limit_failure: bool
    elapsed_s: float


def check_path_isolated(path: str | Path, settings: Settings | None = None) -> Report:
    """``engine.check_path`` in a one-shot worker; a timeout or crash becomes an unreadable report."""
    return check_isolated(path, settings).report


def check_isolated(path: str | Path, settings: Settings | None = None, job: Any = None) -> Outcome:
    """Check ``path`` in a one-shot forked worker and say whether a limit stopped it."""
    settings = settings or Settings()
    timeout = settings.extract.timeout_s
    started = time.monotonic()
    pid, conn = _fork(lambda c: c.send(_check_one(str(path), settings)))
    try:
        if conn.poll(timeout):
            try:
                status, payload, _ = conn.recv()
            except (EOFError, OSError):
                status, payload = "crash", None
        else:
            status, payload = "error", timeout_reason(timeout)
    finally:
        code = _kill(pid)
        conn.close()
    if status == "crash":
        status, payload = "error", crash_reason(code, settings.extract.memory_mb)
    report = _outcome_report(str(path), settings, status, payload)
    return Outcome(job, report, status != "ok", time.monotonic() - started)


@dataclass
class _Slot:
    """One long-lived worker and the job it is on."""

    pid: int
    conn: Connection
    done: int = 0
    job: Any = None
    path: str = ""
    settings: Settings = field(default_factory=Settings)
    started: float = 0.0
    deadline: float = 0.0


class WorkerPool:
    """Long-lived forked workers, one per job slot, each document under its own time and memory limit.

    ``submit`` hands a job to an idle worker; ``results`` yields an
    :class:`Outcome` as each document finishes. A worker that times out or crashes is killed, its
    document gets an unreadable report with the reason, and a fresh worker
    takes the slot. Use as a context manager: leaving it kills every worker.
    """

    def __init__(
        self, jobs: int, *, warm: bool = True, child_setup: Callable[[], None] | None = None
    ) -> None:
        """``child_setup`` runs in each worker right after the fork (the pool server's orphan guard)."""
        self.size = max(1, jobs)
        self._child_setup = child_setup
        if warm:  # once, in the parent: every worker forked later inherits the loaded models
            warm_up()
        self._idle: list[_Slot] = []
        self._busy: list[_Slot] = []
        for _ in range(self.size):
            self._idle.append(self._spawn())

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> _Slot:
        pid, conn = _fork(_serve, setup=self._child_setup)
        return _Slot(pid, conn)

    @property
    def idle(self) -> int:
        """How many workers wait for a job."""
        return len(self._idle)

    @property
    def busy(self) -> int:
        """How many documents are being checked."""
        return len(self._busy)

    def submit(self, job: Any, path: str, settings: Settings) -> None:
        """Start checking ``path`` on an idle worker (call only when ``idle`` > 0)."""
        slot = self._idle.pop()
        slot.job, slot.path, slot.settings = job, path, settings
        slot.started = time.monotonic()
        slot.deadline = slot.started + settings.extract.timeout_s
        try:
            slot.conn.send((path, settings))
        except OSError:  # the worker died while idle: replace it and retry once
            self._replace(slot)
            slot = self._idle.pop()
            slot.job, slot.path, slot.settings = job, path, settings
            slot.conn.send((path, settings))
        self._busy.append(slot)

    def results(self, max_wait: float = 0.2, wake: Sequence[Any] = ()) -> Iterator[Outcome]:
        """Wait up to ``max_wait`` s and yield the jobs that finished (or were killed) meanwhile.

        The wait also ends early when one of ``wake`` (sockets or connections) is readable, so a
        caller serving requests (the pool server) hears a new one without polling.
        """
        if not self._busy:
            return
        now = time.monotonic()
        soonest = min(s.deadline for s in self._busy)
        waited = [s.conn for s in self._busy] + list(wake)
        ready = wait(waited, timeout=max(0.0, min(max_wait, soonest - now)))
        now = time.monotonic()
        for slot in list(self._busy):
            recycle = False
            if slot.conn in ready:
                try:
                    status, payload, recycle = slot.conn.recv()
                except (EOFError, OSError):
                    code = self._retire(slot)
                    status, payload = "error", crash_reason(code, slot.settings.extract.memory_mb)
                else:
                    slot.done += 1
            elif now >= slot.deadline:
                self._retire(slot)
                status, payload = "error", timeout_reason(slot.settings.extract.timeout_s)
            else:
                continue
            report = _outcome_report(slot.path, slot.settings, status, payload)
            yield Outcome(slot.job, report, status != "ok", now - slot.started)
            self._finish(slot, replace=status != "ok" or recycle)

    def _retire(self, slot: _Slot) -> int | None:
        code = _kill(slot.pid)
        slot.pid = -1
        return code

    def _finish(self, slot: _Slot, *, replace: bool) -> None:
        self._busy.remove(slot)
        slot.job = None
        if replace or slot.pid < 0 or slot.done >= _RECYCLE_AFTER:
            self._replace(slot)
        else:
            self._idle.append(slot)

    def _replace(self, slot: _Slot) -> None:
        # An error inside the worker (e.g. MemoryError) may leave it half-broken: start afresh.
        if slot.pid > 0:
            _kill(slot.pid)
        slot.conn.close()
        self._idle.append(self._spawn())

    def close(self) -> None:
        """Kill every worker (finished results are already with the caller)."""
        for slot in self._idle + self._busy:
            if slot.pid > 0:
                _kill(slot.pid)
            slot.conn.close()
        self._idle.clear()
        self._busy.clear()
