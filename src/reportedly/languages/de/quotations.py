"""German quotations in one text: tokens -> labels -> groups -> character spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...records import AttributionKind, Span
from .grouping import Group, LabelSpan, group_labels
from .lexicon import QUOTE_MARKS, cue_lexicon
from .tagger import label_tokens
from .tokens import Token, tokenize

__all__ = ["GermanQuotation", "find_quotations", "quotations_from_labels"]

# cues that name a source without a verb of saying: "laut X", "X zufolge"
_ACCORDING_TO = frozenset({"laut", "zufolge", "gemäß", "nach", "demnach", "wonach"})


@dataclass(frozen=True, slots=True)
class GermanQuotation:
    """One quotation in character offsets of the text it was found in."""

    kind: AttributionKind
    quote: tuple[Span, ...]
    speaker: tuple[Span, ...]
    cue: tuple[Span, ...]
    cue_lemma: str


def _chars(spans: Sequence[LabelSpan], tokens: Sequence[Token]) -> tuple[Span, ...]:
    return tuple((tokens[s.start].start, tokens[s.end - 1].end) for s in spans)


def _kind(group: Group, tokens: Sequence[Token], lemma: str) -> AttributionKind:
    if any(tokens[i].text in QUOTE_MARKS for q in group.quote for i in (q.start, q.end - 1)):
        return "direct"
    if lemma in _ACCORDING_TO:
        return "according_to"
    return "indirect"


def quotations_from_labels(tokens: Sequence[Token], labels: Sequence[str]) -> list[GermanQuotation]:
    """The quotations that the tokens' labels make."""
    cues = cue_lexicon()
    found = []
    for group in group_labels(labels, tokens):
        cue_words = [tokens[i].text.lower() for c in group.cue for i in range(c.start, c.end)]
        lemma = next((cues[w] for w in cue_words if w in cues), " ".join(cue_words))
        found.append(
            GermanQuotation(
                _kind(group, tokens, lemma),
                _chars(group.quote, tokens),
                _chars(group.speaker, tokens),
                _chars(group.cue, tokens),
                lemma,
            )
        )
    return found


def find_quotations(text: str, model: Path | None = None) -> list[GermanQuotation]:
    """The quotations of a German text (the trained tagger, or rules without it)."""
    tokens = tokenize(text)
    return quotations_from_labels(tokens, label_tokens(tokens, model))
