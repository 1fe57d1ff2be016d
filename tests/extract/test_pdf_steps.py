"""The PDF extractor's small pure steps, on hand-built glyphs, segments and tables."""

from __future__ import annotations

from plancheck.extract.pdf_aligned import find_aligned_tables
from plancheck.extract.pdf_chars import Char
from plancheck.extract.pdf_furniture import find_furniture
from plancheck.extract.pdf_layout import (
    RawBlock,
    Segment,
    chars_to_segments,
    heading_level,
    heading_sizes,
    order_columns,
    segments_to_blocks,
)
from plancheck.extract.pdf_merge import merge_continued_tables
from plancheck.extract.pdf_open import pdf_date_to_iso
from plancheck.extract.pdf_tables import PageTable, cell_text, header_rows
from plancheck.model import Table


def word(
    text: str, x: float, top: float, size: float = 10.0, *, bold: bool = False, seq: int = 0
) -> list[Char]:
    """Glyphs of ``text`` set from ``x`` (0.5 em per glyph), a space glyph being a gap."""
    out: list[Char] = []
    space = False
    for i, ch in enumerate(text):
        if ch == " ":
            space = True
            continue
        x0 = x + i * size * 0.5
        out.append(Char(ch, x0, top, x0 + size * 0.5, top + size, size, bold, space, seq + i))
        space = False
    return out


def seg(
    text: str, x0: float, top: float, x1: float | None = None, size: float = 10.0, *, bold: bool = False
) -> Segment:
    return Segment(
        text, x0, top, x1 if x1 is not None else x0 + len(text) * size * 0.5, top + size, size, bold
    )


def test_chars_to_segments_splits_at_wide_gap_and_line_change() -> None:
    chars = (
        word("Ref Indicator", 50, 100) + word("42.0%", 300, 100, seq=20) + word("next line", 50, 114, seq=40)
    )
    segments = chars_to_segments(chars)
    assert [s.text for s in segments] == ["Ref Indicator", "42.0%", "next line"]
    assert segments[1].x0 == 300
    assert segments[2].top == 114


def test_chars_to_segments_majority_bold_and_size() -> None:
    segments = chars_to_segments(word("Heading", 50, 50, size=16, bold=True))
    assert segments[0].bold and segments[0].size == 16


def test_segments_to_blocks_paragraph_gap_and_bullets() -> None:
    segments = [
        seg("The Council has reviewed its", 50, 100),
        seg("services this year.", 50, 112),
        seg("A new paragraph after a gap.", 50, 140),
        seg("• a bulleted item", 50, 152),
    ]
    blocks = segments_to_blocks(segments, page=3)
    assert [b.text for b in blocks] == [
        "The Council has reviewed its services this year.",
        "A new paragraph after a gap.",
        "• a bulleted item",
    ]
    assert [b.list_item for b in blocks] == [False, False, True]
    assert all(b.page == 3 for b in blocks)


def test_segments_to_blocks_joins_a_word_broken_at_a_hyphen() -> None:
    blocks = segments_to_blocks([seg("an up-to-", 50, 100), seg("date appraisal", 50, 112)], page=1)
    assert blocks[0].text == "an up-to-date appraisal"


def test_order_columns_reads_the_left_column_first() -> None:
    title = seg("A title across both columns of the page", 50, 40, 550)
    left = [seg(f"left line {i} of prose in column one", 50, 80 + 12 * i, 280) for i in range(6)]
    right = [seg(f"right line {i} of prose in column two", 320, 80 + 12 * i, 550) for i in range(6)]
    ordered = order_columns([title, *right, *left], width=600)
    assert [s.text for s in ordered] == [title.text] + [s.text for s in left] + [s.text for s in right]


