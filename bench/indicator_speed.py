#!/usr/bin/env python3
"""Benchmark the indicator-table rules (PC2xx) on the benchmark plans.

Extraction is done once and not timed: this measures only the indicator code
(finding the tables, reading rows, checking years, every PC2xx rule). Uses
bench/out/plan{80,300}.{pdf,docx} if present, else builds them with
bench/make_plan.py. Writes bench/out/indicators.json.

    .venv/bin/python bench/indicator_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from plancheck.config import Settings
from plancheck.context import resolve_context
from plancheck.extract import ExtractOptions, load
from plancheck.rules.base import RuleContext
from plancheck.rules.registry import ALL_RULES

OUT = Path(__file__).resolve().parent / "out"
MAKE_PLAN = Path(__file__).resolve().parent / "make_plan.py"
RULES = [r for r in ALL_RULES if r.code.startswith("PC2")]


def ensure(stem: str, pages: int) -> None:
    if not (OUT / f"{stem}.pdf").exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(MAKE_PLAN), "--pages", str(pages), "--out", str(OUT / stem)], check=True
        )


def run_rules(doc, settings: Settings) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    context = resolve_context(doc, settings)  # not timed: another module's work
    t0 = time.perf_counter()
    ctx = RuleContext(doc=doc, context=context, settings=settings)
    # As the engine does: a rule runs only under its regimes.
    rules = [r for r in RULES if not r.regimes or ctx.context.regime in r.regimes]
    outputs = [o for rule in rules for o in rule().check(ctx)]
    elapsed = time.perf_counter() - t0
    rows = sum(1 for o in outputs if type(o).__name__ == "IndicatorRow")
    findings = sum(1 for o in outputs if type(o).__name__ == "Finding")
    return elapsed, rows, findings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    settings = Settings(authority_type="district")
    results = []
    for stem, pages in (("plan80", 80), ("plan300", 300)):
        ensure(stem, pages)
        for fmt in ("pdf", "docx"):
            doc = load(OUT / f"{stem}.{fmt}", ExtractOptions())
            n_pages = doc.pages or pages
            times = []
            for _ in range(a.repeat):
                elapsed, rows, findings = run_rules(doc, settings)
                times.append(elapsed)
            tracemalloc.start()
            run_rules(doc, settings)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            med = statistics.median(times)
            results.append(
                {
                    "plan": stem,
                    "format": fmt,
                    "pages": n_pages,
                    "tables": len(doc.all_tables()),
                    "bvpi_rows": rows,
                    "findings": findings,
                    "median_s": round(med, 4),
                    "ms_per_page": round(1000 * med / n_pages, 3),
                    "peak_python_mb": round(peak / 2**20, 1),
                }
            )
            print(
                f"{stem}.{fmt}: {n_pages} pages, {rows} BVPI rows, {findings} findings: "
                f"{med * 1000:.0f} ms = {1000 * med / n_pages:.2f} ms/page, "
                f"peak {peak / 2**20:.1f} MB (Python heap)"
            )
    (OUT / "indicators.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
