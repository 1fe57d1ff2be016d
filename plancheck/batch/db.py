"""The batch results database (SQLAlchemy Core): SQLite by default, any SQLAlchemy URL otherwise.

Only the batch client writes here, one transaction per document, so a run
killed at any moment keeps every finished result and no half-written one.
A result is keyed by the file's sha256, the context it was checked under and
the ruleset digest: the same three again mean the work is already done.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, insert, select, update

from plancheck.batch.schema import (
    crossyear,
    documents,
    findings,
    indicators,
    requirement_results,
    runs,
)
from plancheck.report import IndicatorRow, Report
from plancheck.vocabulary import exit_code_of


def _now() -> datetime:
    return datetime.now(UTC)


def start_run(engine: Engine, *, ruleset: str, version: str, source: str, total: int) -> int:
    """Record a new run and return its id."""
    with engine.begin() as conn:
        row = conn.execute(
            insert(runs)
            .values(
                started=_now(),
                status="running",
                ruleset=ruleset,
                version=version,
                source=source,
                documents=total,
                checked=0,
                skipped=0,
            )
            .returning(runs.c.id)
        )
        return int(row.scalar_one())


def mark_abandoned(engine: Engine) -> int:
    """Mark runs left ``running`` (killed, stopped by a full disk) as ``abandoned``; how many there were."""
    with engine.begin() as conn:
        done = conn.execute(update(runs).where(runs.c.status == "running").values(status="abandoned"))
    return int(done.rowcount or 0)


def finish_run(engine: Engine, run_id: int, *, status: str, checked: int, skipped: int) -> None:
    """Close a run with its outcome and counts."""
    with engine.begin() as conn:
        conn.execute(
            update(runs)
            .where(runs.c.id == run_id)
            .values(finished=_now(), status=status, checked=checked, skipped=skipped)
        )


@dataclass(frozen=True, slots=True)
class StoredResult:
    """What the database already holds for one (sha256, context, ruleset)."""

    document_id: int
    limit_failure: bool
    timeout_s: float | None
    memory_mb: int | None


def existing(
    engine: Engine, keys: Iterable[tuple[str, str]], ruleset: str
) -> dict[tuple[str, str], StoredResult]:
    """The newest stored result for each (sha256, context_key) under ``ruleset``."""
    wanted = set(keys)
    shas = sorted({s for s, _ in wanted})
    out: dict[tuple[str, str], StoredResult] = {}
    d = documents.c
    with engine.connect() as conn:
        for i in range(0, len(shas), 500):
            rows = conn.execute(
                select(d.id, d.sha256, d.context_key, d.limit_failure, d.timeout_s, d.memory_mb)
                .where(d.sha256.in_(shas[i : i + 500]), d.ruleset == ruleset)
                .order_by(d.id)
            )
            for r in rows:
                key = (r.sha256, r.context_key)
                if key in wanted:
                    out[key] = StoredResult(r.id, bool(r.limit_failure), r.timeout_s, r.memory_mb)
    return out


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One finished document, ready to store: the report plus what the batch knows about it."""

    report: Report
    sha256: str | None
    context_key: str
    authority: str | None
    authority_key: str | None
    limit_failure: bool
    timeout_s: float
    memory_mb: int
    elapsed_s: float | None


def save(engine: Engine, run_id: int, rec: DocumentRecord) -> int:
    """Store one document and its children in one transaction; an older result for the same key goes."""
    r = rec.report
    with engine.begin() as conn:
        if rec.sha256:
            d = documents.c
            conn.execute(
                delete(documents).where(
                    d.sha256 == rec.sha256, d.context_key == rec.context_key, d.ruleset == r.ruleset
                )
            )
        else:  # an unhashable file (vanished, unreadable directory entry): latest per path
            d = documents.c
            conn.execute(delete(documents).where(d.sha256.is_(None), d.path == _utf8(r.document.path)))
        row = _storable(_document_row(run_id, rec))
        did = int(conn.execute(insert(documents).values(**row).returning(documents.c.id)).scalar_one())
        reqs = [_requirement_row(did, i, q) for i, q in enumerate(r.requirements)]
        _insert_many(conn, requirement_results, reqs)
        _insert_many(conn, indicators, [_indicator_row(did, i) for i in r.indicators])
        _insert_many(conn, findings, [_finding_row(did, f) for f in r.findings])
        return did


def _insert_many(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), [_storable(r) for r in rows])


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """Text the database can encode: a lone surrogate (a non-UTF-8 file name's byte, a broken
    PDF's text) becomes its ``\\udcff`` escape instead of failing the whole batch."""
    return {k: _utf8(v) if isinstance(v, str) else v for k, v in row.items()}


