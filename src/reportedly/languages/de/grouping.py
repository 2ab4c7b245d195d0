"""From per-token labels to quotations: which speaker and cue go with which quote.

The tagger (or the rules) label tokens ``B-/I-`` ``Q`` (the quote), ``S`` (the
speaker) and ``C`` (the cue). Runs of one label are spans; two quote spans with only
a reporting clause, a speaker or a cue between them in one sentence are one
quotation ("„Wir“, sagte er, „bleiben.“"). Each quotation then takes the nearest
speaker span of its sentence or the sentence before or after, and its cue spans:
each cue span goes to the nearest quotation of its own sentence, so that a
discontinuous cue ("hatte ... gesagt", "teilte ... mit") stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .tokens import Token

__all__ = ["Group", "LabelSpan", "group_labels", "label_spans"]

# how many tokens between two quote spans may be a reporting clause
_MAX_INTERRUPTION = 12


@dataclass(frozen=True, slots=True)
class LabelSpan:
    role: str  # "Q", "S", "C"
    start: int  # first token index
    end: int  # one past the last token index


@dataclass(frozen=True, slots=True)
class Group:
    """One quotation: its quote spans, its speaker and its cue spans (token indices)."""

    quote: tuple[LabelSpan, ...]
    speaker: tuple[LabelSpan, ...]
    cue: tuple[LabelSpan, ...]


def label_spans(labels: Sequence[str]) -> list[LabelSpan]:
    """Runs of ``B-X I-X ...`` (an ``I-X`` after another role starts a run too)."""
    spans: list[LabelSpan] = []
    start, role = -1, ""
    for i, label in enumerate([*labels, "O"]):
        kind, _, name = label.partition("-")
        if role and (kind != "I" or name != role):
            spans.append(LabelSpan(role, start, i))
            role = ""
        if kind in {"B", "I"} and not role:
            start, role = i, name
    return spans


def _merge_quotes(
    quotes: list[LabelSpan], others: list[LabelSpan], tokens: Sequence[Token]
) -> list[list[LabelSpan]]:
    covered = {i for span in others for i in range(span.start, span.end)}
    merged: list[list[LabelSpan]] = []
    for span in quotes:
        if merged:
            last = merged[-1][-1]
            gap = range(last.end, span.start)
            if (
                len(gap) <= _MAX_INTERRUPTION
                and tokens[last.end - 1].sentence == tokens[span.start].sentence
                and any(i in covered for i in gap)
                and all(i in covered or not tokens[i].text.isalnum() for i in gap)
            ):
                merged[-1].append(span)
                continue
        merged.append([span])
    return merged


def _distance(quote: Sequence[LabelSpan], other: LabelSpan) -> int:
    return min(max(other.start - q.end, q.start - other.end, 0) for q in quote)


def _nearest(
    quote: Sequence[LabelSpan], candidates: Sequence[LabelSpan], tokens: Sequence[Token]
) -> LabelSpan | None:
    sentences = {tokens[i].sentence for q in quote for i in range(q.start, q.end)}
    near = [
        c
        for c in candidates
        if min(abs(tokens[c.start].sentence - s) for s in sentences) <= 1
        and tokens[c.start].paragraph == tokens[quote[0].start].paragraph
    ]
    if not near:
        return None
    # in the quote's own sentences first, then the nearest in tokens
    return min(
        near,
        key=lambda c: (tokens[c.start].sentence not in sentences, _distance(quote, c)),
    )


def _speaker_of(
    quote: Sequence[LabelSpan],
    cues: Sequence[LabelSpan],
    speakers: Sequence[LabelSpan],
    tokens: Sequence[Token],
) -> LabelSpan | None:
    """The speaker nearest the quotation's cue in the cue's sentence (the cue verb's
    subject), else the speaker nearest the quotation."""
    if cues:
        sentence = tokens[cues[0].start].sentence
        near = [s for s in speakers if tokens[s.start].sentence == sentence]
        if near:
            return min(near, key=lambda s: _distance(cues, s))
    return _nearest(quote, speakers, tokens)


def _sentences_of(spans: Sequence[LabelSpan], tokens: Sequence[Token]) -> set[int]:
    return {tokens[i].sentence for s in spans for i in range(s.start, s.end)}


def _assign_cues(
    quotes: Sequence[Sequence[LabelSpan]], cues: Sequence[LabelSpan], tokens: Sequence[Token]
) -> list[list[LabelSpan]]:
    """Each cue span goes to the nearest quotation of its own sentence, so that a
    discontinuous cue ("hatte ... gesagt", "teilte ... mit") stays whole and a
    quotation does not take its neighbour's cue; a quotation left without one takes
    the nearest cue of its sentence (one cue may introduce two quotations) or, failing
    that, an unused cue of the sentence before or after."""
    sentences = [_sentences_of(q, tokens) for q in quotes]
    owned: list[list[LabelSpan]] = [[] for _ in quotes]
    used: set[LabelSpan] = set()
    for cue in cues:
        sentence = tokens[cue.start].sentence
        mine = [i for i, held in enumerate(sentences) if sentence in held]
        if mine:
            owner = min(mine, key=lambda i: _distance(quotes[i], cue))
            owned[owner].append(cue)
            used.add(cue)
    for i, quote in enumerate(quotes):
        if owned[i]:
            continue
        same = [c for c in cues if tokens[c.start].sentence in sentences[i]]
        if same:
            owned[i].append(min(same, key=lambda c: _distance(quote, c)))
            continue
        spare = _nearest(quote, [c for c in cues if c not in used], tokens)
        if spare is not None:
            owned[i] += [
                c
                for c in cues
                if c not in used and tokens[c.start].sentence == tokens[spare.start].sentence
            ]
            used.update(owned[i])
    return owned


def group_labels(labels: Sequence[str], tokens: Sequence[Token]) -> list[Group]:
    """The quotations of one document from its tokens' labels."""
    spans = label_spans(labels)
    quotes = [s for s in spans if s.role == "Q"]
    speakers = [s for s in spans if s.role == "S"]
    cues = [s for s in spans if s.role == "C"]
    merged = _merge_quotes(quotes, speakers + cues, tokens)
    groups: list[Group] = []
    for quote, cue_spans in zip(merged, _assign_cues(merged, cues, tokens), strict=True):
        speaker = _speaker_of(quote, cue_spans, speakers, tokens)
        groups.append(
            Group(
                tuple(quote),
                () if speaker is None else (speaker,),
                tuple(sorted(cue_spans, key=lambda c: c.start)),
            )
        )
    return groups
