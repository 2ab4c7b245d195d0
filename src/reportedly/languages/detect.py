"""Which language a text is in (py3langid: a numpy model in its wheel, loaded on first use).

Here, under the languages, because both the analysis (which language's parts read a text)
and the corpus linker (which articles may be translations of each other) ask it.
"""

from __future__ import annotations

from functools import lru_cache

# Shorter texts are not given a language (the detector guesses on a few words).
MIN_DETECT_CHARS = 20
# the detector reads this much of an article (enough to be sure, and fast)
DETECT_CHARS = 2000


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of ``text``'s language and the detector's confidence (0..1).

    None for text too short to tell (under 20 letters).
    """
    sample = text[:DETECT_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_DETECT_CHARS:
        return None, 0.0
    language, probability = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(language), float(probability)
