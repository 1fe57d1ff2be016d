"""How a batch shows its progress: a rich bar on a terminal, JSON lines or nothing when piped."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Protocol, TextIO

from plancheck.report import Report


class Progress(Protocol):
    """Told when the batch starts, after each document, and at the end."""

    def start(self, total: int, skipped: int) -> None:
        """``total`` documents to check now; ``skipped`` already had results."""

    def done(self, report: Report, *, failure: bool) -> None:
        """One document finished (``failure``: unreadable or stopped by a limit)."""

    def close(self) -> None:
        """The batch ended (finished or interrupted)."""


class Silent:
    """Nothing per document (the caller prints the final summary line)."""

    def start(self, total: int, skipped: int) -> None:
        """Nothing to show."""

    def done(self, report: Report, *, failure: bool) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to show."""


class JsonLines:
    """One JSON object per finished document, for scripts reading a pipe."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def start(self, total: int, skipped: int) -> None:
        """Nothing until a document finishes."""

    def done(self, report: Report, *, failure: bool) -> None:
        """Write the document's line and flush it (a reader sees it at once)."""
        d = report.document
        line = {
            "path": d.path,
            "sha256": d.sha256,
            "kind": d.kind,
            "verdict": report.summary.verdict,
            "reason": d.reason,
            "errors": report.summary.errors,
            "warnings": report.summary.warnings,
        }
        self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Nothing more to write."""


class Bar:
    """A rich progress bar on stderr: counts, rate, time left and the latest failures."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failures]}"),
            console=Console(stderr=True),
            transient=False,
            # No drawing thread: workers are forked from this process, and a fork while another
            # thread holds a lock (stderr's, say) can leave the child stuck on it.
            auto_refresh=False,
        )
        self._task = self._progress.add_task("batch", total=None, rate="", failures="", start=False)
        self._failures: list[str] = []

    def start(self, total: int, skipped: int) -> None:
        """Show the bar (skipped documents are already done)."""
        if skipped:
            self._progress.console.print(
                f"{skipped} documents already have results (use --force to redo them)"
            )
        self._progress.update(self._task, total=total)
        self._progress.start_task(self._task)
        self._progress.start()
        self._progress.refresh()

    def done(self, report: Report, *, failure: bool) -> None:
        """Advance; list the last failures beside the bar."""
        if failure:
            self._failures.append(f"{Path(report.document.path).name}: {report.document.reason}")
        task = self._progress.tasks[0]
        speed = task.speed or 0.0
        shown = "; ".join(self._failures[-2:])
        label = f"[red]{len(self._failures)} failed[/] {shown[:80]}" if self._failures else ""
        self._progress.update(self._task, advance=1, rate=f"{speed * 60:.0f}/min", failures=label)
        self._progress.refresh()

    def close(self) -> None:
        """Stop redrawing."""
        self._progress.stop()


def choose(mode: str) -> Progress:
    """``auto`` (a bar on a terminal, JSON lines otherwise), ``bar``, ``jsonl`` or ``none``."""
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "jsonl"
    if mode == "bar":
        return Bar()
    if mode == "jsonl":
        return JsonLines()
    return Silent()
