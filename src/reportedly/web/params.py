"""Checking what a request asks for, at the boundary: every bad value is a 400 with a reason."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from .queries import (
    KINDS,
    MAX_OFFSET,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SCOPES,
    SORTS,
    SOURCE_TYPE_GROUPS,
    STANCES,
    Scope,
    SearchParams,
    Sort,
)

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 100_000
# Control characters other than tab and newline have no place in a query.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class BadRequest(ValueError):
    """A request the explorer refuses, with the reason shown to the user (status 400)."""


def text_param(params: Mapping[str, str], name: str, *, limit: int = MAX_QUERY_CHARS) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is longer than {limit} characters")
    if CONTROL.search(value):
        raise BadRequest(f"{name} holds control characters")
    return value or None


def int_param(params: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}")
    return value


def choice_param(params: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    value = text_param(params, name)
    if value is not None and value not in choices:
        raise BadRequest(f"{name} must be one of: {', '.join(choices)}")
    return value


def date_param(params: Mapping[str, str], name: str) -> str | None:
    value = text_param(params, name, limit=10)
    if value is not None and not DATE.fullmatch(value):
        raise BadRequest(f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def page_params(params: Mapping[str, str], *, per_page: int = 20) -> tuple[int, int]:
    """``(page, per_page)``; a page that starts past :data:`MAX_OFFSET` is refused."""
    size = int_param(params, "per_page", per_page, low=1, high=MAX_PER_PAGE)
    page = int_param(params, "page", 1, low=1, high=MAX_OFFSET // size + 1)
    return page, size


def search_params(params: Mapping[str, str]) -> SearchParams:
    page, per_page = page_params(params)
    scope = choice_param(params, "scope", SCOPES) or "articles"
    sort = choice_param(params, "sort", SORTS) or "relevance"
    return SearchParams(
        q=text_param(params, "q") or "",
        scope=cast(Scope, scope),
        outlet=text_param(params, "outlet"),
        language=text_param(params, "language", limit=20),
        speaker=text_param(params, "speaker", limit=MAX_ID_CHARS),
        kind=choice_param(params, "kind", KINDS),
        source_type=choice_param(params, "source_type", SOURCE_TYPE_GROUPS),
        stance=choice_param(params, "stance", STANCES),
        since=date_param(params, "since"),
        until=date_param(params, "until"),
        sort=cast(Sort, sort),
        page=page,
        per_page=per_page,
    )


def identifier(value: str) -> str:
    if len(value) > MAX_ID_CHARS or CONTROL.search(value):
        raise BadRequest("malformed identifier")
    return value


def cluster_id(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise BadRequest("a quote cluster id is a whole number")
    return int(value)


def as_dict(params: Any) -> dict[str, str]:
    """A query string as a plain mapping (the last value of a repeated name wins)."""
    return {str(k): str(v) for k, v in params.items()}
