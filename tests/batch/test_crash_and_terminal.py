"""A worker crashing mid-document costs that document only; on a terminal the batch shows a bar."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.batch.conftest import PLANCHECK
from tests.batch.test_interrupt import _children
from tests.batch.test_limits import bloated_docx
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_a_crashing_worker_is_recorded_and_the_run_goes_on(plan_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bloated_docx(folder / "a-slow.docx", 20_000)  # about 10 s of work: the worker is busy on it when hit
    plans = sorted(plan_corpus.parent.rglob("*.docx"))[:3]
    for i, p in enumerate(plans):
        shutil.copy(p, folder / f"b{i}.docx")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*PLANCHECK, "batch", str(folder), "--out", str(out), "--jobs", "1", "--timeout", "120"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (workers := _children(proc.pid)):
        assert time.monotonic() < deadline and proc.poll() is None, "no worker started"
        time.sleep(0.05)
    time.sleep(1.0)
    os.kill(workers[0], signal.SIGSEGV)  # a real crash signal, as a faulting parser would get
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        rows = {
            Path(r[0]).name: r[1:]
            for r in conn.execute("select path, kind, reason, limit_failure from documents")
        }
    assert rows["a-slow.docx"] == ("unreadable", "the reader crashed (SIGSEGV)", 1)
    assert {rows[f"b{i}.docx"][0] for i in range(3)} == {"plan"}


def test_progress_bar_on_a_terminal(plan_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, p in enumerate(sorted(plan_corpus.parent.rglob("*.docx"))[:3]):
        shutil.copy(p, folder / f"p{i}.docx")
    (folder / "empty.pdf").write_bytes(b"")
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        [*PLANCHECK, "batch", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=secondary, text=True, cwd=REPO, env={**os.environ, "COLUMNS": "160"},
    )  # fmt: skip
    os.close(secondary)
    screen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the batch has exited
            break
        if not chunk:
            break
        screen += chunk
    proc.wait(timeout=60)
    os.close(main)
    text = screen.decode("utf-8", "replace")
    assert proc.returncode == 2
    assert proc.stdout is not None and proc.stdout.read() == ""  # a terminal gets the bar, not JSON lines
    assert "checking" in text and "4/4" in text and "ETA" in text
    assert "1 failed" in text and "empty.pdf" in text  # the current failures beside the bar
    assert "plancheck batch: 4 documents: 4 checked" in text
