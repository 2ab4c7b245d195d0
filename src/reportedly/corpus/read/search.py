"""Full-text search: plain (``reportedly search``, :func:`plain_search`) and the explorer's
(:func:`search`), with hits, totals and facets at a bounded cost per request.

A search reads at most :data:`WINDOW` hits: the most recently added ones (highest key: the
full-text index's rowid, the order in which articles and quotes were stored), found by
walking the matches newest first and stopping there; with filters, at most :data:`SCAN`
matches are walked. Everything the page shows comes from that window:

- facets are counted over it (exact when it holds every hit, else marked ``approximate``:
  counts among the newest hits);
- the total is exact when the window holds every hit; else the matches are counted up to
  :data:`COUNT_CAP` (``total_capped`` past it), and with filters the share of the walked
  matches that passed them gives an estimate (``total_approximate``);
- hits are ordered within it: by ``bm25`` relevance (computed for the window's hits only;
  a word in more than :data:`COUNT_CAP` rows is not ranked, ``unranked``: ranking it would
  read every one of them), or by date;
- the page's keys are taken from the ordered window, then each hit's details and snippet.

A browse with no words, in articles and by date, is the one exception: its page comes in
exact date order from the ``published`` index.

Facet columns are read from the narrow tables ``article_facets`` (migration m006),
``quote_facets`` and ``article_speaker_facets`` (m007), or, in a corpus made before them,
from the wide tables, with the same results. Every SQL fragment put together here is a
constant of this module or of :mod:`.speakers`.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from sqlite_utils import Database

from ...errors import StoreError
from ...records import Stance
from ...signal_records import SOURCE_GROUP_ORDER, SOURCE_GROUPS
from . import speakers as who
from .connection import Corpus, run_query
from .quotes import KINDS

__all__ = ["KINDS", "SearchParams", "plain_search", "search"]

SearchScope = Literal["articles", "quotes"]
# Marks around matched terms in snippets; the CLI turns them into styling.
HIGHLIGHT = ("\x02", "\x03")

SEARCH_ARTICLES_SQL = """
SELECT articles.id AS article_id, articles.title, articles.outlet, articles.published,
       articles.url, snippet(articles_fts, 1, :open, :close, '…', :tokens) AS snippet
FROM articles_fts
JOIN articles ON articles.rowid = articles_fts.rowid
WHERE articles_fts MATCH :query
ORDER BY articles_fts.rank
LIMIT :limit
"""

SEARCH_QUOTES_SQL = """
SELECT quotes.speaker, quotes.kind, quotes.article_title AS title, quotes.outlet,
       quotes.published, quotes.url, quotes.article_id, quotes.attribution_id,
       snippet(attributions_fts, 0, :open, :close, '…', :tokens) AS snippet
