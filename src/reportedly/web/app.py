"""The explorer: a server-rendered web app and a REST API over one corpus, read-only.

``create_app(path)`` opens the corpus (a missing file or one that is not a reportedly corpus
is a :class:`~reportedly.errors.StoreError` before anything is served) and returns an ASGI app.
Every page's state is in its URL; every error is a 4xx page (or JSON under ``/api/``) without
a stack trace.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._version import __version__
from ..errors import ReportedlyError
from . import provenance_queries as prov
from . import queries
from . import search as searching
from .db import Corpus
from .params import (
    MAX_TEXT_CHARS,
    BadRequest,
    as_dict,
    cluster_id,
    identifier,
    page_params,
    search_params,
    text_param,
)
from .render import article_view

HERE = Path(__file__).parent
MAX_BODY_BYTES = 512 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
log = logging.getLogger("reportedly.web")


class Guard:
    """ASGI middleware: security headers on every response, request bodies capped."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _plain_error(send, 413, "request body too large")
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BadRequest("request body too large")
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, limited_receive, secured_send)


async def _plain_error(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": f"error: {text}\n".encode()})


def templates_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet_parts"] = snippet_parts
    env.filters["safe_url"] = safe_url
    env.globals["version"] = __version__
    return env


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_match) pieces, for the template to escape and mark."""
    if not snippet:
        return []
    open_, close = queries.SNIPPET_MARKS
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(open_)):
        if i == 0:
            pieces.append((chunk.replace(close, ""), False))
            continue
        matched, _, rest = chunk.partition(close)
        pieces += [(matched, True), (rest, False)]
    return [(text, hit) for text, hit in pieces if text]


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) (shown as a link), else ``None`` (shown as text only)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def create_app(path: str | Path) -> ASGIApp:
    """The explorer over the corpus at ``path`` (opened read-only)."""
    corpus = Corpus(path)
    env = templates_env()
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
    app.state.env = env
    # the overview of a large corpus takes seconds: count it before the first visitor asks
    threading.Thread(target=_warm_overview, args=(corpus,), daemon=True).start()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    analyze_lock = threading.Lock()

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def url(path_: str, items: list[tuple[str, str]] | None = None) -> str:
        return f"{path_}?{urlencode(items)}" if items else path_

    env.globals["url"] = url

    # ------------------------------------------------------------------ errors

    def error_response(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"schema": "reportedly.api/1", "error": {"status": status, "message": message}},
                status_code=status,
            )
        return page(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, 400, str(exc))

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
        return error_response(request, 503, "the corpus could not be read; try again later")

    @app.exception_handler(ReportedlyError)
    async def reportedly_error(request: Request, exc: ReportedlyError) -> Response:
        return error_response(request, 400, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error (details are in the server log)")

    def not_found(what: str) -> StarletteHTTPException:
        return StarletteHTTPException(404, what)

    # ------------------------------------------------------------------ pages

    @app.get("/", include_in_schema=False)
    def overview_page(request: Request) -> HTMLResponse:
        return page(request, "overview.html", data=queries.overview(corpus))

    @app.get("/search", include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        params = search_params(as_dict(request.query_params))
        result = searching.search(corpus, params)
        speaker_name = None
        if params.speaker:
            found = prov.speaker(corpus, params.speaker)
            speaker_name = found["name"] if found else params.speaker
        return page(
            request,
            "search.html",
            p=params,
            result=result,
            speaker_name=speaker_name,
            kinds=queries.KINDS,
            stances=queries.STANCES,
            source_types=queries.SOURCE_TYPE_GROUPS,
        )

    @app.get("/articles", include_in_schema=False)
    def articles_page(request: Request) -> RedirectResponse:
        return RedirectResponse(url("/search", sorted(as_dict(request.query_params).items())))

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        found = queries.article(corpus, identifier(article_id))
        if found is None:
            raise not_found(f"no article with id {article_id!r}")
        view = queries.stored_article_view(corpus, found)
        links = prov.article_links(corpus, found["id"])
        return page(
            request,
            "article.html",
            article=found,
            view=view,
            links=links,
            linking_message=prov.LINKING_NOT_RUN,
            analyzed=False,
        )

    @app.get("/speakers", include_in_schema=False)
    def speakers_page(request: Request) -> HTMLResponse:
        params = as_dict(request.query_params)
        page_no, size = page_params(params, per_page=50)
        prefix = text_param(params, "q")
        rows, total = prov.top_speakers(
            corpus, limit=size, offset=(page_no - 1) * size, prefix=prefix
        )
        return page(
            request,
            "speakers.html",
            rows=rows,
            total=total,
            page_no=page_no,
            per_page=size,
            prefix=prefix or "",
            mode=prov.speaker_mode(corpus),
        )

    @app.get("/speakers/{speaker_id}", include_in_schema=False)
    def speaker_page(request: Request, speaker_id: str) -> HTMLResponse:
        found = prov.speaker(corpus, identifier(speaker_id))
        if found is None:
            raise not_found(f"no speaker with id {speaker_id!r}")
        page_no, size = page_params(as_dict(request.query_params), per_page=50)
        data = queries.speaker_quotes(corpus, speaker_id, limit=size, offset=(page_no - 1) * size)
        return page(
            request,
            "speaker.html",
            speaker=found,
            data=data,
            page_no=page_no,
            per_page=size,
            mode=prov.speaker_mode(corpus),
        )

    @app.get("/quotes", include_in_schema=False)
    def quotes_page(request: Request) -> HTMLResponse:
        page_no, size = page_params(as_dict(request.query_params), per_page=50)
        found = prov.clusters(corpus, limit=size, offset=(page_no - 1) * size)
        if found is None:
            return page(
                request,
                "quotes.html",
                rows=None,
                total=0,
                page_no=1,
                per_page=size,
                message=prov.LINKING_NOT_RUN,
            )
        rows, total = found
        return page(
            request,
            "quotes.html",
            rows=rows,
            total=total,
            page_no=page_no,
            per_page=size,
            message=None,
        )

    @app.get("/quotes/{cluster}", include_in_schema=False)
    def quote_page(request: Request, cluster: str) -> HTMLResponse:
        number = cluster_id(cluster)
        if not prov.linking_available(corpus):
            raise not_found(prov.LINKING_NOT_RUN)
        found = prov.cluster(corpus, number)
        if found is None:
            raise not_found(f"no quote cluster {number}")
        from .timeline import timeline

        return page(request, "quote.html", cluster=found, timeline=timeline(found["members"]))

    @app.get("/analyze", include_in_schema=False)
    def analyze_form(request: Request) -> HTMLResponse:
        return page(request, "analyze.html", text="", view=None, article=None)

    @app.post("/analyze", include_in_schema=False)
    async def analyze_page(request: Request) -> HTMLResponse:
        body = await request.body()
        fields = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
        text = fields.get("text", "")
        if not text.strip():
            raise BadRequest("paste a text to analyze")
        if len(text) > MAX_TEXT_CHARS:
            raise BadRequest(f"the text is longer than {MAX_TEXT_CHARS} characters")
        from starlette.concurrency import run_in_threadpool

        record = await run_in_threadpool(_analyze, text, analyze_lock)
        view = article_view(text, record)
        article = {"title": view.title, "text": text, "warnings": record.get("warnings") or []}
        return page(request, "analyze.html", text=text, view=view, article=article)

    from .api import api_router

    app.include_router(api_router(corpus, env))
    return Guard(app)


def _warm_overview(corpus: Corpus) -> None:
    try:
        queries.overview(corpus)
    except sqlite3.Error as exc:  # the page will say so when asked
        log.warning("overview not precomputed: %s", exc)


def _analyze(text: str, lock: threading.Lock) -> dict[str, Any]:
    from .. import analyze

    with lock:  # one analysis at a time: the model is large and the machine may be small
        return analyze(text).to_dict(include_text=False)
