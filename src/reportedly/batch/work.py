"""What one batch worker does, whatever the engine: analyse rows, one failing row alone.

A worker (a local process or a Ray actor) builds one :class:`RowAnalyser`,
which loads the model once, then hands it batches of shard rows. Rows read
as failed pass through; pending rows are analysed together, and when that
raises, one by one, so one bad article fails alone with its reason. After
each batch the worker's current and peak memory are measured: a worker past
its memory limit is recycled by its engine (a new process, a new model).
"""

from __future__ import annotations

import importlib
import os
import resource
import socket
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from ..config import DEFAULT_ANALYSIS, AnalysisConfig
from ..errors import ModelError
from ..failures import AnalysisFailure, isolate_failures
from ..records import Analysis
from .records import record_json

Analyse = Callable[[list[str], AnalysisConfig], Sequence[Analysis]]
# "module:function" of the analyser: texts and the job's AnalysisConfig in, one analysis
# per text out (in order)
DEFAULT_ANALYSER = "reportedly.batch.work:analyse_texts"


def analyse_texts(texts: list[str], config: AnalysisConfig) -> list[Analysis]:
    """reportedly's pipeline on a list of texts as ``config`` says, in one ``nlp.pipe`` call."""
    from ..pipeline import analyze_many

    return list(analyze_many(texts, config, batch_size=max(1, len(texts))))


def load_analyser(spec: str) -> Analyse:
    module, _, name = spec.partition(":")
    try:
        function: Analyse = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ModelError(f"cannot load the analyser {spec!r} ({exc})") from None
    return function


def current_rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux: /proc; else the peak)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """The most resident memory this process has had, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


class RowAnalyser:
    """Analyses shard rows in one process; the model is loaded when it is built."""

    def __init__(
        self,
        spec: str = DEFAULT_ANALYSER,
        memory_limit_mb: float = 0.0,
        config: AnalysisConfig = DEFAULT_ANALYSIS,
    ) -> None:
        from ..nlp import load_nlp

        load_nlp(config=config)
        analyse = load_analyser(spec)
        self.config = config
        self.analyse: Callable[[list[str]], Sequence[Analysis]] = lambda texts: analyse(
            texts, config
        )
        self.memory_limit_mb = memory_limit_mb
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.cpu_start = time.process_time()  # the model is loaded: analysis starts here

    @property
    def over_limit(self) -> bool:
        """Whether this process has grown past its memory limit (0: no limit)."""
        return self.memory_limit_mb > 0 and current_rss_mb() > self.memory_limit_mb

    def __call__(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        pending = [row for row in rows if row["status"] == "pending"]
        results = self._analyse([row["text"] for row in pending])
        peak = round(peak_rss_mb(), 1)
        cpu = round(time.process_time() - self.cpu_start, 3)
        for row, result in zip(pending, results, strict=True):
            row["worker"], row["worker_peak_mb"], row["worker_cpu_s"] = self.worker, peak, cpu
            if isinstance(result, AnalysisFailure):
                row["status"], row["reason"] = "failed", result.reason
            else:
                row["status"] = "ok"
                row["analysis_version"] = result.version
                row["analysis"] = record_json(result)
        return rows

    def _analyse(self, texts: list[str]) -> list[Analysis | AnalysisFailure]:
        """One analysis, or the reason it failed, per text (a missing model stops the job)."""
        return isolate_failures(self.analyse, texts)
