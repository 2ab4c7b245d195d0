"""A German article end to end: repair -> quotations -> records in input offsets.

The repair stage is the English pipeline's (mojibake, page furniture, the offsets
map back to the input); the quotations come from :mod:`.quotations`. A speaker that
is a pronoun ("er", "sie") is named after the nearest named speaker before it. German
analyses have no claims or signals yet (``claims`` empty, ``signals`` None).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache

from ..._version import __version__
from ...config import DEFAULT_ANALYSIS, AnalysisConfig
from ...records import SCHEMA, Analysis, Attribution, Cue, Source, SourceType, TextPart
from ...repair import repair, title_in_input
from .lexicon import ROLE_NOUNS, THIRD_PERSON
from .quotations import GermanQuotation, find_quotations
from .tagger import default_model_path, model_available, second_pass_path

__all__ = ["analysis_version", "analyze_german"]

_LEADING = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "laut"})
_ORGANIZATIONS = frozenset(
    {
        "polizei", "regierung", "ministerium", "behörde", "behörden", "agentur", "zeitung",
        "staatsanwaltschaft", "gericht", "unternehmen", "partei", "verband", "konzern",
        "kommission", "bundesregierung", "armee", "militär", "sender", "nachrichtenagentur",
    }
)  # fmt: skip
_MEDIA = frozenset({"zeitung", "sender", "nachrichtenagentur", "agentur", "medien", "magazin"})


@cache
def analysis_version() -> str:
    """Package, German tagger (its file's hash, or "rules") and schema."""
    path = default_model_path()
    tag = "rules"
    if model_available(path):
        digest = hashlib.sha256(path.read_bytes())
        if second_pass_path(path).is_file():
            digest.update(second_pass_path(path).read_bytes())
        tag = "crf." + digest.hexdigest()[:12]
    return f"{__version__}+de.{tag}/{SCHEMA}"


def _name_and_type(text: str) -> tuple[str, SourceType]:
    words = text.split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    name = " ".join(words) or text
    lower = {w.lower().strip(".,") for w in words}
    if lower & _MEDIA:
        return name, "media"
    if lower & _ORGANIZATIONS:
        return name, "organization"
    if lower & ROLE_NOUNS:
        return name, "official"
    return name, "person"


def _attribution(
    found: GermanQuotation, text: str, to_input: object, named: str | None, origin: str
) -> tuple[Attribution, str | None]:
    def span_text(spans: Sequence[tuple[int, int]]) -> str:
        return " ".join(text[a:b] for a, b in spans)

    def mapped(spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
        return tuple(to_input(span) for span in spans)  # type: ignore[operator]

    source = None
    if found.speaker:
        words = span_text(found.speaker)
        if words.lower() in THIRD_PERSON and named is not None:
            name, kind = named, "person"
        else:
            name, kind = _name_and_type(words)
            named = name if kind == "person" else named
        source = Source(mapped(found.speaker), words, name, kind)  # type: ignore[arg-type]
    cue = None
    if found.cue:
        cue = Cue(mapped(found.cue), span_text(found.cue), found.cue_lemma, "neutral")
    content = TextPart(mapped(found.quote), span_text(found.quote))
    return Attribution(found.kind, source, cue, content, None, origin), named


def analyze_german(text: str, config: AnalysisConfig = DEFAULT_ANALYSIS) -> Analysis:
    """Analyse one German article; every span of the result indexes ``text`` (the
    config's repair settings apply; its cascade parts are English ones)."""
    result = repair(text, config.repair)
    origin = "de-model" if model_available() else "de-rules"
    attributions = []
    named: str | None = None
    for found in find_quotations(result.text):
        attribution, named = _attribution(
            found, result.text, result.offsets.to_input, named, origin
        )
        attributions.append(attribution)
    warnings = []
    if not text.strip():
        warnings.append("empty input: nothing to analyze")
    return Analysis(
        text=text,
        title=title_in_input(result),
        attributions=tuple(attributions),
        repairs=result.repairs,
        flags=result.flags,
        warnings=tuple(warnings),
        version=analysis_version(),
    )
