"""The batch results database's tables (SQLAlchemy Core) and how to open it.

Tables: runs, documents (one row per sha256 + context + ruleset), their
requirement_results, indicators and findings, and the crossyear comparisons.
Indexes serve the common questions: is this file done, what about this
authority, which plans miss this requirement.
"""

from __future__ import annotations

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
    event,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running, finished, interrupted, abandoned
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
    Column("position", Integer, nullable=False),  # catalogue order within the document
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
