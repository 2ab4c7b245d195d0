"""What one analysis does: one frozen config, passed from the caller to every stage.

The same :class:`AnalysisConfig` goes to :func:`reportedly.analyze`,
:func:`reportedly.analyze_many`, the spaCy component (its ``use_model`` and
``without`` settings), ``reportedly batch`` and ``reportedly eval``; nothing is read
from the environment. What changes the records is written into the analysis version
(:func:`analysis_version`), so a corpus knows what analysed each article.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ._version import __version__
from .errors import ConfigError
from .records import SCHEMA
from .repair.config import DEFAULT_CONFIG as DEFAULT_REPAIR
from .repair.config import RepairConfig

# the name that switches the learned model off (the rules and menders stay)
MODEL_PART = "model"
# the shipped model; its hash names the model in the analysis version
MODEL_PATH = Path(__file__).parent / "attribution" / "data" / "attribution-crf.zip"


@dataclass(frozen=True)
class AnalysisConfig:
    """What :func:`reportedly.analyze` does; every default is the shipped analysis.

    - ``use_model``: tag with the learned model (``False``: rules and menders alone,
      the same as ``without={"model"}``).
    - ``without``: cascade parts switched off by name (a rule, a mender, ``model``,
      ``rules``, ``menders``, ``first-pass``); unknown names are refused where the
      cascade first runs. This is how ``reportedly eval --without NAME`` measures a part.
    - ``time_limit``: seconds one article may take (``None``: by its length,
      :func:`reportedly.pipeline.time_limit_for`; ``0``: no limit).
    - ``repair``: what the repair stage does (:class:`~reportedly.repair.RepairConfig`).
    - ``language``: the texts' language (ISO 639-1: ``"en"``, ``"de"``); ``None``: each
      text's own, detected (:func:`reportedly.languages.choose_language`).
    """

    use_model: bool = True
    without: frozenset[str] = field(default_factory=frozenset)
    time_limit: float | None = None
    repair: RepairConfig = DEFAULT_REPAIR
    language: str | None = None

    def __post_init__(self) -> None:
        # any iterable of names is accepted; stored as a frozenset so configs hash and compare
        object.__setattr__(self, "without", frozenset(self.without))
        if self.time_limit is not None and self.time_limit < 0:
            raise ConfigError(f"time limit must be 0 or more seconds, not {self.time_limit}")

    @property
    def parts_off(self) -> frozenset[str]:
        """The cascade parts switched off, the model included when ``use_model`` is off."""
        return self.without | ({MODEL_PART} if not self.use_model else frozenset())


DEFAULT_ANALYSIS = AnalysisConfig()


@lru_cache(maxsize=1)
def _model_tag() -> str:
    try:
        digest = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    except OSError:  # reported as a ModelError when the model is first used
        return "crf.missing"
    return f"crf.{digest[:12]}"


def attribution_tag(config: AnalysisConfig = DEFAULT_ANALYSIS) -> str:
    """What made the attributions and repair: ``crf.<model hash>`` or ``rules``, then
    ``~without.<parts>`` and ``~repair.<settings hash>`` when they differ from the default."""
    off = config.parts_off
    tag = "rules" if MODEL_PART in off else _model_tag()
    if off - {MODEL_PART}:
        tag += "~without." + ",".join(sorted(off - {MODEL_PART}))
    if config.repair != DEFAULT_REPAIR:
        settings = json.dumps(asdict(config.repair), sort_keys=True).encode()
        tag += "~repair." + hashlib.sha256(settings).hexdigest()[:8]
    return tag


def analysis_version(config: AnalysisConfig = DEFAULT_ANALYSIS) -> str:
    """``"0.3.0+crf.f4f3549e392b/reportedly.analysis/1"``: the package, what analysed, the schema.

    The package version is bumped whenever a change of the code changes what an
    analysis contains: the corpus re-analyzes articles stored under an older one.
    The time limit is not part of it: it decides whether an article is analysed, not
    what its analysis holds.
    """
    return f"{__version__}+{attribution_tag(config)}/{SCHEMA}"
