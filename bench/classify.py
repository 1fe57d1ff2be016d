#!/usr/bin/env python3
"""Judgement benchmark: genre and kind over every corpus at hand, and what is credited from non-content.

Corpora (each skipped with the reason when absent):
- ``fixtures``: every generated fixture plan and the example plan (all plans);
- ``dev``: tests/corpus/dev, real excerpts of stored public pages gathered for development and
  labelled with a genre (kept locally, not committed: the pages are third-party text);
- ``seeds``: the five source documents in ../shared/seeds (none is a plan);
- ``real``: ../shared/corpus/real, labelled real excerpts (plan_text is a plan);
- ``wild``: ../shared/corpus/wild, real PDF and Word files (unlabelled: kinds are counted only).

For each document it runs the whole check and records the genre, the kind, and every ``met`` or
``partial`` requirement whose quoted evidence comes from a sentence whose role is not content
(``credited from non-content``: it must be 0). Prints a kind confusion matrix per corpus and a genre
confusion matrix where genres are labelled, and writes the "## Judgement" section of bench/RESULTS.md.

    python bench/classify.py              # all corpora
    python bench/classify.py --no-write   # print only
    python bench/classify.py --show-misses
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("PLANCHECK_SHARED", REPO.parent / "shared"))
SECTION = "## Judgement"


@dataclass
class Case:
    corpus: str
    path: Path
    kind: str | None
    """The expected kind, where known."""
    genre: str | None = None
    fulfilled: frozenset[str] = frozenset()


def _labelled(corpus: str, root: Path, label_col: str) -> list[Case]:
    out = []
    with (root / "labels.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = r[label_col]
            if label_col == "label":
                kind, genre = ("plan" if label == "plan_text" else "not_plan"), None
            else:
                kind, genre = ("plan" if label == "plan" else "not_plan"), label
            elements = {
                x.split("(")[0].strip() for x in r.get("elements_fulfilled", "").split(";") if x.strip()
            }
            out.append(Case(corpus, root / "docs" / r["file"], kind, genre, frozenset(elements)))
    return out


def cases() -> tuple[list[Case], list[str]]:
    """Every document of every corpus found, and the corpora skipped with why."""
    found: list[Case] = []
    skipped: list[str] = []
    fixtures = REPO / "fixtures"
    found += [
        Case("fixtures", p, "plan")
        for p in sorted(fixtures.glob("*/*.pdf")) + sorted(fixtures.glob("*/*.docx"))
    ]
    dev = REPO / "tests" / "corpus" / "dev"
    if (dev / "labels.csv").is_file():
        found += _labelled("dev", dev, "genre")
    else:
        skipped.append("dev: tests/corpus/dev not present (local third-party excerpts, not committed)")
    if SHARED.is_dir():
        found += [
            Case("seeds", p, "not_plan")
            for p in sorted((SHARED / "seeds").glob("*.md"))
            if p.name != "README.md"
        ]
        found += _labelled("real", SHARED / "corpus" / "real", "label")
        wild = SHARED / "corpus" / "wild"
        found += [Case("wild", p, None) for p in sorted(wild.rglob("*")) if p.suffix in (".pdf", ".docx")]
    else:
        skipped.append(f"seeds, real, wild: {SHARED} not found")
    return found, skipped


@dataclass
class Outcome:
    case: Case
    kind: str
    genre: str | None
    non_content_credits: list[str]
    false_credits: list[str]
    """met requirements a labelled excerpt does not fulfil."""
    found: int
    """elements the label lists as fulfilled that were found (met or partial)."""
    reason: str


def run(case: Case) -> Outcome:
    from plancheck.engine import check_path
    from plancheck.roles import shows_met

    report = check_path(case.path)
    bad = [
        f"{r.id} {r.status} from a {e.role} sentence: {e.text[:80]!r}"
        for r in report.requirements
        if r.status == "met"
        for e in r.evidence
        if not shows_met(r.id, e.role)
    ]
    met = {r.id for r in report.requirements if r.status == "met"}
    labelled = case.corpus in ("real", "dev")
    false = sorted(met - case.fulfilled - {"PUBLISHED"}) if labelled else []
    got = {r.id for r in report.requirements if r.status in ("met", "partial")}
    return Outcome(
        case,
        report.document.kind,
        report.document.genre,
        bad,
        false,
        len(case.fulfilled & got),
        report.document.reason or "",
    )


def _matrix(rows: list[tuple[str, str]], title: str) -> list[str]:
    labels = sorted({a for a, _ in rows} | {b for _, b in rows})
    counts = Counter(rows)
    out = [
        f"{title} (rows: expected, columns: found)",
        "",
        "| expected \\ found | " + " | ".join(labels) + " |",
    ]
    out.append("|---" * (len(labels) + 1) + "|")
    for a in labels:
        out.append(f"| {a} | " + " | ".join(str(counts[(a, b)] or ".") for b in labels) + " |")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    ap.add_argument("--show-misses", action="store_true", help="print each wrong kind with its reason")
    ap.add_argument("--corpus", action="append", help="only these corpora (fixtures, dev, seeds, real, wild)")
    args = ap.parse_args()
    found, skipped = cases()
    if args.corpus:
        found = [c for c in found if c.corpus in args.corpus]
    t0 = time.perf_counter()
    outcomes = [run(c) for c in found]
    elapsed = time.perf_counter() - t0
    lines = [SECTION, "", f"{len(outcomes)} documents in {elapsed:.0f} s (`python bench/classify.py`).", ""]
    lines += [
        "| corpus | documents | kind agrees | plans called plan | not-plans called plan | "
        "met without label | credited from non-content | labelled elements found |",
        "|---" * 8 + "|",
    ]
    for corpus in ("fixtures", "dev", "seeds", "real", "wild"):
        group = [o for o in outcomes if o.case.corpus == corpus]
        if not group:
            continue
        known = [o for o in group if o.case.kind]
        agree = sum(o.kind == o.case.kind for o in known)
        plans = [o for o in known if o.case.kind == "plan"]
        negatives = [o for o in known if o.case.kind == "not_plan"]
        wanted = sum(len(o.case.fulfilled) for o in plans)
        got = sum(o.found for o in plans)
        called = sum(o.kind == "plan" for o in plans)
        wrongly = sum(o.kind == "plan" for o in negatives)
        false = sum(len(o.false_credits) for o in group)
        non_content = sum(len(o.non_content_credits) for o in group)
        lines.append(
            f"| {corpus} | {len(group)} | {agree}/{len(known)} | {called}/{len(plans)} | "
            f"{wrongly}/{len(negatives)} | {false} | {non_content} | {got}/{wanted} |"
        )
    for corpus in ("dev", "real"):
        group = [o for o in outcomes if o.case.corpus == corpus]
        if not group:
            continue
        lines.append("")
        if corpus == "dev":
            lines += _matrix([(o.case.genre or "?", o.genre or o.kind) for o in group], f"Genre, {corpus}")
        else:
            lines += _matrix([(o.case.kind or "unlabelled", o.kind) for o in group], f"Kind, {corpus}")
    wild = Counter(
        f"{o.kind} ({o.genre})" if o.genre else o.kind for o in outcomes if o.case.corpus == "wild"
    )
    if wild:
        lines += [
            "",
            "Wild files (unlabelled; none is a plan): "
            + ", ".join(f"{n} {k}" for k, n in sorted(wild.items()))
            + ".",
        ]
    if skipped:
        lines += ["", "Skipped: " + "; ".join(skipped) + "."]
    print("\n".join(lines))
    if args.show_misses:
        for o in outcomes:
            wrong = o.case.kind and o.kind != o.case.kind
            if (
                wrong
                or o.false_credits
                or o.non_content_credits
                or (o.case.genre and o.genre != o.case.genre)
            ):
                expected = o.case.genre or o.case.kind
                print(f"\n{o.case.corpus}/{o.case.path.name}: expected {expected}, got {o.genre} ({o.kind})")
                print(f"  {o.reason[:400]}")
                for c in o.false_credits:
                    print(f"  met without label: {c}")
                for c in o.non_content_credits:
                    print(f"  credited from non-content: {c}")
    if not args.no_write:
        from results import replace_section

        replace_section("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
