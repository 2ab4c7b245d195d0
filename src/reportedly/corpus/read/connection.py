"""The explorer's read-only view of a corpus database.

The server never writes, and leaves nothing beside the corpus file:

- a corpus in WAL mode with no ``-wal`` file beside it (closed cleanly: no writer has it open)
  is opened ``immutable=1``: SQLite then reads the file alone, takes no locks and makes no
  ``-wal``/``-shm`` files, so it also works in a folder the server cannot write. A plain
  ``mode=ro`` open of such a file would create both (empty, left behind) and fails outright
  in a read-only folder;
- while a writer has it open (its ``-wal`` is there, made by the writer), it is opened
  ``mode=ro``: the writer's ``-shm`` lets the reader see each commit as it happens;
- a corpus in rollback-journal mode is opened ``mode=ro`` (that mode makes no side files).

``immutable`` means SQLite will not notice changes, so :meth:`Corpus.refresh` (once per
request) compares the file's size, time and inode and whether a ``-wal`` is there with what
they were, and opens new connections when they changed; it also reads ``PRAGMA
schema_version`` and reloads what the explorer knows of the schema when it moved (a
migration or re-ingest while serving). A file that stops being a reportedly corpus is a
:class:`CorpusUnusable`: a permanent error, not "try again later".
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlite_utils import Database

from ...errors import StoreError

# Tables a corpus must have for the explorer to open it.
REQUIRED_TABLES = ("articles", "attributions", "speakers", "analyses", "articles_fts")
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_FORMAT = 2  # header bytes 18 and 19 of a database in WAL mode


def _pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """The corpus migrations this corpus has not had, in their order."""
    from ..migrations import MIGRATION_NAMES, MIGRATION_SET

    try:
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)
            )
        }
    except sqlite3.OperationalError:  # no migrations table: older than any migration
        applied = set()
    return [name for name in MIGRATION_NAMES if name not in applied]


def dict_rows(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """The rows of an executed query, each as a dict of its columns."""
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def db_rows(db: Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """Every row of a query on a corpus opened with sqlite-utils, each as a dict."""
    return list(dict_rows(db.execute(sql, params)))


def run_query(
    db: Database, sql: str, params: dict[str, Any], *, reraise: bool = False
) -> Iterator[dict[str, Any]]:
    """The rows of a query on a corpus opened with sqlite-utils, each as a dict; a failing
    query is a :class:`StoreError` (``reraise``: the ``sqlite3.OperationalError`` itself)."""
    try:
        yield from dict_rows(db.execute(sql, params))
    except sqlite3.OperationalError as exc:
        if reraise:
            raise
        raise StoreError(f"query failed ({exc})") from None


class CorpusUnusable(StoreError):
    """The file is not (or no longer) a reportedly corpus: permanent until someone fixes it."""


class OlderCorpus(CorpusUnusable):
    """The corpus misses migrations this explorer reads (it queries the current schema only)."""


def open_current_corpus(path: str | Path, *, cache_size: int = 0) -> Corpus:
    """The corpus at ``path`` for the explorer, brought up to date first when it is of an
    older schema (the one write the explorer makes; a corpus it cannot write is refused
    with the reason)."""
    try:
        return Corpus(path, cache_size=cache_size)
    except OlderCorpus:
        from ..store import open_db

        open_db(path, read_only=True).close()
        return Corpus(path, cache_size=cache_size)


@dataclass(frozen=True, slots=True)
class FileState:
    """What :meth:`Corpus.refresh` compares to see that the file changed."""

    mtime_ns: int
    size: int
    inode: int
    wal: bool  # a -wal file is beside it (a writer has it open)
    wal_mode: bool  # the file's header says WAL

    @property
    def immutable(self) -> bool:
        return self.wal_mode and not self.wal


def wal_stamp(path: Path) -> tuple[int, int]:
    """The -wal file's time and size (each commit of a writer changes them); (0, 0): none."""
    try:
        stat = os.stat(f"{path}-wal")
    except OSError:
        return 0, 0
    return stat.st_mtime_ns, stat.st_size