def test_aligned_columns_make_a_table_but_two_prose_columns_do_not() -> None:
    rows = [("Ref", "Indicator", "2003/04", "Target")] + [
        (f"BV {i}", f"Measure {i}", f"{i}.5%", f"{i}%") for i in range(5)
    ]
    segments = [
        seg(cell, x, 100 + 14 * r)
        for r, row in enumerate(rows)
        for cell, x in zip(row, (50, 120, 300, 400), strict=True)
    ]
    found = find_aligned_tables(segments, page=2)
    assert len(found) == 1
    table = found[0][0]
    assert table.rows == [list(r) for r in rows]
    assert table.header_rows == 1
    prose = [
        seg(f"Line {i} of the left column carries a sentence", 50, 100 + 12 * i, 280) for i in range(8)
    ] + [seg(f"Line {i} of the right column carries one too", 320, 100 + 12 * i, 550) for i in range(8)]
    assert find_aligned_tables(prose, page=1) == []


def _wrapped_table(gap_rows: float = 6.0) -> list[Segment]:
    """An unruled table: names wrapped over 1-3 lines and a bold group label wider than the code column."""
    out = [
        seg(t, x, 100, bold=True)
        for t, x in (("Ref", 50), ("Indicator", 120), ("2004/05", 300), ("Target", 400))
    ]
    top = 100.0
    body = [
        ("Corporate health", None, ()),
        ("BV 8", "Invoices paid", ("within 30 days of", "receipt or the agreed terms"), "91%", "93%"),
        ("BV 9", "Council tax collected", ("in the year",), "97.5%", "98%"),
        ("BV 10", "Rates collected", (), "98.1%", "98.4%"),
    ]
    for row in body:
        top += 10 + gap_rows
        code, name = row[0], row[1]
        if name is None:
            out.append(seg(code, 50, top, bold=True))  # a group label wider than the code column
            continue
        out += [seg(code, 50, top), seg(name, 120, top), seg(row[3], 300, top), seg(row[4], 400, top)]
        for more in row[2]:
            top += 12
            out.append(seg(more, 120, top))
    return out


def test_aligned_table_keeps_names_wrapped_over_lines_and_group_labels() -> None:
    (found,) = find_aligned_tables(_wrapped_table(), page=1)
    table = found[0]
    assert table.rows == [
        ["Ref", "Indicator", "2004/05", "Target"],
        ["Corporate health", "", "", ""],
        ["BV 8", "Invoices paid within 30 days of receipt or the agreed terms", "91%", "93%"],
        ["BV 9", "Council tax collected in the year", "97.5%", "98%"],
        ["BV 10", "Rates collected", "98.1%", "98.4%"],
    ]
    assert table.header_rows == 1  # the bold group label is a row of the body


def test_aligned_table_splits_a_code_run_into_its_name() -> None:
    segments = [seg(t, x, 100, bold=True) for t, x in (("Ref", 90), ("Indicator", 120), ("Target", 300))]
    for r, (code, name, value) in enumerate(
        [("BV 1", "Alpha", "1"), ("BV 2", "Beta", "2"), ("BV 3", "Gamma", "3")]
    ):
        segments += [seg(code, 90, 116 + 16 * r), seg(name, 120, 116 + 16 * r), seg(value, 300, 116 + 16 * r)]
    segments.append(seg("BV 82a Total tonnage", 90, 164))  # a code too close to its name
    segments.append(seg("4", 300, 164))
    (found,) = find_aligned_tables(segments, page=1)
    assert found[0].rows[-1] == ["BV 82a", "Total tonnage", "4"]


def test_header_rows_from_bold_or_labels() -> None:
    rows = [["Ref", "Value"], ["BV 8", "94%"], ["BV 9", "97%"]]
    assert header_rows(rows, [True, False, False], [False] * 3) == 1
    assert header_rows(rows, [False] * 3, [False] * 3) == 1  # labels over numbers
    assert header_rows([["a", "b"], ["c", "d"]], [False, False], [False, False]) == 0


def test_cell_text_follows_stream_order_across_lines() -> None:
    chars = word("Percentage of", 10, 10, seq=0) + word("households", 10, 22, seq=20)
    assert cell_text(list(reversed(chars))) == "Percentage of households"


