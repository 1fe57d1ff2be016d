"""Render the README's generated parts: every command's ``--help``, and the table of limits.

``python -m plancheck.clidoc --write`` rewrites the blocks between the
``<!-- cli-reference:start/end -->`` and ``<!-- limits:start/end -->`` markers
(a test fails when either is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
LIMITS_START = "<!-- limits:start -->"
LIMITS_END = "<!-- limits:end -->"


def render() -> str:
    """Markdown for ``plancheck --help`` and each subcommand's help."""
    from plancheck.cli import cli
    from plancheck.commands import register

    register(cli)
    parts = []
    # make_context applies each command's context_settings (-h, --help; width), so the text is
    # the same whatever else has run in this process.
    root = cli.make_context("plancheck", [], resilient_parsing=True, terminal_width=100)
    parts.append("```text\n$ plancheck --help\n" + cli.get_help(root) + "\n```")
    for name in sorted(cli.commands):
        command = cli.commands[name]
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True, terminal_width=100)
        parts.append(f"#### `plancheck {name}`\n\n```text\n" + command.get_help(ctx) + "\n```")
    return "\n\n".join(parts)


def render_limits() -> str:
    """Markdown table of every limit, from the declarations in ExtractOptions."""
    from plancheck.extract import ExtractOptions, limit_specs, limit_value

    defaults = ExtractOptions()
    rows = [
        "| key (`[limits]`) | default | option | bounds | why | when hit |",
        "|---|---|---|---|---|---|",
    ]
    for name, spec in limit_specs().items():
        rows.append(
            f"| `{spec.key}` | {limit_value(defaults, name)} | `{spec.option}` | {spec.bounds} "
            f"| {spec.why} | {spec.hit} |"
        )
    return "\n".join(rows)


def splice(readme: str, block: str, start: str = START, end: str = END) -> str:
    """``readme`` with the block between ``start`` and ``end`` replaced by ``block``."""
    head, _, rest = readme.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{block}\n{end}{tail}"


def refresh(readme: str) -> str:
    """``readme`` with every generated block brought up to date."""
    readme = splice(readme, render())
    return splice(readme, render_limits(), LIMITS_START, LIMITS_END)


def main() -> None:
    """Print the generated blocks, or with --write update README.md in place."""
    if "--write" in sys.argv:
        path = Path(__file__).resolve().parent.parent / "README.md"
        path.write_text(refresh(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(render() + "\n\n" + render_limits() + "\n")


if __name__ == "__main__":
    main()
