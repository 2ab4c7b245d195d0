"""The REST API, ``/api/v1/``: the pages' data as JSON (schema ``reportedly.api/1``).

Lists are paginated the same way everywhere: ``page`` (from 1) and ``per_page`` (at most 100),
answered with ``total`` and the URLs of the ``next`` and ``previous`` pages. Errors are
``{"schema": ..., "error": {"status": 4xx, "message": ...}}``, and the OpenAPI document
declares each status a route really answers (:data:`ERRORS`): 400 for a malformed value
(never 422), 404 for an id that names nothing, 500 for a file that is not (or no longer) a
corpus, 503 when the corpus is busy.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from ..corpus.read import articles as read_articles
from ..corpus.read import links as read_links
from ..corpus.read import search as read_search
from ..corpus.read import speakers as read_speakers
from . import models
from .models import SCHEMA, ErrorBody, answer
from .pages import article_or_404, cluster_or_404, corpus_of, speaker_or_404, stored_article_view
from .params import (
    ArticleId,
    ClusterId,
    ListPaging,
    Page,
    PerPage,
    Prefix,
    Search,
    SpeakerId,
    paging,
)
from .snippets import plain_snippet

__all__ = ["SCHEMA", "api"]


def _error(text: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": text}


# What every route may answer besides 200.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("a malformed parameter, or a Host header the server does not answer"),
    500: _error("the file is not (or no longer) a reportedly corpus: a permanent error"),
    503: _error("the corpus is busy (another process holds it); try again later"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _error("no such item")}

api = APIRouter(prefix="/api/v1", responses=ERRORS)


def _paged(
    request: Request,
    items: list[dict[str, Any]],
    total: int,
    page: int,
    per_page: int,
    **extra: Any,
) -> dict[str, Any]:
    def link(number: int) -> str:
        query = dict(request.query_params) | {"page": str(number)}
        return f"{request.url.path}?{urlencode(query)}"

    last = max(1, -(-total // per_page))
    return {
        "schema": SCHEMA,
        **extra,
        "page": page,
        "per_page": per_page,
        "total": total,
        "next": link(page + 1) if page < last else None,
        "previous": link(page - 1) if page > 1 else None,
        "items": items,
    }


ENDPOINTS = [
    "/api/v1/overview",
    "/api/v1/articles",
    "/api/v1/articles/{id}",
    "/api/v1/search?q=...",
    "/api/v1/speakers",
    "/api/v1/speakers/{id}",
    "/api/v1/clusters",
    "/api/v1/clusters/{id}",
]


@api.get("", summary="What this API offers", response_model=models.Index)
def index() -> JSONResponse:
    return answer(
        models.Index,
        {
            "schema": SCHEMA,
            "endpoints": ENDPOINTS,
            "openapi": "/api/v1/openapi.json",
            "docs": "/api/v1/docs",
        },
    )


@api.get(
    "/overview",
    summary="Corpus totals, outlets, languages, top speakers, mixes",
    response_model=models.Overview,
)
def overview(request: Request) -> JSONResponse:
    return answer(models.Overview, {"schema": SCHEMA} | read_articles.overview(corpus_of(request)))


@api.get("/articles", summary="Articles, newest first", response_model=models.Articles)
def articles(request: Request, page: Page = 1, per_page: PerPage = None) -> JSONResponse:
    page, size = paging(page, per_page or 20)
    corpus, offset = corpus_of(request), (page - 1) * size
    rows, total = read_articles.article_list(corpus, limit=size, offset=offset)
    return answer(models.Articles, _paged(request, rows, total, page, size))


@api.get(
    "/articles/{article_id}",
    summary="One article: text, attributions, claims, signals",
    responses=NOT_FOUND,
    response_model=models.Article,
)
def article(request: Request, article_id: ArticleId) -> JSONResponse:
    corpus = corpus_of(request)
    found = article_or_404(corpus, article_id)
    view = stored_article_view(corpus, found)
    record = found.pop("record")
    links = read_links.article_links(corpus, found["id"])
    return answer(
        models.Article,
        {
            "schema": SCHEMA,
            "article": found,
            "attributions": view.attributions,
            "quoted": view.marked,
            "claims": view.claims,
            "repairs": view.repairs,
            "flags": view.flags,
            "signals": record.get("signals") or {},
            "links": links,
            "linking": links is not None,
        },
    )


@api.get(
    "/search",
    summary="Full-text search over articles or quotes, with facets",
    response_model=models.Search,
)
def search(request: Request, params: Search) -> JSONResponse:
    result = read_search.search(corpus_of(request), params)
    marks = read_search.SNIPPET_MARKS
    hits = [hit | {"snippet": plain_snippet(hit.get("snippet"), marks)} for hit in result["hits"]]
    pages_over = result["ranked"] if result["rank_window"] else result["total"]
    found = _paged(
        request,
        hits,
        pages_over,
        params.page,
        params.per_page,
        query=dict(params.query_items(page=1, per_page=20)),
        facets=result["facets"],
        total_approximate=result["total_approximate"],
        rank_window=result["rank_window"],
        unranked=result["unranked"],
        undated_left_out=result["undated_left_out"],
    )
    found["total"] = result["total"]
    return answer(models.Search, found)


@api.get(
    "/speakers",
    summary="Speakers (people and organisations), most quoted first",
    response_model=models.Speakers,
)
def speakers(request: Request, pages: ListPaging, q: Prefix = None) -> JSONResponse:
    corpus = corpus_of(request)
    page, size = pages
    rows, total = read_speakers.top_speakers(
        corpus, limit=size, offset=(page - 1) * size, prefix=(q or "").strip() or None
    )
    mode = read_speakers.speaker_mode(corpus)
    return answer(models.Speakers, _paged(request, rows, total, page, size, mode=mode))


@api.get(
    "/speakers/{speaker_id}",
    summary="One speaker's attributions across the corpus",
    responses=NOT_FOUND,
    response_model=models.Speaker,
)
def speaker(request: Request, speaker_id: SpeakerId, pages: ListPaging) -> JSONResponse:
    corpus = corpus_of(request)
    found = speaker_or_404(corpus, speaker_id)
    page, size = pages
    data = read_articles.speaker_quotes(corpus, speaker_id, limit=size, offset=(page - 1) * size)
    return answer(
        models.Speaker,
        _paged(
            request,
            data["quotes"],
            data["total"],
            page,
            size,
            speaker=found,
            by_outlet=data["by_outlet"],
            by_month=data["by_month"],
        ),
    )


@api.get(
    "/clusters",
    summary="Quote clusters, largest first (once linking has run)",
    response_model=models.Clusters,
)
def clusters(request: Request, pages: ListPaging) -> JSONResponse:
    page, size = pages
    found = read_links.clusters(corpus_of(request), limit=size, offset=(page - 1) * size)
    if found is None:
        message = read_links.LINKING_NOT_RUN
        return answer(
            models.Clusters,
            _paged(request, [], 0, 1, size, available=False, message=message),
        )
    rows, total = found
    return answer(models.Clusters, _paged(request, rows, total, page, size, available=True))


@api.get(
    "/clusters/{cluster}",
    summary="One quote cluster: its members in order",
    responses=NOT_FOUND,
    response_model=models.Cluster,
)
def cluster(request: Request, cluster: ClusterId) -> JSONResponse:
    found = cluster_or_404(corpus_of(request), cluster)
    return answer(models.Cluster, {"schema": SCHEMA, "cluster": found})


@api.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    html = request.app.state.env.get_template("api_docs.html").render(
        request=request, path=request.url.path, spec=spec
    )
    return HTMLResponse(html)
