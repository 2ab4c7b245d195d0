"""The REST API, ``/api/v1/``: the pages' data as JSON (schema ``reportedly.api/1``).

Lists are paginated the same way everywhere: ``page`` (from 1) and ``per_page`` (at most 100),
answered with ``total`` and the URLs of the ``next`` and ``previous`` pages. Errors are
``{"schema": ..., "error": {"status": 4xx, "message": ...}}``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import provenance_queries as prov
from . import queries
from . import search as searching
from .db import Corpus
from .params import as_dict, cluster_id, identifier, page_params, search_params, text_param

SCHEMA = "reportedly.api/1"
Page = Annotated[int, Query(ge=1, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE, description="items per page")]
Text = Annotated[str | None, Query(max_length=queries.MAX_QUERY_CHARS)]


def _paged(
    request: Request,
    items: list[dict[str, Any]],
    total: int,
    page: int,
    per_page: int,
    **extra: Any,
) -> dict[str, Any]:
    def link(number: int) -> str:
        query = as_dict(request.query_params) | {"page": str(number)}
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


def api_router(corpus: Corpus, env: jinja2.Environment) -> APIRouter:
    router = APIRouter(prefix="/api/v1")

    @router.get("", summary="What this API offers")
    def index() -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "endpoints": [
                "/api/v1/overview",
                "/api/v1/articles",
                "/api/v1/articles/{id}",
                "/api/v1/search?q=...",
                "/api/v1/speakers",
                "/api/v1/speakers/{id}",
                "/api/v1/clusters",
                "/api/v1/clusters/{id}",
            ],
            "openapi": "/api/v1/openapi.json",
            "docs": "/api/v1/docs",
        }

    @router.get("/overview", summary="Corpus totals, outlets, languages, top speakers, mixes")
    def overview() -> dict[str, Any]:
        return {"schema": SCHEMA} | queries.overview(corpus)

    @router.get("/articles", summary="Articles, newest first")
    def articles(request: Request, page: Page = 1, per_page: PerPage = 20) -> dict[str, Any]:
        page, per_page = page_params(as_dict(request.query_params))
        rows, total = queries.article_list(corpus, limit=per_page, offset=(page - 1) * per_page)
        return _paged(request, rows, total, page, per_page)

    @router.get(
        "/articles/{article_id}", summary="One article: text, attributions, claims, signals"
    )
    def article(article_id: str) -> dict[str, Any]:
        found = queries.article(corpus, identifier(article_id))
        if found is None:
            raise StarletteHTTPException(404, f"no article with id {article_id!r}")
        view = queries.stored_article_view(corpus, found)
        record = found.pop("record")
        links = prov.article_links(corpus, found["id"])
        return {
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
        }

    @router.get("/search", summary="Full-text search over articles or quotes, with facets")
    def search(
        request: Request,
        q: Text = None,
        scope: Annotated[str, Query(pattern="^(articles|quotes)$")] = "articles",
        outlet: Text = None,
        language: Text = None,
        speaker: Text = None,
        kind: Text = None,
        source_type: Text = None,
        stance: Text = None,
        since: Text = None,
        until: Text = None,
        sort: Annotated[str, Query(pattern="^(relevance|newest|oldest)$")] = "relevance",
        page: Page = 1,
        per_page: PerPage = 20,
    ) -> dict[str, Any]:
        params = search_params(as_dict(request.query_params))
        result = searching.search(corpus, params)
        hits = [hit | {"snippet": _plain_snippet(hit.get("snippet"))} for hit in result["hits"]]
        pages_over = result["ranked"] if result["rank_window"] else result["total"]
        answer = _paged(
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
        )
        answer["total"] = result["total"]
        return answer

    @router.get("/speakers", summary="Speakers (people and organisations), most quoted first")
    def speakers(
        request: Request, q: Text = None, page: Page = 1, per_page: PerPage = 50
    ) -> dict[str, Any]:
        params = as_dict(request.query_params)
        page, per_page = page_params(params, per_page=50)
        rows, total = prov.top_speakers(
            corpus, limit=per_page, offset=(page - 1) * per_page, prefix=text_param(params, "q")
        )
        return _paged(request, rows, total, page, per_page, mode=prov.speaker_mode(corpus))

    @router.get("/speakers/{speaker_id}", summary="One speaker's attributions across the corpus")
    def speaker(
        request: Request, speaker_id: str, page: Page = 1, per_page: PerPage = 50
    ) -> dict[str, Any]:
        found = prov.speaker(corpus, identifier(speaker_id))
        if found is None:
            raise StarletteHTTPException(404, f"no speaker with id {speaker_id!r}")
        page, per_page = page_params(as_dict(request.query_params), per_page=50)
        data = queries.speaker_quotes(
            corpus, speaker_id, limit=per_page, offset=(page - 1) * per_page
        )
        return _paged(
            request,
            data["quotes"],
            data["total"],
            page,
            per_page,
            speaker=found,
            by_outlet=data["by_outlet"],
            by_month=data["by_month"],
        )

    @router.get("/clusters", summary="Quote clusters, largest first (once linking has run)")
    def clusters(request: Request, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
        page, per_page = page_params(as_dict(request.query_params), per_page=50)
        found = prov.clusters(corpus, limit=per_page, offset=(page - 1) * per_page)
        if found is None:
            return _paged(
                request, [], 0, 1, per_page, available=False, message=prov.LINKING_NOT_RUN
            )
        rows, total = found
        return _paged(request, rows, total, page, per_page, available=True)

    @router.get("/clusters/{cluster}", summary="One quote cluster: its members in order")
    def cluster(cluster: str) -> dict[str, Any]:
        number = cluster_id(cluster)
        if not prov.linking_available(corpus):
            raise StarletteHTTPException(404, prov.LINKING_NOT_RUN)
        found = prov.cluster(corpus, number)
        if found is None:
            raise StarletteHTTPException(404, f"no quote cluster {number}")
        return {"schema": SCHEMA, "cluster": found}

    @router.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        spec = request.app.openapi()
        html = env.get_template("api_docs.html").render(
            request=request, path=request.url.path, spec=spec
        )
        return HTMLResponse(html)

    return router


def _plain_snippet(snippet: str | None) -> dict[str, Any] | None:
    """A snippet for JSON: its text and the [start, end] of each matched term in it."""
    if snippet is None:
        return None
    open_, close = queries.SNIPPET_MARKS
    text, matches, start = [], [], 0
    position = 0
    for char in snippet:
        if char == open_:
            start = position
        elif char == close:
            matches.append([start, position])
        else:
            text.append(char)
            position += 1
    return {"text": "".join(text), "matches": matches}
