"""An analyser with planted faults, for the batch tests (imported by worker processes and actors).

It is reportedly's own analyser except on texts carrying a marker:

- ``PLANTED-RAISE``: the analysis raises (a bug on one article);
- ``PLANTED-SIGKILL-ONCE:<path>``: the process kills itself with SIGKILL the
  first time (it creates ``<path>`` to remember), as if killed from outside
  in the middle of its batch; the next attempt analyses it normally.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from reportedly.batch.work import analyse_texts
from reportedly.config import AnalysisConfig
from reportedly.records import Analysis

KILL_ONCE = re.compile(r"PLANTED-SIGKILL-ONCE:(\S+)")


def analyse(texts: list[str], config: AnalysisConfig) -> list[Analysis]:
    for text in texts:
        if "PLANTED-RAISE" in text:
            raise RuntimeError("planted failure")
        if (match := KILL_ONCE.search(text)) is not None:
            flag = Path(match.group(1))
            if not flag.exists():
                flag.write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)
    return analyse_texts(texts, config)
