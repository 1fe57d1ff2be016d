"""Run plancheck in a subprocess and measure it: exit code, output, time, peak memory of its process tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PLANCHECK = [sys.executable, "-m", "plancheck"]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # the largest single process of the tree (getrusage: exact peak)
    tree_rss_mb: float = 0.0  # the largest sum over the tree's live processes (sampled every 50 ms)


# A wrapper process runs plancheck and records the peak RSS of its own children, so the figure
# covers plancheck's process tree only (the test process's RUSAGE_CHILDREN is a max over every test).
# ru_maxrss of RUSAGE_CHILDREN is the largest single descendant waited for (plancheck itself or one
# of its workers), not a sum: a tree's total is at most that times the number of live processes.
_WRAPPER = (
    "import resource, subprocess, sys; "
    "code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 60) -> Run:
    """Run ``plancheck ARGS`` in a subprocess; fail the test if it has not exited after ``timeout`` s."""
    fd, name = tempfile.mkstemp(suffix=".rss")
    os.close(fd)
    rss_file = Path(name)
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRAPPER, str(rss_file), *PLANCHECK, *map(os.fsencode, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        start_new_session=True,
    )
    sampler = _TreeSampler(proc.pid)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # the wrapper, plancheck and its workers
        proc.communicate()
        sampler.stop()
        rss_file.unlink(missing_ok=True)
        pytest.fail(f"no answer in {timeout:.0f} s: plancheck {' '.join(map(str, args))}")
    seconds = time.monotonic() - start
    sampler.stop()
    rss_kb = int(rss_file.read_text() or 0)
    rss_file.unlink()
    return Run(
        proc.returncode,
        out.decode(errors="replace"),
        err.decode(errors="replace"),
        seconds,
        rss_kb / 1024,
        sampler.peak_kb / 1024,
    )


class _TreeSampler(threading.Thread):
    """Sums the RSS of every process in session ``sid`` (the wrapper's, started with a new session)."""

    def __init__(self, sid: int) -> None:
        super().__init__(daemon=True)
        self.sid = sid
        self.peak_kb = 0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        while not self._done.wait(0.05):
            total = 0
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as f:
                        stat = f.read()
                    # Fields after the command name (which may hold spaces): state ppid pgrp session ...
                    fields = stat[stat.rindex(b")") + 2 :].split()
                    if int(fields[3]) != self.sid:
                        continue
                    with open(f"/proc/{entry.name}/statm", "rb") as f:
                        total += int(f.read().split()[1]) * page_kb
                except (OSError, ValueError, IndexError):
                    continue  # the process ended meanwhile
            self.peak_kb = max(self.peak_kb, total)
