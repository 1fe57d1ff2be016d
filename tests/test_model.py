"""The document model: heading paths and JSON round trips."""

from __future__ import annotations

import json

from plancheck.model import Block, Document, Table, with_heading_paths


def _doc() -> Document:
    items = with_heading_paths(
        [
            Block("heading", "1. Introduction", page=1, level=1),
            Block("paragraph", "This plan sets out our objectives.", page=1),
            Block("heading", "1.1 Scope", page=1, level=2),
            Block("paragraph", "Scope text.", page=2),
            Table(
                rows=(("Ref", "Indicator", "2003/04"), ("BV 8", "Invoices paid", "92%")),
                header_rows=1,
                pages=(2, 3),
                row_pages=(2, 3),
                nested=(Table(rows=(("a",),)),),
            ),
            Block("heading", "2. Objectives", page=3, level=1),
            Block("list_item", "A safer community", page=3),
        ]
    )
    return Document(
        path="plan.pdf",
        sha256="0" * 64,
        format="pdf",
        pages=3,
        items=items,
        furniture=(Block("paragraph", "Borsetshire DC BVPP 2004/05", page=1, region="footer"),),
        metadata={"title": "Plan", "created": "2004-06-30T00:00:00"},
    )


def test_heading_paths_close_at_same_or_higher_level() -> None:
    doc = _doc()
    paths = [i.heading_path for i in doc.items]
    assert paths[1] == ("1. Introduction",)
    assert paths[2] == ("1. Introduction",)  # a heading's own path excludes itself
    assert paths[3] == ("1. Introduction", "1.1 Scope")
    assert paths[4] == ("1. Introduction", "1.1 Scope")
    assert paths[5] == ()
    assert paths[6] == ("2. Objectives",)


def test_json_round_trip_is_lossless() -> None:
    doc = _doc()
    data = json.loads(json.dumps(doc.to_dict()))
    assert Document.from_dict(data) == doc


def test_table_accessors() -> None:
    table = _doc().tables[0]
    assert table.page == 2
    assert table.header == (("Ref", "Indicator", "2003/04"),)
    assert table.body == (("BV 8", "Invoices paid", "92%"),)
    assert table.row_page(1) == 3
    assert table.n_cols == 3
    assert len(_doc().all_tables()) == 2


def test_text_includes_table_cells() -> None:
    text = _doc().text()
    assert "BV 8 | Invoices paid | 92%" in text
    assert "Borsetshire" not in text  # furniture is kept out of the body
