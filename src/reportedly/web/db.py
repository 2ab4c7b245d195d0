"""The explorer's read-only view of a corpus database.

The server never writes: every connection is opened with ``mode=ro`` (and
``PRAGMA query_only``), one per thread, so the web app can run beside an
``ingest`` that is still adding articles.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError

# Tables a corpus must have for the explorer to open it.
REQUIRED_TABLES = ("articles", "attributions", "speakers", "analyses", "articles_fts")


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at ``path`` (never creates it)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such corpus database (create it with `reportedly ingest`)")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
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
    """A corpus opened read-only: one connection per thread, plus what the schema holds."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        conn = connect_read_only(self.path)
        self._tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
        missing = [t for t in REQUIRED_TABLES if t not in self._tables]
        if missing:
            raise StoreError(f"{self.path}: not a reportedly corpus (missing {', '.join(missing)})")
        self._columns: dict[str, set[str]] = {}
        self._local.conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_read_only(self.path)
            self._local.conn = conn
        return conn

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def has_column(self, table: str, column: str) -> bool:
        if table not in self._columns:
            rows = self.conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
            self._columns[table] = {row[0] for row in rows}
        return column in self._columns[table]

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query; every row as a dict."""
        cursor = self.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

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

    def version(self) -> tuple[int, int]:
        """Changes when articles are added: (row count, highest rowid)."""
        found = self.conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM articles")
        count, top = found.fetchone()
        return int(count), int(top)
