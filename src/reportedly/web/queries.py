"""The explorer's read queries: overview, search with facets, articles, a speaker's quotes.

Everything here reads through :class:`~reportedly.web.db.Corpus` with parameterised SQL; the
fragments put together into one statement are constants of this module or of
:mod:`~reportedly.web.provenance_queries`, never text from a request.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..signals.compute import SOURCE_GROUP_ORDER, SOURCE_GROUPS
from . import provenance_queries as prov
from .db import Corpus

Scope = Literal["articles", "quotes"]
Sort = Literal["relevance", "newest", "oldest"]
SCOPES: tuple[Scope, ...] = ("articles", "quotes")
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
KINDS = ("direct", "indirect", "mixed", "according_to")
STANCES = ("neutral", "assertive", "doubtful", "belief", "intention", "admission", "other")
MAX_QUERY_CHARS = 200
MAX_PER_PAGE = 100
# Deepest row a page may start at (like a search engine's last page).
MAX_OFFSET = 10_000
FACET_LIMIT = 10
# Facets are counted over at most this many hits (an even sample of them when there are more).
FACET_SAMPLE = 2_000
# Relevance is ranked among at most this many matches, the most recently added ones (ranking
# every match of a common word costs about 2 µs each: 0.9 s for 380,000 quotes).
RANK_WINDOW = 10_000
# Facets not counted in this time, all together, are left out with a note, as Datasette does.
FACET_TIME_LIMIT_S = 0.5
SNIPPET_MARKS = ("\x02", "\x03")
_GROUP_TYPES: dict[str, list[str]] = {}
for _type, _group in SOURCE_GROUPS.items():
    _GROUP_TYPES.setdefault(_group, []).append(_type)
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


# --------------------------------------------------------------------------- overview

_overview_cache: dict[tuple[str, tuple[int, int]], dict[str, Any]] = {}
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
    table = _article_table(corpus)
    totals = corpus.row(
        "SELECT COUNT(*) AS articles, COUNT(DISTINCT outlet) AS outlets, "
        f"MIN(published) AS first, MAX(published) AS last FROM {table}"
    ) or {"articles": 0, "outlets": 0, "first": None, "last": None}
    totals["attributions"] = corpus.value("SELECT COUNT(*) FROM attributions")
    outlets = corpus.rows(
        f"SELECT outlet AS value, COUNT(*) AS n FROM {table} WHERE outlet IS NOT NULL "
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


def _conditions(corpus: Corpus, p: SearchParams) -> tuple[list[str], dict[str, Any]]:
    """WHERE conditions over article ``a`` (and attribution ``t`` in quote scope)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if p.outlet:
        where.append("a.outlet = :outlet")
        params["outlet"] = p.outlet
    if p.language:
        where.append("a.language = :language")
        params["language"] = p.language
    if p.since:
        where.append("a.published >= :since")
        params["since"] = p.since
    if p.until:
        where.append("a.published < :until_end")
        params["until_end"] = p.until + "\uffff"
    attribution_where: list[str] = []
    if p.kind:
        attribution_where.append("t.kind = :kind")
        params["kind"] = p.kind
    if p.stance:
        attribution_where.append("t.stance = :stance")
        params["stance"] = p.stance
    if p.source_type:
        types = _GROUP_TYPES.get(p.source_type, [])
        names = [f":type{i}" for i in range(len(types))]
        if p.source_type == "none":
            attribution_where.append("t.source_type IS NULL")
        else:
            attribution_where.append(f"t.source_type IN ({', '.join(names) or 'NULL'})")
        params |= {f"type{i}": value for i, value in enumerate(types)}
    if p.speaker:
        params["speaker"] = prov.speaker_param(corpus, p.speaker)
    if p.scope == "quotes":
        where += attribution_where
        if p.speaker:
            where.append(prov.attribution_filter_sql(corpus))
    else:
        if attribution_where:
            where.append(
                "EXISTS (SELECT 1 FROM attributions t WHERE t.article_id = a.id AND "
                + " AND ".join(attribution_where)
                + ")"
            )
        if p.speaker:
            where.append(prov.article_filter_sql(corpus))
    return where, params


def _article_table(corpus: Corpus) -> str:
    """The narrow ``article_facets`` (migration m006) when the corpus has it, else ``articles``."""
    return "article_facets" if corpus.has_table("article_facets") else "articles"


def _from(corpus: Corpus, p: SearchParams) -> str:
    table = _article_table(corpus)
    if p.scope == "quotes":
        if p.q:
            # CROSS JOIN keeps the full-text index the outer loop (SQLite otherwise may start
            # from a filter's index and look each row up in the full-text index: seconds)
            return (
                "attributions_fts CROSS JOIN attributions t ON t.id = attributions_fts.rowid "
                f"CROSS JOIN {table} a ON a.id = t.article_id"
            )
        return f"attributions t JOIN {table} a ON a.id = t.article_id"
    if p.q:
        return f"articles_fts CROSS JOIN {table} a ON a.rowid = articles_fts.rowid"
    return f"{table} a"


