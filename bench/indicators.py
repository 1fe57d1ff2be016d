#!/usr/bin/env python3
"""Row recall, cell accuracy and context agreement of plancheck's table reading, per layout kind.

Two sets of plans with their truth beside them:

- the layout zoo (``fixtures/zoo/*.truth.json``): 27 plans made by other tools in other voices, checked
  with ``Settings(kind="plan")``; their truth also gives publication dates and requirement statuses;
- the generated fixtures (``fixtures/generated/*.truth.json``, both the DOCX and the PDF form), checked
  with the settings their spec gives (``fixtures/specs``); their truth cells come from the printed header
  rows (a year in the column's header, "Actual"/"Outturn"/"Target"/"aim" words, spanning labels carried
  to the right), and their context from the spec's ``expect.context``.

For every plan:

- row recall: truth codes found among the report's indicator codes (codes normalised on
  both sides: spaces and hyphens removed, "BVPI"/"BV" prefix and leading zeros dropped;
  lower-case letters kept as printed);
- cell accuracy: every truth cell (the outturn, and each target year) is right when the
  report gives the same year and the same value after collapsing whitespace; a row that
  was not found counts all its cells wrong;
- context: authority_type, cpa_category, plan_year and regime against ``report.context`` (the fields the
  truth gives);
- publication date: the year-month of the PUBLISHED requirement's "Dated ..." detail
  (a plan with no date in its truth agrees when the report finds none; zoo only).

    .venv/bin/python bench/indicators.py            # print the "## Tables and context" section
    .venv/bin/python bench/indicators.py --write    # ... and put it in bench/RESULTS.md
    .venv/bin/python bench/indicators.py --set zoo  # one set only (zoo, long, fixtures)
    .venv/bin/python bench/indicators.py --show NAME
    .venv/bin/python bench/indicators.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "fixtures" / "zoo"
LONG = ROOT / "fixtures" / "long"
LONG2 = ROOT / "fixtures" / "long2"
GENERATED = ROOT / "fixtures" / "generated"
SPECS = ROOT / "fixtures" / "specs"
sys.path.insert(0, str(Path(__file__).resolve().parent))

CONTEXT_FIELDS = ("authority_type", "cpa_category", "plan_year", "regime")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}


def norm_code(code: str | None) -> str:
    c = re.sub(r"[\s\-]", "", code or "")
    m = re.match(r"(?i)(?:BVPI|BV)?0*(\d+)(.*)", c)
    return f"BV{int(m.group(1))}{m.group(2)}" if m else c


def norm_val(v: str | None) -> str | None:
    return None if v is None else " ".join(str(v).split())


def norm_cpa(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip().lower()
    m = re.match(r"^(\d)\s*(?:stars?)?$", s)
    return m.group(1) if m else s


@dataclass
class PlanResult:
    name: str
    truth: dict
    seconds: float = 0.0
    error: str | None = None
    rows: int = 0
    found: int = 0
    cells: int = 0
    cells_ok: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str, str | None, str | None]] = field(
        default_factory=list
    )  # code, what, got, want
    context: dict[str, tuple[object, object]] = field(default_factory=dict)  # field -> (got, want)
    pub: tuple[str | None, str | None] | None = None  # (got, want), None = not measured
    extra_codes: int = 0
    unscored: int = 0  # truth target cells for years the report's tier does not ask for
    statuses: list[tuple[str, str, str]] = field(default_factory=list)  # requirement, got, want
    disputed: list[tuple[str, str, str]] = field(default_factory=list)  # not scored: readers differ

    @property
    def ctx_ok(self) -> int:
        return sum(1 for g, w in self.context.values() if g == w)

    @property
    def recall(self) -> float:
        return self.found / self.rows if self.rows else 1.0

    @property
    def accuracy(self) -> float:
        return self.cells_ok / self.cells if self.cells else 1.0


def read_as(ind, kind: str, year: str, value: str | None, got: str | None) -> bool:  # type: ignore[no-untyped-def]
    """The cell was read as printed: the same value, or a gap marker ("TBC", "n/a") that the report gives as
    no value with a problem quoting it (plancheck's convention: a marker is not a value)."""
    if norm_val(got) == norm_val(value) or (got is None and not (value or "").strip()):
        return True  # as printed, or a blank cell reported as no value
    quoted = f"{year} {kind} '{norm_val(value)}'"
    return got is None and value is not None and any(p.startswith(quoted) for p in ind.problems)


def publication_month(report) -> tuple[bool, str | None]:  # type: ignore[no-untyped-def]
    """(measured, "YYYY-MM" or None) from the PUBLISHED requirement, if the regime has one."""
    for q in report.requirements:
        if q.id != "PUBLISHED":
            continue
        m = re.search(r"Dated (\d{1,2}) (\w+) (\d{4})", q.detail or "")
        if m and m.group(2).lower() in MONTHS:
            return True, f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}"
        return True, None
    return False, None


