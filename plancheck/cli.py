"""The command line: a thin click group over the library.

It parses arguments, builds :class:`~plancheck.config.Settings`, calls the
engine and picks a reporter. Every PlancheckError becomes a one-line message
and exit status 2; nothing here checks anything itself.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from plancheck import __version__
from plancheck.config import Settings
from plancheck.errors import ExtractionError, PlancheckError
from plancheck.extract import ExtractOptions, limit_field, limit_specs, limit_type
from plancheck.report import Report
from plancheck.settings_file import build_settings, extract_options
from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES, FORMATS, SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])



def context_options(f: F) -> F:
    """Options that say what the plan is (shared by check, batch and serve defaults)."""
    f = click.option(
        "--kind",
        type=click.Choice(("plan", "not_plan")),
        help="Say whether the document is a plan, overriding the classifier (for its rare miss).",
    )(f)
    f = click.option(
        "--regime", metavar="ID", help="Force a regime (bvpp-2000 ... bvpp-2008) instead of the year's."
    )(f)
    f = click.option("--year", metavar="YEAR", help="The plan year, 2004/05 or 2004.")(f)
    f = click.option(
        "--previous-cpa", type=click.Choice(CPA_CATEGORIES), help="The previous CPA category (Annex B)."
    )(f)
    f = click.option("--cpa", type=click.Choice(CPA_CATEGORIES), help="The CPA category or star rating.")(f)
    f = click.option("--authority-type", type=click.Choice(AUTHORITY_TYPES), help="The kind of authority.")(f)
    return f


class LimitAssignment(click.ParamType[tuple[str, float]]):
    """``KEY=VALUE`` for any limit in ExtractOptions (``max-zip-entries=5000``)."""

    name = "KEY=VALUE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, float]:
        """``"max-table-cells=20000"`` -> ``("max_table_cells", 20000)``, or a usage error naming the keys."""
        if isinstance(value, tuple):
            return value
        key, sep, number = str(value).partition("=")
        name = limit_field(key.strip())
        if not sep or name is None:
            keys = ", ".join(spec.key for spec in limit_specs().values())
            self.fail(f"{value!r}: expected KEY=VALUE with KEY one of: {keys}", param, ctx)
        spec, kind = limit_specs()[name], limit_type(name)
        try:
            parsed = kind(number.strip())
        except ValueError:
            what = "number" if kind is float else "whole number"
            self.fail(f"{value!r}: {number.strip()!r} is not a {what}", param, ctx)
        if parsed < spec.minimum:
            self.fail(f"{value!r}: {key.strip()} must be at least {spec.minimum:g}", param, ctx)
        return name, parsed


def limit_options(f: F) -> F:
    """Extraction limits and keys (shared by check, extract, batch and serve)."""
    f = click.option(
        "--limit", "limits", multiple=True, type=LimitAssignment(),
        help="Set any limit, e.g. --limit max-table-cells=20000 (README: Limits lists them all).",
    )(f)  # fmt: skip
    f = click.option(
        "--memory-mb", type=click.IntRange(0), help="Memory limit per document worker (MB; 0 = none)."
    )(f)
    f = click.option("--timeout", type=click.FloatRange(0.1), help="Time limit per document in seconds.")(f)
    f = click.option("--max-pages", type=click.IntRange(1), help="Refuse documents with more pages.")(f)
    f = click.option(
        "--ocr", is_flag=True, help="OCR image-only PDF pages (needs ocrmypdf and tesseract)."
    )(f)
    f = click.option("--password", metavar="PASSWORD", help="Password for an encrypted PDF.")(f)
    return f


def _fail(message: str) -> None:
    click.echo(f"plancheck: {message}", err=True)
    sys.exit(2)


EXTRAS = {
    "batch": ("sqlalchemy",),
    "cluster": ("sqlalchemy", "distributed"),
    "web": ("starlette", "uvicorn", "python_multipart"),
}
"""The libraries each optional extra of pyproject.toml brings, by the module names they import as."""


def require_extra(command: str, extra: str) -> None:
    """Exit 2 with one line naming the extra to install when ``command`` needs libraries that are missing."""
    import importlib.util

    missing = [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]
    if missing:
        _fail(
            f"{command} needs the {extra} extra ({', '.join(missing)} not installed): "
            f"pip install 'plancheck[{extra}]'"
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="plancheck")
def cli() -> None:
    """Check English Best Value Performance Plans against the statutory requirements."""


EXTENSION_FORMATS = {
    ".txt": "text", ".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif", ".csv": "csv",
    ".md": "markdown", ".markdown": "markdown",
}  # fmt: skip
"""The report format an ``-o`` file's extension implies, when ``--format`` is not given."""
STDIN = Path("-")


def output_problem(output: Path) -> str | None:
    """Why the report could not be written to ``output``, checked before any work; None when it can."""
    folder = output.parent
    if output.is_dir():
        return "is a folder; give a file name"
    if not folder.exists():
        return f"the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        return "cannot be written (permission denied)"
    return None


