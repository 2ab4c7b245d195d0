"""Text helpers of the linker: language detection, words, crude stems, sentences, transliteration.

Language detection uses py3langid (a pure-numpy port of langid.py, trained on
97 languages); the declared ``<html lang>`` of a page is not trusted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# The languages the analysis (reportedly's English spaCy pipeline) covers.
ANALYSED_LANGUAGES = frozenset({"en", "de"})
# The languages of Google's Universal Sentence Encoder Multilingual v3 (the
# encoder used for translated copies and cross-language quotes); Ukrainian is
# not among them (measured: it still finds 95% of Ukrainian documents, see docs).
ENCODER_LANGUAGES = frozenset(
    {"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"}
)


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list of ``data/`` (one lowercase word a line, ``#`` comments)."""
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»“]?\s+(?=[\"'“„«‚A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])|\n+")

EN_STOPWORDS = word_list("stopwords-en.txt")
# function words of the other languages the linker meets most (quote matching ignores them)
OTHER_STOPWORDS = word_list("stopwords-other.txt")

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "g",
        ],
        strict=True,
    )
)


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def stem(word: str, language: str | None) -> str:
    """A crude stem: English suffixes stripped; other languages cut to five letters."""
    if language not in (None, "en"):
        return word[:5]
    for suffix in ("ings", "ing", "edly", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # sharing -> shar(e): keep; runn -> run
    return word.rstrip("e") if len(word) > 4 else word


@lru_cache(maxsize=50_000)
def _content_stems(text: str, language: str | None) -> tuple[str, ...]:
    stop = EN_STOPWORDS if language in (None, "en") else OTHER_STOPWORDS | EN_STOPWORDS
    return tuple(stem(w, language) for w in words(text) if w not in stop and not w.isdigit())


def content_stems(text: str, language: str | None) -> list[str]:
    """The stems of the content words of ``text``, in order (function words dropped)."""
    return list(_content_stems(text, language))


def sentences(text: str, limit: int | None = None) -> list[str]:
    """Sentences of ``text`` (a light splitter for the encoder; good enough for ranking)."""
    parts = [p.strip() for p in SENTENCE_END.split(text)]
    found = [p for p in parts if len(p) > 1]
    return found[:limit] if limit else found


def fold(text: str) -> str:
    """Lowercase, accents removed, Cyrillic transliterated: names compared across scripts."""
    text = text.casefold()
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        text = "".join(_CYRILLIC.get(ch, ch) for ch in text).replace("_", "")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))
