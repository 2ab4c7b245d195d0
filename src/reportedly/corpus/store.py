"""The corpus database: open (and migrate) it, write analyzed articles into it.

Writes are crash-safe: the database runs in WAL mode and :func:`save_articles`
writes a whole batch (each article row with all of its child rows) in one
transaction, so a process killed at any moment leaves either all of an
article or none of it, and a re-run completes the corpus.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..errors import StoreError
from ..ingest.files import display_name
from ..ingest.sources import RawArticle
from ..records import Analysis, Attribution, Spans, spans_json
from ..signal_records import Signals
from .migrations import MIGRATION_NAMES, MIGRATIONS

# Child tables of an article, in the order they must be emptied (foreign keys
# point from claims to attributions and from attributions to speakers).
CHILD_TABLES = ("claims", "attributions", "speakers", "signals", "repairs", "flags", "analyses")
# Metadata columns of ``articles``; a re-analysis keeps the first value seen and fills gaps.
METADATA_COLUMNS = ("title", "outlet", "published", "url", "language", "origin")
UPSERT_ARTICLE = f"""
INSERT INTO articles (id, {", ".join(METADATA_COLUMNS)}, text, length,
                      analysis_version, analyzed_at, warnings)
VALUES (:id, {", ".join(":" + c for c in METADATA_COLUMNS)}, :text, :length,
        :analysis_version, :analyzed_at, :warnings)
ON CONFLICT(id) DO UPDATE SET
    {", ".join(f"{c} = COALESCE(articles.{c}, excluded.{c})" for c in METADATA_COLUMNS)},
    text = excluded.text,
    length = excluded.length,
    analysis_version = excluded.analysis_version,
    analyzed_at = excluded.analyzed_at,
    warnings = excluded.warnings
"""


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article read from a source together with its analysis, ready to be stored."""

    id: str
    article: RawArticle
    analysis: Analysis


# --------------------------------------------------------------------------- opening


def open_db(path: str | Path, *, must_exist: bool = False, read_only: bool = False) -> Database:
    """Open the corpus database at ``path``, creating and migrating it as needed.

    ``must_exist`` is for readers (queries, export): a missing file is then an
    error rather than a new empty corpus. ``read_only`` opens it without any
    right to write (an older corpus is first brought up to date: the one write
    a reader makes, and only to a sound corpus of reportedly's own).

    A file that is not a SQLite database, or is another application's, is
    refused without a byte written to it; so is a damaged one (with a hint).
    Opening and migrating are serialised between processes, so two ingests
    started together into a new database both succeed.
    """
    path = Path(path)
    name = display_name(path)
    exists = _check_file(path, name)
    if not exists and (must_exist or read_only):
        raise StoreError(f"{name}: no such corpus database (create it with `reportedly ingest`)")
    if read_only:
        db = _open_read_only(path, name)
        try:
            pending = bool(MIGRATIONS.pending(db))
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _damaged(name, exc) from None
        if not pending:
            return db
        db.close()
    with _setup_lock(path):
        try:
            db = Database(path)
            if exists:
                _refuse_unsound(db, name)
            db.execute("PRAGMA busy_timeout = 10000")
            db.enable_wal()
            # in WAL mode NORMAL loses nothing when a process dies, only on power loss
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _refuse_newer_schema(db, name)
            MIGRATIONS.apply(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{name}: cannot open as a corpus database ({exc})") from None
    if read_only:
        return _open_read_only(path, name)
    return db


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path, name: str) -> bool:
    """Whether a file is there; raises when what is there is not a SQLite database."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise StoreError(f"{name}: is a directory, not a corpus database") from None
    except OSError as exc:
        raise StoreError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if head and not head.startswith(SQLITE_HEADER):
        raise StoreError(
            f"{name}: not a SQLite database; reportedly will not touch it "
            "(give --db the name of a new file to create a corpus there)"
        )
    return bool(head)


def _open_read_only(path: Path, name: str) -> Database:
    uri = path.resolve().as_uri()
    try:
        try:
            db = _checked_read_only(f"{uri}?mode=ro", name)
        except sqlite3.OperationalError:
            # a WAL database needs its -shm file, which cannot be made on a full disk or in a
            # read-only folder; a corpus closed cleanly has no WAL left to read, so its file
            # alone is the whole of it
            db = _checked_read_only(f"{uri}?mode=ro&immutable=1", name)
    except sqlite3.DatabaseError as exc:
        raise _damaged(name, exc) from None
    return db


def _checked_read_only(uri: str, name: str) -> Database:
    db = Database(sqlite3.connect(uri, uri=True))
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        _refuse_foreign(db, name)
        _refuse_newer_schema(db, name)
    except BaseException:
        db.close()
        raise
    return db


def _refuse_unsound(db: Database, name: str) -> None:
    """Before the first write: the file must be a sound corpus of ours (or empty)."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _damaged(name, exc) from None
    if [tuple(row) for row in rows] != [("ok",)]:
        raise _damaged(name, " ".join(str(row[0]) for row in rows[:3]))
    _refuse_foreign(db, name)