def _tally(reports: list[Report]) -> str:
    """ "3 documents: 1 compliant, 1 non-compliant, 1 unreadable" (the closing line for several files)."""
    from collections import Counter

    from plancheck.reporters.labels import VERDICT_WORDS

    counts = Counter(r.summary.verdict for r in reports)
    parts = [f"{n} {VERDICT_WORDS[v].lower()}" for v, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return f"{len(reports)} documents: " + ", ".join(parts)


def _statistics(reports: list[Report]) -> list[str]:
    """One line per rule with findings, most first: count, code, name (as ruff --statistics)."""
    from collections import Counter

    counts = Counter((f.rule, f.rule_name) for r in reports for f in r.findings if not f.suppressed)
    width = len(str(max(counts.values(), default=0)))
    return [f"{n:>{width}}  {code}  {name}" for (code, name), n in counts.most_common()]


def _stdin_report(settings: Settings, run: Callable[[Path, Settings], Report]) -> Report:
    """Check a document read from standard input (``-``): its format is sniffed from its bytes."""
    import tempfile

    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="plancheck-stdin-") as tmp:
        path = Path(tmp) / "stdin"
        path.write_bytes(data)
        report = run(path, settings)
    return replace(report, document=replace(report.document, path="-"))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@context_options
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS),
    help="Output format (default: from the -o file's extension, else text).",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE."
)
@click.option("--summary", is_flag=True, help="With --format csv: one row per document.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="A plancheck.toml to use.")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that fails."
)
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (code, name or prefix).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules.")
@click.option("--no-isolate", is_flag=True, help="Check in this process (no worker; limits not enforced).")
@click.option("-q", "--quiet", is_flag=True, help="Text: one verdict line per document, and the tally.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule raised, not the report.")
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when a plan falls short (2 still: a file was unreadable)."
)
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)  # fmt: skip
@limit_options
def check(paths: tuple[Path, ...], fmt: str | None, output: Path | None, summary: bool, config: str | None,
          no_isolate: bool, quiet: bool, statistics: bool, exit_zero: bool, color: str,
          **opts: Any) -> None:  # fmt: skip
    """Check one or more plans and report each requirement's status with evidence.

    PATH may be - to read one document from standard input. Exit status: 0
    every applicable requirement met (or out of scope), 1 at least one not
    met, 2 a file could not be checked. The worst status wins.
    """
    from plancheck import reporters
    from plancheck.engine import check_path
    from plancheck.isolate import check_path_isolated

    if output is not None and (problem := output_problem(output)):
        _fail(f"-o {output}: {problem}")
    if fmt is None and output is not None and output.suffix.lower() not in EXTENSION_FORMATS:
        _fail(f"-o {output}: give --format, or a file name ending {', '.join(EXTENSION_FORMATS)}")
    fmt = fmt or (EXTENSION_FORMATS[output.suffix.lower()] if output is not None else "text")
    try:
        start = next((p.parent for p in paths if p != STDIN), None)
        settings = build_settings(config, start, **opts)
    except PlancheckError as e:
        _fail(str(e))
    run = check_path if no_isolate else check_path_isolated
    reports = [_stdin_report(settings, run) if p == STDIN else run(p, settings) for p in paths]
    for r in reports:
        if r.document.kind == "unreadable":
            click.echo(f"plancheck: {r.document.path}: {r.document.reason}", err=True)
    status = max(r.exit_code for r in reports)
    status = 0 if exit_zero and status == 1 else status
    if statistics or (quiet and fmt == "text"):
        lines = _statistics(reports) if statistics else [_verdict_line(r) for r in reports]
        click.echo("\n".join([*lines, _tally(reports)] if len(reports) > 1 else lines))
        sys.exit(status)
    writer = reporters.get(fmt)
    options: dict[str, Any] = {"summary": summary} if summary else {}
    if fmt == "html" and output is not None:
        options["report_path"] = output  # page numbers link to the PDF beside the report
    if fmt == "text" and color != "auto":
        options["color"] = color == "always"
    try:
        if output:
            # A non-UTF-8 file name (a lone surrogate) is written as its \udcff escape: the report stays
            # valid UTF-8, and in JSON the escape reads back as the very name.
            with output.open("w", encoding="utf-8", errors="backslashreplace", newline="") as f:
                writer(reports, f, **options)
        else:
            writer(reports, sys.stdout, **options)
            if fmt == "text" and len(reports) > 1:
                click.echo(f"\n{_tally(reports)}")
    except OSError as e:
        _fail(f"-o {output}: could not write the report ({e.strerror or e})")
    sys.exit(status)


def _verdict_line(r: Report) -> str:
    """ "plan.pdf: NON-COMPLIANT (3 errors, 1 warning)" for --quiet."""
    from plancheck.reporters.labels import VERDICT_WORDS, counts_phrase

    return f"{r.document.path}: {VERDICT_WORDS[r.summary.verdict].upper()} ({counts_phrase(r)})"


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--roles", is_flag=True,
    help="Print the document's genre and every sentence's role (content, heading, toc, requirement, ...) "
    "instead of the model: why a sentence did or did not count.",
)  # fmt: skip
@limit_options
def extract(path: Path, roles: bool, **opts: Any) -> None:
    """Print the extracted document model as JSON (a debugging aid)."""
    from plancheck.extract import load

    options = extract_options(ExtractOptions(), opts)
    try:
        doc = load(path, options)
    except ExtractionError as e:
        _fail(str(e))
    if roles:
        from plancheck.docindex import role_listing

        for line in role_listing(doc):
            click.echo(line)
        return
    json.dump(doc.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def main() -> None:
    """Console-script entry point."""
    from plancheck.commands import register

    register(cli)
    cli()
