"""Small, real DOCX plans made with python-docx, deterministic from a seed.

Forty fictional authorities, each with consecutive plans for 2003/04 to
2007/08, with varied CPA categories and content: some omit the workforce
statement or a target column, so verdicts differ. Each plan's BVPI table
gives the previous year's outturn and three targets; the figures are drawn
so that next year's plan reports outturns that met some targets and missed
others, and the odd restated outturn.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from docx import Document

TYPES = ("district", "county", "unitary", "metropolitan", "london-borough")
SUFFIX = {
    "district": "District Council",
    "county": "County Council",
    "unitary": "Council",
    "metropolitan": "Metropolitan Borough Council",
    "london-borough": "London Borough Council",
}
PLACES = (
    "Borsetshire",
    "Felpersham",
    "Loxley",
    "Hollerton",
    "Penny Hassett",
    "Waterley",
    "Darrington",
    "Edgeley",
    "Lakey Hill",
    "Netherbourne",
    "Churchstoke",
    "Ambridge",
    "Wimberton",
    "Ashworth",
    "Kenton",
    "Midsomer",
    "Causton",
    "Badger's Drift",
    "Markham",
    "Fletcham",
    "Stoke Mandeville",
    "Nutley",
    "Greyhaven",
    "Redwall",
    "Eastcombe",
    "Westerby",
    "Northam",
    "Southby",
    "Oakhurst",
    "Elmstead",
    "Birchley",
    "Hazelmere",
    "Thornbury",
    "Rowanford",
    "Willowdale",
    "Cedarholm",
    "Larchmont",
    "Maplewood",
    "Pinecrest",
    "Yewbridge",
)
PRIORITIES = ("cleaner streets", "safer communities", "housing", "customer access", "recycling")
YEARS = ("2003/04", "2004/05", "2005/06", "2006/07", "2007/08")
CPA = ("excellent", "good", "fair", "weak", "poor")
INDICATORS = (
    ("BV 8", "Percentage of invoices paid within 30 days of receipt", 1),
    ("BV 9", "Percentage of Council Tax collected", 1),
    ("BV 12", "Number of working days lost due to sickness absence per employee", -1),
    ("BV 78a", "Average time for processing new Housing Benefit claims (days)", -1),
    ("BV 82a(i)", "Percentage of household waste sent for recycling", 1),
    ("BV 109a", "Percentage of major planning applications determined within 13 weeks", 1),
)


def label(year: int) -> str:
    """2004 -> "2004/05"."""
    return f"{year}/{(year + 1) % 100:02d}"


def _truth(rnd: random.Random, place: str) -> dict[tuple[str, int], float]:
    """Each indicator's real outturn per year (the plans quote these) for one authority."""
    out = {}
    for code, _, direction in INDICATORS:
        value = rnd.uniform(40, 80) if direction > 0 else rnd.uniform(8, 30)
        for year in range(2002, 2011):
            value = max(1.0, value + direction * rnd.uniform(-2, 4))
            out[(code, year)] = round(value, 1)
    return out


def make_plan(
    path: Path,
    place: str,
    atype: str,
    year: int,
    cpa: str,
    rnd: random.Random,
    truth: dict[tuple[str, int], float],
    *,
    revised: bool = False,
) -> None:
    """One plan: title, objectives, improvement, BVPI table, workforce statement (usually)."""
    name = f"{place} {SUFFIX[atype]}"
    doc = Document()
    doc.core_properties.title = f"{name} Best Value Performance Plan {label(year)}"
    doc.add_heading(f"{name}", level=0)
    doc.add_paragraph(f"Best Value Performance Plan {label(year)}")
    doc.add_heading("Foreword", level=1)
    doc.add_paragraph(
        f"This is the Best Value Performance Plan of {name} for {label(year)}. The Audit Commission's "
        f"Comprehensive Performance Assessment rated the council {cpa}."
    )
    doc.add_heading("Our strategic objectives and priorities for improvement", level=1)
    for i in range(rnd.randint(2, 5)):
        doc.add_paragraph(
            f"Priority {i + 1}: {rnd.choice(PRIORITIES)}.",
            style="List Bullet",
        )
    if rnd.random() > 0.15:
        doc.add_heading("Arrangements for addressing our improvement priorities", level=1)
        doc.add_paragraph(
            "Each priority has an action plan with named officers, milestones and expected outcomes: "
            "we expect recycling to rise to 30 per cent by 2006."
        )
    doc.add_heading("Performance indicators", level=1)
    drop_target = rnd.random() < 0.1
    years = [year - 1, year, year + 1, year + 2]
    header = ["Ref", "Indicator", f"{label(year - 1)} Outturn"] + [f"{label(y)} Target" for y in years[1:]]
    if drop_target:
        header = header[:-1]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for code, title, direction in INDICATORS:
        outturn = truth[(code, year - 1)]
        if revised and code == INDICATORS[0][0]:  # a revised edition restates last year's figure
            outturn = round(outturn + 1.3, 1)
        targets = [round(truth[(code, y)] + direction * rnd.uniform(-3, 3), 1) for y in years[1:]]
        cells = [code, title, f"{outturn}"] + [f"{t}" for t in targets]
        row = table.add_row().cells
        for cell, text in zip(row, cells[: len(header)], strict=True):
            cell.text = text
    if rnd.random() > 0.2:
        doc.add_heading("Contracts and workforce matters", level=1)
        doc.add_paragraph(
            "The council certifies that all individual contracts awarded during the past year comply, where "
            "applicable, with the requirements of the Code of Practice on Workforce Matters in Local "
            "Authority Service Contracts."
        )
    doc.add_paragraph(f"Published by {name}, 30 June {year}.")
    doc.save(str(path))


def make_corpus(folder: Path, n: int = 200, seed: int = 1999) -> Path:
    """``n`` plans under ``folder`` (in per-authority subfolders) and a manifest; returns the manifest."""
    rnd = random.Random(seed)
    rows = []
    i = 0
    for a, place in enumerate(PLACES):
        atype = TYPES[a % len(TYPES)]
        truth = _truth(rnd, place)
        sub = folder / place.lower().replace(" ", "-").replace("'", "")
        sub.mkdir(parents=True, exist_ok=True)
        for y in YEARS:
            if i >= n:
                break
            year = int(y[:4])
            revised = y == YEARS[-1] and a % 5 == 0  # a revised edition of the 2006/07 plan instead
            if revised:
                year, y = year - 1, YEARS[-2]
            cpa = CPA[(a + year) % len(CPA)]
            path = sub / (f"bvpp-{year}-revised.docx" if revised else f"bvpp-{year}.docx")
            make_plan(path, place, atype, year, cpa, rnd, truth, revised=revised)
            rows.append([str(path.relative_to(folder)), f"{place} {SUFFIX[atype]}", atype, cpa, "", y])
            i += 1
    manifest = folder / "plans.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "authority", "authority_type", "cpa", "previous_cpa", "year"])
        w.writerows(rows)
    return manifest