def _refuse_foreign(db: Database, name: str) -> None:
    tables = set(db.table_names())
    if not tables:
        return  # an empty database: a corpus may be made in it
    if "_sqlite_migrations" in tables and MIGRATIONS.applied(db):
        return
    raise StoreError(
        f"{name}: a SQLite database of another application (no reportedly corpus in it); "
        "reportedly will not touch it (give --db the name of a new file)"
    )


def _damaged(name: str, cause: object) -> StoreError:
    return StoreError(
        f"{name}: damaged or unreadable corpus database ({cause}); nothing was written. "
        f"Check it with `sqlite3 {name} 'PRAGMA integrity_check'` and restore it from a backup"
    )


@contextmanager
def _setup_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the database's folder while it is created and migrated.

    The folder, not the file: closing any descriptor of the database file would
    drop SQLite's own POSIX locks on it. Nothing is left behind.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: SQLite's busy timeout must do
        yield
        return
    try:
        fd = os.open(path.parent if str(path.parent) else ".", os.O_RDONLY)
    except OSError:
        yield  # no folder to lock (SQLite reports what is wrong)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _refuse_newer_schema(db: Database, name: str) -> None:
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in MIGRATION_NAMES]
    if unknown:
        raise StoreError(
            f"{name}: written by a newer reportedly (unknown migrations: {', '.join(unknown)}); "
            "upgrade reportedly to use it"
        )


# --------------------------------------------------------------------------- versions


def version_key(version: str) -> tuple[tuple[int, ...], int]:
    """Sortable form of an analysis version such as ``0.1.0/reportedly.analysis/1``.

    The package version's numbers come first, then the record schema's number.
    An empty or foreign version sorts before every real one.
    """
    release, _, rest = version.partition("/")
    numbers = tuple(int(n) for n in re.findall(r"\d+", release.split("+")[0]))
    schema = re.search(r"(\d+)$", rest)
    return numbers, int(schema.group(1)) if schema else 0


def is_outdated(stored: str, current: str) -> bool:
    """Whether an analysis made by version ``stored`` is older than ``current``, or
    made at the same version by another attribution model (the tag after "+":
    "crf.<hash>" or "rules"), so that ``--reanalyze`` picks up a retrained model."""
    if version_key(stored) != version_key(current):
        return version_key(stored) < version_key(current)
    return _model_tag(stored) != _model_tag(current)


def _model_tag(version: str) -> str:
    release = version.partition("/")[0]
    return release.partition("+")[2]


def stored_version(db: Database, article_id: str) -> str | None:
    """The analysis version of a stored article, or None when it is not stored."""
    row = db.execute("SELECT analysis_version FROM articles WHERE id = ?", [article_id]).fetchone()
    return None if row is None else str(row[0])


# --------------------------------------------------------------------------- writing


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One transaction that holds the write lock from its first statement.

    ``BEGIN IMMEDIATE``, not sqlite-utils' deferred ``BEGIN``: a deferred
    transaction that reads and then writes fails at once with "database is
    locked" when another process wrote in between (SQLite cannot wait on a
    stale snapshot); an immediate one waits out the busy timeout instead, so
    two ingests or links into one corpus take turns. Inside a transaction
    already open it is a savepoint of that one.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    else:
        db.conn.commit()


def save_articles(db: Database, items: Sequence[AnalyzedArticle]) -> set[str]:
    """Store a batch of analyzed articles in ONE transaction (all of it, or none).

    An article stored before is replaced: its child rows are deleted and
    written again, its first-seen metadata kept. An article already stored at
    the very analysis version of ``item`` is left as it is (another process
    stored the same analysis meanwhile, and may have linked it since: writing
    it again would drop its links); the ids of those are returned.
    """
    analyzed_at = datetime.now(UTC).isoformat(timespec="seconds")
    already: set[str] = set()
    try:
        with write_transaction(db):
            for item in items:
                if stored_version(db, item.id) == item.analysis.version:
                    already.add(item.id)
                else:
                    _save_article(db, item, analyzed_at)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write to the corpus database ({exc})") from None
    return already


def _save_article(db: Database, item: AnalyzedArticle, analyzed_at: str) -> None:
    for table in CHILD_TABLES:
        db.execute(
            f"DELETE FROM [{table}] WHERE article_id = ?",
            [item.id],
        )
    db.execute(UPSERT_ARTICLE, article_row(item, analyzed_at))
    analysis = item.analysis
    db.table("analyses").insert(
        {"article_id": item.id, "record": compact_json(analysis.to_dict(include_text=False))}
    )
    db.table("speakers").insert_all(speaker_rows(item.id, analysis.attributions))
    speaker_ids = dict(
        db.execute("SELECT name, id FROM speakers WHERE article_id = ?", [item.id]).fetchall()
    )
    db.table("attributions").insert_all(
        attribution_rows(item.id, analysis.attributions, speaker_ids)
    )
    attribution_ids = dict(
        db.execute("SELECT position, id FROM attributions WHERE article_id = ?", [item.id])
    )
    db.table("claims").insert_all(claim_rows(item.id, analysis, attribution_ids))
    db.table("signals").insert_all(signal_rows(item.id, analysis.signals))
    db.table("repairs").insert_all(
        {
            "article_id": item.id,
            "position": position,
            "kind": repair.kind,
            **_extent(repair.spans),
            "before": repair.before,
            "after": repair.after,
            "explanation": repair.explanation or None,
            "spans": _spans_json(repair.spans),
        }
        for position, repair in enumerate(analysis.repairs)
    )
    db.table("flags").insert_all(
        {
            "article_id": item.id,
            "kind": flag.kind,
            **_extent(flag.spans),
            "note": flag.note or None,
            "spans": _spans_json(flag.spans),
        }
        for flag in analysis.flags
    )


