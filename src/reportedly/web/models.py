"""The shapes of the REST API's answers, as pydantic models: the OpenAPI document describes
them, and each answer is checked against its model before it is sent (:func:`answer`).

Every model refuses keys it does not declare (``extra="forbid"``), so a column added to a
query without its field here is found by the tests (``tests/web/test_web_openapi.py``), not
by a client. A field that a row or record may leave out has a default; the answer is sent as
the query made it (the model checks it, it does not rewrite it).
"""

from __future__ import annotations

import logging
from typing import Any, Final, Literal

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA: Final = "reportedly.api/1"
log = logging.getLogger("reportedly.web")

# [start, end) offsets into the article's ORIGINAL text
Spans = list[tuple[int, int]]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Answer(Model):
    """What every answer starts with: the API's schema name."""

    schema_: Literal["reportedly.api/1"] = Field(SCHEMA, alias="schema")


class Paged(Answer):
    """A page of a list: ``page`` (from 1), ``per_page``, ``total`` and the URLs of the
    pages around it (``None`` at either end)."""

    page: int
    per_page: int
    total: int
    next: str | None
    previous: str | None


def answer(model: type[Answer], data: dict[str, Any]) -> JSONResponse:
    """``data`` as the JSON answer, checked against ``model``. An answer off its model is
    still sent as it is (a corpus made by another version may hold an older record), and the
    server log names the first difference."""
    content = jsonable_encoder(data)
    try:
        model.model_validate(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        log.warning("API answer off its model %s at %s: %s", model.__name__, where, first["msg"])
    return JSONResponse(content)


# --------------------------------------------------------------------------- errors


class ErrorDetail(Model):
    status: int
    message: str


class ErrorBody(Answer):
    """Every error answer of the API."""

    error: ErrorDetail


# --------------------------------------------------------------------------- index, overview


class Index(Answer):
    endpoints: list[str]
    openapi: str
    docs: str


class Count(Model):
    """How many items have ``value``."""

    value: str | None
    n: int


class Totals(Model):
    articles: int
    outlets: int
    no_outlet: int
    first: str | None
    last: str | None
    attributions: int
    speakers: int


class SpeakerRow(Model):
    """A speaker: a person's number (``people`` mode) or a folded name (``names``)."""

    id: str
    name: str | None
    kind: str | None = None
    articles: int
    attributions: int


class Overview(Answer):
    totals: Totals
    outlets: list[Count]
    languages: list[Count]
    source_types: list[Count]
    stances: list[Count]
    kinds: list[Count]
    top_speakers: list[SpeakerRow]
    months: list[Count]
    speaker_mode: Literal["people", "names"]
    linking: bool


# --------------------------------------------------------------------------- articles


class ArticleMeta(Model):
    """What lists and hits say of an article."""

    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    length: int | None


class ArticleRow(ArticleMeta):
    id: str
    origin: str | None
    analysis_version: str | None
    analyzed_at: str | None


class StoredArticle(ArticleRow):
    text: str
    warnings: list[str]


class Articles(Paged):
    items: list[ArticleRow]


class SpeakerRef(Model):
    id: str
    name: str | None


class AttributionView(Model):
    """An attribution of the article; ``index``: its position in the record, ``id``: its
    row (the attribution id of the other answers)."""

    index: int
    id: int | None
    kind: str | None
    source: str | None
    name: str | None
    source_type: str | None
    cue: str | None
    stance: str | None
    content: str
    channel: str | None
    speaker: SpeakerRef | None
    cluster: int | None
    spans: dict[Literal["source", "cue", "content", "channel"], Spans]


class QuotedView(Model):
    """A quote linking found between quotation marks (not attributed by the analysis)."""

    index: int
    id: int | None
    content: str
    mention: str | None
    speaker: SpeakerRef | None
    cluster: int | None
    start: int | None
    end: int | None
    speaker_from_cluster: str | None = None  # the cluster's speaker, when the article names none


class Quantity(Model):
    spans: Spans
    text: str
    value: float | None
    unit: str | None
    hedge: str | None
    high: float | None = None


class Authority(Model):
    """Who holds a claim: its attribution's position and speaker."""

    index: int
    name: str | None
    speaker: SpeakerRef | None


class ClaimView(Model):
    spans: Spans
    text: str
    kind: str
    quantities: list[Quantity]
    attribution: int | None
    checkworthiness: float
    authority: Authority | None


class RepairItem(Model):
    kind: str
    spans: Spans
    before: str
    after: str
    explanation: str = ""


class RepairView(RepairItem):
    index: int


class FlagItem(Model):
    kind: str
    spans: Spans
    note: str = ""


class FlagView(FlagItem):
    index: int


class ArticleLink(Model):
    """A copy, update or translation of the article, ``earlier`` or ``later`` than it."""

    kind: str
    similarity: float | None
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    direction: Literal["earlier", "later"]
    confidence: float | None  # the link's evidence, as reportedly links shows it
    rule: str | None
    passages: int | None  # sentence pairs aligned (a translation) or 5-word passages shared


# --- the record's signals (docs/schema.md)


class AttributedSentences(Model):
    share: float
    attributed: int
    sentences: int
    spans: Spans


class SourceItem(Model):
    attribution: int
    group: str
    type: str | None
    name: str | None = None
    text: str | None = None
    spans: Spans


class SourceMix(Model):
    total: int
    by_type: dict[str, int]
    items: list[SourceItem]


class CueItem(Model):
    attribution: int
    stance: str
    lemma: str
    text: str
    spans: Spans


class CueStances(Model):
    by_stance: dict[str, int]
    items: list[CueItem]


class WordingItem(Model):
    text: str
    spans: Spans
    entry: str
    category: str
    note: str
    voice: str
    attribution: int | None
    in_title: bool


class EvaluativeWording(Model):
    count: int
    reporter_voice: int
    attributed: int
    lexicon: str
    items: list[WordingItem]


class RepairList(Model):
    count: int
    by_kind: dict[str, int] | None = None
    items: list[RepairItem]


class FlagList(Model):
    count: int
    items: list[FlagItem]


class FlagCounts(Model):
    count: int
    by_kind: dict[str, int]


class TextPart(Model):
    text: str
    spans: Spans


class HeadlineMatch(Model):
    text: str
    spans: Spans
    method: str
    score: float


class HeadlinePhrase(Model):
    text: str
    spans: Spans
    found: bool
    match: HeadlineMatch | None


class WordsInBody(Model):
    share: float | None
    missing: list[TextPart]


class Headline(Model):
    title: TextPart | None
    phrases: list[HeadlinePhrase]
    words_in_body: WordsInBody | None


class Signals(Model):
    """The article's signals as its analysis record holds them (empty: no record)."""

    attributed_sentences: AttributedSentences | None = None
    sources: SourceMix | None = None
    cue_stances: CueStances | None = None
    evaluative_wording: EvaluativeWording | None = None
    repairs: RepairList | None = None
    boilerplate: RepairList | None = None
    machine_translation: FlagList | None = None
    flags: FlagCounts | None = None
    headline: Headline | None = None


class Article(Answer):
    article: StoredArticle
    attributions: list[AttributionView]
    quoted: list[QuotedView]
    claims: list[ClaimView]
    repairs: list[RepairView]
    flags: list[FlagView]
    signals: Signals
    links: list[ArticleLink] | None
    linking: bool


# --------------------------------------------------------------------------- search


class Snippet(Model):
    """A hit's snippet: its text and the [start, end] of each matched term in it."""

    text: str
    matches: Spans


class ArticleHit(ArticleMeta):
    article_id: str
    snippet: Snippet | None


class QuoteHit(Model):
    attribution_id: int
    position: int
    kind: str | None
    speaker: str | None
    source_text: str | None
    source_type: str | None
    cue: str | None
    stance: str | None
    content: str | None
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    snippet: Snippet | None


class FacetValue(Model):
    value: str | int
    label: str | int
    n: int


class Facet(Model):
    """A facet's counts among the hits read (``approximate``: among the newest of them)."""

    timed_out: bool
    approximate: bool
    values: list[FacetValue]


class Search(Paged):
    query: dict[str, str]
    facets: dict[str, Facet]
    total_approximate: bool
    rank_window: int | None
    unranked: bool
    # hits left out by since/until because their article has no date (None: no date filter;
    # counted up to 10,000)
    undated_left_out: int | None = None
    items: list[ArticleHit] | list[QuoteHit]


# --------------------------------------------------------------------------- speakers


class Speakers(Paged):
    mode: Literal["people", "names"]
    items: list[SpeakerRow]


class SpeakerDetail(SpeakerRow):
    aliases: list[str]


class SpeakerQuote(Model):
    attribution_id: int
    position: int
    kind: str | None
    cue: str | None
    stance: str | None
    content: str | None
    source_text: str | None
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None


class Speaker(Paged):
    speaker: SpeakerDetail
    by_outlet: list[Count]
    by_month: list[Count]
    items: list[SpeakerQuote]


# --------------------------------------------------------------------------- clusters


class ClusterRow(Model):
    id: int
    label: str | None
    size: int
    first_published: str | None
    person_id: int | None
    person: str | None


class Clusters(Paged):
    """Quote clusters; ``available`` is false (with a ``message``) until linking has run."""

    available: bool
    message: str | None = None
    items: list[ClusterRow]


class ClusterMember(Model):
    attribution_id: int
    article_id: str
    language: str | None
    content: str | None
    speaker: str | None
    kind: str | None
    cue: str | None
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


class ClusterDetail(ClusterRow):
    members: list[ClusterMember]


class Cluster(Answer):
    cluster: ClusterDetail
