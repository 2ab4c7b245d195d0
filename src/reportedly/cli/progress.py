"""Progress of long commands on stderr: a live bar on a terminal, else a plain line now and then.

rich is imported here only, when a command shows progress: ``reportedly --help``
and the read-only commands never load it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

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
    from ..corpus.ingest import IngestEvent


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
