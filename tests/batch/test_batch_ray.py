"""The Ray engine on a real Ray head, in a loopback-only network namespace.

One head serves every job of this module (starting one costs seconds): it is
started by ``ray start`` inside ``unshare -n`` (nothing outside the namespace
can reach it: only ``lo`` exists there) with token authentication on, 2 CPUs
and a 200 MB object store. It is stopped when the jobs end, also when they
fail: every process in the namespace gets SIGTERM, then SIGKILL (never ``ray
stop``, which stops every Ray of the machine, by name); the test fails if one
is still there. The jobs run the first 12 PolNeAR dev articles (a subset, to
stay fast), bad inputs with an article that raises and one whose actor is
SIGKILLed mid-batch, a rerun, and an actor past its memory limit.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from reportedly.batch import list_shards
from reportedly.batch.shards import read_rows

HERE = Path(__file__).resolve().parent
RAY = Path(sys.executable).parent / "ray"
PORT = 6391
HEAD = (
    f"{RAY} start --head --node-ip-address=127.0.0.1 --port={PORT} --num-cpus=2 "
    "--object-store-memory=200000000 --include-dashboard=false --disable-usage-stats"
)
# the whole module's jobs; a hung head is stopped after this
TIMEOUT = 420


def namespace_processes(inode: str) -> list[int]:
    """Processes whose network namespace is ``inode`` (e.g. "net:[4026532177]")."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "ns" / "net") == inode:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def stop_namespace(inode: str) -> list[int]:
    """Stop every process of the namespace (the Ray head, its workers): SIGTERM, then
    SIGKILL after 15 s; returns those still there after that (none expected)."""
    for pid in namespace_processes(inode):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while namespace_processes(inode) and time.monotonic() < deadline:
        time.sleep(0.5)
    for pid in namespace_processes(inode):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    time.sleep(1)
    return namespace_processes(inode)


def loopback_only() -> bool:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def ray_runs(
    tmp_path_factory: pytest.TempPathFactory, dev_files: list[Path], make_bad: Any
) -> dict[str, Any]:
    if not loopback_only():
        pytest.skip("needs `unshare -n` (root) for a loopback-only Ray head")
    tmp = tmp_path_factory.mktemp("ray")
    bad = make_bad(tmp / "bad", [p.read_text(encoding="utf-8") for p in dev_files[:4]])
    dev = [str(p) for p in dev_files]
    jobs = [
        ("dev", dev, {"workers": 2, "batch_size": 2}),
        ("rerun", dev, {"workers": 2}),
        (
            "bad",
            [str(bad.folder)],
            {"workers": 2, "batch_size": 2, "analyser": "faulty_analyser:analyse"},
        ),
        ("memory", dev[:3], {"workers": 1, "batch_size": 1, "memory_limit_mb": 1}),
    ]
    spec = [
        {
            "name": name,
            "sources": sources,
            "out": str(tmp / ("dev" if name == "rerun" else name)),
            "options": options,
        }
        for name, sources, options in jobs
    ]
    (tmp / "spec.json").write_text(json.dumps(spec))
    # no `ray stop`: it kills every Ray process of the machine, by name; the head's
    # processes are stopped below by their ids, found by their network namespace
    script = (
        "set -e; ip link set lo up; readlink /proc/self/ns/net; "
        f"{HEAD} >/dev/null; "
        f"{sys.executable} {HERE / 'ray_jobs.py'} 127.0.0.1:{PORT} {tmp / 'spec.json'}"
    )
    # token authentication on, with a token made for this head alone (not ~/.ray's)
    env = os.environ | {
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": secrets.token_hex(32),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        ["unshare", "-n", "sh", "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    inode = (process.stdout.readline() if process.stdout else "").strip()
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate(timeout=60)
    finally:
        left = stop_namespace(inode) if inode.startswith("net:[") else []
    assert inode.startswith("net:["), output
    assert not left, f"processes of the Ray head that would not stop: {left}"
    assert process.returncode == 0, output[-4000:]
    return {
        name: {
            "rows": list(read_rows(list_shards(entry["out"]))),
            "summary": json.loads(Path(f"{entry['out']}.{name}.json").read_text()),
        }
        for name, entry in ((e["name"], e) for e in spec)
    } | {"bad_inputs": bad, "output": output}


def test_ray_records_are_those_of_the_single_process_path(
    ray_runs: dict[str, Any], reference: dict[str, str]
) -> None:
    rows, summary = ray_runs["dev"]["rows"], ray_runs["dev"]["summary"]
    assert summary["analysed"] == len(reference) and summary["failed"] == 0
    assert sorted(row["id"] for row in rows) == sorted(reference)
    for row in rows:
        assert row["analysis"] == reference[row["id"]], row["origin"]
    # two actors, each reporting its peak memory
    assert len(summary["worker_peak_mb"]) == 2
    assert all(100 < peak < 4096 for peak in summary["worker_peak_mb"].values())


def test_a_ray_rerun_skips_what_the_output_holds(ray_runs: dict[str, Any]) -> None:
    summary = ray_runs["rerun"]["summary"]
    assert (summary["analysed"], summary["skipped"], summary["shards"]) == (0, 12, [])


def test_bad_input_in_a_ray_job_is_recorded_per_item_and_the_job_completes(
    ray_runs: dict[str, Any],
) -> None:
    rows, summary = ray_runs["bad"]["rows"], ray_runs["bad"]["summary"]
    assert (summary["failed"], summary["analysed"]) == (3, len(ray_runs["bad_inputs"].good))
    failed = {Path(r["origin"]).name: r["reason"] for r in rows if r["status"] != "ok"}
    assert failed.pop("image.txt") == "binary data (NUL byte), not text"
    assert failed.pop("articles.jsonl:2").startswith("invalid JSON")
    assert failed.pop("articles.jsonl:3") == "analysis failed (RuntimeError: planted failure)"
    assert not failed


def test_an_actor_killed_mid_job_loses_no_article_and_repeats_none(
    ray_runs: dict[str, Any],
) -> None:
    rows, bad = ray_runs["bad"]["rows"], ray_runs["bad_inputs"]
    assert bad.kill_flag.exists()  # the actor did SIGKILL itself in the middle of a batch
    killed = int(bad.kill_flag.read_text())
    ok = [row for row in rows if row["status"] == "ok"]
    assert sorted(row["text"] for row in ok) == sorted(bad.good)  # every one exactly once
    assert all(
        row["worker"].rsplit(":", 1)[1] != str(killed) for row in ok if "PLANTED" in row["text"]
    )


def test_a_ray_actor_past_its_memory_limit_is_recycled(
    ray_runs: dict[str, Any], reference: dict[str, str]
) -> None:
    rows, summary = ray_runs["memory"]["rows"], ray_runs["memory"]["summary"]
    assert summary["analysed"] == 3
    # one actor, but a new process for each batch after the first
    assert len({row["worker"] for row in rows}) == 3
    assert all(row["analysis"] == reference[row["id"]] for row in rows)