@dataclass
class Plan:
    """One plan to measure: its file, the settings to check it with, and its truth in the zoo's shape."""

    path: Path
    settings: dict
    truth: dict


def zoo_plans(folder: Path = ZOO, name: str = "zoo") -> list[Plan]:
    out = []
    for p in sorted(folder.glob("*.truth.json")):
        truth = json.loads(p.read_text(encoding="utf-8"))
        truth["set"] = name
        out.append(Plan(folder / truth["file"], {"kind": "plan"}, truth))
    return out


_YEAR = re.compile(r"(?<!\d)((?:19|20)?\d{2})\s*[/-]\s*(\d{2}|\d{4})(?!\d)")
_OUTTURN_WORDS = re.compile(r"(?i)\b(?:actual|outturn|result|results|last year|how we did|achieved)\b")
_TARGET_WORDS = re.compile(r"(?i)\b(?:targets?|aims?|aiming)\b")
# Columns that hold no outturn or target: comparison figures, notes, the code and name.
_OTHER_COLUMN = re.compile(
    r"(?i)quartile|average|comment|note|indicator|description|measure|^ref$|^bvpi$|^code$"
)
_CODE = re.compile(r"(?i)^(?:bvpi|bv)?\s*-?\s*\d{1,3}")  # BVPIs only: not the Audit Commission's "AC A1"


def year_label(text: str) -> str | None:
    """ "2003-04", "03/04", "2003/2004" -> "2003/04"."""
    m = _YEAR.search(text)
    if not m:
        return None
    a = m.group(1)
    start = int(a) if len(a) == 4 else (1900 + int(a) if int(a) > 50 else 2000 + int(a))
    return f"{start}/{(start + 1) % 100:02d}"


def column_roles(header: list[list[str]], plan_year: str) -> dict[int, tuple[str, str]]:
    """Column index -> ("outturn" | "target", year) from printed header rows.

    A label over empty cells to its right spans them (merged cells print once), except on the last header
    row, whose empty cells are columns without a label of their own."""
    n = max(len(r) for r in header)
    roles: dict[int, tuple[str, str]] = {}
    for c in range(n):
        own, spanning = [], []
        for ri, row in enumerate(header):
            text = row[c].strip() if c < len(row) else ""
            if text:
                own.append(text)
            elif ri < len(header) - 1:
                k = c - 1
                while k >= 0 and not row[k].strip():
                    k -= 1
                if k >= 2:  # never the code or name column
                    spanning.append(row[k].strip())
        if not own or any(_OTHER_COLUMN.search(t) for t in own):
            continue
        words = " ".join(spanning + own)
        year = year_label(words)
        if year is None:
            continue
        if _TARGET_WORDS.search(words):
            roles[c] = ("target", year)
        elif _OUTTURN_WORDS.search(words) or year < plan_year:
            roles[c] = ("outturn", year)
        else:
            roles[c] = ("target", year)
    return roles


