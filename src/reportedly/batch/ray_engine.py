"""The Ray engine: the job as a Ray Data pipeline, analysis on an actor pool.

1. The driver expands the sources into files (:func:`.inputs.expand_sources`)
   and reads which articles ``--out`` already holds.
2. ``map_batches(_read)`` (tasks, a file each): every file is read by
   ``ingest``'s readers into shard rows; what is already done is dropped
   (and counted).
3. ``map_batches(RayAnalyser)`` (``workers`` actors, one CPU each): each actor
   loads the model once and analyses ``batch_size`` rows at a time. One that
   has grown past its memory limit leaves at its next call; Ray starts it
   again and retries that call, so no article is lost or analysed twice.
   An actor killed (SIGKILL, out of memory) is restarted the same way.
4. ``write_parquet(out)``: the workers write the shards.

Ray is imported here only: ``reportedly`` works without it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..config import AnalysisConfig
from ..errors import ReportedlyError
from ..ingest.sources import ReaderConfig
from .inputs import FileRef, expand_sources, item_row, read_ref
from .job import BatchOptions, BatchSummary
from .records import shard_schema
from .shards import list_shards, read_rows, recorded
from .work import RowAnalyser

if TYPE_CHECKING:
    from .job import Progress

# CPUs a reading or writing task asks for: none, as they are cheap next to
# analysis and must never wait for a CPU that the actors hold (a deadlock
# when the actors take every CPU of the cluster). Tasks that ask for no CPU
# are not limited by the CPUs, so how many run at once is capped: without a
# cap Ray starts a worker process for every file at once.
IO_CPUS = 0
# rows read from one big file (JSONL, Parquet, WARC) are cut into blocks of about
# this size, so that its articles are spread over the actors (Ray's default, 128 MiB,
# would give a whole file to one actor)
BLOCK_BYTES = 1 << 20


class RayError(ReportedlyError):
    """Ray is missing, or the cluster could not be reached or failed the job."""

    code = "R040"


def _read(
    table: Any, ids: frozenset[str], origins: frozenset[str], reader: dict[str, Any], counter: Any
) -> Any:
    """The shard rows of the files in ``table`` (Ray task), less those already done."""
    import pyarrow as pa

    config = ReaderConfig(**reader)
    rows, skipped = [], 0
    for ref in table.to_pylist():
        for item in read_ref(FileRef.from_row(ref), config):
            row = item_row(item)
            if row["id"] in ids if row["id"] is not None else row["origin"] in origins:
                skipped += 1
            else:
                rows.append(row)
    if skipped:
        counter.skip.remote(skipped)
    return pa.Table.from_pylist(rows, schema=shard_schema())


class RayAnalyser:
    """A Ray Data actor: one :class:`RowAnalyser` (one loaded model) for its lifetime."""

    def __init__(
        self, spec: str, memory_limit_mb: float, config: AnalysisConfig, counter: Any
    ) -> None:
        self.analyser = RowAnalyser(spec, memory_limit_mb, config)
        self.counter = counter
        self.leave = False

    def __call__(self, table: Any) -> Any:
        import pyarrow as pa

        if self.leave:
            # past the memory limit after the last call: exit before taking this one;
            # Ray restarts the actor (a new process) and retries this call on it
            os._exit(3)
        rows = self.analyser(table.to_pylist())
        self.leave = self.analyser.over_limit
        failed = sum(row["status"] != "ok" for row in rows)
        self.counter.finish.remote(len(rows), failed)  # the driver's progress
        return pa.Table.from_pylist(rows, schema=shard_schema())


def _counter_class() -> Any:
    import ray

    @ray.remote(num_cpus=0)
    class Counter:
        """Rows skipped by the readers, done and failed by the actors."""

        def __init__(self) -> None:
            self.skipped = self.done = self.failed = 0

        def skip(self, value: int) -> None:
            self.skipped += value

        def finish(self, done: int, failed: int) -> None:
            self.done += done
            self.failed += failed

        def get(self) -> tuple[int, int, int]:
            return self.skipped, self.done, self.failed

    return Counter


# Ray's single-machine switch (named for Windows and macOS): off, Ray gives a node it starts
# the loopback address, not the interface a UDP connect() towards 8.8.8.8 picks. Ray reads
# it from its constants module (``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER`` at import), and only
# while it starts the node; it is set there for a Ray this job starts on this machine alone,
# and restored after. Usage reporting is already off in a Ray that ``ray.init`` starts, and
# token authentication on (Ray 2.60's defaults).
SINGLE_MACHINE_SWITCH = "ENABLE_RAY_CLUSTER"


@contextlib.contextmanager
def _single_machine_ray() -> Iterator[None]:
    from ray._private import ray_constants

    before = getattr(ray_constants, SINGLE_MACHINE_SWITCH, None)
    setattr(ray_constants, SINGLE_MACHINE_SWITCH, False)
    try:
        yield
    finally:
        setattr(ray_constants, SINGLE_MACHINE_SWITCH, before)


class _DropTokenNotice(logging.Filter):
    """Ray's "Token authentication is enabled" notice for the Ray the job starts: token
    authentication is what the job wants (Ray's default)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Token authentication is enabled")


class _DropProgressBarNotice(logging.Filter):
    """Ray Data's "Progress bars disabled" notice: the job reports its own progress."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Progress bars disabled")


def _quiet_ray_data() -> None:
    """Ray Data's INFO lines (execution plans, log paths) off; its warnings kept."""
    for name in ("ray.data", "ray.data._internal.progress"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.WARNING)
        logger.addFilter(_DropProgressBarNotice())
    logging.getLogger("ray._private.authentication.authentication_token_setup").addFilter(
        _DropTokenNotice()
    )


def _connect(options: BatchOptions) -> tuple[Any, bool]:
    """Ray, connected; and whether this call started the connection (to end it)."""
    missing = RayError(
        "the ray engine needs Ray: pip install 'reportedly[ray]' (or use --engine local)"
    )
    if importlib.util.find_spec("ray") is None:
        raise missing
    address = options.address  # `reportedly batch` takes a `ray job submit` driver's RAY_ADDRESS
    local = address is None
    try:
        import ray.data
    except ImportError:
        raise missing from None
    _quiet_ray_data()
    if ray.is_initialized():
        return ray, False
    settings: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.WARNING,
        "log_to_driver": False,
    }
    if local:
        address = "local"  # a new Ray of its own, not one a `ray start` left here
        settings["num_cpus"] = max(1, options.workers)
        if options.object_store_mb:
            settings["object_store_memory"] = options.object_store_mb * 2**20
    try:
        with _single_machine_ray() if local else contextlib.nullcontext():
            ray.init(address=address, **settings)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        raise RayError(f"cannot start or reach Ray ({reason})") from None
    return ray, True


