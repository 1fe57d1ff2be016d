"""Batch throughput: pages and documents a minute with 1 and 2 jobs, and a fully incremental re-run.

Plans come from shared/bench/make_plan.py in PDF form, in mixed sizes
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
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PLANS = REPO / "bench" / "out" / "batch" / "plans"
BLOCKS = (2, 4, 6, 8, 12, 16, 20, 24, 32, 40)  # about 15 to 150 pages each
SEEDS = (2004, 2005)


def make_plans() -> list[Path]:
    """The benchmark PDFs (made once: python-docx, then one LibreOffice call for all)."""
    PLANS.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(PLANS.glob("*.pdf"))
    if len(pdfs) == len(BLOCKS) * len(SEEDS):
        return pdfs
    spec = importlib.util.spec_from_file_location("make_plan", SHARED / "bench" / "make_plan.py")
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


def run(out: Path, jobs: int) -> tuple[float, str, int, int, float]:
    """Wall seconds, then from the database: ruleset, checked, skipped, summed per-document seconds."""
    start = time.perf_counter()
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
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr.strip()}")
    with sqlite3.connect(out / "plancheck.sqlite") as conn:
        run_id, ruleset, checked, skipped = conn.execute(
            "select id, ruleset, checked, skipped from runs order by id desc limit 1"
        ).fetchone()
        busy = conn.execute("select coalesce(sum(elapsed_s), 0) from documents where run_id = ?", (run_id,))
        worker_s = float(busy.fetchone()[0])
    return elapsed, ruleset, checked, skipped, worker_s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    args = ap.parse_args()
    pdfs = make_plans()
    total_pages = sum(pages(p) for p in pdfs)
    load_before = os.getloadavg()[0]
    runs = REPO / "bench" / "out" / "batch" / "runs"
    shutil.rmtree(runs, ignore_errors=True)
    t1, rs1, *_, busy1 = run(runs / "one", 1)
    t2, rs2, *_, busy2 = run(runs / "two", 2)
    t_inc, rs3, checked, skipped, _ = run(runs / "two", 2)
    load_after = os.getloadavg()[0]
    if len({rs1, rs2, rs3}) > 1 or checked:
        print(
            f"warning: the rules changed during the benchmark ({rs1}, {rs2}, {rs3}); re-run it",
            file=sys.stderr,
        )
    rows = [
        ("1 job", t1, f"{total_pages / t1 * 60:,.0f}", f"{len(pdfs) / t1 * 60:.1f}", "1.00x"),
        ("2 jobs", t2, f"{total_pages / t2 * 60:,.0f}", f"{len(pdfs) / t2 * 60:.1f}", f"{t1 / t2:.2f}x"),
        ("2 jobs, incremental re-run", t_inc, "-", "-", f"{100 * t_inc / t2:.1f}% of the first"),
    ]
    table = [
        f"{len(pdfs)} PDF plans from make_plan.py (--blocks {', '.join(map(str, BLOCKS))}; seeds "
        f"{', '.join(map(str, SEEDS))}), {total_pages:,} pages; wall time of `plancheck batch DIR` "
        f"(start-up, warm-up, database and dashboard included); {os.cpu_count()} CPUs; load average "
        f"{load_before:.1f} before, {load_after:.1f} after (above ~0.5 means other processes competed).",
        f"Summed per-document check time (in the workers): {busy1:.1f} s with 1 job, {busy2:.1f} s with 2 "
        f"({total_pages / busy1:.0f} and {total_pages / busy2:.0f} pages per worker-second); the incremental "
        f"run checked {checked} and skipped {skipped} documents.",
        "",
        "| run | seconds | pages/min | documents/min | vs 1 job |",
        "|---|---:|---:|---:|---|",
        *(f"| {name} | {t:.1f} | {ppm} | {dpm} | {ratio} |" for name, t, ppm, dpm, ratio in rows),
    ]
    text = "\n".join(table)
    print(text)
    if args.write:
        write_section(text)


def write_section(body: str) -> None:
    """Replace the "## Batch" section of bench/RESULTS.md (other sections are other people's)."""
    results = REPO / "bench" / "RESULTS.md"
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = f"## Batch\n\nMeasured {stamp} by `bench/batch.py`.\n\n{body}\n"
    pattern = re.compile(r"^## Batch\n.*?(?=^## |\Z)", re.M | re.S)
    new = (
        pattern.sub(lambda _: section + "\n", old)
        if pattern.search(old)
        else old.rstrip("\n") + "\n\n" + section
    )
    results.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
