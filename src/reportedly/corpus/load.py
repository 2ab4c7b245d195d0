"""Ingest sources into the corpus: read, skip what is stored, analyze in parallel, save in batches.

The flow is one stream: articles are read lazily, checked against the
database (an article already stored under the current analysis version is
``unchanged`` and never analyzed again), analyzed by
:func:`reportedly.analyze_many` on ``jobs`` processes, and written
``batch_size`` at a time, each batch in one transaction. A failure is always
one item's: an unreadable input, a malformed record, or an article whose
analysis raised; it is reported with its reason and the run goes on.
"""

from __future__ import annotations

import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..errors import ModelError, StoreError
from ..failures import AnalysisFailure, analyse_one
from ..ingest.files import InputFailure
from ..ingest.sources import RawArticle, ReaderConfig, SourceItem, read_sources
from .store import AnalyzedArticle, is_outdated, save_articles, stored_version

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..config import AnalysisConfig
    from ..records import Analysis

Outcome = Literal["new", "reanalyzed", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class Analyzer:
    """What turns texts into analyses, and the version its analyses carry.

    ``many(texts, jobs)`` yields one analysis per text, in order; ``one`` is
    used to retry, one article at a time, a batch during which ``many`` failed.
    """

    many: Callable[[Iterable[str], int], Iterator[Analysis]]
    one: Callable[[str], Analysis]
    version: str


class PipelineAnalyzer:
    """reportedly's own pipeline as ``config`` says (default: the shipped analysis), as an
    :class:`Analyzer` imported on first use: an ingest that finds every article stored
    never loads spaCy (about a second)."""

    def __init__(self, config: AnalysisConfig | None = None) -> None:
        self.config = config

    @property
    def version(self) -> str:
        from ..config import DEFAULT_ANALYSIS, analysis_version

        return analysis_version(self.config or DEFAULT_ANALYSIS)

    def many(self, texts: Iterable[str], jobs: int) -> Iterator[Analysis]:
        from ..config import DEFAULT_ANALYSIS
        from ..pipeline import analyze_many

        return analyze_many(texts, self.config or DEFAULT_ANALYSIS, n_process=jobs)

    def one(self, text: str) -> Analysis:
        from ..config import DEFAULT_ANALYSIS
        from ..pipeline import analyze

        return analyze(text, self.config or DEFAULT_ANALYSIS)


def pipeline_analyzer(config: AnalysisConfig | None = None) -> PipelineAnalyzer:
    """reportedly's own pipeline, loaded when the first article needs analysis."""
    return PipelineAnalyzer(config)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How an ingest runs. ``jobs`` <= 0 means one process per CPU core."""

    jobs: int = 0
    # re-analyze stored articles whose analysis version is older than the running code's
    reanalyze: bool = False
    # articles written per transaction: a crash loses at most this much work
    batch_size: int = 16
    reader: ReaderConfig = field(default_factory=ReaderConfig)
    # link identities, copies and quote clusters at the end (`reportedly link`)
    link: bool = True
    # what the analysis does, its time limit included (None: the shipped analysis)
    analysis: AnalysisConfig | None = None

    @property
    def processes(self) -> int:
        return self.jobs if self.jobs > 0 else os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """One article (or failed input) done; sent to the progress callback after it is stored."""

    outcome: Outcome
    name: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class IngestSummary:
    new: int
    reanalyzed: int
    unchanged: int
    failures: tuple[InputFailure, ...]
    warnings: tuple[str, ...]
    seconds: float
    link: Any = None  # the LinkSummary of the linking at the end, when it ran

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def analyzed(self) -> int:
        return self.new + self.reanalyzed

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "reanalyzed": self.reanalyzed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": [{"name": f.name, "reason": f.reason} for f in self.failures],
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
            **({"link": self.link.to_dict()} if self.link is not None else {}),
        }


ProgressCallback = Callable[[IngestEvent], None]


def ingest(
    sources: Iterable[str],
    db: Database,
    options: IngestOptions = IngestOptions(),
    *,
    analyzer: Analyzer | PipelineAnalyzer | None = None,
    on_event: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest every article of ``sources`` into ``db``; see the module docstring."""
    run = _Run(db, options, analyzer or pipeline_analyzer(options.analysis), on_event or _ignore)
    sources = list(sources)
    # folders and files of analysis records written by `reportedly batch`: stored, not analyzed
    from ..batch.shards import is_shard_source, shard_items

    shards = [source for source in sources if is_shard_source(source)]
    if shards:
        run.store_analyzed(shard_items(shards))
    run.analyze(run.select(read_sources([s for s in sources if s not in shards], options.reader)))
    summary = run.summary()
    if options.link:
        from dataclasses import replace

        from .link import link

        summary = replace(summary, link=link(db))
    return summary


def _ignore(event: IngestEvent) -> None:
    del event


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article on its way through analysis."""

    id: str
    article: RawArticle
    stored: bool


class _Run:
    """The mutable state of one ingest run (counts, the batch being built, articles in flight)."""

    def __init__(
        self,
        db: Database,
        options: IngestOptions,
        analyzer: Analyzer | PipelineAnalyzer,
        on_event: ProgressCallback,
    ) -> None:
        self.db = db
        self.options = options
        self.analyzer = analyzer
        self.on_event = on_event
        self.started = time.perf_counter()
        self.counts: dict[Outcome, int] = {"new": 0, "reanalyzed": 0, "unchanged": 0}
        self.failures: list[InputFailure] = []
        self.warnings: list[str] = []
        self.seen: set[str] = set()
        # handed to the analyzer, result not yet received (in order)
        self.in_flight: deque[_Pending] = deque()
        self.batch: list[tuple[_Pending, Analysis]] = []
        self.feed_error: BaseException | None = None

    # ------------------------------------------------------------------ selection

    def select(self, items: Iterable[SourceItem]) -> Iterator[_Pending]:
        """The articles that need analysis; everything else is counted here."""
        for item in items:
            if isinstance(item, InputFailure):
                self.fail(item)
                continue
            self.warnings.extend(item.warnings)
            article_id = item.id
            if article_id in self.seen:  # the same text twice in this run
                self.done("unchanged", item.origin, "same text as an earlier input")
                continue
            self.seen.add(article_id)
            stored = stored_version(self.db, article_id)
            if stored is not None and not (
                self.options.reanalyze and is_outdated(stored, self.analyzer.version)
            ):
                self.done("unchanged", item.origin)
                continue
            yield _Pending(article_id, item, stored=stored is not None)

    def _texts(self, pending: Iterator[_Pending]) -> Iterator[str]:
        try:
            for item in pending:
                self.in_flight.append(item)
                yield item.article.text
        except Exception as exc:
            # reading or the database failed, not the analyzer: remembered so it is not retried
            self.feed_error = exc
            raise

    # ------------------------------------------------------------------ analysis

    def store_analyzed(self, items: Iterable[tuple[RawArticle, Analysis] | InputFailure]) -> None:
        """Articles analyzed elsewhere (batch shards), selected like the rest, never analyzed."""
        for item in items:
            if isinstance(item, InputFailure):
                self.fail(item)
                continue
            article, analysis = item
            for pending in self.select([article]):
                self.add(pending, analysis)
        self.flush()

    def analyze(self, pending: Iterator[_Pending]) -> None:
        first = next(pending, None)
        if first is None:  # nothing to analyze: the analyzer is never started (or loaded)
            return
        texts = self._texts(itertools.chain([first], pending))
        results = self.analyzer.many(texts, self.options.processes)
        try:
            while True:
                try:
                    analysis = next(results)
                except StopIteration:
                    break
                except ModelError:
                    raise
                # the analyzer (or one of its worker processes) failed on something in
                # flight: retry those articles one by one, then go on with the rest
                except Exception as exc:
                    if self.feed_error is not None:
                        raise self.feed_error from None
                    if not self.in_flight:  # failed before taking an article: retrying would loop
                        reason = f"{type(exc).__name__}: {exc}"
                        raise ModelError(f"the analyzer could not start ({reason})") from exc
                    self.retry_in_flight()
                    results = self.analyzer.many(texts, self.options.processes)
                    continue
                self.add(self.in_flight.popleft(), analysis)
        finally:
            close = getattr(results, "close", None)
            if close is not None:  # shuts the analyzer's worker processes down
                close()
        self.flush()

    def retry_in_flight(self) -> None:
        while self.in_flight:
            item = self.in_flight.popleft()
            result = analyse_one(self.analyzer.one, item.article.text)
            if isinstance(result, AnalysisFailure):
                self.fail(InputFailure(item.article.origin, result.reason))
            else:
                self.add(item, result)

    def add(self, item: _Pending, analysis: Analysis) -> None:
        if analysis.text != item.article.text:
            raise StoreError(
                f"{item.article.origin}: the analyzer returned another text's analysis"
            )
        self.batch.append((item, analysis))
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the batch in one transaction; progress is reported only once it is durable."""
        if not self.batch:
            return
        already = save_articles(
            self.db, [AnalyzedArticle(item.id, item.article, result) for item, result in self.batch]
        )
        for item, _ in self.batch:
            if item.id in already:
                self.done("unchanged", item.article.origin, "stored meanwhile by another ingest")
            else:
                self.done("reanalyzed" if item.stored else "new", item.article.origin)
        self.batch.clear()

    # ------------------------------------------------------------------ bookkeeping

    def done(self, outcome: Outcome, name: str, reason: str = "") -> None:
        self.counts[outcome] += 1
        self.on_event(IngestEvent(outcome, name, reason))

    def fail(self, failure: InputFailure) -> None:
        self.failures.append(failure)
        self.on_event(IngestEvent("failed", failure.name, failure.reason))

    def summary(self) -> IngestSummary:
        return IngestSummary(
            new=self.counts["new"],
            reanalyzed=self.counts["reanalyzed"],
            unchanged=self.counts["unchanged"],
            failures=tuple(self.failures),
            warnings=tuple(self.warnings),
            seconds=time.perf_counter() - self.started,
        )