FROM attributions_fts
JOIN quotes ON quotes.attribution_id = attributions_fts.rowid
WHERE attributions_fts MATCH :query
ORDER BY attributions_fts.rank
LIMIT :limit
"""


def plain_search(
    db: Database,
    query: str,
    *,
    scope: SearchScope = "articles",
    limit: int = 20,
    highlight: tuple[str, str] = HIGHLIGHT,
    snippet_tokens: int = 24,
) -> list[dict[str, Any]]:
    """Full-text search (FTS5 syntax) with a highlighted snippet per hit, best first.

    A query that is not valid FTS5 syntax (``"unbalanced``, ``AND`` alone) is
    searched again as plain words rather than rejected.
    """
    if not query.strip():
        raise StoreError("empty search query")
    sql = SEARCH_ARTICLES_SQL if scope == "articles" else SEARCH_QUOTES_SQL
    params = {
        "query": query,
        "open": highlight[0],
        "close": highlight[1],
        "tokens": snippet_tokens,
        "limit": limit,
    }
    try:
        return list(run_query(db, sql, params, reraise=True))
    except sqlite3.OperationalError:
        return list(run_query(db, sql, params | {"query": db.quote_fts(query)}))


# --------------------------------------------------------------------------- the explorer's

Scope = Literal["articles", "quotes"]
Sort = Literal["relevance", "newest", "oldest"]
# the values the filters offer, read from the records' own types (in their order)
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


# Most hits a search reads (facets, ordering and paging happen among them).
WINDOW = 500
# Most matches a filtered search walks to find its window's hits.
SCAN = 2_500
# Matches are counted up to this many (counting all of a very common word reads them all).
COUNT_CAP = 50_000
ARTICLE_FACETS = ("outlet", "language", "month", "speaker")
QUOTE_FACETS = (*ARTICLE_FACETS, "kind", "stance", "source_type")


@dataclass(frozen=True, slots=True)
class _Source:
    """Where one search reads its window: FROM, key and facet columns, filters."""

    fts: str  # the full-text index of the scope
    table: str  # the table of the hits' keys, with its alias (``a`` or ``f``)
    key: str  # the hit's key column: article rowid or attribution id
    columns: str  # key, outlet, language, published, article rowid, speaker key and label,
    # kind, stance, source type
    where: tuple[str, ...]
    params: dict[str, Any]


def _source(corpus: Corpus, p: SearchParams) -> _Source:
    people = who.speaker_mode(corpus) == "people"
    where: list[str] = []
    params: dict[str, Any] = {}
    if p.scope == "articles":
        columns = "a.rowid, a.outlet, a.language, a.published, a.rowid" + ", NULL" * 5
        row, speaker_key = "a", ""
        table, key = "article_facets a", "a.rowid"
    else:
        speaker = "f.person_id, NULL" if people else "f.speaker_key, f.speaker_name"
        columns = (
            f"f.rowid, f.outlet, f.language, f.published, f.article_rowid, {speaker}, "
            "f.kind, f.stance, f.source_type"
        )
        row, speaker_key = "f", "f.speaker_key"
        table, key = "quote_facets f", "f.rowid"
    meta = row
    for name, condition in (
        ("outlet", f"{meta}.outlet = :outlet"),
        ("language", f"{meta}.language = :language"),
        ("since", f"{meta}.published >= :since"),
    ):
        if getattr(p, name):
            where.append(condition)
            params[name] = getattr(p, name)
    if p.until:
        where.append(f"{meta}.published < :until_end")
        params["until_end"] = p.until + "\uffff"
    quote_where: list[str] = []
    q = "t" if p.scope == "articles" else row  # the attribution's alias in its conditions
    for name in ("kind", "stance"):
        if getattr(p, name):
            quote_where.append(f"{q}.{name} = :{name}")
            params[name] = getattr(p, name)
    if p.source_type:
        types = GROUP_TYPES.get(p.source_type, [])
        if p.source_type == "none":
            quote_where.append(f"{q}.source_type IS NULL")
        else:
            names = ", ".join(f":type{i}" for i in range(len(types))) or "NULL"
            quote_where.append(f"{q}.source_type IN ({names})")
        params |= {f"type{i}": value for i, value in enumerate(types)}
    if p.speaker:
        params["speaker"] = who.speaker_param(corpus, p.speaker)
    if p.scope == "articles":
        if quote_where:
            has_quote = "quote_facets t WHERE t.article_rowid = a.rowid"
            where.append(f"EXISTS (SELECT 1 FROM {has_quote} AND {' AND '.join(quote_where)})")
        if p.speaker:
            where.append(who.article_filter_sql(corpus))
    else:
        where += quote_where
        if p.speaker:
            # names: the quotes whose speaker is that person (not a lower-case mention)
            where.append(f"{q}.person_id = :speaker" if people else f"{speaker_key} = :speaker")
    fts = "attributions_fts" if p.scope == "quotes" else "articles_fts"
    return _Source(fts, table, key, columns, tuple(where), params)


def _count(corpus: Corpus, sql: str, params: dict[str, Any], cap: int) -> int:
    return int(corpus.value(f"SELECT COUNT(*) FROM ({sql} LIMIT :cap)", params | {"cap": cap}))


# The window's columns, as the CTE ``w`` names them.
WINDOW_COLUMNS = (
    "key, outlet, language, published, article_rowid, speaker, speaker_name, kind, stance, "
    "source_type, rank"
)
_GROUP_CASE = (
    "CASE source_type "
    + " ".join(f"WHEN '{source}' THEN '{group}'" for source, group in SOURCE_GROUPS.items())
    + " ELSE 'none' END"
)
# (facet, value, label) over the window ``w``, counted and cut to :facet_limit in SQL
_FACET_SQL = {
    "outlet": ("outlet", "NULL"),
    "language": ("language", "NULL"),
    "month": ("substr(published, 1, 7)", "NULL"),
    "kind": ("kind", "NULL"),
    "stance": ("stance", "NULL"),
    "source_type": (_GROUP_CASE, "NULL"),
}
ORDERS = {
    "rank": "rank, key DESC",
    "added": "key DESC",
    "newest": "published IS NULL, published DESC, article_rowid DESC, key",
    "oldest": "published IS NULL, published, article_rowid, key",
}


def _speaker_facet(corpus: Corpus, scope: str) -> str:
    """The speaker facet's SELECT (facet, value, label, n) over the window ``w``."""
    people = who.speaker_mode(corpus) == "people"
    tail = "ORDER BY n DESC, value LIMIT :facet_limit"
    listed = f"JOIN people p ON p.id = CAST(value AS INTEGER) WHERE {who.PERSON_IS_LISTED}"
    if scope == "quotes":
        if people:
            return (
                "SELECT 'speaker', value, p.name, n FROM (SELECT CAST(speaker AS TEXT) AS value, "
                f"COUNT(*) AS n FROM w WHERE speaker IS NOT NULL GROUP BY speaker) {listed} {tail}"
            )
        return (
            "SELECT 'speaker', speaker AS value, MAX(speaker_name), COUNT(*) AS n FROM w "
            f"WHERE speaker IS NOT NULL GROUP BY speaker {tail}"
        )
    kind = "person" if people else "name"
    # (an IN list, not a join: SQLite would build a Bloom filter over the whole table)
    grouped = (
        "SELECT s.key AS value, MAX(s.name) AS label, COUNT(*) AS n FROM article_people s "
        f"WHERE s.article_rowid IN (SELECT key FROM w) AND s.kind = '{kind}' GROUP BY s.key"
    )
    if people:
        return f"SELECT 'speaker', value, p.name, n FROM ({grouped}) {listed} {tail}"
    return f"SELECT 'speaker', value, label, n FROM ({grouped}) {tail}"


def search(corpus: Corpus, p: SearchParams) -> dict[str, Any]:
    """One page of hits, their total and facet counts (see the module's docstring); the
    answer is kept for the same search in the same state of the corpus (:meth:`Corpus.cached`:
    a shared link, a page reloaded, the back button). Callers must not change it."""
    result: dict[str, Any] = corpus.cached(("search", p), lambda: _search(corpus, p))
    return result


def _search(corpus: Corpus, p: SearchParams) -> dict[str, Any]:
    src = _source(corpus, p)
    params = dict(src.params)
    if p.q:
        params["q"] = fts_query(corpus, p.q, src.fts)
        keyed = f"{src.fts}.rowid"
        from_ = f"{src.fts} CROSS JOIN {src.table} ON {src.key} = {keyed}"
        matching = f"SELECT rowid FROM {src.fts} WHERE {src.fts} MATCH :q"
        content = "attributions" if p.scope == "quotes" else "articles"
        where = [f"{src.fts} MATCH :q", *src.where]
    else:
        keyed, from_ = src.key, src.table
        content = src.table.split(" ")[0]
        matching = f"SELECT rowid FROM {content} WHERE 1"
        where = list(src.where)
    filtered = bool(src.where)
    floor = None
    if filtered:  # walk at most SCAN matches
        floor = corpus.value(
            f"{matching} ORDER BY rowid DESC LIMIT 1 OFFSET :skip", params | {"skip": SCAN - 1}
        )
        if floor is not None:
            where.append(f"{keyed} >= :floor")
            params["floor"] = floor
    matches, estimate = _count_matches(corpus, matching, content, params)
    by_rank = bool(p.q) and p.sort == "relevance" and matches is not None
    exact_browse = not p.q and p.scope == "articles"  # a page by date from the index
    if by_rank:
        order = ORDERS["rank"]
    elif p.q and p.sort == "relevance":
        order = ORDERS["added"]
    else:
        order = ORDERS["oldest" if p.sort == "oldest" else "newest"]
    facet_sql = [
        f"SELECT * FROM (SELECT '{name}', {value} AS value, {label}, COUNT(*) AS n FROM w "
        f"WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value LIMIT :facet_limit)"
        for name, (value, label) in _FACET_SQL.items()
        if name in (QUOTE_FACETS if p.scope == "quotes" else ARTICLE_FACETS)
    ]
    facet_sql.append(f"SELECT * FROM ({_speaker_facet(corpus, p.scope)})")
    page_sql = (
        []
        if exact_browse
        else [f"SELECT * FROM (SELECT '', key, NULL, NULL FROM w ORDER BY {order} "
              "LIMIT :limit OFFSET :offset)"]
    )  # fmt: skip
    rank = f"{src.fts}.rank" if by_rank else "NULL"
    sql = (
        f"WITH w ({WINDOW_COLUMNS}) AS MATERIALIZED (SELECT {src.columns}, {rank} "
        f"FROM {from_} WHERE {' AND '.join(where) or '1'} ORDER BY {keyed} DESC LIMIT :window) "
        "SELECT 'window', MIN(key), NULL, COUNT(*) FROM w UNION ALL "
        + " UNION ALL ".join(page_sql + facet_sql)
    )
    names = QUOTE_FACETS if p.scope == "quotes" else ARTICLE_FACETS
    values: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    keys: list[int] = []
    size, last = 0, None
    query = params | {"window": WINDOW, "facet_limit": FACET_LIMIT}
    for facet, value, label, n in corpus.iter_rows(
        sql, query | {"limit": p.per_page, "offset": p.offset}
    ):
        if facet == "window":
            size, last = int(n), value
        elif facet == "":
            keys.append(int(value))
        else:
            values[facet].append({"value": value, "label": label or value, "n": int(n)})
    if not filtered:
        exhausted, scanned = size < WINDOW, size
    elif size < WINDOW:
        exhausted, scanned = floor is None, SCAN
    else:  # the window filled up before the walk ended: how far did it go?
        exhausted = False
        scanned = _count(corpus, f"{matching} AND rowid >= :last", params | {"last": last}, SCAN)
    total_approximate = False
    if exhausted:
        total = size
    else:
        found = matches if matches is not None else _rounded(estimate or 0)
        total = _rounded(size * found / max(1, scanned)) if filtered else found
        total_approximate = matches is None or filtered
    if exact_browse:
        keys = _browse_keys(corpus, p, src)
    hits = _hits(corpus, p, keys, params.get("q"))
    window = None if exhausted or exact_browse else size
    facets = {
        name: {"timed_out": False, "approximate": not exhausted, "values": values[name]}
        for name in names
    }
    return {
        "hits": hits,
        "total": total,
        "total_approximate": total_approximate,
        "facets": facets,
        "rank_window": window,
        "ranked": size if window is not None else total,
        "unranked": bool(p.q) and p.sort == "relevance" and not by_rank,
        "undated_left_out": _undated_left_out(corpus, p),
    }


# Undated hits a date filter leaves out are counted up to this many.
UNDATED_CAP = 10_000


def _undated_left_out(corpus: Corpus, p: SearchParams) -> int | None:
    """How many hits the search would have without its date filter whose article has no
    date (the filter leaves them out without a word otherwise); ``None``: no date filter.
    Counted up to ``UNDATED_CAP``."""
    if not (p.since or p.until):
        return None
    src = _source(corpus, replace(p, since=None, until=None))
    alias = src.table.split()[-1]
    where = [*src.where, f"{alias}.published IS NULL"]
    from_ = src.table
    params = dict(src.params)
    if p.q:
        params["q"] = fts_query(corpus, p.q, src.fts)
        from_ = f"{src.fts} CROSS JOIN {src.table} ON {src.key} = {src.fts}.rowid"
        where.insert(0, f"{src.fts} MATCH :q")
    return _count(corpus, f"SELECT 1 FROM {from_} WHERE {' AND '.join(where)}", params, UNDATED_CAP)


def _count_matches(
    corpus: Corpus, matching: str, content: str, params: dict[str, Any]
) -> tuple[int | None, float | None]:
    """(the exact number of matches, None) when at most COUNT_CAP; else (None, an estimate
    from how far back the newest COUNT_CAP matches reach: bm25 would read every match of
    each word, counting them all would too)."""
    counted, oldest = corpus.conn.execute(
        f"SELECT COUNT(*), MIN(rowid) FROM ({matching} ORDER BY rowid DESC LIMIT :cap)",
        params | {"cap": COUNT_CAP + 1},
    ).fetchone()
    if int(counted) <= COUNT_CAP:
        return int(counted), None
    top = int(corpus.value(f"SELECT MAX(rowid) FROM {content}") or 0)
    return None, int(counted) * top / max(1, top - int(oldest) + 1)


def _rounded(n: float) -> int:
    """An estimate to two significant figures."""
    if n < 100:
        return round(n)
    scale = 10 ** (len(str(int(n))) - 2)
    return int(round(n / scale) * scale)


def _browse_keys(corpus: Corpus, p: SearchParams, src: _Source) -> list[int]:
    """A page of articles without words, in exact date order (the ``published`` index)."""
    order = (
        "a.published IS NULL, a.published, a.rowid"
        if p.sort == "oldest"
        else "a.published DESC, a.rowid DESC"
    )
    return [
        int(row[0])
        for row in corpus.iter_rows(
            f"SELECT a.rowid FROM {src.table} WHERE {' AND '.join(src.where) or '1'} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            src.params | {"limit": p.per_page, "offset": p.offset},
        )
    ]


# The page's hits with their details, fetched in one statement for the page's keys only
# (snippets are costly to make). With words, the keys' rowid range bounds the full-text walk:
# they all lie within the window.
ARTICLE_HITS_SQL = """
SELECT a.rowid AS _key, a.id AS article_id, a.title, a.outlet, a.published, a.url, a.language,
       a.length, {snippet} AS snippet
FROM {source} WHERE {where}
"""
QUOTE_HITS_SQL = """
SELECT t.id AS _key, t.id AS attribution_id, t.position, t.kind, t.speaker, t.source_text,
       t.source_type, t.cue, t.stance, t.content, a.id AS article_id, a.title, a.outlet,
       a.published, a.language, {snippet} AS snippet
FROM {source} WHERE {where}
"""
_IN_KEYS = "IN (SELECT value FROM json_each(:keys))"


def _hits(corpus: Corpus, p: SearchParams, keys: list[int], q: str | None) -> list[dict[str, Any]]:
    """The hits of ``keys``, in their order."""
    if not keys:
        return []
    marks: dict[str, Any] = {"open": SNIPPET_MARKS[0], "close": SNIPPET_MARKS[1], "q": q}
    marks |= {"keys": json.dumps(keys), "lo": min(keys), "hi": max(keys)}
    fts = "attributions_fts" if p.scope == "quotes" else "articles_fts"
    in_range = f"{fts} MATCH :q AND {fts}.rowid BETWEEN :lo AND :hi AND {fts}.rowid {_IN_KEYS}"
    if p.scope == "quotes":
        sql = QUOTE_HITS_SQL.format(
            snippet="snippet(attributions_fts, 0, :open, :close, '…', 24)" if q else "NULL",
            source=(
                "attributions_fts CROSS JOIN attributions t ON t.id = attributions_fts.rowid "
                if q
                else "attributions t "
            )
            + "JOIN articles a ON a.id = t.article_id",
            where=in_range if q else f"t.id {_IN_KEYS}",
        )
    else:
        sql = ARTICLE_HITS_SQL.format(
            snippet="snippet(articles_fts, 1, :open, :close, '…', 32)" if q else "NULL",
            source="articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid"
            if q
            else "articles a",
            where=in_range if q else f"a.rowid {_IN_KEYS}",
        )
    found = {row.pop("_key"): row for row in corpus.rows(sql, marks)}
    return [found[key] for key in keys if key in found]