def _key(p: SearchParams) -> str:
    """The column that names one hit: the attribution id or the article's rowid."""
    if p.scope == "quotes":
        return "t.id"
    return "articles_fts.rowid" if p.q else "a.rowid"


def _order(p: SearchParams) -> str:
    position = ", t.position" if p.scope == "quotes" else ""
    if p.sort == "relevance" and p.q:
        return "attributions_fts.rank" if p.scope == "quotes" else "articles_fts.rank"
    if p.sort == "oldest":
        return f"a.published IS NULL, a.published, a.rowid{position}"
    return f"a.published DESC, a.rowid DESC{position}"  # NULL sorts last when descending


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


# One hit's details, fetched for the page's hits only (snippets are costly to make).
ARTICLE_HIT_SQL = """
SELECT a.id AS article_id, a.title, a.outlet, a.published, a.url, a.language, a.length,
       {snippet} AS snippet
FROM {source} WHERE {where}
"""
QUOTE_HIT_SQL = """
SELECT t.id AS attribution_id, t.position, t.kind, t.speaker, t.source_text, t.source_type,
       t.cue, t.stance, t.content, a.id AS article_id, a.title, a.outlet, a.published,
       a.language, {snippet} AS snippet
FROM {source} WHERE {where}
"""


def _hit(corpus: Corpus, p: SearchParams, key: int, q: str | None) -> dict[str, Any] | None:
    marks = {"open": SNIPPET_MARKS[0], "close": SNIPPET_MARKS[1], "key": key, "q": q}
    if p.scope == "quotes":
        if q:
            sql = QUOTE_HIT_SQL.format(
                snippet="snippet(attributions_fts, 0, :open, :close, '…', 24)",
                source="attributions_fts JOIN attributions t ON t.id = attributions_fts.rowid "
                "JOIN articles a ON a.id = t.article_id",
                where="attributions_fts MATCH :q AND attributions_fts.rowid = :key",
            )
        else:
            sql = QUOTE_HIT_SQL.format(
                snippet="NULL",
                source="attributions t JOIN articles a ON a.id = t.article_id",
                where="t.id = :key",
            )
    elif q:
        sql = ARTICLE_HIT_SQL.format(
            snippet="snippet(articles_fts, 1, :open, :close, '…', 32)",
            source="articles_fts JOIN articles a ON a.rowid = articles_fts.rowid",
            where="articles_fts MATCH :q AND articles_fts.rowid = :key",
        )
    else:
        sql = ARTICLE_HIT_SQL.format(snippet="NULL", source="articles a", where="a.rowid = :key")
    return corpus.row(sql, marks)


