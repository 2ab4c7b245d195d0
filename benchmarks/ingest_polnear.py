"""Ingest a PolNeAR split into a fresh corpus database: speed, peak memory, database size.

    python benchmarks/ingest_polnear.py [--split train] [--jobs 1 2] [--limit N] [--json PATH]

For each ``--jobs`` value the benchmark runs ``reportedly ingest TEXT_DIR --db
NEW.db --jobs N`` as a subprocess (exactly what a user runs), then runs it a
second time on the same database. It reports:

- articles per second of the first run (wall clock of the whole command, model
  loading included, and the ingest's own figure, which leaves process start-up out);
- peak memory: the largest sum of the resident memory of the command and all of
  its worker processes, sampled every 50 ms from /proc (Linux);
- CPU seconds per article (user + system, workers included), which unlike the wall
  clock does not depend on what else the machine runs;
- the size of the database file once the command has closed it;
- how much faster the second run is (it must analyze nothing).

Defaults: PolNeAR train (840 articles) from ../shared/datasets/polnear, or
$REPORTEDLY_POLNEAR.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear"
SAMPLE_SECONDS = 0.05
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


@dataclass(frozen=True)
class RunResult:
    seconds: float
    ingest_seconds: float
    # user + system CPU time of the command and its worker processes: unlike the
    # wall clock, it does not depend on what else the machine is running
    cpu_seconds: float
    peak_rss_mib: float
    summary: dict[str, Any]


@dataclass(frozen=True)
class JobsResult:
    jobs: int
    articles: int
    first: RunResult
    second: RunResult
    db_mib: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.first.seconds

    @property
    def rerun_speedup(self) -> float:
        return self.first.seconds / self.second.seconds


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 once it is gone)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE_KIB
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_ingest(text_dir: Path, db: Path, jobs: int) -> RunResult:
    command = [
        sys.executable,
        "-m",
        "reportedly",
        "ingest",
        str(text_dir),
        "--db",
        str(db),
        "--jobs",
        str(jobs),
        "--no-progress",
        "--json",
    ]
    peak = 0
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}):\n{stderr}\n{stdout}")
    summary = json.loads(stdout)
    cpu = _children_cpu() - cpu_before
    return RunResult(seconds, summary["seconds"], cpu, peak / 1024, summary)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def benchmark(text_dir: Path, jobs: int, workdir: Path) -> JobsResult:
    db = workdir / f"polnear-jobs{jobs}.db"
    first = run_ingest(text_dir, db, jobs)
    second = run_ingest(text_dir, db, jobs)
    if second.summary["new"] or second.summary["reanalyzed"]:
        raise SystemExit(f"the second run analyzed articles again: {second.summary}")
    articles = first.summary["new"]
    return JobsResult(jobs, articles, first, second, db.stat().st_size / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=None, help="PolNeAR root directory")
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    root = args.polnear or Path(os.environ.get("REPORTEDLY_POLNEAR", DEFAULT_POLNEAR))
    text_dir = root / "data" / args.split / "text"
    if not text_dir.is_dir():
        raise SystemExit(f"no PolNeAR text at {text_dir}")

    with tempfile.TemporaryDirectory(prefix="reportedly-bench-") as tmp:
        workdir = Path(tmp)
        if args.limit:
            subset = workdir / "text"
            subset.mkdir()
            for path in sorted(text_dir.glob("*.txt"))[: args.limit]:
                (subset / path.name).symlink_to(path)
            text_dir = subset
        results = [benchmark(text_dir, jobs, workdir) for jobs in args.jobs]

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"PolNeAR {args.split}: {results[0].articles} articles stored, "
        f"{os.cpu_count()} CPU cores, load average now {load}"
    )
    print(
        f"{'jobs':>4}  {'articles/s':>10}  {'(ingest only)':>13}  {'CPU s/article':>13}  "
        f"{'first run':>9}  {'peak RSS':>9}  {'db size':>8}  {'second run':>10}  {'speedup':>7}"
    )
    for r in results:
        ingest_rate = r.articles / r.first.ingest_seconds
        print(
            f"{r.jobs:>4}  {r.articles_per_second:>10.2f}  {ingest_rate:>13.2f}  "
            f"{r.first.cpu_seconds / r.articles:>13.3f}  "
            f"{r.first.seconds:>8.1f}s  {r.first.peak_rss_mib:>6.0f} MiB  "
            f"{r.db_mib:>5.1f} MiB  {r.second.seconds:>9.2f}s  {r.rerun_speedup:>6.0f}x"
        )
    if args.json:
        figures = [
            asdict(r)
            | {"articles_per_second": r.articles_per_second, "rerun_speedup": r.rerun_speedup}
            for r in results
        ]
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
