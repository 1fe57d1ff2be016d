"""Run checks for the web app: settings from the form, a bounded queue, worker processes, kept results.

Each check is sent to the pool server (:mod:`plancheck.poolserver`), a separate
interpreter whose workers check under the time and memory limits; the web
process, which has threads, never forks. The event loop keeps serving while a
long plan is read. At most ``max_concurrent`` run at once (one per pool
worker); up to ``max_queue`` more wait; beyond that a request is refused (503).
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plancheck.catalogue import plan_year_problem, regimes
from plancheck.config import Settings
from plancheck.errors import PlancheckError
from plancheck.poolserver import PoolServer, PoolServerError
from plancheck.report import Report
from plancheck.settings_file import build_settings
from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES, PLAN_YEAR_SYNTAX
from plancheck.web.upload import Upload, UploadRejected

# Form field -> the build_settings option it sets (the names the check command uses).
FORM_OPTIONS = {
    "authority_type": "authority_type",
    "cpa": "cpa",
    "previous_cpa": "previous_cpa",
    "year": "year",
    "regime": "regime",
    "kind": "kind",
    "password": "password",
}
KEPT_RESULTS = 64
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class WebConfig:
    """How ``plancheck serve`` was started: check options, limits and where uploads go."""

    options: dict[str, Any] = field(default_factory=dict)
    """Options as ``plancheck.settings_file.build_settings`` takes them (serve's context and limit flags)."""
    config: str | None = None
    keep: Path | None = None
    max_upload_mb: int = 50
    max_concurrent: int = 2
    max_queue: int = 8
    retry_after_s: int = 30
    warm: bool = True
    """The pool server loads the readers and language pipeline before forking, so each worker starts warm."""
    upload_timeout_s: float = 300.0
    """A stalled or trickling upload loses its place after this long (408), so it cannot hold a slot."""
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    """Host headers served (a guard against DNS rebinding); ``*`` when serving beyond loopback."""

    @property
    def max_upload_bytes(self) -> int:
        """The upload cap in bytes."""
        return self.max_upload_mb * 1024 * 1024


def form_options(fields: dict[str, str]) -> dict[str, str]:
    """The check options a form gives, validated; UploadRejected(422) names a bad value or unknown field."""
    allowed: dict[str, tuple[str, ...]] = {
        "authority_type": AUTHORITY_TYPES,
        "cpa": CPA_CATEGORIES,
        "previous_cpa": CPA_CATEGORIES,
        "regime": tuple(regimes()),
        "kind": ("plan", "not_plan"),
    }
    unknown = sorted(set(fields) - set(FORM_OPTIONS))
    if unknown:
        raise UploadRejected(
            422, f"{unknown[0][:40]}: not a field of this form (fields: file, {', '.join(FORM_OPTIONS)})"
        )
    out: dict[str, str] = {}
    for name, option in FORM_OPTIONS.items():
        value = fields.get(name, "").strip()
        if not value:
            continue
        if name in allowed and value not in allowed[name]:
            raise UploadRejected(422, f"{name}: {value[:40]!r} is not one of {', '.join(allowed[name])}")
        if name == "year" and not PLAN_YEAR_SYNTAX.match(value):
            raise UploadRejected(422, f"year: {value[:40]!r} is not a plan year such as 2004/05 or 2004")
        if name == "year" and (problem := plan_year_problem(value)):
            raise UploadRejected(422, f"year: {problem}")
        out[option] = value
    return out


def settings_for(config: WebConfig, fields: dict[str, str]) -> Settings:
    """Serve's options overlaid with the form's, through the same build_settings as ``check``."""
    try:
        return build_settings(config.config, None, **{**config.options, **form_options(fields)})
    except PlancheckError as e:
        raise UploadRejected(422, str(e)) from None


def needs_password(report: Report) -> bool:
    """True when the file could not be read because it is encrypted."""
    reason = report.document.reason or ""
    return report.document.kind == "unreadable" and bool(re.search(r"password|encrypt", reason, re.I))


class CheckQueue:
    """Admission control and the concurrency bound for checks."""

    def __init__(self, max_concurrent: int, max_queue: int) -> None:
        self.max_concurrent = max_concurrent
        self.max_admitted = max_concurrent + max_queue
        self.admitted = 0
        self.running = 0
        self._slots: asyncio.Semaphore | None = None
        self.pool: PoolServer | None = None
        """Set by the app for the server's life (its lifespan starts and closes it)."""

    def admit(self) -> bool:
        """Take a place (running or waiting); False when the queue is full."""
        if self.admitted >= self.max_admitted:
            return False
        self.admitted += 1
        return True

    def leave(self) -> None:
        """Give back a place taken by :meth:`admit`."""
        self.admitted -= 1

    async def check(self, upload: Upload, settings: Settings) -> Report:
        """Check the stored upload in a pool worker once a slot is free."""
        if self._slots is None:  # created lazily: it belongs to the server's event loop
            self._slots = asyncio.Semaphore(self.max_concurrent)
        async with self._slots:
            self.running += 1
            try:
                if self.pool is None:
                    raise PoolServerError("the server is starting")
                report = await self.pool.check(str(upload.path), settings)
            except PoolServerError as e:
                from plancheck.engine import unreadable_report

                report = unreadable_report(str(upload.path), str(e), settings)
            finally:
                self.running -= 1
        # The report names what the officer uploaded, never the server's private path.
        doc = report.document
        shown = replace(doc, path=upload.display_name, format=doc.format or upload.format)
        return replace(report, document=shown)


class ResultStore:
    """The last few reports, by unguessable token, so the page can offer downloads."""

    def __init__(self, size: int = KEPT_RESULTS) -> None:
        self.size = size
        self._items: OrderedDict[str, Report] = OrderedDict()

    def put(self, report: Report) -> str:
        """Keep ``report``; return its token."""
        token = secrets.token_urlsafe(16)
        self._items[token] = report
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Report | None:
        """The report kept under ``token``, if still kept."""
        return self._items.get(token)