def search(corpus: Corpus, p: SearchParams) -> dict[str, Any]:
    """One page of hits, their total, and facet counts.

    Cost is bounded for words that match hundreds of thousands of rows:

    - facets are counted over every hit, or over an even sample of about
      :data:`FACET_SAMPLE` of them (every ``step``-th by key) when there are more, their
      counts then multiplied by ``step`` and marked ``approximate``; with filters, the total
      is then estimated the same way (``total_approximate``);
    - relevance is ranked among the :data:`RANK_WINDOW` most recently added matches
      (``rank_window``; ``ranked`` says how many of the hits that leaves to page through);
    - the page's keys are found first, then each hit's details and snippet.
    """
    filters, params = _conditions(corpus, p)
    fts_table = "attributions_fts" if p.scope == "quotes" else "articles_fts"
    where = list(filters)
    if p.q:
        where.insert(0, f"{fts_table} MATCH :q")
        params["q"] = fts_query(corpus, p.q, fts_table)
    source = _from(corpus, p)
    where_sql = " AND ".join(where) or "1"
    # every hit before filters: cheap to count on the full-text index or the key table
    if p.q:
        unfiltered = f"SELECT COUNT(*) FROM {fts_table} WHERE {fts_table} MATCH :q"
    elif p.scope == "quotes":
        unfiltered = "SELECT COUNT(*) FROM attributions"
    else:
        unfiltered = f"SELECT COUNT(*) FROM {_article_table(corpus)}"
    matches = int(corpus.value(unfiltered, params))
    step = max(1, -(-matches // FACET_SAMPLE))
    facets, sampled = _facets(corpus, p, source, where_sql, params, step)
    total_approximate = False
    if not filters:
        total = matches
    elif step == 1 and sampled is not None:
        total = sampled
    elif sampled is not None:
        total, total_approximate = sampled * step, True
    else:
        total = int(corpus.value(f"SELECT COUNT(*) FROM {source} WHERE {where_sql}", params))
    page_where, ranked, windowed = where_sql, total, False
    window_params: dict[str, Any] = {}
    if p.q and p.sort == "relevance" and matches > RANK_WINDOW:
        floor = corpus.value(
            f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :q "
            "ORDER BY rowid DESC LIMIT 1 OFFSET :window",
            {"q": params["q"], "window": RANK_WINDOW - 1},
        )
        page_where += f" AND {fts_table}.rowid >= :rank_floor"
        window_params = {"rank_floor": floor}
        windowed = True
        ranked = int(
            corpus.value(
                f"SELECT COUNT(*) FROM {source} WHERE {page_where}", params | window_params
            )
        )
    keys = [
        row[0]
        for row in corpus.iter_rows(
            f"SELECT {_key(p)} FROM {source} WHERE {page_where} ORDER BY {_order(p)} "
            "LIMIT :limit OFFSET :offset",
            params | window_params | {"limit": p.per_page, "offset": p.offset},
        )
    ]
    hits = [hit for key in keys if (hit := _hit(corpus, p, key, params.get("q")))]
    return {
        "hits": hits,
        "total": total,
        "total_approximate": total_approximate,
        "facets": facets,
        "rank_window": RANK_WINDOW if windowed else None,
        "ranked": ranked,
    }


def _facets(
    corpus: Corpus,
    p: SearchParams,
    source: str,
    where_sql: str,
    params: dict[str, Any],
    step: int,
) -> tuple[dict[str, Any], int | None]:
    """Facet counts over the hits (every ``step``-th of them), read in one pass (two for an
    article search's speakers); and how many hits that pass read (``None``: out of time)."""
    if step > 1:
        fts_table = "attributions_fts" if p.scope == "quotes" else "articles_fts"
        sample_key = f"{fts_table}.rowid" if p.q else _key(p)
        # a multiplicative hash of the key, so that rows in a regular pattern sample evenly
        where_sql += f" AND ({sample_key} * 2654435761) % 4294967311 % :step = 0"
    names = ["outlet", "language", "month", "speaker"]
    columns = "a.outlet, a.language, substr(a.published, 1, 7)"
    if p.scope == "quotes":
        names += ["kind", "stance", "source_type"]
        speaker_columns, speaker_join = prov.quote_speaker_sql(corpus)
        sql = (
            f"SELECT {columns}, {speaker_columns}, t.kind, t.stance, t.source_type "
            f"FROM {source} {speaker_join} WHERE {where_sql}"
        )
    else:
        sql = f"SELECT {columns}, a.id FROM {source} WHERE {where_sql}"
    counters: dict[str, Counter[str]] = {name: Counter() for name in names}
    labels: dict[str, str] = {}
    deadline = time.monotonic() + FACET_TIME_LIMIT_S
    rows = _timed(corpus, sql, params | {"step": step}, deadline)
    sampled = None if rows is None else len(rows)
    if rows is not None and p.scope == "quotes":
        for outlet, language, month, key, label, kind, stance, source_type in rows:
            group = SOURCE_GROUPS.get(source_type or "", "none")
            found = {"outlet": outlet, "language": language, "month": month, "speaker": key,
                     "kind": kind, "stance": stance, "source_type": group}  # fmt: skip
            for name, value in found.items():
                if value is not None:
                    counters[name][value] += 1
            if key is not None:
                labels[key] = max(labels.get(key, ""), label or "")
    elif rows is not None:
        for outlet, language, month, _ in rows:
            for name, value in (("outlet", outlet), ("language", language), ("month", month)):
                if value is not None:
                    counters[name][value] += 1
        speakers = _timed(
            corpus,
            prov.article_speakers_sql(corpus),
            {"ids": json.dumps([row[3] for row in rows]), "facet_limit": FACET_LIMIT},
            deadline,
        )
        if speakers is None:
            rows = None
        else:
            for key, label, n in speakers:
                counters["speaker"][key] = n
                labels[key] = label
    facets: dict[str, Any] = {}
    for name in names:
        values = [
            {"value": value, "label": labels.get(value, value) if name == "speaker" else value,
             "n": n * step}
            for value, n in sorted(counters[name].items(), key=lambda item: (-item[1], item[0]))
        ][:FACET_LIMIT]  # fmt: skip
        facets[name] = {"timed_out": rows is None, "approximate": step > 1, "values": values}
    return facets, sampled


def _timed(
    corpus: Corpus, sql: str, params: dict[str, Any], deadline: float
) -> list[tuple[Any, ...]] | None:
    """Run a facet query; ``None`` when the facets' time (:data:`FACET_TIME_LIMIT_S`) ran out."""
    corpus.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        return list(corpus.iter_rows(sql, params))
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return None
        raise
    finally:
        corpus.conn.set_progress_handler(None, 0)


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


def attribution_ids(corpus: Corpus, article_id: str) -> dict[int, int]:
    """Attribution position -> its row id (the REST API's attribution id)."""
    rows = corpus.iter_rows(
        "SELECT position, id FROM attributions WHERE article_id = ?", (article_id,)
    )
    return {int(position): int(row_id) for position, row_id in rows}


_speaker_cache: OrderedDict[tuple[str, str, tuple[int, int]], Any] = OrderedDict()
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
    source = prov.speaker_attributions_from(corpus, _article_table(corpus))
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
    table = _article_table(corpus)
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
