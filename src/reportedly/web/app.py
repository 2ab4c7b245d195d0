"""The explorer: a server-rendered web app and a REST API over one corpus, read-only.

``create_app(path)`` opens the corpus (a missing file or one that is not a reportedly corpus
is a :class:`~reportedly.errors.StoreError` before anything is served) and returns an ASGI app:
the pages (:mod:`.pages`) and the API (:mod:`.api`) inside :class:`~.guard.Guard` (hosts,
cross-site posts, body size, security headers). Every page's state is in its URL; every error
is a 4xx/5xx page (or JSON under ``/api/``) without a stack trace: 400 for a malformed value,
404 for an id that names nothing, 500 for a file that is not (or no longer) a corpus (a
permanent error), 503 with ``Retry-After`` for a busy corpus or a busy analyzer.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from .._version import __version__
from ..corpus.read.articles import overview
from ..corpus.read.connection import Corpus, CorpusUnusable, open_current_corpus
from ..errors import ReportedlyError, StoreError
from .analysis import AnalyzeLimits, AnalyzePool
from .api import SCHEMA, api
from .guard import Guard, allowed_hosts
from .pages import pages, render
from .params import BadRequest, linkable
from .render import closed_quotes, count_of
from .snippets import snippet_parts

HERE = Path(__file__).parent
RETRY_AFTER_S = 5
MONTH = re.compile(r"\d{4}-\d{2}")
log = logging.getLogger("reportedly.web")


def templates_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet_parts"] = snippet_parts
    env.filters["safe_url"] = safe_url
    env.filters["segment"] = path_segment
    env.filters["closed_quotes"] = closed_quotes
    env.filters["count_of"] = count_of
    env.tests["linkable"] = linkable
    env.tests["month"] = lambda value: bool(MONTH.fullmatch(str(value)))
    env.globals["version"] = __version__
    env.globals["url"] = url
    return env


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) (shown as a link), else ``None`` (shown as text only)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def path_segment(value: Any) -> str:
    """``value`` as one path segment of a URL (a ``/`` in it is escaped too)."""
    return quote(str(value), safe="")


def url(path_: str, items: list[tuple[str, str]] | None = None) -> str:
    return f"{path_}?{urlencode(items)}" if items else path_


async def fresh_corpus(request: Request) -> None:
    """Before each route: the corpus's connections and schema as the file now is (a stat and
    a PRAGMA: run on the event loop, not worth a thread)."""
    request.app.state.corpus.refresh()


def create_app(
    path: str | Path,
    *,
    bound_host: str | None = None,
    allow_hosts: Iterable[str] = (),
    analyze_limits: AnalyzeLimits | None = None,
    search_cache: int = 256,
) -> ASGIApp:
    """The explorer over the corpus at ``path`` (opened read-only).

    It answers requests whose ``Host`` is a loopback name, ``bound_host`` or one of
    ``allow_hosts`` (400 otherwise). ``search_cache``: how many search answers are kept per
    state of the corpus file (0: none).
    """
    corpus = open_current_corpus(path, cache_size=search_cache)
    app = FastAPI(
        title="reportedly explorer API",
        version="1",
        description="Read-only access to a reportedly corpus: articles, attributions, speakers, "
        "quote clusters and full-text search with facets. Schema `reportedly.api/1`.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.corpus = corpus
    app.state.env = templates_env()
    app.state.analyzer = AnalyzePool(analyze_limits or AnalyzeLimits())
    # the overview of a large corpus takes seconds: count it before the first visitor asks
    threading.Thread(target=_warm_overview, args=(corpus,), daemon=True).start()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    add_error_handlers(app)
    app.include_router(pages, dependencies=[Depends(fresh_corpus)])
    app.include_router(api, dependencies=[Depends(fresh_corpus)])
    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    app.router.on_shutdown.append(app.state.analyzer.close)
    return Guard(app, allowed_hosts(bound_host, allow_hosts))


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document without the 422 it adds to every route: this API answers 400."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    schemas = spec.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = spec
    return spec


def add_error_handlers(app: FastAPI) -> None:
    def error_response(
        request: Request, status: int, message: str, headers: dict[str, str] | None = None
    ) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"schema": SCHEMA, "error": {"status": status, "message": message}},
                status_code=status,
                headers=headers,
            )
        answer = render(request, "error.html", status=status, status_code=status, message=message)
        answer.headers.update(headers or {})
        return answer

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, exc.status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        return error_response(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "no such page", 405: "method not allowed"}
        detail = exc.detail if isinstance(exc.detail, str) else ""
        message = detail if detail and detail not in ("Not Found", "Method Not Allowed") else ""
        return error_response(
            request, exc.status_code, message or messages.get(exc.status_code, "bad request")
        )

    @app.exception_handler(sqlite3.DatabaseError)
    async def database_error(request: Request, exc: sqlite3.DatabaseError) -> Response:
        log.warning("corpus query failed on %s: %s", request.url.path, exc)
        if is_transient(exc):
            return error_response(
                request,
                503,
                "the corpus is busy (another process holds it); try again in a few seconds",
                {"Retry-After": str(RETRY_AFTER_S)},
            )
        return error_response(request, 500, f"the corpus cannot be read: {exc}")

    @app.exception_handler(StoreError)
    async def unusable(request: Request, exc: StoreError) -> Response:
        log.error("the corpus is unusable: %s", exc.message)
        message = exc.message if isinstance(exc, CorpusUnusable) else f"corpus: {exc.message}"
        return error_response(request, 500, f"{message} (a permanent error: restart the server "
                              "on a reportedly corpus)")  # fmt: skip

    @app.exception_handler(ReportedlyError)
    async def reportedly_error(request: Request, exc: ReportedlyError) -> Response:
        return error_response(request, 400, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error (details are in the server log)")


def is_transient(exc: sqlite3.DatabaseError) -> bool:
    """Whether a SQLite error passes by itself (a lock held by a writer), not a bad file."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _warm_overview(corpus: Corpus) -> None:
    try:
        overview(corpus)
    except (sqlite3.Error, ReportedlyError) as exc:  # the page will say so when asked
        log.warning("overview not precomputed: %s", exc)
