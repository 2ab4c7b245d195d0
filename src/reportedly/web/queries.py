"""The explorer's read queries: overview, articles, a speaker's quotes (search: :mod:`.search`).

Everything here reads through :class:`~reportedly.web.db.Corpus` with parameterised SQL; the
fragments put together into one statement are constants of this module or of
:mod:`~reportedly.web.provenance_queries`, never text from a request.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
import threading
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from ..corpus.read.connection import Corpus
from ..records import AttributionKind, Stance
from ..signal_records import SOURCE_GROUP_ORDER, SOURCE_GROUPS
from . import provenance_queries as prov
from .render import ArticleView, article_view

Scope = Literal["articles", "quotes"]
Sort = Literal["relevance", "newest", "oldest"]
SCOPES: tuple[Scope, ...] = ("articles", "quotes")
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
# the values the filters offer, read from the records' own types (in their order)
KINDS: tuple[str, ...] = get_args(AttributionKind)
STANCES: tuple[str, ...] = get_args(Stance)
MAX_QUERY_CHARS = 200
MAX_PER_PAGE = 100
# Deepest row a page may start at (like a search engine's last page).
MAX_OFFSET = 10_000
FACET_LIMIT = 10
# Search highlights are marked by strings no stored text holds: private-use characters around
# a nonce made afresh at each start; the snippet's own control and private-use characters are
# dropped when it is cut into pieces, so a stored U+0002 or U+E000 marks nothing.
_NONCE = secrets.token_hex(8)
SNIPPET_MARKS = (f"\ue000{_NONCE}\ue001", f"\ue002{_NONCE}\ue003")
UNSHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\ue003]")
GROUP_TYPES: dict[str, list[str]] = {}
for _type, _group in SOURCE_GROUPS.items():
    GROUP_TYPES.setdefault(_group, []).append(_type)
SOURCE_TYPE_GROUPS = SOURCE_GROUP_ORDER


@dataclass(frozen=True, slots=True)
class SearchParams:
    """A validated search: every field comes from the query string, checked by the caller."""

    q: str = ""
    scope: Scope = "articles"
    outlet: str | None = None
    language: str | None = None
    speaker: str | None = None
    kind: str | None = None
    source_type: str | None = None
    stance: str | None = None
    since: str | None = None
    until: str | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def query_items(self, **changes: Any) -> list[tuple[str, str]]:
        """This search as query-string items (empty ones left out), with ``changes`` applied."""
        changed = replace(self, **changes)
        defaults = SearchParams()
        items = []
        for name in SearchParams.__slots__:
            value = getattr(changed, name)
            if value is None or value == "" or value == getattr(defaults, name):
                continue
            items.append((name, str(value)))
        return items


def snippet_parts(
    snippet: str | None, marks: tuple[str, str] = SNIPPET_MARKS
) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_match) pieces, the text without control characters."""
    if not snippet:
        return []
    open_, close = marks
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(open_)):
        if i == 0:
            pieces.append((chunk.replace(close, ""), False))
            continue
        matched, _, rest = chunk.partition(close)
        pieces += [(matched, True), (rest.replace(close, ""), False)]
    cleaned = [(UNSHOWN.sub("", text), hit) for text, hit in pieces]
    return [(text, hit) for text, hit in cleaned if text]


def plain_snippet(
    snippet: str | None, marks: tuple[str, str] = SNIPPET_MARKS
) -> dict[str, Any] | None:
    """A snippet for JSON: its text and the [start, end] of each matched term in it."""
    if snippet is None:
        return None
    text, matches, position = [], [], 0
    for piece, hit in snippet_parts(snippet, marks):
        if hit:
            matches.append([position, position + len(piece)])
        text.append(piece)
        position += len(piece)
    return {"text": "".join(text), "matches": matches}


# --------------------------------------------------------------------------- overview

_overview_cache: dict[tuple[str, tuple[int, int, int]], dict[str, Any]] = {}
_overview_lock = threading.Lock()


def overview(corpus: Corpus) -> dict[str, Any]:
    """Totals, outlets, languages, date range, top speakers, source-type and stance mixes.

    Computed once per state of the corpus (its article count and highest rowid).
    """
    key = (str(corpus.path), corpus.version())
    with _overview_lock:  # one computation at a time; the others wait for its result
        cached = _overview_cache.get(key)
        if cached is None:
            cached = _overview_cache[key] = _compute_overview(corpus)
        return cached


