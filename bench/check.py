#!/usr/bin/env python3
"""Checking benchmark: the cost of the rules on top of extraction, per page, for the 80- and 300-page plans.

Uses the benchmark plans in bench/out/ (built with bench/make_plan.py
if absent). Each measurement runs in a fresh subprocess:
- ``startup``: import spaCy, build the blank pipeline and the matchers (paid once per process);
- ``check``: extract the plan once (not counted), warm the pipeline, then time
  ``check_document`` (all rules; then the text rules PC0xx/PC1xx and the
  indicator rules PC2xx alone) as the median of several runs, in CPU and wall
  ms per page, with the peak RSS after extraction and after checking.
Writes the "## Checking" section of bench/RESULTS.md (other sections are left alone).

    python bench/check.py               # both plans, PDF and DOCX
    python bench/check.py --no-write    # print only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
MAKE_PLAN = REPO / "bench" / "make_plan.py"
SECTION = "## Checking"
GOAL_MS_PER_PAGE = 10.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Any) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return (time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000


def work_startup() -> dict[str, Any]:
    c0, w0 = time.process_time(), time.perf_counter()
    from plancheck.docindex import matchers

    matchers()
    return {
        "cpu_ms": (time.process_time() - c0) * 1000,
        "wall_ms": (time.perf_counter() - w0) * 1000,
        "rss_mb": _rss_mb(),
    }


def work_check(path: Path, pages: int, repeats: int) -> dict[str, Any]:
    from plancheck.config import Settings
    from plancheck.docindex import matchers
    from plancheck.engine import check_document
    from plancheck.extract import load

    doc = load(path)
    matchers()  # the one-off start-up is measured separately
    out: dict[str, Any] = {"rss_extracted_mb": _rss_mb()}
    for label, select in (("all", ()), ("text", ("PC0", "PC1")), ("indicators", ("PC2",))):
        runs = [_timed(lambda s=select: check_document(doc, Settings(select=s))) for _ in range(repeats)]
        out[label] = {
            "cpu_ms_page": statistics.median(c for c, _ in runs) / pages,
            "wall_ms_page": statistics.median(w for _, w in runs) / pages,
        }
    report = check_document(doc)
    out["rss_checked_mb"] = _rss_mb()
    out["verdict"] = report.summary.verdict
    out["met"] = sum(r.status == "met" for r in report.requirements)
    out["requirements"] = len(report.requirements)
    return out


def _worker(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ensure_plan(pages: int) -> tuple[Path, Path, int]:
    """The PDF and DOCX of the n-page benchmark plan (built if missing), and its page count."""
    pdf, docx = OUT / f"plan{pages}.pdf", OUT / f"plan{pages}.docx"
    if not (pdf.exists() and docx.exists()):
        OUT.mkdir(exist_ok=True)
        cmd = [sys.executable, str(MAKE_PLAN), "--pages", str(pages), "--out", str(OUT / f"plan{pages}")]
        subprocess.run(cmd, check=True, cwd=OUT)
    import pypdfium2

    n = len(pypdfium2.PdfDocument(str(pdf)))
    return pdf, docx, n


def render(startup: list[dict[str, Any]], rows: list[tuple[str, str, int, dict[str, Any]]]) -> str:
    load = os.getloadavg()
    cpu = statistics.median(s["cpu_ms"] for s in startup)
    wall = statistics.median(s["wall_ms"] for s in startup)
    peak = statistics.median(s["rss_mb"] for s in startup)
    lines = [
        SECTION,
        "",
        f"Measured by `python bench/check.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}; load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (other engineers' jobs share the cores: CPU ms is "
        "the steadier figure). Each figure is the median of several runs of `check_document` on an "
        "already extracted document, in a fresh process whose spaCy pipeline is already built; DOCX "
        "pages are the PDF's page count.",
        "",
        "spaCy start-up (import, blank pipeline, sentencizer, lookup lemmatizer, matchers), once per "
        "process: "
        f"{cpu:.0f} ms CPU, {wall:.0f} ms wall, peak {peak:.0f} MB "
        f"(median of {len(startup)} fresh processes).",
        "",
        "| plan | form | pages | all rules ms/page (CPU) | all rules ms/page (wall) "
        "| text rules PC0xx/PC1xx (CPU) "
        "| indicator rules PC2xx (CPU) | RSS after extraction + spaCy MB | RSS after checking MB | verdict |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for plan, form, pages, r in rows:
        lines.append(
            f"| {plan} | {form} | {pages} | {r['all']['cpu_ms_page']:.2f} | {r['all']['wall_ms_page']:.2f} "
            f"| {r['text']['cpu_ms_page']:.2f} | {r['indicators']['cpu_ms_page']:.2f} "
            f"| {r['rss_extracted_mb']:.0f} | {r['rss_checked_mb']:.0f} "
            f"| {r['verdict']} ({r['met']}/{r['requirements']} met) |"
        )
    worst = max(r["all"]["cpu_ms_page"] for *_, r in rows)
    grown = max(r["rss_checked_mb"] - r["rss_extracted_mb"] for *_, r in rows)
    status = "met" if worst < GOAL_MS_PER_PAGE else "NOT met"
    lines += [
        "",
        f"Goal (issue 3): checking under {GOAL_MS_PER_PAGE:.0f} ms a page on top of extraction: worst "
        f"{worst:.2f} ms/page CPU ({status}). Checking adds at most {grown:.0f} MB to the peak: "
        "sentences are kept with their pattern hits only, never the spaCy Docs.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace this benchmark's section of RESULTS.md, keeping every other section."""
    from results import replace_section  # bench/ is on sys.path when run as a script

    replace_section(text, RESULTS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--plans", nargs="+", type=int, default=[80, 300])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.worker:
        if args.worker[0] == "startup":
            print(json.dumps(work_startup()))
        else:
            print(json.dumps(work_check(Path(args.worker[1]), int(args.worker[2]), int(args.worker[3]))))
        return
    startup = [_worker(["startup"]) for _ in range(3)]
    rows = []
    for pages in args.plans:
        pdf, docx, n = ensure_plan(pages)
        for form, path in (("pdf", pdf), ("docx", docx)):
            r = _worker(["check", str(path), str(n), str(args.repeats)])
            rows.append((f"plan{pages}", form, n, r))
            print(f"plan{pages} {form}: {r['all']['cpu_ms_page']:.2f} ms/page CPU", file=sys.stderr)
    text = render(startup, rows)
    if args.no_write:
        print(text)
    else:
        write_section(text)
        print(text)


if __name__ == "__main__":
    main()