def file_state(path: Path) -> FileState:
    try:
        stat = path.stat()
        with path.open("rb") as stream:
            head = stream.read(20)
    except OSError as exc:
        raise CorpusUnusable(f"{path}: cannot read the corpus ({exc.strerror or exc})") from None
    if not head.startswith(SQLITE_HEADER):
        raise CorpusUnusable(f"{path}: not a SQLite database (not a reportedly corpus)")
    wal_mode = len(head) >= 20 and head[18] == WAL_FORMAT and head[19] == WAL_FORMAT
    wal = os.path.exists(f"{path}-wal")
    return FileState(stat.st_mtime_ns, stat.st_size, stat.st_ino, wal, wal_mode)


def connect_read_only(path: str | Path, state: FileState | None = None) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at ``path`` (never creates or writes a file)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such corpus database (create it with `reportedly ingest`)")
    try:
        state = state or file_state(path)
    except CorpusUnusable as exc:
        raise StoreError(f"{path}: cannot open as a corpus database ({exc.message})") from None
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if state.immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # a file that is not SQLite fails on its first read, not on connect
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open as a corpus database ({exc})") from None
    return conn


class Corpus:
    """A corpus opened read-only: one connection per thread, plus what the schema holds.

    ``cache_size``: how many results :meth:`cached` keeps (0: none), each for one state of
    the file (:attr:`stamp`: the file as :class:`FileState` sees it, and the -wal file's time
    and size, which every commit of a writer changes).
    """

    def __init__(self, path: str | Path, *, cache_size: int = 0) -> None:
        self.path = Path(path)
        self.cache_size = cache_size
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._state: FileState | None = None
        if self.path.is_file():
            try:
                self._state = file_state(self.path)
            except CorpusUnusable as exc:
                raise StoreError(f"cannot open as a corpus database: {exc.message}") from None
        self._generation = 0
        self.stamp: tuple[Any, ...] = (self._state, wal_stamp(self.path))
        conn = connect_read_only(self.path, self._state)
        self._local.conn, self._local.generation = conn, 0
        self._tables: set[str] = set()
        self.schema_version = -1
        try:
            self._load_schema(conn)
        except OlderCorpus:
            conn.close()
            raise
        except CorpusUnusable as exc:
            conn.close()
            raise StoreError(exc.message) from None

    def _load_schema(self, conn: sqlite3.Connection) -> None:
        try:
            version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
            if version == self.schema_version:
                return
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
        except sqlite3.DatabaseError as exc:
            raise CorpusUnusable(f"{self.path}: cannot be read as a corpus ({exc})") from None
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise CorpusUnusable(
                f"{self.path}: not a reportedly corpus (missing {', '.join(missing)})"
            )
        pending = _pending_migrations(conn)
        if pending:
            # the explorer reads the current schema only (no fallback SQL for older ones);
            # `reportedly serve` brings a corpus up to date before it starts
            raise OlderCorpus(
                f"{self.path}: a corpus of an older schema (migration {pending[0]} not "
                "applied); restart `reportedly serve`, which brings it up to date"
            )
        self._tables = tables
        self.schema_version = version

    def refresh(self) -> None:
        """Once per request: new connections when the file changed, the schema reloaded when
        it moved; :class:`CorpusUnusable` when the file is no longer a corpus."""
        state = file_state(self.path)
        with self._lock:
            if state != self._state:
                self._state = state
                self._generation += 1
            self.stamp = (state, wal_stamp(self.path))
        try:
            conn = self.conn
        except StoreError as exc:
            raise CorpusUnusable(exc.message) from None
        self._load_schema(conn)

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.generation != self._generation:
            conn.close()
            conn = None
        if conn is None:
            generation = self._generation
            conn = connect_read_only(self.path, self._state)
            self._local.conn, self._local.generation = conn, generation
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, or what it gave for ``key`` in this state of the file."""
        if self.cache_size <= 0:
            return compute()
        full = (self.stamp, key)
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        value = compute()
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return value

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query; every row as a dict."""
        return list(dict_rows(self.conn.execute(sql, params)))

    def row(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        found = self.conn.execute(sql, params).fetchone()
        return found[0] if found else None

    def iter_rows(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        yield from self.conn.execute(sql, params)

    def version(self) -> tuple[int, int, int]:
        """Changes when articles are added or the schema moves: (rows, highest rowid, schema)."""
        found = self.conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM articles")
        count, top = found.fetchone()
        return int(count), int(top), self.schema_version
