"""Batch analysis beyond one process: shards of analysis records, locally or on Ray.

>>> from reportedly.batch import BatchOptions, run_batch  # doctest: +SKIP
>>> options = BatchOptions(engine="local", workers=2)  # doctest: +SKIP
>>> summary = run_batch(["articles/"], "out/", options)  # doctest: +SKIP

The output folder holds Parquet shards (:mod:`.records` has the schema); a
rerun skips what they hold, and ``reportedly ingest OUT --db corpus.db``
stores them in the corpus without analysing again. Ray is optional
(``pip install 'reportedly[ray]'``) and imported only by the ``ray`` engine.
"""

from __future__ import annotations

from .job import BatchOptions, BatchSummary, run_batch
from .shards import is_shard_source, list_shards, shard_items

__all__ = [
    "BatchOptions",
    "BatchSummary",
    "is_shard_source",
    "list_shards",
    "run_batch",
    "shard_items",
]
