"""A real uvicorn server on a free loopback port, and a Word plan built with python-docx."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from docx import Document as DocxDocument

from plancheck.web.app import WebApp, create_app
from plancheck.web.runner import WebConfig

# Small limits so the tests exercise them quickly; the checks still run in real worker processes.
TEST_CONFIG = WebConfig(options={"timeout": 120.0}, max_upload_mb=2, max_concurrent=2, max_queue=30)


@dataclass
class Served:
    """A running server: its base URL and the app's state (queue, upload directory)."""

    url: str
    web: WebApp


@contextlib.contextmanager
def serving(config: WebConfig) -> Iterator[Served]:
    """Run the app under uvicorn in a thread; yield where it listens; stop it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", app.state.web)
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with serving(TEST_CONFIG) as s:
        yield s


@pytest.fixture(scope="module")
def base_url(served: Served) -> str:
    return served.url


def build_docx_plan(path: Path, note: str = "") -> Path:
    """A district's 2004/05 plan with objectives, indicators and targets, but no workforce statement."""
    d = DocxDocument()
    d.core_properties.title = "Borchester District Council Best Value Performance Plan 2004/05"
    d.add_heading("Borchester District Council", 0)
    d.add_paragraph("Best Value Performance Plan 2004/05. Published 30 June 2004.")
    d.add_heading("1. Introduction", 1)
    d.add_paragraph(
        "This Best Value Performance Plan sets out how Borchester District Council performed in 2003/04 and "
        "the targets it has set for the next three years, under section 6 of the Local Government Act 1999."
    )
    d.add_heading("2. Our objectives and priorities", 1)
    d.add_paragraph("The Council's corporate objectives for 2004/05 are:")
    for aim in ("A cleaner and greener district", "Safer communities", "Decent affordable homes"):
        d.add_paragraph(aim, style="List Bullet")
    d.add_heading("3. Our performance", 1)
    table = d.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    head = ("Ref", "Indicator", "Outturn 2003/04", "2004/05", "2005/06", "2006/07")
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for row in (
        ("BV 82a(i)", "Percentage of household waste recycled", "14.2%", "16.0%", "18.0%", "20.0%"),
        ("BV 84", "Kilograms of household waste collected per head", "402", "398", "395", "390"),
        ("BV 12", "Working days lost to sickness absence", "9.1", "8.8", "8.5", "8.2"),
    ):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    d.add_heading("4. Improvement priorities", 1)
    d.add_paragraph("We will extend kerbside recycling to every parish by March 2005 and review cleansing.")
    if note:
        d.add_paragraph(note)
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def docx_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx_plan(tmp_path_factory.mktemp("plan") / "Borchester BVPP 2004-05 (draft).docx")