def _report_progress(ray: Any, counter: Any, progress: Progress, stop: threading.Event) -> None:
    """Every second until ``stop``: the counts of the actors, to the job's progress."""
    while not stop.wait(1.0):
        try:
            skipped, done, failed = ray.get(counter.get.remote(), timeout=5)
        except Exception:  # the job is ending (or failing): its own error is reported
            return
        progress(done, failed, skipped)


def run_ray(
    sources: list[str], out: str, options: BatchOptions, progress: Progress | None = None
) -> BatchSummary:
    started = time.perf_counter()
    summary = BatchSummary("ray", options.workers)
    done = recorded(out)
    summary.notes += [f"unreadable shard, analysed again: {s}" for s in done.unreadable]
    refs = [ref.to_row() for ref in expand_sources(sources)]
    before = set(list_shards(out))
    ray, owned = _connect(options)
    summary.startup_seconds = time.perf_counter() - started
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.target_max_block_size = BLOCK_BYTES
    counter = _counter_class().remote()
    stop = threading.Event()
    reporter = threading.Thread(
        target=_report_progress, args=(ray, counter, progress, stop), daemon=True
    )
    if progress is not None:
        reporter.start()
    try:
        if refs:
            io_tasks = ray.data.TaskPoolStrategy(size=max(2, options.workers))
            # one file per reading task and block: its rows go to any actor
            dataset = ray.data.from_items(refs, override_num_blocks=len(refs))
            dataset = dataset.map_batches(
                _read,
                batch_size=1,
                batch_format="pyarrow",
                num_cpus=IO_CPUS,
                compute=io_tasks,
                fn_kwargs={
                    "ids": frozenset(done.ids),
                    "origins": frozenset(done.failed_origins),
                    "reader": asdict(options.reader),
                    "counter": counter,
                },
            )
            dataset = dataset.map_batches(
                RayAnalyser,
                fn_constructor_kwargs={
                    "spec": options.analyser,
                    "memory_limit_mb": options.memory_limit_mb,
                    "config": options.analysis,
                    "counter": counter,
                },
                batch_size=options.batch_size,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=max(1, options.workers)),
                num_cpus=1,
            )
            dataset.write_parquet(
                out if "://" in out else os.path.abspath(out),
                min_rows_per_file=options.rows_per_shard,
                ray_remote_args={"num_cpus": IO_CPUS},
                concurrency=max(2, options.workers),
            )
        summary.skipped = int(ray.get(counter.get.remote())[0])
    except ReportedlyError:
        raise
    except Exception as exc:  # a Ray error carries the worker's traceback: one line of it
        cause = getattr(exc, "cause", None) or exc
        if isinstance(cause, ReportedlyError):
            raise cause from None
        lines = [line for line in str(cause).splitlines() if line.strip()]
        raise RayError(
            f"the Ray job failed ({lines[-1] if lines else type(exc).__name__})"
        ) from None
    finally:
        stop.set()
        if reporter.is_alive():
            reporter.join()
        ray.kill(counter)
        if owned:
            ray.shutdown()
    summary.shards = sorted(set(list_shards(out)) - before)
    columns = ["origin", "status", "reason", "worker", "worker_peak_mb", "worker_cpu_s"]
    summary.count(read_rows(summary.shards, columns))
    summary.seconds = time.perf_counter() - started
    return summary
