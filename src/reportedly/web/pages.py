"""The explorer's HTML pages: plain functions over the app's state (``request.app.state``).

Parameters are declared with :mod:`.params` and checked once by FastAPI; a route only reads
the corpus (``state.corpus``) and renders a template (``state.env``).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..corpus.read import articles, links, search, speakers
from ..corpus.read.connection import Corpus
from .analysis import AnalysisRefused
from .params import ArticleId, BadRequest, ClusterId, ListPaging, Prefix, Search, SpeakerId
from .render import ArticleView, article_view
from .timeline import timeline, why_linked

pages = APIRouter(include_in_schema=False)


def render_text(request: Request, template: str, **context: Any) -> str:
    env = request.app.state.env
    text: str = env.get_template(template).render(request=request, path=request.url.path, **context)
    return text


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(render_text(request, template, **context), status_code=status)


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


def article_or_404(corpus: Corpus, article_id: str) -> dict[str, Any]:
    """The stored article (pages and API alike), or a 404 naming the id."""
    found = articles.article(corpus, article_id)
    if found is None:
        raise StarletteHTTPException(404, f"no article with id {article_id!r}")
    return found


def speaker_or_404(corpus: Corpus, speaker_id: str) -> dict[str, Any]:
    found = speakers.speaker(corpus, speaker_id)
    if found is None:
        raise StarletteHTTPException(404, f"no speaker with id {speaker_id[:80]!r}")
    return found


def cluster_or_404(corpus: Corpus, cluster: int) -> dict[str, Any]:
    """The quote cluster, or a 404 that says why (no such cluster, or linking never ran)."""
    if not links.linking_available(corpus):
        raise StarletteHTTPException(404, links.LINKING_NOT_RUN)
    found = links.cluster(corpus, cluster)
    if found is None:
        raise StarletteHTTPException(404, f"no quote cluster {cluster}")
    return found


def stored_article_view(corpus: Corpus, found: dict[str, Any]) -> ArticleView:
    """The article view of a stored article (as :func:`.article_or_404` gives it), with the
    speakers, clusters, row ids and quote-mark quotes that linking stored for it; the page
    and the REST API show the same view."""
    return article_view(
        found["text"],
        found["record"],
        speakers=speakers.attribution_speakers(corpus, found["id"]),
        clusters=links.attribution_clusters(corpus, found["id"]),
        ids=articles.attribution_ids(corpus, found["id"]),
        marked=links.marked_quotes(corpus, found["id"]),
    )


@pages.get("/")
def overview_page(request: Request) -> HTMLResponse:
    return render(request, "overview.html", data=articles.overview(corpus_of(request)))


@pages.get("/search")
def search_page(request: Request, params: Search) -> HTMLResponse:
    """The page is kept with the search's answer (per state of the corpus, as
    :func:`~.search.search` keeps it): a search asked again costs no rendering either."""
    corpus = corpus_of(request)

    def make() -> str:
        result = search.search(corpus, params)
        speaker_name = None
        if params.speaker:
            found = speakers.speaker(corpus, params.speaker)
            speaker_name = found["name"] if found else params.speaker
        return render_text(
            request,
            "search.html",
            p=params,
            result=result,
            speaker_name=speaker_name,
            kinds=search.KINDS,
            stances=search.STANCES,
            source_types=search.SOURCE_TYPE_GROUPS,
        )

    return HTMLResponse(corpus.cached(("search-page", params), make))


@pages.get("/articles")
def articles_page(request: Request) -> RedirectResponse:
    query = request.url.query
    return RedirectResponse("/search" + (f"?{query}" if query else ""))


@pages.get("/articles/{article_id}")
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    corpus = corpus_of(request)
    found = article_or_404(corpus, article_id)
    return render(
        request,
        "article.html",
        article=found,
        view=stored_article_view(corpus, found),
        links=links.article_links(corpus, found["id"]),
        linking_message=links.LINKING_NOT_RUN,
        analyzed=False,
    )


@pages.get("/speakers")
def speakers_page(request: Request, paging: ListPaging, q: Prefix = None) -> HTMLResponse:
    corpus = corpus_of(request)
    page_no, size = paging
    prefix = (q or "").strip() or None
    rows, total = speakers.top_speakers(
        corpus, limit=size, offset=(page_no - 1) * size, prefix=prefix
    )
    return render(
        request,
        "speakers.html",
        rows=rows,
        total=total,
        page_no=page_no,
        per_page=size,
        prefix=prefix or "",
        mode=speakers.speaker_mode(corpus),
    )


@pages.get("/speakers/{speaker_id}")
def speaker_page(request: Request, speaker_id: SpeakerId, paging: ListPaging) -> HTMLResponse:
    corpus = corpus_of(request)
    found = speaker_or_404(corpus, speaker_id)
    page_no, size = paging
    data = articles.speaker_quotes(corpus, speaker_id, limit=size, offset=(page_no - 1) * size)
    return render(
        request,
        "speaker.html",
        speaker=found,
        data=data,
        page_no=page_no,
        per_page=size,
        mode=speakers.speaker_mode(corpus),
    )


@pages.get("/quotes")
def quotes_page(
    request: Request,
    paging: ListPaging,
    min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2,
) -> HTMLResponse:
    """Quotes seen more than once (copied or repeated), most often first; ``min_size=1``
    lists the single ones too (most clusters are a quote seen once)."""
    corpus = corpus_of(request)
    page_no, size = paging
    found = links.clusters(corpus, limit=size, offset=(page_no - 1) * size, min_size=min_size)
    if found is None:
        return render(
            request,
            "quotes.html",
            rows=None,
            total=0,
            page_no=1,
            per_page=size,
            message=links.LINKING_NOT_RUN,
        )
    rows, total = found
    return render(
        request,
        "quotes.html",
        rows=rows,
        total=total,
        page_no=page_no,
        per_page=size,
        message=None,
        min_size=min_size,
        sizes=links.cluster_sizes(corpus),
    )


@pages.get("/quotes/{cluster}")
def quote_page(request: Request, cluster: ClusterId) -> HTMLResponse:
    corpus = corpus_of(request)
    found = cluster_or_404(corpus, cluster)
    return render(
        request,
        "quote.html",
        cluster=found,
        timeline=timeline(found["members"]),
        why=why_linked(corpus, found["members"]),
    )


@pages.get("/analyze")
def analyze_form(request: Request) -> HTMLResponse:
    return render(request, "analyze.html", text="", view=None, article=None, message=None)


@pages.post("/analyze")
async def analyze_page(request: Request) -> HTMLResponse:
    """The form again with a message when the text is refused; else its article view."""
    body = (await request.body()).decode("utf-8", errors="replace")
    try:
        fields = dict(parse_qsl(body, keep_blank_values=True, max_num_fields=8))
    except ValueError:
        raise BadRequest("the form has too many fields") from None
    text = fields.get("text", "")
    try:
        record = await request.app.state.analyzer.analyze(text, request.is_disconnected)
    except AnalysisRefused as refused:
        answer = render(
            request,
            "analyze.html",
            status=refused.status,
            text=text[:200_000],
            view=None,
            article=None,
            message=refused.message,
        )
        answer.headers.update(refused.headers)
        return answer
    view = article_view(text, record)
    article = {"title": view.title, "text": text, "warnings": record.get("warnings") or []}
    return render(request, "analyze.html", text=text, view=view, article=article, message=None)
