"""The command line as ruff, ESLint and Vale users expect it: values checked in one place (one line, exit
2, never a traceback), the format from the -o extension, text when piped, --quiet, --statistics,
--exit-zero, --color, and - for standard input. Every test runs the real CLI on the bundled plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO

PDF = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"
DOCX = FIXTURES / "example" / "borsetshire-bvpp-2004.docx"
GAPS = FIXTURES / "generated" / "indicators-gaps-2004.docx"


def run(
    *args: str | Path, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "plancheck", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=300,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    out = subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("plancheck: "), done.stderr
    for w in words:
        assert w in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--year", "banana"), ("--year", "'banana' is not a plan year")),
        (("--year", "2030/31"), ("--year", "2000/01 to 2008/09")),
        (("--year", "1999"), ("--year", "2000/01 to 2008/09")),
        (("--regime", "bvpp-1999"), ("--regime", "bvpp-2004")),
        (("-o", "/nonexistent/dir/r.html"), ("/nonexistent/dir", "does not exist")),
        (("-o", "report.xyz"), ("report.xyz", "--format")),
    ],
)
def test_a_wrong_value_is_one_line_and_exit_2(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    one_line_error(run("check", PDF, *args), *words)


def test_explain_an_unknown_rule_is_a_usage_error() -> None:
    one_line_error(run("explain", "PC999"), "PC999", "plancheck rules")


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# ")])
def test_the_format_follows_the_output_files_extension(tmp_path: Path, name: str, start: str) -> None:
    done = run("check", "--no-isolate", PDF, "-o", tmp_path / name)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_text_stays_text_when_piped_and_several_files_end_with_a_tally() -> None:
    done = run("check", "--no-isolate", PDF, GAPS)
    assert done.returncode == 1
    assert "Verdict: COMPLIANT" in done.stdout and "Verdict: NOT COMPLIANT" in done.stdout
    assert "\x1b[" not in done.stdout
    assert done.stdout.rstrip().splitlines()[-1] == "2 documents: 1 compliant, 1 not compliant"


def test_quiet_prints_a_verdict_line_per_document_and_exit_zero_keeps_status_0() -> None:
    done = run("check", "--no-isolate", "-q", PDF, GAPS)
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{PDF}: COMPLIANT (")
    assert lines[1].startswith(f"{GAPS}: NOT COMPLIANT (") and len(lines) == 3
    assert done.returncode == 1
    assert run("check", "--no-isolate", "-q", "--exit-zero", GAPS).returncode == 0


def test_statistics_counts_findings_per_rule() -> None:
    done = run("check", "--no-isolate", "--statistics", GAPS)
    rows = [line.split() for line in done.stdout.splitlines()]
    report = json.loads(run("check", "--no-isolate", "--format", "json", GAPS).stdout)
    want = {}
    for f in report["findings"]:
        want[f["rule"]] = want.get(f["rule"], 0) + 1
    assert {code: int(n) for n, code, _ in rows} == want
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


def test_color_always_never_and_no_color() -> None:
    assert "\x1b[" in run("check", "--no-isolate", "--color", "always", PDF).stdout
    assert "\x1b[" not in run("check", "--no-isolate", "--color", "never", PDF).stdout
    assert "\x1b[" not in run("check", "--no-isolate", PDF, env={"NO_COLOR": "1"}).stdout


def test_a_dash_reads_the_document_from_standard_input() -> None:
    done = run("check", "--no-isolate", "--format", "json", "-", stdin=DOCX.read_bytes())
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["document"]["path"] == "-" and report["document"]["format"] == "docx"
    assert report["summary"]["verdict"] == "compliant"


@pytest.mark.parametrize(
    ("hidden", "args", "extra"),
    [
        ("sqlalchemy", ("batch", "fixtures/example"), "batch"),
        ("distributed", ("batch", "fixtures/example", "--scheduler", "tcp://127.0.0.1:1"), "cluster"),
        ("starlette", ("serve", "--port", "0"), "web"),
        ("python_multipart", ("serve", "--port", "0"), "web"),
    ],
)
def test_a_command_whose_extra_is_missing_names_it(hidden: str, args: tuple[str, ...], extra: str) -> None:
    # The library is hidden as if never installed (a None entry in sys.modules fails its import).
    code = (
        f"import sys; sys.modules[{hidden!r}] = None; from plancheck.cli import main; "
        f"sys.argv = ['plancheck', *{list(args)!r}]; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and f"pip install 'plancheck[{extra}]'" in done.stderr
    assert hidden in done.stderr and "Traceback" not in done.stderr


def test_the_html_paper_links_each_page_to_the_pdf(tmp_path: Path) -> None:
    plans, papers = tmp_path / "plans", tmp_path / "papers"
    plans.mkdir()
    papers.mkdir()
    pdf = plans / "plan 2004.pdf"
    pdf.write_bytes(PDF.read_bytes())
    done = run("check", "--no-isolate", pdf, "-o", papers / "paper.html")
    assert done.returncode == 0, done.stderr
    html = (papers / "paper.html").read_text(encoding="utf-8")
    report = json.loads(run("check", "--no-isolate", "--format", "json", pdf).stdout)
    pages = {e["page"] for q in report["requirements"] for e in q["evidence"] if e["page"]}
    assert pages
    for page in pages:  # relative to the page, so the pair can be moved together
        assert f'href="../plans/plan%202004.pdf#page={page}"' in html
    # A Word file has no pages to link to.
    run("check", "--no-isolate", DOCX, "-o", papers / "word.html")
    assert "#page=" not in (papers / "word.html").read_text(encoding="utf-8")


def test_the_html_paper_shows_what_the_plan_printed_beside_a_gap(tmp_path: Path) -> None:
    done = run("check", "--no-isolate", GAPS, "-o", tmp_path / "paper.html")
    assert done.returncode == 1, done.stderr
    html = (tmp_path / "paper.html").read_text(encoding="utf-8")
    report = json.loads(run("check", "--no-isolate", "--format", "json", GAPS).stdout)
    bv78a = next(i for i in report["indicators"] if i["code"] == "BV78a")
    assert bv78a["printed"] == {"outturn": "TBC"}  # the JSON keeps it too
    assert "“TBC” <span class=\"muted\">no figure, 2003/04</span>" in html
