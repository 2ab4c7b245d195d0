"""Progress of long commands on stderr: a live bar on a terminal, else a plain line now and then.

rich is imported here only, when a command shows progress: ``reportedly --help``
and the read-only commands never load it.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from ..batch.job import BatchProgress
    from ..corpus.load import IngestEvent


class RateColumn(ProgressColumn):
    """Articles per second since the start (average, not a jumpy window)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s", style="progress.data.speed")


class IngestProgress:
    """A live bar on stderr: articles done (of how many, when that is known), their
    outcomes, the rate, and the time left."""

    def __init__(self, enabled: bool, total: int | None = None) -> None:
        self.counts: Counter[str] = Counter()
        done = "{task.completed} articles" if total is None else "{task.completed}/{task.total}"
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn(done),
            RateColumn(),
            TimeElapsedColumn(),
            *([] if total is None else [TimeRemainingColumn()]),
            console=Console(stderr=True),
            disable=not enabled,
            transient=False,
        )
        self.task = self.progress.add_task("ingesting", total=total)

    def __enter__(self) -> IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def __call__(self, event: IngestEvent) -> None:
        self.counts[event.outcome] += 1
        described = " ".join(
            f"{outcome} {self.counts[outcome]}"
            for outcome in ("new", "reanalyzed", "unchanged", "failed")
            if self.counts[outcome]
        )
        self.progress.update(self.task, advance=1, description=described)


def clock(seconds: float) -> str:
    """``2:10``, ``1:02:03``: seconds as a clock reads them."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class BatchProgressLines:
    """``batch: 120/840 articles, 3 failed, 2:10 left`` on stderr, at most every
    ``interval`` seconds (for a log, where a live bar cannot be drawn).

    The time left is the articles left at the rate since the first was done (the
    workers' model loading is not counted in the rate).
    """

    def __init__(self, interval: float, stream: TextIO | None = None) -> None:
        self.interval = interval
        self.stream = stream
        self.last: float | None = None
        self.first: tuple[float, int] | None = None  # (seconds, done) when work was first seen

    def __call__(self, progress: BatchProgress) -> None:
        if progress.done and self.first is None:
            self.first = (progress.seconds, progress.done)
        if self.last is not None and progress.seconds - self.last < self.interval:
            return
        self.last = progress.seconds
        print(self.line(progress), file=self.stream or sys.stderr, flush=True)

    def line(self, progress: BatchProgress) -> str:
        to_do = progress.to_do
        parts = [f"{progress.done}/{to_do}" if to_do is not None else f"{progress.done}"]
        parts[0] += " articles"
        parts.append(f"{progress.failed} failed")
        if progress.skipped:
            parts.append(f"{progress.skipped} already in the output")
        left = self.seconds_left(progress)
        if left is not None:
            parts.append(f"{clock(left)} left")
        return "batch: " + ", ".join(parts)

    def seconds_left(self, progress: BatchProgress) -> float | None:
        to_do = progress.to_do
        if to_do is None or self.first is None:
            return None
        since, done_then = self.first
        rate = (progress.done - done_then) / (progress.seconds - since or 1.0)
        if progress.done >= to_do:
            return 0.0
        return (to_do - progress.done) / rate if rate > 0 else None


class BatchProgressBar:
    """A live bar on a terminal: articles done of those to do, failures, the time left."""

    def __init__(self) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("batch", total=None)

    def __enter__(self) -> BatchProgressBar:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def __call__(self, progress: BatchProgress) -> None:
        description = f"batch, {progress.failed} failed" if progress.failed else "batch"
        self.progress.update(
            self.task, completed=progress.done, total=progress.to_do, description=description
        )
