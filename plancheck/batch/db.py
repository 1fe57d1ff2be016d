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

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)

from plancheck.report import Report

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running, finished, interrupted
    Column("ruleset", String(32), nullable=False),
    Column("version", String(32), nullable=False),
    Column("source", Text, nullable=False),  # the directory or manifest
    Column("documents", Integer, nullable=False, default=0),
    Column("checked", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("sha256", String(64)),
    Column("context_key", String(32), nullable=False),
    Column("ruleset", String(32), nullable=False),
    Column("path", Text, nullable=False),
    Column("authority", Text),
    Column("authority_key", Text),  # normalised name, for grouping a council's plans across years
    Column("authority_type", String(32)),
    Column("cpa", String(16)),
    Column("previous_cpa", String(16)),
    Column("plan_year", String(16)),
    Column("regime", String(32)),
    Column("tier", String(32)),
    Column("format", String(16)),
    Column("pages", Integer),
    Column("kind", String(16), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("reason", Text),
    Column("limit_failure", Integer, nullable=False, default=0),  # 1: timed out or crashed the worker
    Column("timeout_s", Float),
    Column("memory_mb", Integer),
    Column("errors", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
    Column("elapsed_s", Float),
    Column("checked_at", DateTime(timezone=True), nullable=False),
    Column("report", Text, nullable=False),  # the contract JSON, so outputs can be rebuilt from here
    Index("ix_documents_key", "sha256", "context_key", "ruleset"),
    Index("ix_documents_authority", "authority_key", "plan_year"),
    Index("ix_documents_verdict", "verdict"),
)

requirement_results = Table(
    "requirement_results",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("requirement", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("applicability", String(16), nullable=False),
    Column("page", Integer),
    Column("quote", Text),
    Column("detail", Text),
    Index("ix_requirement_results_doc", "document_id"),
    Index("ix_requirement_results_status", "requirement", "status"),
)

indicators = Table(
    "indicators",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(32), nullable=False),
    Column("title", Text),
    Column("page", Integer),
    Column("outturn_year", String(16)),
    Column("outturn_value", Text),
    Column("targets", Text, nullable=False),  # JSON object: year label -> value or null
    Column("problems", Text, nullable=False),  # JSON array
    Index("ix_indicators_doc", "document_id"),
    Index("ix_indicators_code", "code"),
)

findings = Table(
    "findings",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("rule", String(16), nullable=False),
    Column("requirement", String(32)),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("page", Integer),
    Column("suppressed", Text),
    Index("ix_findings_doc", "document_id"),
    Index("ix_findings_rule", "rule", "severity"),
)

crossyear = Table(
    "crossyear",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("authority_key", Text, nullable=False),
    Column("authority", Text),
    Column("code", String(32), nullable=False),
    Column("year", String(16), nullable=False),  # the year the target or outturn is for
    Column("comparison", String(24), nullable=False),  # target_vs_outturn or restated_outturn
    Column("earlier_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("later_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("earlier_value", Text),
    Column("later_value", Text),
    Column("difference", Float),
    Column("polarity", String(8), nullable=False),  # higher, lower or unknown
    Column("verdict", String(16)),  # met, missed, changed, or null (no verdict possible)
    Index("ix_crossyear_authority", "authority_key", "year"),
)

CHILD_TABLES = (requirement_results, indicators, findings)


def open_db(url: str) -> Engine:
    """Connect to ``url`` and create any missing tables."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL: readers (the dashboard, a second terminal) never block the writer; a killed
    # process still loses nothing committed. Foreign keys make the cascade deletes real.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


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
            conn.execute(delete(documents).where(d.sha256.is_(None), d.path == r.document.path))
        row = _document_row(run_id, rec)
        did = int(conn.execute(insert(documents).values(**row).returning(documents.c.id)).scalar_one())
        _insert_many(conn, requirement_results, [_requirement_row(did, q) for q in r.requirements])
        _insert_many(conn, indicators, [_indicator_row(did, i) for i in r.indicators])
        _insert_many(conn, findings, [_finding_row(did, f) for f in r.findings])
        return did


def _insert_many(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), list(rows))


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


def _requirement_row(did: int, q: Any) -> dict[str, Any]:
    first = q.evidence[0] if q.evidence else None
    return {
        "document_id": did,
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


def load_reports(engine: Engine, document_ids: Iterable[int]) -> dict[int, tuple[Report, dict[str, Any]]]:
    """Stored reports and their document rows, by document id."""
    ids = sorted(set(document_ids))
    out: dict[int, tuple[Report, dict[str, Any]]] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for row in conn.execute(select(documents).where(documents.c.id.in_(ids[i : i + 500]))):
                m = dict(row._mapping)
                out[m["id"]] = (Report.from_dict(json.loads(m.pop("report"))), m)
    return out


def replace_crossyear(engine: Engine, authority_keys: Iterable[str], rows: Sequence[dict[str, Any]]) -> None:
    """Replace the cross-year comparisons of these authorities in one transaction."""
    keys = sorted(set(authority_keys))
    with engine.begin() as conn:
        for i in range(0, len(keys), 500):
            conn.execute(delete(crossyear).where(crossyear.c.authority_key.in_(keys[i : i + 500])))
        _insert_many(conn, crossyear, rows)
