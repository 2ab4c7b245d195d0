"""The German attribution tagger: the trained CRF if its artefact is installed, else rules.

The CRF (``model/german-attribution.crfsuite``) is trained on the German news
quotation data, licensed CC BY-NC-SA 4.0, so it is a separate, optional artefact
with its own ``model/LICENSE``; without it the rules of :mod:`.rules` label the
tokens, and a warning says so once per process. A second CRF beside it
(``german-attribution.second.crfsuite``, :mod:`.stacking`) relabels the tokens from
the first one's output; without that file the first CRF's labels stand.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .features import document_features
from .rules import rule_labels
from .stacking import first_pass, stacked_features
from .tokens import Token

__all__ = [
    "MODEL_FILE_NAME",
    "default_model_path",
    "label_tokens",
    "model_available",
    "second_pass_path",
    "tag_with",
]

MODEL_FILE_NAME = "german-attribution.crfsuite"
NO_MODEL_WARNING = (
    "the German attribution model (CC BY-NC-SA 4.0, an optional artefact) is not "
    "installed; German text is analysed by rules alone (see docs/german.md)"
)


def default_model_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("model", MODEL_FILE_NAME)))


def second_pass_path(first: Path) -> Path:
    """Where the second pass of the model at ``first`` lies (beside it)."""
    return first.with_name(first.name.removesuffix(".crfsuite") + ".second.crfsuite")


def model_available(path: Path | None = None) -> bool:
    return (path or default_model_path()).is_file()


@cache
def _load_tagger(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@cache
def _warn_no_model() -> None:
    warnings.warn(NO_MODEL_WARNING, stacklevel=3)


def label_tokens(tokens: Sequence[Token], model: Path | None = None) -> list[str]:
    """BIO labels (Q quote, S speaker, C cue) for the tokens of one document."""
    if not tokens:
        return []
    path = model or default_model_path()
    if not path.is_file():
        _warn_no_model()
        return rule_labels(tokens)
    second = second_pass_path(path)
    return tag_with(_load_tagger(path), _load_tagger(second) if second.is_file() else None, tokens)


def tag_with(first: Any, second: Any | None, tokens: Sequence[Token]) -> list[str]:
    """BIO labels from opened python-crfsuite taggers: the first pass, and the second
    one (when given) over the first one's output."""
    if not tokens:
        return []
    features = document_features(tokens)
    if second is None:
        return list(first.tag(features))
    found = first_pass(first, features)
    return list(second.tag(stacked_features(tokens, features, found)))
