"""The languages reportedly analyses, and which one a text is in.

Each language other than English is a folder here (``de/``: its tokenizer, cue
lexicon, quotation marks, speech-report rules and tagger) and one entry of
:data:`LANGUAGES`, naming the function that analyses a text in it. English is the
spaCy pipeline of :mod:`reportedly.pipeline` and has no analysis function here. A
language's parts are imported only when a text in it arrives.

Detection is cheap for English: a text whose commonest function words are English
is English without the language detector (py3langid, whose model takes a second to
load); only other texts are given to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from ..config import AnalysisConfig
    from ..records import Analysis

__all__ = ["LANGUAGES", "Language", "LanguageChoice", "choose_language"]


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1
    name: str
    # "module:function" analysing a text as a config says (``(str, AnalysisConfig) ->
    # Analysis``); None: the English pipeline
    analyzer: str | None = None

    def analyze(self, text: str, config: AnalysisConfig) -> Analysis:
        if self.analyzer is None:
            raise ValueError("English is analysed by reportedly.pipeline")
        module, _, function = self.analyzer.partition(":")
        analyze: Callable[[str, AnalysisConfig], Analysis] = getattr(
            import_module(module), function
        )
        return analyze(text, config)


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English"),
    "de": Language("de", "German", "reportedly.languages.de.analysis:analyze_german"),
}


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    language: Language
    warning: str | None = None  # said when the text's language has no analysis


_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "that",
        "was",
        "for",
        "with",
        "said",
        "on",
        "are",
        "his",
        "her",
        "it",
        "as",
        "by",
    ]
)
_GERMAN = frozenset(
    [
        "der",
        "die",
        "und",
        "das",
        "ist",
        "nicht",
        "sich",
        "mit",
        "von",
        "den",
        "dem",
        "des",
        "sei",
        "sagte",
        "auch",
    ]
)
# the detector's confidence under which a text is read as English without a warning
_CONFIDENT = 0.9
_MIN_WORDS = 30


def _looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text[:3000])]
    english = sum(w in _ENGLISH for w in words)
    german = sum(w in _GERMAN for w in words)
    if len(words) < _MIN_WORDS:
        return german < 2 or german <= english
    return english >= 2 * german + 3


def choose_language(text: str, lang: str | None = None) -> LanguageChoice:
    """Which analysis reads ``text``: ``lang`` when given (an ISO 639-1 code, checked),
    else the detected language's, else English with a warning that says so."""
    if lang is not None:
        code = lang.strip().lower()
        if code not in LANGUAGES:
            known = ", ".join(sorted(LANGUAGES))
            raise InputError(f"no analysis for language {lang!r} (known: {known})")
        return LanguageChoice(LANGUAGES[code])
    if _looks_english(text):
        return LanguageChoice(LANGUAGES["en"])
    # imported here: the detector's model is loaded only for a text that is not English
    from .detect import detect_language

    detected, confidence = detect_language(text)
    if detected in LANGUAGES:
        return LanguageChoice(LANGUAGES[detected])
    if detected is None or confidence < _CONFIDENT:
        return LanguageChoice(LANGUAGES["en"])
    known = ", ".join(f"{lang.name} ({lang.code})" for lang in LANGUAGES.values())
    return LanguageChoice(
        LANGUAGES["en"],
        f"the text is in a language reportedly has no analysis for ({detected!r}, detected); "
        f"it was read as English (analysed: {known}; --lang chooses)",
    )
