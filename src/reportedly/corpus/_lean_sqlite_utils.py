"""sqlite-utils, imported without pandas (imported first by :mod:`reportedly.corpus`).

sqlite-utils imports pandas whenever it is installed (Ray Data brings it) only to
map ``pandas.Timestamp`` to TEXT when it creates a column from such a value, which
the corpus never stores; that import is 0.6 s of every corpus command's start-up,
most of a read-only command's. Nothing changes where pandas or sqlite-utils is
loaded already, and pandas stays importable afterwards.
"""

from __future__ import annotations

import sys


def import_sqlite_utils() -> None:
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]


import_sqlite_utils()
