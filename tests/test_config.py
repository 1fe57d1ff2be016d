"""plancheck.toml / [tool.plancheck]: discovery, every setting, and one-line errors through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.config import Settings
from plancheck.errors import ConfigError
from plancheck.settings_file import TOP_KEYS, find_config, load_settings, parse_settings
from tests.conftest import REPO

GOOD = """
authority-type = "district"
cpa = "good"
previous-cpa = "fair"
year = "2004/05"
regime = "bvpp-2004"
kind = "plan"
select = ["PC001"]
ignore = ["unused-suppression"]
fail-on = "warning"
star-threshold = 4

[severity]
PC001 = "warning"

[limits]
max-pages = 50
timeout = 30
memory-mb = 512

[[suppress]]
requirement = "EFFICIENCY"
document = "plans/*.docx"
reason = "Efficiency statement published separately (minute 42)."
"""


def make_plan(path: Path) -> Path:
    """A small but real Word plan, written with python-docx."""
    doc = DocxDocument()
    doc.add_heading("Borsetshire District Council Best Value Performance Plan 2004/05", 0)
    doc.add_heading("Our priorities", 1)
    doc.add_paragraph("Our strategic objectives are cleaner streets & safer communities.")
    table = doc.add_table(rows=2, cols=5)
    for i, text in enumerate(
        ("BVPI", "Actual 2003/04", "Target 2004/05", "Target 2005/06", "Target 2006/07")
    ):
        table.cell(0, i).text = text
    for i, text in enumerate(("BV8", "96.1%", "97%", "97.5%", "98%")):
        table.cell(1, i).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancheck", "check", "--no-isolate", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd or REPO,
    )


def test_a_full_config_sets_every_field(tmp_path: Path) -> None:
    cfg = tmp_path / "plancheck.toml"
    cfg.write_text(GOOD, encoding="utf-8")
    s = load_settings(str(cfg), None)
    assert (s.authority_type, s.cpa, s.previous_cpa, s.year, s.regime) == (
        "district", "good", "fair", "2004/05", "bvpp-2004",
    )  # fmt: skip
    assert s.kind == "plan"
    assert s.select == ("PC001",) and s.ignore == ("unused-suppression",)
    assert s.fail_on == "warning" and s.star_threshold == 4
    assert s.severity == {"PC001": "warning"}
    assert (s.extract.max_pages, s.extract.timeout_s, s.extract.memory_mb) == (50, 30.0, 512)
    (sup,) = s.suppressions
    assert sup.requirement == "EFFICIENCY" and sup.document == "plans/*.docx"
    assert sup.reason == "Efficiency statement published separately (minute 42)."
    assert sup.key == "plancheck.toml: suppress[0]" and sup.base == str(tmp_path.resolve())
    assert s.config_path == str(cfg)


def test_no_config_anywhere_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(None, tmp_path) == Settings()


def test_discovery_walks_up_and_prefers_plancheck_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.plancheck]\nyear = "2005/06"\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_settings(None, deep).year == "2005/06"
    (tmp_path / "a" / "plancheck.toml").write_text('year = "2006/07"\n', encoding="utf-8")
    assert find_config(deep / "plan.pdf") == tmp_path / "a" / "plancheck.toml"
    assert load_settings(None, deep).year == "2006/07"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("year = 2004/05\n", None, "not valid TOML"),
        ("colour = 'red'\n", "colour", "unknown key"),
        ("[limits]\npages = 5\n", "limits.pages", "unknown key"),
        ("year = 2004\n", "year", "must be a plan year"),
        ('year = "next year"\n', "year", "is not a plan year"),
        ('authority-type = "borough"\n', "authority-type", "is not one of"),
        ('fail-on = "fatal"\n', "fail-on", "is not one of"),
        ('kind = "report"\n', "kind", "is not one of"),
        ("star-threshold = true\n", "star-threshold", "must be a whole number, not a boolean"),
        ("star-threshold = 9\n", "star-threshold", "out of range"),
        ("[limits]\ntimeout = '10s'\n", "limits.timeout", "must be a number, not a string"),
        ('select = ["PC999"]\n', "select[0]", "not a known rule"),
        ('ignore = "PC001"\n', "ignore", "must be a list of strings"),
        ('[severity]\nPC777 = "info"\n', "severity.PC777", "unknown rule"),
        ('[severity]\nPC001 = "loud"\n', "severity.PC001", "is not one of"),
        ('[[suppress]]\nrule = "PC001"\n', "suppress[0].reason", "needs a reason"),
        ('[[suppress]]\nrule = "PC001"\nreason = "  "\n', "suppress[0].reason", "needs a reason"),
        ('[[suppress]]\nrule = "nope"\nreason = "r"\n', "suppress[0].rule", "not a known rule"),
        (
            '[[suppress]]\nrequirement = "NOPE"\nreason = "r"\n',
            "suppress[0].requirement",
            "not a requirement",
        ),
        ('[[suppress]]\nreason = "r"\n', "suppress[0]", "must name a rule or a requirement"),
        ('[[suppress]]\nrule = "PC001"\nreason = "r"\nwhy = "x"\n', "suppress[0].why", "unknown key"),
    ],
)
def test_bad_config_is_a_config_error_naming_file_and_key(
    tmp_path: Path, text: str, key: str | None, problem: str
) -> None:
    cfg = tmp_path / "plancheck.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_settings(str(cfg), None)
    assert e.value.key == key
    assert problem in e.value.problem
    assert str(e.value).startswith(f"{cfg}: ")


def test_pyproject_errors_name_the_tool_table(tmp_path: Path) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.plancheck]\nyaer = "2004/05"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.plancheck.yaer: unknown key"):
        load_settings(str(cfg), None)
    cfg.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.plancheck\] table"):
        load_settings(str(cfg), None)


def test_cli_bad_config_is_one_line_exit_2(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plans" / "plan.docx")
    (tmp_path / "plancheck.toml").write_text('[[suppress]]\nrule = "PC001"\n', encoding="utf-8")
    res = run_cli(plan, "--format", "json")
    assert res.returncode == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("plancheck: ") and "plancheck.toml: suppress[0].reason: " in lines[0]
    assert "Traceback" not in res.stderr


def test_cli_bad_toml_given_with_config_is_one_line_exit_2(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.docx")
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text("year = [unclosed\n", encoding="utf-8")
    res = run_cli(plan, "--config", cfg)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and f"{cfg}: not valid TOML" in res.stderr


def test_cli_uses_the_config_found_beside_the_plan(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plans" / "plan.docx")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plancheck]\nauthority-type = "district"\nyear = "2004/05"\ncpa = "good"\n', encoding="utf-8"
    )
    res = run_cli(plan, "--format", "json")
    assert res.returncode in (0, 1), res.stderr
    ctx = json.loads(res.stdout)["context"]
    assert (ctx["authority_type"], ctx["plan_year"], ctx["cpa_category"]) == ("district", "2004/05", "good")
    # A command-line option beats the file.
    res = run_cli(plan, "--format", "json", "--year", "2005/06")
    assert json.loads(res.stdout)["context"]["plan_year"] == "2005/06"


def test_the_documented_example_config_is_valid(tmp_path: Path) -> None:
    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    cfg = tmp_path / "plancheck.toml"
    cfg.write_text(example, encoding="utf-8")
    s = load_settings(str(cfg), None)
    assert s.severity == {"PC206": "info", "late-publication": "error"}
    assert s.suppressions[0].rule == "PC104" and s.suppressions[0].authority == "Borsetshire*"


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.floats(-1, 1e4), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
keys = st.sampled_from([*TOP_KEYS, "unknown"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, values, max_size=4))
def test_any_table_is_settings_or_a_config_error(data: dict[str, object]) -> None:
    clean = {k: v for k, v in data.items() if v is not None}
    try:
        parse_settings(clean, "fuzz.toml")
    except ConfigError as e:
        assert str(e).startswith("fuzz.toml")


@pytest.mark.parametrize(("option", "value"), [("--select", "PC999"), ("--ignore", "nonsense")])
def test_cli_unknown_rule_in_select_or_ignore_is_one_line_exit_2(
    tmp_path: Path, option: str, value: str
) -> None:
    plan = make_plan(tmp_path / "plan.docx")
    res = run_cli(plan, option, value, "--format", "json")
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1 and f"{option}: no rule is called '{value}'" in res.stderr
    assert "plancheck rules" in res.stderr and "Traceback" not in res.stderr
