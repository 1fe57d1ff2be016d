"""Write one benchmark's section of bench/RESULTS.md, leaving the other sections alone."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(text: str, results: Path = RESULTS) -> None:
    """Put ``text`` (which starts with its ``## Heading`` line) in place of that section, or append it."""
    heading = text.split("\n", 1)[0]
    old = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n\n"
    start = old.find(heading + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        nxt = old.find("\n## ", start + len(heading))
        new = old[:start] + text.rstrip("\n") + "\n" + ("\n" + old[nxt + 1 :] if nxt >= 0 else "")
    results.write_text(new, encoding="utf-8")