def _part(rows: list[list[str]], page: int, header: int = 1) -> PageTable:
    return PageTable(rows, (50, 100, 500, 300), (50.0, 120.0, 300.0), header, page)


def test_merge_joins_a_table_continued_with_a_repeated_header() -> None:
    head = ["Ref", "Indicator", "Target"]
    first = _part([head, ["BV 1", "a", "1"], ["BV 2", "b", "2"]], page=4)
    second = _part([head, ["BV 3", "c", "3"]], page=5)
    merged = merge_continued_tables([[first], [second]])
    assert len(merged) == 1
    table = merged[0]
    assert isinstance(table, Table)
    assert table.rows == (tuple(head), ("BV 1", "a", "1"), ("BV 2", "b", "2"), ("BV 3", "c", "3"))
    assert table.pages == (4, 5)
    assert table.row_pages == (4, 4, 4, 5)


def test_merge_joins_on_column_positions_without_a_header_repeat() -> None:
    first = _part([["Ref", "Indicator", "Target"], ["BV 1", "a", "1"]], page=1)
    second = _part([["BV 2", "b", "2"]], page=2, header=0)
    (table,) = merge_continued_tables([[first], [second]])
    assert isinstance(table, Table) and len(table.rows) == 3 and table.row_pages == (1, 1, 2)


def test_merge_carries_a_wrapped_cell_over_the_page_break() -> None:
    head = ["Ref", "Indicator", "Target"]
    first = _part([head, ["BV 1", "Percentage of the", "1%"]], page=1)
    second = _part([head, ["", "total workforce", ""], ["BV 2", "b", "2"]], page=2)
    (table,) = merge_continued_tables([[first], [second]])
    assert isinstance(table, Table)
    assert table.rows[1:] == (("BV 1", "Percentage of the total workforce", "1%"), ("BV 2", "b", "2"))


def test_merge_keeps_tables_apart_when_text_comes_between() -> None:
    first = _part([["Ref", "Indicator", "Target"], ["BV 1", "a", "1"]], page=1)
    para = RawBlock("Some text", (50, 50, 500, 60), 10, False, False, 2)
    second = _part([["Ref", "Indicator", "Target"], ["BV 2", "b", "2"]], page=2)
    assert len([t for t in merge_continued_tables([[first], [para, second]]) if isinstance(t, Table)]) == 2


def test_furniture_repeats_allow_changing_page_numbers() -> None:
    pages = [
        (
            [
                seg("Borsetshire Plan 2004/05", 50, 20),
                seg("Body text", 50, 300),
                seg(f"Page {n} of 3", 250, 770),
            ],
            800.0,
        )
        for n in (1, 2, 3)
    ]
    marks = find_furniture(pages)
    assert marks == [{0: "header", 2: "footer"}] * 3


def test_heading_levels_rank_sizes_used_more_than_once() -> None:
    def block(text: str, size: float, *, bold: bool = False) -> RawBlock:
        return RawBlock(text, (0, 0, 1, 1), size, bold, False, 1)

    blocks = [block("Title page", 28), block("1. Introduction", 16), block("2. Objectives", 16),
              block("2.1 Clean streets", 13), block("2.2 Housing", 13), block("Body " * 30, 10)]  # fmt: skip
    sizes = heading_sizes(blocks, 10)
    assert sizes == [16, 13]
    assert [heading_level(b, 10, sizes) for b in blocks] == [1, 1, 1, 2, 2, None]
    assert heading_level(block("Bold run-in heading", 10, bold=True), 10, sizes) == 3  # below both sizes


def test_pdf_dates_become_iso() -> None:
    assert pdf_date_to_iso("D:20040512093000+01'00'") == "2004-05-12T09:30:00+01:00"
    assert pdf_date_to_iso("D:20040512") == "2004-05-12"
    assert pdf_date_to_iso("D:200805") == "2008-05"
    assert pdf_date_to_iso("garbage") is None
