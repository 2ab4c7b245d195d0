"""What a request may ask for, declared once for FastAPI to check at the boundary.

Every malformed value (not a number, out of range, a control character where none belongs,
an unknown choice, a date that is not one) is answered 400 with the reason, by the app's
handler of FastAPI's validation errors; a well-formed id that names nothing is 404.

Ids: an article id and a speaker id (a folded name, or a person's number once linking has
run) are text of at most :data:`MAX_ID_CHARS` characters; a quote cluster id is a whole
number from 1 to 2**63 - 1 (ASCII digits only: ``²`` is not a number here). Filters that name
a stored value (``outlet``, ``language``, ``speaker``) accept any stored value up to
:data:`MAX_FILTER_CHARS` characters, control characters included: the app builds links
with them, and every link it builds is one it accepts (:func:`linkable`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Depends, Path, Query

from ..corpus.read.search import (
    KINDS,
    MAX_OFFSET,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SOURCE_TYPE_GROUPS,
    STANCES,
    SearchParams,
)
from ..corpus.read.speakers import MAX_ROW_ID

MAX_ID_CHARS = 1_000
MAX_FILTER_CHARS = 1_000
MAX_TEXT_CHARS = 100_000
# Control characters other than tab and newline have no place in a query.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
NO_CONTROL = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"


class BadRequest(ValueError):
    """A request the explorer refuses, with the reason shown to the user (status 400)."""

    status = 400


class TooLarge(BadRequest):
    status = 413


def _choices(values: tuple[str, ...]) -> str:
    return "^(" + "|".join(re.escape(v) for v in values) + ")?$"


def _blank(value: str | None) -> str | None:
    """An empty form field is no filter."""
    value = value.strip() if value is not None else None
    return value or None


def linkable(value: Any) -> bool:
    """Whether a stored value can be put in a filter or id link (see the module docstring)."""
    return value is not None and 0 < len(str(value)) <= MAX_FILTER_CHARS


# --------------------------------------------------------------------------- declared types

Query_ = Annotated[
    str | None, Query(max_length=MAX_QUERY_CHARS, pattern=NO_CONTROL, description="FTS5 query")
]
Filter = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]
DateParam = Annotated[
    str | None,
    Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY[-MM[-DD]]"),
]
Page = Annotated[int, Query(ge=1, le=MAX_OFFSET + 1, description="page number, from 1")]
PerPage = Annotated[int | None, Query(ge=1, le=MAX_PER_PAGE, description="items per page")]
ArticleId = Annotated[str, Path(max_length=MAX_ID_CHARS, pattern=NO_CONTROL)]
SpeakerId = Annotated[str, Path(max_length=MAX_ID_CHARS)]
ClusterId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="a quote cluster's number")]
Prefix = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=NO_CONTROL)]


def paging(page: int, per_page: int) -> tuple[int, int]:
    """``(page, per_page)``; a page that starts past :data:`MAX_OFFSET` is refused."""
    if (page - 1) * per_page > MAX_OFFSET:
        raise BadRequest(f"page must be at most {MAX_OFFSET // per_page + 1} at {per_page} a page")
    return page, per_page


def list_paging(page: Page = 1, per_page: PerPage = None) -> tuple[int, int]:
    """Paging of a list of 50 a page by default."""
    return paging(page, per_page or 50)


def search_query(
    q: Query_ = None,
    scope: Annotated[str, Query(pattern="^(articles|quotes)?$")] = "articles",
    outlet: Filter = None,
    language: Filter = None,
    speaker: Filter = None,
    kind: Annotated[str | None, Query(pattern=_choices(KINDS))] = None,
    source_type: Annotated[str | None, Query(pattern=_choices(SOURCE_TYPE_GROUPS))] = None,
    stance: Annotated[str | None, Query(pattern=_choices(STANCES))] = None,
    since: DateParam = None,
    until: DateParam = None,
    sort: Annotated[str, Query(pattern="^(relevance|newest|oldest)?$")] = "relevance",
    page: Page = 1,
    per_page: PerPage = None,
) -> SearchParams:
    """A search as the page and the API take it (every value checked by FastAPI)."""
    page, size = paging(page, per_page or 20)
    return SearchParams(
        q=(q or "").strip(),
        scope="quotes" if scope == "quotes" else "articles",
        outlet=_blank(outlet),
        language=_blank(language),
        speaker=_blank(speaker),
        kind=_blank(kind),
        source_type=_blank(source_type),
        stance=_blank(stance),
        since=_blank(since),
        until=_blank(until),
        sort="newest" if sort == "newest" else "oldest" if sort == "oldest" else "relevance",
        page=page,
        per_page=size,
    )


Search = Annotated[SearchParams, Depends(search_query)]
ListPaging = Annotated[tuple[int, int], Depends(list_paging)]
