"""Batch analysis on PolNeAR train: one process, the local engine, and Ray with 1 and 2 actors.

    python benchmarks/batch_polnear.py [--limit N] [--skip-ray]

Runs, on the first N train articles (sorted by name; all 840 without --limit):

- ``single``: ``reportedly.analyze_many`` in this process (batches of 8), the
  model loaded beforehand: the single-process rate every engine is held to;
- ``local-1``: ``reportedly batch --engine local --workers 1``;
- ``ray-1`` and ``ray-2``: ``--engine ray`` with 1 and 2 actors, each on a
  Ray instance started for the job (2 CPUs, 200 MB object store) inside a
  loopback-only network namespace (``unshare -n``, root), stopped after it.

Each engine also runs a job of one article: its wall time is the startup
cost (process or Ray start, model load, writing). Printed per run: wall
seconds, articles/s, articles/s per core, the steady rate (articles after
the first over the time past the startup job's), per-core efficiency against
``single``, and the peak resident memory of each worker.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO.parent / "shared" / "datasets" / "polnear" / "data" / "train" / "text"


def single(files: list[Path]) -> dict[str, Any]:
    from reportedly.batch.work import peak_rss_mb
    from reportedly.nlp import load_nlp
    from reportedly.pipeline import analyze_many

    started = time.perf_counter()
    load_nlp()
    loaded = time.perf_counter()
    texts = [path.read_text(encoding="utf-8") for path in files]
    cpu = time.process_time()
    count = sum(1 for _ in analyze_many(texts, batch_size=8))
    cpu = time.process_time() - cpu
    done = time.perf_counter()
    return {
        "articles": count,
        "seconds": done - loaded,
        "cpu_seconds": cpu,
        "startup_seconds": loaded - started,
        "cores": 1,
        "peak_mb": {"this process": round(peak_rss_mb(), 1)},
    }


def engine_job(files: list[Path], engine: str, workers: int, out: Path) -> dict[str, Any]:
    from reportedly.batch import BatchOptions, run_batch

    options = BatchOptions(engine=engine, workers=workers, object_store_mb=200)  # type: ignore[arg-type]
    started = time.perf_counter()
    summary = run_batch([str(p) for p in files], str(out), options)
    return {
        "articles": summary.analysed,
        "failed": summary.failed,
        "seconds": time.perf_counter() - started,
        "cores": workers,
        "peak_mb": summary.worker_peak_mb,
        "cpu_seconds": sum(summary.worker_cpu_s.values()),
        "recycled": summary.recycled,
    }


def run(files: list[Path], engine: str, workers: int, tmp: Path) -> dict[str, Any]:
    """A 1-article job (startup), then the whole job; Ray's inside a loopback-only namespace."""
    name = f"{engine}-{workers}"
    if engine == "local":
        first = engine_job(files[:1], engine, workers, tmp / f"{name}-startup")
        result = engine_job(files, engine, workers, tmp / name)
    else:
        listing = tmp / f"{name}.files.json"
        listing.write_text(json.dumps([str(p) for p in files]))
        command = f"ip link set lo up && {sys.executable} {__file__} --ray-job {workers} {listing}"
        token = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
        done = subprocess.run(
            ["unshare", "-n", "sh", "-c", command],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ | token,
        )
        if done.returncode != 0:
            raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
        first, result = json.loads(done.stdout.strip().splitlines()[-1])
    result["startup_seconds"] = first["seconds"]
    return result


def ray_job(workers: int, listing: Path) -> None:
    """Inside the namespace: the 1-article job and the whole job, each on its own Ray."""
    files = [Path(p) for p in json.loads(listing.read_text())]
    tmp = Path(tempfile.mkdtemp(prefix="ray-bench-"))
    first = engine_job(files[:1], "ray", workers, tmp / "startup")
    result = engine_job(files, "ray", workers, tmp / "all")
    print(json.dumps([first, result]))


def load(shards: Path, db_path: Path) -> None:
    """``ingest`` of the local job's shards (the SQLite load, no analysis); bytes per article."""
    from reportedly.corpus import ingest, open_db

    db = open_db(db_path)
    started = time.perf_counter()
    summary = ingest([str(shards)], db)
    seconds = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    shard_bytes = sum(p.stat().st_size for p in shards.glob("*.parquet"))
    print(
        f"load into SQLite: {summary.new} articles in {seconds:.2f} s "
        f"({summary.new / seconds:.0f} articles/s, one process); "
        f"shards {shard_bytes / summary.new / 1024:.1f} KiB/article, "
        f"database {db_path.stat().st_size / summary.new / 1024:.1f} KiB/article"
    )


def report(results: dict[str, dict[str, Any]]) -> None:
    """Wall-clock figures, and CPU figures: on a shared machine, other processes take
    cores from the workers, and the CPU seconds a worker spent analysing show its
    own cost whatever the load."""
    base = results["single"]["articles"] / results["single"]["seconds"]
    base_cpu = results["single"]["articles"] / results["single"]["cpu_seconds"]
    print(f"{'run':9} {'articles':>8} {'wall s':>7} {'art/s':>6} {'art/s/core':>10} "
          f"{'steady/core':>11} {'efficiency':>10} {'startup s':>9}  "
          "peak MiB per worker")  # fmt: skip
    for name, r in results.items():
        rate = r["articles"] / r["seconds"]
        steady_seconds = r["seconds"] - (r["startup_seconds"] if name != "single" else 0)
        steady = (r["articles"] - (1 if name != "single" else 0)) / max(steady_seconds, 1e-9)
        per_core = steady / r["cores"]
        peaks = ", ".join(f"{v:.0f}" for v in r["peak_mb"].values())
        print(
            f"{name:9} {r['articles']:8d} {r['seconds']:7.1f} {rate:6.2f} "
            f"{rate / r['cores']:10.2f} {per_core:11.2f} {per_core / base:9.0%} "
            f"{r['startup_seconds']:9.1f}  {peaks}"
        )
    print(f"(efficiency: steady articles/s per core against single's {base:.2f} articles/s)")
    for name, r in results.items():
        per_cpu = r["articles"] / r["cpu_seconds"]
        print(
            f"{name:9} {r['cpu_seconds']:7.1f} CPU s analysing: {per_cpu:.2f} articles per "
            f"CPU-second, {per_cpu / base_cpu:.0%} of single's"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N train articles (0: all)")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--ray-job", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ray_job:
        ray_job(int(args.ray_job[0]), Path(args.ray_job[1]))
        return
    files = sorted(TRAIN.glob("*.txt"))
    files = files[: args.limit] if args.limit else files
    print(f"PolNeAR train: {len(files)} articles, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    results = {"single": single(files)}
    results["local-1"] = run(files, "local", 1, tmp)
    load(tmp / "local-1", tmp / "corpus.db")
    if not args.skip_ray:
        results["ray-1"] = run(files, "ray", 1, tmp)
        results["ray-2"] = run(files, "ray", 2, tmp)
    report(results)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
