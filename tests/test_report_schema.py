"""Every report plancheck writes is valid against the JSON Schema shipped in the package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from plancheck.config import Settings
from plancheck.engine import check_path
from plancheck.report import SCHEMA_PATH
from tests.conftest import FIXTURES, REPO, SEEDS, needs_shared

EXAMPLE = FIXTURES / "example" / "borsetshire-bvpp-2004.pdf"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _valid(validator: jsonschema.Draft202012Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize(
    "path",
    [
        EXAMPLE,
        FIXTURES / "example" / "borsetshire-bvpp-2004.docx",
        *sorted(p for p in (FIXTURES / "zoo").iterdir() if p.suffix in (".pdf", ".docx", ".odt", ".html")),
    ],
    ids=lambda p: p.name,
)
def test_plan_reports_are_valid(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    report = check_path(path, Settings(kind="plan"))
    _valid(validator, report.to_dict())


def test_not_checked_out_of_scope_and_unreadable_reports_are_valid(
    validator: jsonschema.Draft202012Validator, tmp_path: Path
) -> None:
    selected = check_path(EXAMPLE, Settings(select=("PC104",))).to_dict()
    assert {r["status"] for r in selected["requirements"]} >= {"met", "not_checked"}
    _valid(validator, selected)
    police = check_path(EXAMPLE, Settings(authority_type="police")).to_dict()
    assert police["summary"]["verdict"] == "out_of_scope"
    _valid(validator, police)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    unreadable = check_path(broken).to_dict()
    assert unreadable["document"]["kind"] == "unreadable"
    _valid(validator, unreadable)


@needs_shared
def test_a_paper_about_a_plan_gives_a_valid_report(validator: jsonschema.Draft202012Validator) -> None:
    for seed in sorted(SEEDS.glob("*.md"))[:2]:
        data = check_path(seed).to_dict()
        assert data["document"]["kind"] == "not_plan"
        _valid(validator, data)


def test_check_with_several_paths_prints_an_array_of_valid_reports(
    validator: jsonschema.Draft202012Validator,
) -> None:
    docx = FIXTURES / "example" / "borsetshire-bvpp-2004.docx"
    res = subprocess.run(
        [sys.executable, "-m", "plancheck", "check", "--format", "json", str(EXAMPLE), str(docx)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert res.returncode in (0, 1), res.stderr
    data = json.loads(res.stdout)
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        _valid(validator, item)