def _utf8(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _document_row(run_id: int, rec: DocumentRecord) -> dict[str, Any]:
    r, c = rec.report, rec.report.context
    return {
        "run_id": run_id,
        "sha256": rec.sha256,
        "context_key": rec.context_key,
        "ruleset": r.ruleset,
        "path": r.document.path,
        "authority": rec.authority,
        "authority_key": rec.authority_key,
        "authority_type": c.authority_type,
        "cpa": c.cpa_category,
        "previous_cpa": c.previous_cpa,
        "plan_year": c.plan_year,
        "regime": c.regime,
        "tier": c.tier,
        "format": r.document.format,
        "pages": r.document.pages,
        "kind": r.document.kind,
        "verdict": r.summary.verdict,
        "reason": r.document.reason,
        "limit_failure": int(rec.limit_failure),
        "timeout_s": rec.timeout_s,
        "memory_mb": rec.memory_mb,
        "errors": r.summary.errors,
        "warnings": r.summary.warnings,
        "elapsed_s": rec.elapsed_s,
        "checked_at": _now(),
        "report": json.dumps(r.to_dict(), ensure_ascii=False),
    }


def _requirement_row(did: int, position: int, q: Any) -> dict[str, Any]:
    first = q.evidence[0] if q.evidence else None
    return {
        "document_id": did,
        "position": position,
        "requirement": q.id,
        "status": q.status,
        "applicability": q.applicability,
        "page": first.page if first else None,
        "quote": first.text if first else None,
        "detail": q.detail,
    }


def _indicator_row(did: int, i: Any) -> dict[str, Any]:
    return {
        "document_id": did,
        "code": i.code,
        "title": i.title,
        "page": i.page,
        "outturn_year": i.outturn_year,
        "outturn_value": i.outturn_value,
        "targets": json.dumps(dict(i.targets)),
        "problems": json.dumps(list(i.problems)),
    }


def _finding_row(did: int, f: Any) -> dict[str, Any]:
    return {
        "document_id": did,
        "rule": f.rule,
        "requirement": f.requirement,
        "severity": f.severity,
        "message": f.message,
        "page": f.location.page,
        "suppressed": f.suppressed,
    }


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the outputs need of one stored document, read from the tables (not the full report)."""

    row: dict[str, Any]
    """The documents row, without the report JSON."""
    requirements: tuple[tuple[str, str, str], ...]
    """(requirement id, status, applicability) in catalogue order."""
    indicators: tuple[IndicatorRow, ...]

    @property
    def exit_code(self) -> int:
        """The contract's exit code for this document's verdict (as Report.exit_code)."""
        return exit_code_of(self.row["verdict"])


def load_documents(engine: Engine, document_ids: Iterable[int]) -> dict[int, StoredDocument]:
    """The stored documents by id, with requirement statuses and indicator rows, a chunk at a time."""
    ids = sorted(set(document_ids))
    out: dict[int, StoredDocument] = {}
    cols = [c for c in documents.c if c.name != "report"]
    q, ind = requirement_results.c, indicators.c
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            reqs: dict[int, list[tuple[str, str, str]]] = {}
            for r in conn.execute(
                select(q.document_id, q.requirement, q.status, q.applicability)
                .where(q.document_id.in_(chunk))
                .order_by(q.document_id, q.position)
            ):
                reqs.setdefault(r.document_id, []).append((r.requirement, r.status, r.applicability))
            rows: dict[int, list[IndicatorRow]] = {}
            for r in conn.execute(select(indicators).where(ind.document_id.in_(chunk))):
                rows.setdefault(r.document_id, []).append(
                    IndicatorRow(
                        code=r.code,
                        page=r.page,
                        outturn_year=r.outturn_year,
                        outturn_value=r.outturn_value,
                        targets=tuple(json.loads(r.targets).items()),
                        problems=tuple(json.loads(r.problems)),
                        title=r.title,
                    )
                )
            for r in conn.execute(select(*cols).where(documents.c.id.in_(chunk))):
                m = dict(r._mapping)
                out[m["id"]] = StoredDocument(m, tuple(reqs.get(m["id"], ())), tuple(rows.get(m["id"], ())))
    return out


def worst_exit_code(engine: Engine, document_ids: Sequence[int]) -> int:
    """The worst contract exit code among these documents (without loading them)."""
    ids = sorted(set(document_ids))
    verdicts: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(
                select(documents.c.verdict).where(documents.c.id.in_(ids[i : i + 500])).distinct()
            )
            verdicts.update(r[0] for r in rows)
    return max((exit_code_of(v) for v in verdicts), default=0)


def load_report(engine: Engine, document_id: int) -> Report:
    """One stored report in full (to rebuild its HTML page)."""
    with engine.connect() as conn:
        text = conn.execute(select(documents.c.report).where(documents.c.id == document_id)).scalar_one()
    return Report.from_dict(json.loads(text))


def replace_crossyear(engine: Engine, authority_keys: Iterable[str], rows: Sequence[dict[str, Any]]) -> None:
    """Replace the cross-year comparisons of these authorities in one transaction."""
    keys = sorted(set(authority_keys))
    with engine.begin() as conn:
        for i in range(0, len(keys), 500):
            conn.execute(delete(crossyear).where(crossyear.c.authority_key.in_(keys[i : i + 500])))
        _insert_many(conn, crossyear, rows)