def _compute_overview(corpus: Corpus) -> dict[str, Any]:
    table = ARTICLE_TABLE
    totals = corpus.row(
        "SELECT COUNT(*) AS articles, COUNT(DISTINCT outlet) AS outlets, "
        "COALESCE(SUM(outlet IS NULL OR outlet = ''), 0) AS no_outlet, "
        f"MIN(published) AS first, MAX(published) AS last FROM {table}"
    ) or {"articles": 0, "outlets": 0, "no_outlet": 0, "first": None, "last": None}
    totals["attributions"] = corpus.value("SELECT COUNT(*) FROM attributions")
    outlets = corpus.rows(
        f"SELECT outlet AS value, COUNT(*) AS n FROM {table} WHERE outlet <> '' "
        "GROUP BY outlet ORDER BY n DESC, value LIMIT 12"
    )
    languages = corpus.rows(
        f"SELECT COALESCE(language, 'unknown') AS value, COUNT(*) AS n FROM {table} "
        "GROUP BY 1 ORDER BY n DESC, value LIMIT 12"
    )
    types = {
        row["value"]: row["n"]
        for row in corpus.rows(
            "SELECT source_type AS value, COUNT(*) AS n FROM attributions GROUP BY source_type"
        )
    }
    groups = {group: 0 for group in SOURCE_GROUP_ORDER}
    for source_type, n in types.items():
        groups[SOURCE_GROUPS.get(source_type or "", "none")] += n
    stances = [
        {"value": row["value"] or "none", "n": row["n"]}
        for row in corpus.rows(
            "SELECT stance AS value, COUNT(*) AS n FROM attributions GROUP BY stance "
            "ORDER BY n DESC, value"
        )
    ]
    kinds = corpus.rows(
        "SELECT kind AS value, COUNT(*) AS n FROM attributions GROUP BY 1 ORDER BY n DESC, value"
    )
    speakers, speaker_count = prov.top_speakers(corpus, limit=12)
    months = corpus.rows(
        f"SELECT substr(published, 1, 7) AS value, COUNT(*) AS n FROM {table} "
        "WHERE published IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT 24"
    )
    result = {
        "totals": totals | {"speakers": speaker_count},
        "outlets": outlets,
        "languages": languages,
        "source_types": [{"value": g, "n": n} for g, n in groups.items()],
        "stances": stances,
        "kinds": kinds,
        "top_speakers": speakers,
        "months": list(reversed(months)),
        "speaker_mode": prov.speaker_mode(corpus),
        "linking": prov.linking_available(corpus),
    }
    _overview_cache.clear()
    return result


# --------------------------------------------------------------------------- search


# the narrow copy of ``articles`` (migration m006) that searches and lists scan
ARTICLE_TABLE = "article_facets"


def fts_query(corpus: Corpus, q: str, table: str = "articles_fts") -> str:
    """``q`` as FTS5 syntax when it is valid for ``table``, else as quoted plain words."""
    if table not in ("articles_fts", "attributions_fts"):
        raise ValueError(f"not a full-text index: {table}")
    try:
        corpus.conn.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (q,)).fetchall()
        return q
    except sqlite3.OperationalError:
        words = [w.replace('"', '""') for w in q.split()]
        return " ".join(f'"{w}"' for w in words if w) or '""'


# --------------------------------------------------------------------------- articles


ARTICLE_COLUMNS = (
    "a.id, a.title, a.outlet, a.published, a.url, a.language, a.length, a.origin, "
    "a.analysis_version, a.analyzed_at"
)


def article(corpus: Corpus, article_id: str) -> dict[str, Any] | None:
    """An article with its text and full analysis record (``None``: no such article)."""
    found = corpus.row(
        f"SELECT {ARTICLE_COLUMNS}, a.text, a.warnings, r.record FROM articles a "
        "LEFT JOIN analyses r ON r.article_id = a.id WHERE a.id = ?",
        (article_id,),
    )
    if found is None:
        return None
    found["record"] = json.loads(found["record"]) if found["record"] else {}
    found["warnings"] = json.loads(found["warnings"]) if found["warnings"] else []
    return found


