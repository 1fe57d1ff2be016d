"""Batch throughput: pages and documents a minute with 1 and 2 jobs, and a fully incremental re-run.

Plans come from bench/make_plan.py in PDF form, in mixed sizes
(--blocks variations), made once and kept under bench/out/batch/plans.
Each run is a real ``plancheck batch`` subprocess (start-up, warm-up,
database writes and the dashboard included). Prints a Markdown table;
``--write`` puts it in bench/RESULTS.md under "## Batch".

    .venv/bin/python bench/batch.py [--write]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAKE_PLAN = REPO / "bench" / "make_plan.py"
PLANS = REPO / "bench" / "out" / "batch" / "plans"
BLOCKS = (2, 4, 6, 8, 12, 16, 20, 24, 32, 40)  # about 15 to 150 pages each
SEEDS = (2004, 2005)


def make_plans() -> list[Path]:
    """The benchmark PDFs (made once: python-docx, then one LibreOffice call for all)."""
    PLANS.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(PLANS.glob("*.pdf"))
    if len(pdfs) == len(BLOCKS) * len(SEEDS):
        return pdfs
    spec = importlib.util.spec_from_file_location("make_plan", MAKE_PLAN)
    assert spec and spec.loader
    mp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mp)
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
        docxs = []
        for seed in SEEDS:
            for blocks in BLOCKS:
                doc, _, _ = mp.build(blocks, seed)
                path = Path(tmp) / f"plan-b{blocks:02d}-s{seed}.docx"
                doc.save(str(path))
                docxs.append(str(path))
        soffice = shutil.which("soffice") or sys.exit("soffice not found: make system-deps")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(PLANS),
                *docxs,
            ],
            check=True,
            capture_output=True,
        )
    return sorted(PLANS.glob("*.pdf"))


def pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def cpu_of_children() -> float:
    """User + system seconds of every reaped descendant (the batch process and its workers)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _burn(n: int = 8_000_000) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity() -> float:
    """How much faster two forked busy loops finish than one after the other: the cores really free now."""
    start = time.perf_counter()
    _burn()
    one = time.perf_counter() - start
    start = time.perf_counter()
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            _burn()
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return 2 * one / (time.perf_counter() - start)


def run(out: Path, jobs: int) -> tuple[float, str, int, int, float, float]:
    """Wall seconds, then from the database: ruleset, checked, skipped, summed per-document seconds."""
    start, cpu_start = time.perf_counter(), cpu_of_children()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "plancheck",
            "batch",
            str(PLANS),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "--progress",
            "none",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    elapsed, cpu = time.perf_counter() - start, cpu_of_children() - cpu_start
    if proc.returncode not in (0, 1):
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr.strip()}")
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        run_id, ruleset, checked, skipped = conn.execute(
            "select id, ruleset, checked, skipped from runs order by id desc limit 1"
        ).fetchone()
        busy = conn.execute("select coalesce(sum(elapsed_s), 0) from documents where run_id = ?", (run_id,))
        worker_s = float(busy.fetchone()[0])
    return elapsed, ruleset, checked, skipped, worker_s, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    args = ap.parse_args()
    pdfs = make_plans()
    total_pages = sum(pages(p) for p in pdfs)
    load_before, capacity_before = os.getloadavg()[0], parallel_capacity()
    runs = REPO / "bench" / "out" / "batch" / "runs"
    shutil.rmtree(runs, ignore_errors=True)
    t1, rs1, _, _, busy1, cpu1 = run(runs / "one", 1)
    t2, rs2, _, _, busy2, cpu2 = run(runs / "two", 2)
    t_inc, rs3, checked, skipped, _, cpu3 = run(runs / "two", 2)
    load_after, capacity_after = os.getloadavg()[0], parallel_capacity()
    if len({rs1, rs2, rs3}) > 1 or checked:
        print(
            f"warning: the rules changed during the benchmark ({rs1}, {rs2}, {rs3}); re-run it",
            file=sys.stderr,
        )
    ppm = [f"{total_pages / t * 60:,.0f}" for t in (t1, t2)]
    dpm = [f"{len(pdfs) / t * 60:.1f}" for t in (t1, t2)]
    rows = [
        ("1 job", t1, cpu1, ppm[0], dpm[0], "1.00x"),
        ("2 jobs", t2, cpu2, ppm[1], dpm[1], f"{t1 / t2:.2f}x"),
        ("2 jobs, incremental re-run", t_inc, cpu3, "-", "-", f"{100 * t_inc / t2:.1f}% of the first"),
    ]
    table = [
        f"{len(pdfs)} PDF plans from make_plan.py (--blocks {', '.join(map(str, BLOCKS))}; seeds "
        f"{', '.join(map(str, SEEDS))}), {total_pages:,} pages; wall time of `plancheck batch DIR` "
        f"(start-up, warm-up, database and dashboard included); {os.cpu_count()} CPUs; load average "
        f"{load_before:.1f} before, {load_after:.1f} after (above ~0.5 means other processes competed); "
        f"two busy loops ran {capacity_before:.2f}x (before), {capacity_after:.2f}x (after) as fast as one: "
        "the ceiling for any 2-job speed-up at the time.",
        f"Summed per-document check time (in the workers): {busy1:.1f} s with 1 job, {busy2:.1f} s with 2 "
        f"({total_pages / busy1:.0f} and {total_pages / busy2:.0f} pages per worker-second); the incremental "
        f"run checked {checked} and skipped {skipped} documents.",
        "",
        f"CPU-bound projection, 2 jobs with both cores free: {total_pages * 60 / (cpu2 / 2):,.0f} pages/min "
        f"({1000 * cpu2 / total_pages:.0f} ms CPU per page, all processes).",
        "",
        "| run | wall s | CPU s | pages/min (wall) | documents/min (wall) | vs 1 job (wall) |",
        "|---|---:|---:|---:|---:|---|",
        *(f"| {n} | {t:.1f} | {c:.1f} | {ppm} | {dpm} | {ratio} |" for n, t, c, ppm, dpm, ratio in rows),
    ]
    text = "\n".join(table)
    print(text)
    if args.write:
        write_section(text)


def write_section(body: str) -> None:
    """Replace the "## Batch" section of bench/RESULTS.md (other sections are other people's)."""
    from results import replace_section  # bench/ is on sys.path when run as a script

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = f"## Batch\n\nMeasured {stamp} by `bench/batch.py`.\n\n{body}\n"
    replace_section(section, REPO / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
