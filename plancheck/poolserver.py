"""A pool server: the web app's checks run in a process that was exec'ed, never forked from it.

The web process has threads (uvicorn, anyio's worker threads, whatever a library
starts), and ``os.fork()`` in a process with threads can copy a lock that another
thread holds; the child then hangs on it until the time limit, and the report
blames the document. So the web process starts this module with
``python -m plancheck.poolserver`` (``subprocess`` execs straight after its
internal fork, running no Python code in between), and only this fresh
single-threaded interpreter forks: it warms up once and runs
:class:`plancheck.isolate.WorkerPool`, which enforces the time and memory
limits exactly as for a batch run.

The two talk over a socket pair in frames (an 8-byte length, then a pickle):
``("check", job, path, settings)`` and ``("stop",)`` one way, ``("ready", pid)``
and ``("done", job, report dict)`` the other. When the web process goes, the
server reads end-of-file and stops; when the server goes, its workers are killed
by the kernel (:func:`plancheck.isolate.die_with_parent`) and every pending
check gets an unreadable report saying so. :class:`PoolServer` is the web
process's side: it starts a server when one is needed (again after a death).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plancheck.config import Settings
from plancheck.isolate import WorkerPool, die_with_parent
from plancheck.report import Report

_HEADER = struct.Struct("!Q")
START_TIMEOUT_S = 300.0
"""How long a new server may take to warm up before the checks waiting for it give up."""
ANSWER_GRACE_S = 60.0
"""Beyond a check's own time limit, how long the server may take to answer before it counts as stuck."""
STOP_WAIT_S = 5.0
"""How long a server told to stop may take to kill its workers before it is killed itself."""
# One BLAS thread: OpenBLAS otherwise starts a helper thread at import, and the server should have
# no thread but its own when it forks. Each worker checks one document, so nothing is lost.
_SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class PoolServerError(Exception):
    """The pool server could not be started, died, or stopped answering; the message is the reason."""


def _frame(message: Any) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


# ----------------------------------------------------------------------------------------------
# The server (runs in its own interpreter; blocking, one thread)


