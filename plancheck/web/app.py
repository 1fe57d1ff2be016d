"""The Starlette app: the self-check page, the JSON API and report downloads.

Upload -> private temp file (random name, sniffed type) -> worker process
under the check limits -> Report -> page, JSON or a reporter's download. The
app never checks anything itself; it only runs the engine and shows reports.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from plancheck import __version__, reporters
from plancheck.engine import ruleset_digest
from plancheck.poolserver import PoolServer, PoolServerError
from plancheck.report import Report
from plancheck.web import openapi
from plancheck.web.runner import CheckQueue, ResultStore, WebConfig, needs_password, settings_for
from plancheck.web.security import SecurityHeaders, report_csp
from plancheck.web.upload import UploadRejected, receive_upload
from plancheck.web.views import MEDIA_TYPES, available_formats, page_context

HERE = Path(__file__).parent
log = logging.getLogger("plancheck.web")


class Busy(Exception):
    """Every check slot and queue place is taken."""


class WebApp:
    """Holds the configuration, the queue, the kept results and the private upload directory."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.queue = CheckQueue(config.max_concurrent, config.max_queue)
        self.store = ResultStore()
        self.upload_dir: Path | None = None
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        """For the server's life: the private upload directory (mode 0700) and the pool server.

        The pool server (an exec'ed interpreter) warms up and forks the workers, so this process,
        which has threads, never forks. Leaving stops it and its workers, then removes the uploads.
        """
        self.upload_dir = Path(tempfile.mkdtemp(prefix="plancheck-web-"))
        if self.config.keep is not None:
            self.config.keep.mkdir(mode=0o700, parents=True, exist_ok=True)
        pool = self.queue.pool = PoolServer(self.config.max_concurrent, warm=self.config.warm)
        try:
            try:  # awaited, so the first check finds warm workers
                await pool.start()
            except PoolServerError as e:  # the first check tries again, and reports why if it fails
                log.warning("plancheck: the check server did not start (%s)", e)
            yield
        finally:
            await pool.close()
            shutil.rmtree(self.upload_dir, ignore_errors=True)

    async def run_check(self, request: Request) -> tuple[Report, dict[str, str]]:
        """Receive the upload and check it; raises Busy or UploadRejected."""
        if self.upload_dir is None:
            raise UploadRejected(503, "the server is starting")
        if not self.queue.admit():
            raise Busy
        try:
            try:
                with anyio.fail_after(self.config.upload_timeout_s):
                    upload = await receive_upload(
                        dict(request.headers), request.stream(), self.upload_dir, self.config.max_upload_bytes
                    )
            except TimeoutError:
                raise UploadRejected(
                    408, f"the upload took longer than {self.config.upload_timeout_s:g} s"
                ) from None
            try:
                settings = settings_for(self.config, upload.fields)
                report = await self.queue.check(upload, settings)
            finally:
                upload.discard(self.config.keep)
            return report, upload.fields
        finally:
            self.queue.leave()

    def render(
        self, status: int = 200, headers: dict[str, str] | None = None, **context: Any
    ) -> HTMLResponse:
        """The index page with ``context``."""
        base = {"version": __version__, "max_upload_mb": self.config.max_upload_mb}
        html = self.templates.get_template("index.html").render(**base, **context)
        return HTMLResponse(html, status_code=status, headers=headers)

    async def index(self, _request: Request) -> Response:
        """GET /: the empty form."""
        return self.render(**page_context(None, {}))

    async def check_page(self, request: Request) -> Response:
        """POST /check: check the upload and show the result with the form pre-filled for a re-check."""
        try:
            report, fields = await self.run_check(request)
        except Busy:
            return self.render(503, self._retry_after(), **page_context(None, {}, error=self._busy_text()))
        except UploadRejected as e:
            return self.render(e.status, **page_context(None, {}, error=e.reason))
        token = self.store.put(report)
        return self.render(**page_context(report, fields, token=token, ask_password=needs_password(report)))

    async def check_api(self, request: Request) -> Response:
        """POST /api/check: the contract JSON for the upload."""
        try:
            report, _ = await self.run_check(request)
        except Busy:
            return JSONResponse({"error": self._busy_text()}, 503, headers=self._retry_after())
        except UploadRejected as e:
            return JSONResponse({"error": e.reason}, e.status)
        return JSONResponse(report.to_dict())

    async def download(self, request: Request) -> Response:
        """GET /reports/{token}/report.{fmt}: a kept report in one of the reporters' formats."""
        fmt = request.path_params["fmt"]
        report = self.store.get(request.path_params["token"])
        if report is None or fmt not in available_formats():
            return JSONResponse(
                {"error": "no such report (reports are kept for the last few checks only)"}, 404
            )
        out = io.StringIO()
        reporters.get(fmt)([report], out)
        body = out.getvalue()
        headers = {"content-disposition": f'attachment; filename="plancheck-report.{fmt}"'}
        if fmt == "html":
            headers = {"content-security-policy": report_csp(body)}
        return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)

    async def rules(self, _request: Request) -> Response:
        """GET /api/rules: the rule and requirement catalogue."""
        return JSONResponse(openapi.rules_catalogue())

    async def openapi_json(self, _request: Request) -> Response:
        """GET /openapi.json: the API description."""
        return JSONResponse(openapi.describe(self.config.max_upload_mb))

    async def healthz(self, _request: Request) -> Response:
        """GET /healthz: liveness and load."""
        q = self.queue
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "ruleset": ruleset_digest(),
                "running": q.running,
                "admitted": q.admitted,
                "capacity": q.max_admitted,
            }
        )

    def _retry_after(self) -> dict[str, str]:
        return {"retry-after": str(self.config.retry_after_s)}

    def _busy_text(self) -> str:
        return f"the server is busy checking other plans; try again in {self.config.retry_after_s} seconds"


def create_app(config: WebConfig | None = None) -> Starlette:
    """The ASGI application for ``config``."""
    web = WebApp(config or WebConfig())
    hosts = list(web.config.allowed_hosts)
    routes = [
        Route("/", web.index, methods=["GET"]),
        Route("/check", web.check_page, methods=["POST"]),
        Route("/api/check", web.check_api, methods=["POST"]),
        Route("/api/rules", web.rules, methods=["GET"]),
        Route("/openapi.json", web.openapi_json, methods=["GET"]),
        Route("/healthz", web.healthz, methods=["GET"]),
        Route("/reports/{token:str}/report.{fmt:str}", web.download, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=web.lifespan)
    app.state.web = web
    return app
