"""Batch jobs on a Ray head, run by test_batch_ray.py inside a loopback-only network namespace.

Usage: python ray_jobs.py ADDRESS SPEC.json; SPEC lists jobs (name, sources,
out, options). Each job's summary is written to ``<out>.<name>.json``. Not a
test module: the tests read what it leaves.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportedly.batch import BatchOptions, run_batch


def main(address: str, spec_path: str) -> None:
    for job in json.loads(Path(spec_path).read_text()):
        options = BatchOptions(engine="ray", address=address, **job["options"])
        summary = run_batch(job["sources"], job["out"], options)
        Path(f"{job['out']}.{job['name']}.json").write_text(json.dumps(summary.to_dict()))
        print(job["name"], "analysed", summary.analysed, "failed", summary.failed, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