def article_row(item: AnalyzedArticle, analyzed_at: str) -> dict[str, Any]:
    article, analysis = item.article, item.analysis
    title = article.title or (analysis.title.text.strip() if analysis.title else None)
    warnings = list(article.warnings) + list(analysis.warnings)
    return {
        "id": item.id,
        "title": title or None,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "language": article.language,
        "origin": article.origin,
        "text": article.text,
        "length": len(article.text),
        "analysis_version": analysis.version,
        "analyzed_at": analyzed_at,
        "warnings": compact_json(warnings) if warnings else None,
    }


def speaker_name(attribution: Attribution) -> str | None:
    """The resolved name of an attribution's source, when it has one."""
    if attribution.source is None:
        return None
    return " ".join(attribution.source.name.split()) or None


def name_key(name: str) -> str:
    """The form of a speaker's name that links it across articles (case and punctuation folded)."""
    return " ".join(re.sub(r"[^\w\s'-]", " ", name.casefold()).split())


def speaker_rows(article_id: str, attributions: Iterable[Attribution]) -> list[dict[str, Any]]:
    """One row per resolved name in the article, typed by its most frequent source type."""
    types: dict[str, Counter[str]] = {}
    for attribution in attributions:
        name = speaker_name(attribution)
        if name is not None and attribution.source is not None:
            types.setdefault(name, Counter())[attribution.source.type] += 1
    return [
        {
            "article_id": article_id,
            "name": name,
            "name_key": name_key(name),
            "type": counts.most_common(1)[0][0],
            "attributions": sum(counts.values()),
        }
        for name, counts in types.items()
    ]


def attribution_rows(
    article_id: str, attributions: Sequence[Attribution], speaker_ids: dict[str, int]
) -> list[dict[str, Any]]:
    rows = []
    for position, attribution in enumerate(attributions):
        source, cue, channel = attribution.source, attribution.cue, attribution.channel
        name = speaker_name(attribution)
        extent = _extent(attribution.content.spans)
        spans = {"content": spans_json(attribution.content.spans)}
        for role, part in (("source", source), ("cue", cue), ("channel", channel)):
            if part is not None:
                spans[role] = spans_json(part.spans)
        rows.append(
            {
                "article_id": article_id,
                "position": position,
                "kind": attribution.kind,
                "speaker": name,
                "speaker_id": speaker_ids.get(name) if name else None,
                "source_text": source.text if source else None,
                "source_type": source.type if source else None,
                "cue": cue.text if cue else None,
                "cue_lemma": cue.lemma if cue else None,
                "stance": cue.stance if cue else None,
                "content": attribution.content.text,
                "channel": channel.text if channel else None,
                "content_start": extent["start"],
                "content_end": extent["end"],
                "origin": attribution.origin or None,
                "spans": compact_json(spans),
            }
        )
    return rows


def claim_rows(
    article_id: str, analysis: Analysis, attribution_ids: dict[int, int]
) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "position": position,
            "kind": claim.kind,
            "text": claim.text,
            **_extent(claim.spans),
            "checkworthiness": claim.checkworthiness,
            "attribution_id": (
                attribution_ids.get(claim.attribution) if claim.attribution is not None else None
            ),
            "quantities": (
                compact_json([q.to_dict() for q in claim.quantities]) if claim.quantities else None
            ),
            "spans": _spans_json(claim.spans),
        }
        for position, claim in enumerate(analysis.claims)
    ]


def signal_rows(article_id: str, signals: Signals | None) -> list[dict[str, Any]]:
    """One row per signal: its JSON value, and the number itself when it is one."""
    if signals is None:
        return []
    return [
        {
            "article_id": article_id,
            "name": name,
            "value": compact_json(value),
            "number": (
                float(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None
            ),
        }
        for name, value in signals.to_dict().items()
    ]


def compact_json(value: Any) -> str:
    """JSON as stored: no spaces, text as UTF-8 (the records are the bulk of the database)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans_json(spans: Spans) -> str:
    return compact_json(spans_json(spans))


def _extent(spans: Spans) -> dict[str, int | None]:
    """First start and last end of a (possibly discontinuous) span list."""
    if not spans:
        return {"start": None, "end": None}
    return {"start": min(s for s, _ in spans), "end": max(e for _, e in spans)}