def _past(plan_year: str) -> str:
    start = int(plan_year[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def fixture_plans() -> list[Plan]:
    """The generated fixtures (both forms), with truth cells read from their printed header rows."""
    import yaml

    specs: dict[str, dict] = {}
    for f in sorted(SPECS.glob("*.yml")):
        for doc in yaml.safe_load(f.read_text(encoding="utf-8")).get("documents", []):
            specs[doc["name"]] = doc
    out = []
    for p in sorted(GENERATED.glob("*.truth.json")):
        gen = json.loads(p.read_text(encoding="utf-8"))
        expect = specs.get(gen["name"], {}).get("expect", {})
        settings = {"kind": "plan", **{k: str(v) for k, v in expect.get("settings", {}).items()}}
        # Only what the spec says plancheck must detect: the generator's authority type is an input (a
        # "Borough Council" may be a district or a unitary; the text does not always say).
        context = {k: str(v) for k, v in expect.get("context", {}).items() if k in CONTEXT_FIELDS}
        plan_year = settings.get("year") or context.get("plan_year") or year_label(gen.get("title", ""))
        tables = [i for i in gen["items"] if i["type"] == "table"]
        if not plan_year or not tables:
            continue
        rows: dict[str, dict] = {}
        for t in tables:
            header = [list(r) for r in t["rows"][: t["header_rows"]]]
            roles = column_roles(header, plan_year)
            for r in t["rows"][t["header_rows"] :]:
                if not r or not _CODE.match(r[0].strip()):
                    continue
                row = rows.setdefault(r[0].strip(), {"code": r[0].strip(), "targets": {}})
                for c, (kind, year) in roles.items():
                    if c >= len(r):
                        continue
                    if kind == "outturn" and year == _past(plan_year):
                        row["outturn"] = {"year": year, "value": r[c]}
                    elif kind == "target" and year >= plan_year:
                        row["targets"][year] = r[c]
        if not rows:
            continue
        kinds = sorted(
            {f"fixture-{t.get('style', 'ruled')}" for t in tables}
            | {f"fixture-{t['header_rows']}-row-header" for t in tables}
            | ({"fixture-several-tables"} if len(tables) > 1 else set())
        )
        for fmt, name in sorted(gen.get("files", {}).items()):
            truth = {
                "name": f"{gen['name']}.{fmt}",
                "file": name,
                "set": "fixtures",
                "tool": "python-docx" if fmt == "docx" else "LibreOffice (from the DOCX)",
                "layout_kinds": [*kinds, f"fixture-{fmt}"],
                "rows": list(rows.values()),
                "context": context,
            }
            out.append(Plan(GENERATED / name, settings, truth))
    return out


def run_one(plan: Plan) -> PlanResult:
    from plancheck.config import Settings
    from plancheck.engine import check_path

    truth = plan.truth
    res = PlanResult(truth["name"], truth)
    t0 = time.perf_counter()
    try:
        report = check_path(plan.path, Settings(**plan.settings))
    except Exception as e:
        res.error = f"{type(e).__name__}: {e}"
        report = None
    res.seconds = time.perf_counter() - t0
    by_code: dict[str, list] = defaultdict(list)
    if report is not None:
        for ind in report.indicators:
            by_code[norm_code(ind.code)].append(ind)
    # The report lists, for every row, the target years the plan's tier requires (one year for
    # "other" bodies such as national parks); truth cells for other years are not scored.
    required = {y for rows in by_code.values() for ind in rows for y, _ in ind.targets}
    truth_codes = set()
    for row in truth["rows"]:
        code = norm_code(row["code"])
        truth_codes.add(code)
        res.rows += 1
        want = []
        if row.get("outturn"):
            want.append(("outturn", row["outturn"]["year"], row["outturn"]["value"]))
        for y, v in row.get("targets", {}).items():
            if required and y not in required:
                res.unscored += 1
            else:
                want.append(("target", y, v))
        res.cells += len(want)
        cands = by_code.get(code, [])
        if not cands:
            res.missing.append(code)
            continue
        res.found += 1

        def got_of(ind, kind, year):  # type: ignore[no-untyped-def]
            if kind == "outturn":
                return ind.outturn_value if ind.outturn_year == year else None
            return dict(ind.targets).get(year)

        def score(ind, want=want):  # type: ignore[no-untyped-def]
            return sum(read_as(ind, k, y, v, got_of(ind, k, y)) for k, y, v in want)

        best = max(cands, key=score)
        for kind, year, value in want:
            got = got_of(best, kind, year)
            if read_as(best, kind, year, value, got):
                res.cells_ok += 1
            else:
                label = f"{kind} {year}"
                if kind == "outturn" and best.outturn_year != year:
                    label += f" (reported outturn year {best.outturn_year})"
                    got = best.outturn_value
                res.wrong.append((code, label, got, value))
    if report is not None:
        res.extra_codes = len(set(by_code) - truth_codes)
        ctx = report.context
        for f in CONTEXT_FIELDS:
            if f not in truth["context"]:
                continue
            got, want = getattr(ctx, f, None), truth["context"].get(f)
            if f == "cpa_category":
                got, want = norm_cpa(got), norm_cpa(want)
            res.context[f] = (got, want)
        measured, month = publication_month(report)
        if measured and "publication_date" in truth:
            res.pub = (month, truth.get("publication_date"))
        disputed = truth.get("requirements_disputed", {})
        for rid, want in truth.get("requirements", {}).items():
            q = report.requirement(rid)
            if q is not None:
                (res.disputed if rid in disputed else res.statuses).append((rid, q.status, want))
    else:
        res.context = {f: (None, truth["context"][f]) for f in CONTEXT_FIELDS if f in truth["context"]}
    return res


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def aggregate(results: list[PlanResult]) -> dict:
    pub = [r.pub for r in results if r.pub is not None]
    return {
        "plans": len(results),
        "rows": sum(r.rows for r in results),
        "found": sum(r.found for r in results),
        "cells": sum(r.cells for r in results),
        "cells_ok": sum(r.cells_ok for r in results),
        "ctx": sum(len(r.context) for r in results),
        "ctx_ok": sum(r.ctx_ok for r in results),
        "pub": len(pub),
        "pub_ok": sum(1 for g, w in pub if g == w),
        "by_field": {
            f: (
                sum(1 for r in results if f in r.context and r.context[f][0] == r.context[f][1]),
                sum(1 for r in results if f in r.context),
            )
            for f in CONTEXT_FIELDS
        },
    }


def row_md(label: str, a: dict) -> str:
    pubs = f"{a['pub_ok']}/{a['pub']}" if a["pub"] else "not measured"
    return (
        f"| {label} | {a['plans']} | {a['found']}/{a['rows']} ({pct(a['found'], a['rows'])}) | "
        f"{a['cells_ok']}/{a['cells']} ({pct(a['cells_ok'], a['cells'])}) | "
        f"{a['ctx_ok']}/{a['ctx']} ({pct(a['ctx_ok'], a['ctx'])}) | {pubs} |"
    )


HEAD = (
    "| | plans | row recall | cell accuracy | context fields | publication month |\n"
    "|---|---:|---:|---:|---:|---:|"
)


SETS = {
    "zoo": "the layout zoo (`fixtures/zoo/`: 27 plans made by reportlab, Chromium, python-docx, LibreOffice "
    "and odfpy in other voices; see fixtures/zoo/README.md)",
    "long": "six long plans (`fixtures/long/`: 18-21 pages, from a second generator written apart from the "
    "first: reportlab, python-docx, LibreOffice, Chromium)",
    "long2": "six more long plans (`fixtures/long2/`: 15-16 pages, from a third generator: relative year "
    "columns, one cell per three targets, CPA scores in a table, nested Word tables, ODT, HTML)",
    "fixtures": "the generated fixtures (`fixtures/generated/`, the DOCX and the LibreOffice PDF of each)",
}


def report_md(results: list[PlanResult]) -> str:
    total = aggregate(results)
    sets = [k for k in SETS if any(r.truth["set"] == k for r in results)]
    out = ["## Tables and context", ""]
    out.append(
        f"`python bench/indicators.py` over {len(results)} plans with their truth beside them: "
        + "; ".join(SETS[k] for k in sets)
        + ". Row recall: truth BVPI codes found in "
        "`report.indicators`; cell accuracy: truth outturn and target cells reported with the same "
        "year and value (whitespace collapsed; a missed row's cells count wrong; target years the "
        "report's tier does not require, such as the later years for a national park, are not "
        "scored); context: authority_type, cpa_category, plan_year and regime where the truth gives them; "
        "publication month (zoo and long plans): from the PUBLISHED requirement's "
        '"Dated ..." detail (a plan without a date agrees when none is found; not measured where the '
        "regime has no PUBLISHED requirement). "
        "The fixtures' truth cells are read from their printed header rows by the benchmark itself, "
        "independently of plancheck."
    )
    out += ["", "### Overall", "", HEAD]
    for k in sets:
        out.append(row_md(k, aggregate([r for r in results if r.truth["set"] == k])))
    out += [row_md("all plans", total), ""]
    statuses = [(r.name, *s) for r in results for s in r.statuses]
    differ = [s for s in statuses if s[2] != s[3]]
    out += [
        "Context fields: " + ", ".join(f"{f} {n}/{m}" for f, (n, m) in total["by_field"].items()) + ".",
        "",
        "Requirement statuses (zoo and long plans) agree with the generators' truth on "
        f"{len(statuses) - len(differ)} of "
        f"{len(statuses)}"
        + (": the others (plan requirement got/want) are " if differ else ".")
        + "; ".join(f"{n} {rid} {got}/{want}" for n, rid, got, want in differ)
        + ("." if differ else ""),
        "",
    ]
    disputed = [(r.name, *s) for r in results for s in r.disputed]
    if disputed:
        out += [
            "Not scored, where careful readers differ (the truth's `requirements_disputed`): "
            + "; ".join(f"{n} {rid} {got}/{want}" for n, rid, got, want in disputed)
            + ".",
            "",
        ]
    kinds: dict[str, list[PlanResult]] = defaultdict(list)
    for r in results:
        for k in r.truth.get("layout_kinds", []):
            kinds[k].append(r)
    out += ["### By layout kind", "", HEAD.replace("| |", "| layout kind |", 1)]
    for k in sorted(
        kinds, key=lambda k: (aggregate(kinds[k])["cells_ok"] / max(1, aggregate(kinds[k])["cells"]), k)
    ):
        out.append(row_md(k, aggregate(kinds[k])))
    out += ["", "### By tool", "", HEAD.replace("| |", "| tool |", 1)]
    tools: dict[str, list[PlanResult]] = defaultdict(list)
    for r in results:
        tools[r.truth["tool"]].append(r)
    for t in sorted(tools):
        out.append(row_md(t, aggregate(tools[t])))
    out += [
        "",
        "### Worst plans",
        "",
        "| plan | tool | recall | cells | context misses | publication | kinds |",
        "|---|---|---:|---:|---|---|---|",
    ]
    worst = sorted(results, key=lambda r: (r.accuracy, r.recall, r.ctx_ok))[:10]
    for r in worst:
        cm = ", ".join(f"{f} {g!s}≠{w!s}" for f, (g, w) in r.context.items() if g != w) or "-"
        pub = (
            "not measured" if r.pub is None else ("ok" if r.pub[0] == r.pub[1] else f"{r.pub[0]}≠{r.pub[1]}")
        )
        err = f" (error: {r.error})" if r.error else ""
        out.append(
            f"| {r.name}{err} | {r.truth['tool']} | {pct(r.found, r.rows)} | {pct(r.cells_ok, r.cells)} | "
            f"{cm} | {pub} | {', '.join(r.truth.get('layout_kinds', []))} |"
        )
    out += [
        "",
        f"Run time {sum(r.seconds for r in results):.1f} s in all. `python bench/indicators.py --show NAME` "
        "lists one plan's misses.",
        "",
    ]
    return "\n".join(out)


def show(r: PlanResult) -> str:
    t = r.truth
    lines = [
        f"{r.name}: {t['file']} ({t['tool']}), kinds: {', '.join(t.get('layout_kinds', []))}",
        f"  rows {r.found}/{r.rows}, cells {r.cells_ok}/{r.cells}, "
        f"{r.extra_codes} reported codes not in truth, {r.unscored} truth target cells outside "
        f"the required years (not scored), {r.seconds:.2f} s",
    ]
    if r.error:
        lines.append(f"  ERROR {r.error}")
    if r.missing:
        lines.append(f"  missing codes ({len(r.missing)}): {', '.join(r.missing)}")
    if r.wrong:
        lines.append(f"  wrong cells ({len(r.wrong)}):")
        for code, what, got, want in r.wrong:
            lines.append(f"    {code:12} {what:44} got {got!r:18} want {want!r}")
    diffs = [(f, g, w) for f, (g, w) in r.context.items() if g != w]
    lines.append(
        "  context: "
        + ("all agree" if not diffs else "; ".join(f"{f} got {g!r} want {w!r}" for f, g, w in diffs))
    )
    if r.pub is None:
        lines.append("  publication date: not measured (no PUBLISHED requirement in this regime)")
    else:
        lines.append(
            f"  publication date: got {r.pub[0]!r} want {r.pub[1]!r}"
            + ("" if r.pub[0] == r.pub[1] else "  <-- differs")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--write", action="store_true", help="replace the '## Tables and context' section of bench/RESULTS.md"
    )
    ap.add_argument(
        "--set",
        choices=("all", "zoo", "long", "long2", "fixtures"),
        default="all",
        help="which plans to measure",
    )
    ap.add_argument("--show", metavar="NAME", action="append", default=[], help="print one plan's misses")
    ap.add_argument("--json", metavar="FILE", help="write per-plan results as JSON")
    ap.add_argument(
        "--results", metavar="FILE", help="the results file --write updates (default bench/RESULTS.md)"
    )
    a = ap.parse_args(argv)
    plans = (
        (zoo_plans() if a.set in ("zoo", "all") else [])
        + (zoo_plans(LONG, "long") if a.set in ("long", "all") else [])
        + (zoo_plans(LONG2, "long2") if a.set in ("long2", "all") else [])
        + (fixture_plans() if a.set in ("fixtures", "all") else [])
    )
    if a.show:
        chosen = [p for p in plans if p.truth["name"] in a.show or p.truth["name"].split(".")[0] in a.show]
        if not chosen:
            print(f"no such plan: {', '.join(a.show)}", file=sys.stderr)
            return 2
        for p in chosen:
            print(show(run_one(p)))
        return 0
    results = [run_one(p) for p in plans]
    md = report_md(results)
    print(md)
    if a.json:
        Path(a.json).write_text(
            json.dumps(
                [
                    {
                        "name": r.name,
                        "rows": r.rows,
                        "found": r.found,
                        "cells": r.cells,
                        "cells_ok": r.cells_ok,
                        "missing": r.missing,
                        "wrong": r.wrong,
                        "context": r.context,
                        "pub": r.pub,
                        "error": r.error,
                    }
                    for r in results
                ],
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    if a.write:
        from results import RESULTS, replace_section

        target = Path(a.results) if a.results else RESULTS
        replace_section(md, target)
        print(f"(written to {target})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
