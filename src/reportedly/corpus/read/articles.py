"""The explorer's reads of articles: the overview, article lists, one article with its
analysis record, and a speaker's quotes (their order and counts kept per state of the corpus).
"""

from __future__ import annotations

import json
import threading
from array import array
from collections import Counter, OrderedDict
from typing import Any

from ...signal_records import SOURCE_GROUP_ORDER, SOURCE_GROUPS
from .connection import Corpus
from .links import linking_available
from .speakers import speaker_attributions_from, speaker_mode, speaker_param, top_speakers

# the narrow copy of ``articles`` (migration m006) that searches and lists scan
ARTICLE_TABLE = "article_facets"


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
    speakers, speaker_count = top_speakers(corpus, limit=12)
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
        "speaker_mode": speaker_mode(corpus),
        "linking": linking_available(corpus),
    }
    _overview_cache.clear()
    return result


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
    source = speaker_attributions_from(corpus, ARTICLE_TABLE)
    params = {"id": speaker_param(corpus, speaker_id)}
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
