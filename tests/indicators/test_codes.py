from __future__ import annotations

import pytest

from plancheck.indicators.codes import base_number, find_codes, local_code, normalise_code, stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BV 82a(i)", "BV82a(i)"),
        ("BV82a (ii)", "BV82a(ii)"),
        ("BVPI 8", "BV8"),
        ("BV12", "BV12"),
        ("BV053", "BV53"),
        ("BVPI 99a i", "BV99a(i)"),
        ("BVPI 99 a", "BV99a"),
        ("BVPI 99d(i)", "BV99d(i)"),
        ("BV 199a", "BV199a"),
        ("BV053, PAFC28, SP213", "BV53"),
        ("BV183b, CPAH15", "BV183b"),
        ("CPAH14, SP210, XBV183a", "BV183a"),
        ("BVPI 175 / CPA H19", "BV175"),
        ("NAWPI 12.1/BV 126", "BV126"),
        ("bvpi 8 and the rest", "BV8"),
        ("BV 12 in year", "BV12"),
    ],
)
def test_normalise_code(text: str, expected: str) -> None:
    assert normalise_code(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("2a", "BV2a"), ("3", "BV3"), ("11a", "BV11a"), ("082", "BV82")]
)
def test_bare_codes_only_under_a_code_column(text: str, expected: str) -> None:
    assert normalise_code(text, bare_ok=True) == expected
    assert normalise_code(text) is None


@pytest.mark.parametrize("text", ["2004/05", "12.5", "0", "45%", "LPI 12", "PAF C28", "Total"])
def test_not_codes(text: str) -> None:
    assert normalise_code(text, bare_ok=True) is None


def test_co_listed_codes_all_found() -> None:
    assert find_codes("BV82a(i) / BV82b") == ["BV82a(i)", "BV82b"]


def test_local_indicators_are_not_bvpis() -> None:
    assert local_code("LPI 12") == "LPI12"
    assert local_code("LPI0538") == "LPI0538"
    assert local_code("LoPI 3a") == "LPI3A"
    assert local_code("BV12") is None
    assert normalise_code("LPI 12") is None


def test_stem_and_number() -> None:
    assert stem("BV82a(i)") == "BV82a"
    assert base_number("BV82a(i)") == 82