def _read_exactly(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _receive(sock: socket.socket) -> Any:
    """The next message, or ``("stop",)`` at end-of-file (the web process has gone)."""
    header = _read_exactly(sock, _HEADER.size)
    data = _read_exactly(sock, _HEADER.unpack(header)[0]) if header is not None else None
    return ("stop",) if data is None else pickle.loads(data)


def _readable(sock: socket.socket, timeout: float | None) -> bool:
    return bool(select.select([sock], [], [], timeout)[0])


def serve(sock: socket.socket, size: int, *, warm: bool) -> None:
    """Run checks for the web process on ``sock`` until told to stop or it closes."""
    server_pid = os.getpid()

    def in_worker() -> None:
        die_with_parent(server_pid)  # a worker that outlives the server would be an orphan
        sock.close()  # the web process must see end-of-file as soon as the server dies

    with WorkerPool(size, warm=warm, child_setup=in_worker) as pool:
        sock.sendall(_frame(("ready", server_pid)))
        waiting: deque[tuple[int, str, Settings]] = deque()
        while True:
            if pool.busy:
                for outcome in pool.results(max_wait=1.0, wake=(sock,)):
                    sock.sendall(_frame(("done", outcome.job, outcome.report.to_dict())))
                timeout: float | None = 0.0
            else:
                timeout = None
            while _readable(sock, timeout):
                message = _receive(sock)
                if message[0] == "stop":
                    return  # leaving the pool kills and reaps every worker
                _, job, path, settings = message
                waiting.append((job, path, settings))
                timeout = 0.0
            # The web app never sends more checks than workers, but a queue costs nothing.
            while waiting and pool.idle:
                pool.submit(*waiting.popleft())


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m plancheck.poolserver --fd N --size K [--no-warm]``, started by :class:`PoolServer`."""
    parser = argparse.ArgumentParser(prog="python -m plancheck.poolserver")
    parser.add_argument("--fd", type=int, required=True, help="the inherited socket to the web process")
    parser.add_argument("--size", type=int, required=True, help="workers (checks at once)")
    parser.add_argument("--no-warm", dest="warm", action="store_false", help="do not warm up first")
    args = parser.parse_args(argv)
    # Ctrl-C in a terminal reaches the whole process group: the web process decides when to stop us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock = socket.socket(fileno=args.fd)
    try:
        serve(sock, args.size, warm=args.warm)
    except (BrokenPipeError, ConnectionResetError):  # the web process went while we answered
        pass
    finally:
        sock.close()


# ----------------------------------------------------------------------------------------------
# The web process's side (asyncio; never forks)


def server_died_reason(code: int | None) -> str:
    """The recorded reason for a check whose pool server died under it."""
    how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"status {code}"
    return f"the check server stopped unexpectedly ({how}) before answering; try again"


@dataclass
class _Server:
    """One started pool server process and the checks waiting on its answers."""

    proc: subprocess.Popen[bytes]
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    ready: asyncio.Future[int]
    pending: dict[int, asyncio.Future[Any]] = field(default_factory=dict)
    listener: asyncio.Task[None] | None = None
    lost: str | None = None
    """Why the server is gone (None while it runs)."""
    stopping: bool = False
    """Told to stop by :meth:`PoolServer.close`: its end is expected, not a failure."""


class PoolServer:
    """The web process's handle on the pool server: start it (exec), send checks, receive reports.

    ``check`` never raises for a server failure: the document gets an unreadable report with
    the reason, and the next check starts a new server. ``close`` stops the server and its workers.
    """

    def __init__(self, size: int, *, warm: bool = True, start_timeout_s: float = START_TIMEOUT_S) -> None:
        self.size = max(1, size)
        self.warm = warm
        self.start_timeout_s = start_timeout_s
        self._server: _Server | None = None
        self._starting = asyncio.Lock()
        self._jobs = itertools.count(1)
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The running server's process id (None before the first start and after a death)."""
        server = self._server
        return server.proc.pid if server is not None and server.lost is None else None

    async def start(self) -> None:
        """Start a server (warming it, unless ``warm`` is off) if none runs; raises PoolServerError."""
        await self._running()

    async def _running(self) -> _Server:
        async with self._starting:  # concurrent checks share one start
            if self._closed:
                raise PoolServerError("the server is shutting down")
            if self._server is None or self._server.lost is not None:
                self._server = await self._launch()
            return self._server

    async def _launch(self) -> _Server:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "plancheck.poolserver", "--fd", str(theirs.fileno())]
        command += ["--size", str(self.size)] + ([] if self.warm else ["--no-warm"])
        try:
            # Popen without preexec_fn forks and execs in C, running no Python code in the child,
            # so it is safe from a process with threads (and fires no os.register_at_fork hooks).
            proc = subprocess.Popen(
                command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                env=_server_env(),
            )  # fmt: skip
        except OSError as e:
            ours.close()
            raise PoolServerError(f"the check server could not start ({e})") from None
        finally:
            theirs.close()
        try:
            reader, writer = await asyncio.open_unix_connection(sock=ours)
            server = _Server(proc, reader, writer, asyncio.get_running_loop().create_future())
            server.listener = asyncio.create_task(self._listen(server))
            try:
                await asyncio.wait_for(asyncio.shield(server.ready), self.start_timeout_s)
            except TimeoutError:
                await self._lose(server, f"the check server did not start within {self.start_timeout_s:g} s")
        except BaseException:  # cancelled while starting: leave no server behind
            proc.kill()
            proc.wait()
            raise
        if server.lost is not None:
            raise PoolServerError(server.lost)
        return server

    async def _listen(self, server: _Server) -> None:
        """Read the server's messages until it closes; then fail whatever still waits on it."""
        try:
            while True:
                header = await server.reader.readexactly(_HEADER.size)
                message = pickle.loads(await server.reader.readexactly(_HEADER.unpack(header)[0]))
                if message[0] == "ready":
                    server.ready.set_result(message[1])
                elif message[0] == "done":
                    future = server.pending.pop(message[1], None)
                    if future is not None and not future.done():
                        future.set_result(message[2])
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            reason = None  # it closed its end: it has exited (the reason is its exit status)
        except Exception as e:  # a garbled message: this server cannot be trusted with more checks
            reason = f"the check server sent an unreadable answer ({type(e).__name__}); try again"
        if server.lost is None:
            await self._lose(server, reason)

    async def _lose(self, server: _Server, reason: str | None) -> None:
        """Reap ``server`` (killing it if need be) and give its waiting checks the reason it is gone.

        ``reason`` None: it closed its end by itself, so it has exited or is about to.
        """
        if server.lost is not None:
            return
        server.lost = reason or "the check server stopped"  # marked first: no new check goes to it
        grace_s = STOP_WAIT_S if server.stopping else 1.0 if reason is None else 0.0
        code = await _reap(server.proc, grace_s)
        if server.stopping:
            server.lost = "the server is shutting down"
        elif reason is None:
            server.lost = server_died_reason(code)
        server.writer.close()
        if not server.ready.done():
            server.ready.set_result(-1)
        for future in server.pending.values():
            if not future.done():
                future.set_exception(PoolServerError(server.lost))
        server.pending.clear()

    async def check(self, path: str, settings: Settings) -> Report:
        """The report for ``path``, checked by a pool worker under ``settings``' limits."""
        try:
            return Report.from_dict(await self._ask(path, settings))
        except PoolServerError as e:
            from plancheck.engine import unreadable_report

            return unreadable_report(path, str(e), settings)

    async def _ask(self, path: str, settings: Settings) -> Any:
        server = await self._running()
        job = next(self._jobs)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        server.pending[job] = future
        try:
            server.writer.write(_frame(("check", job, path, settings)))
            await server.writer.drain()
        except (ConnectionError, OSError):
            pass  # the listener sees the same end and fails the future with the reason
        # The server enforces the time limit itself; this bound only catches a server that hangs.
        patience = settings.extract.timeout_s + ANSWER_GRACE_S
        try:
            return await asyncio.wait_for(asyncio.shield(future), patience)
        except TimeoutError:
            reason = f"the check server stopped answering ({patience:g} s without a result); try again"
            await self._lose(server, reason)
            raise PoolServerError(reason) from None
        finally:
            server.pending.pop(job, None)

    async def close(self) -> None:
        """Stop the server and its workers, waiting for them to be gone; later checks are refused."""
        async with self._starting:
            self._closed = True
            server, self._server = self._server, None
        if server is None:
            return
        server.stopping = True
        with contextlib.suppress(ConnectionError, OSError):
            server.writer.write(_frame(("stop",)))
            await server.writer.drain()
        # The server kills and reaps its workers, then exits: the listener reads end-of-file and
        # reaps it. One that takes too long is killed (its workers die with it).
        if server.listener is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(server.listener), STOP_WAIT_S + 1.0)
        await self._lose(server, "the server is shutting down")
        if server.listener is not None and not server.listener.done():
            server.listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await server.listener


def _server_env() -> dict[str, str]:
    """This environment, one BLAS thread, and this plancheck first on the path (the same code runs)."""
    root = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, **_SINGLE_THREADED, "PYTHONPATH": path}


async def _reap(proc: subprocess.Popen[bytes], grace_s: float) -> int:
    """Wait up to ``grace_s`` for ``proc`` to exit, then SIGKILL it; its exit code once reaped."""
    deadline = time.monotonic() + grace_s
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
    while (code := proc.poll()) is None:  # polled, not waited: the event loop keeps serving
        await asyncio.sleep(0.01)
    return code


if __name__ == "__main__":
    main()