def stored_article_view(corpus: Corpus, found: dict[str, Any]) -> ArticleView:
    """The article view of a stored article (as :func:`article` gives it), with the
    speakers, clusters, row ids and quote-mark quotes that linking stored for it; the page
    and the REST API show the same view."""
    return article_view(
        found["text"],
        found["record"],
        speakers=prov.attribution_speakers(corpus, found["id"]),
        clusters=prov.attribution_clusters(corpus, found["id"]),
        ids=attribution_ids(corpus, found["id"]),
        marked=prov.marked_quotes(corpus, found["id"]),
    )


def attribution_ids(corpus: Corpus, article_id: str) -> dict[int, int]:
    """Attribution position -> its row id (the REST API's attribution id)."""
    rows = corpus.iter_rows(
        "SELECT position, id FROM attributions WHERE article_id = ?", (article_id,)
    )
    return {int(position): int(row_id) for position, row_id in rows}


_speaker_cache: OrderedDict[tuple[str, str, tuple[int, int, int]], Any] = OrderedDict()
_speaker_lock = threading.Lock()
SPEAKER_CACHE_SIZE = 16


def _speaker_index(
    corpus: Corpus, speaker_id: str
) -> tuple[array[int], Counter[str], Counter[str]]:
    """A speaker's attribution ids newest first, with counts by outlet and month; the last
    :data:`SPEAKER_CACHE_SIZE` speakers asked for are kept per state of the corpus."""
    key = (str(corpus.path), speaker_id, corpus.version())
    with _speaker_lock:
        if key in _speaker_cache:
            _speaker_cache.move_to_end(key)
            return _speaker_cache[key]  # type: ignore[no-any-return]
    source = prov.speaker_attributions_from(corpus, ARTICLE_TABLE)
    params = {"id": prov.speaker_param(corpus, speaker_id)}
    rows = list(
        corpus.iter_rows(f"SELECT t.id, a.published, a.outlet, a.id, t.position {source}", params)
    )
    outlets: Counter[str] = Counter(outlet or "unknown" for _, _, outlet, _, _ in rows)
    months: Counter[str] = Counter(published[:7] for _, published, _, _, _ in rows if published)
    # newest first, undated last; then by article and position
    rows.sort(key=lambda row: (row[3], row[4]))
    rows.sort(key=lambda row: row[1] or "", reverse=True)
    result = (array("q", (row[0] for row in rows)), outlets, months)
    with _speaker_lock:
        _speaker_cache[key] = result
        while len(_speaker_cache) > SPEAKER_CACHE_SIZE:
            _speaker_cache.popitem(last=False)
    return result


def speaker_quotes(corpus: Corpus, speaker_id: str, *, limit: int, offset: int) -> dict[str, Any]:
    """One speaker's attributions (newest first), and their counts by outlet and month.

    One pass over the narrow article table gives the order and the counts; the page's rows
    are read afterwards.
    """
    keyed, outlets, months = _speaker_index(corpus, speaker_id)
    keys = list(keyed[offset : offset + limit])
    found = {
        row["attribution_id"]: row
        for row in corpus.rows(
            "SELECT t.id AS attribution_id, t.position, t.kind, t.cue, t.stance, t.content, "
            "t.source_text, a.id AS article_id, a.title, a.outlet, a.published, a.language "
            "FROM attributions t JOIN articles a ON a.id = t.article_id "
            "WHERE t.id IN (SELECT value FROM json_each(:ids))",
            {"ids": json.dumps(keys)},
        )
    }
    return {
        "quotes": [found[key] for key in keys if key in found],
        "total": len(keyed),
        "by_outlet": [
            {"value": k, "n": n}
            for k, n in sorted(outlets.items(), key=lambda item: (-item[1], item[0]))[:20]
        ],
        "by_month": [{"value": k, "n": n} for k, n in sorted(months.items())][-240:],
    }


def article_list(corpus: Corpus, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first (undated ones last)."""
    table = ARTICLE_TABLE
    keys = [
        row[0]
        for row in corpus.iter_rows(
            f"SELECT rowid FROM {table} ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
    ]
    found = {
        row.pop("_rowid"): row
        for row in corpus.rows(
            f"SELECT a.rowid AS _rowid, {ARTICLE_COLUMNS} FROM articles a "
            "WHERE a.rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(keys),),
        )
    }
    return [found[key] for key in keys if key in found], int(
        corpus.value(f"SELECT COUNT(*) FROM {table}")
    )
