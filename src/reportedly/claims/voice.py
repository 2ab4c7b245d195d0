"""Whose voice each token is in, and the sentence units claims are cut from.

A token inside the content of an attribution speaks in that attribution's voice
(the innermost one when contents nest); a token of an attribution's source, cue
or channel is *framing*: the reporter's words about who said something, not a
claim. Every other token is the reporter's own voice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ..nlp.tokens import Ints, TokenRange, TokenTable
from ..records import DocAttribution, Span, Spans

REPORTER = -1
NO_FRAME = -1


@dataclass(frozen=True, slots=True)
class VoiceMap:
    """Per token of a Doc: ``owner``, the index of the attribution whose content holds
    it (or :data:`REPORTER`), and ``frame``, the index of the attribution whose source,
    cue or channel holds it (or :data:`NO_FRAME`)."""

    owner: Ints
    frame: Ints


def _ranges(table: TokenTable, spans: Spans) -> list[TokenRange]:
    found = (table.token_range(span) for span in spans)
    return [r for r in found if r is not None]


def build_voice_map(table: TokenTable, attributions: Sequence[DocAttribution]) -> VoiceMap:
    owner = np.full(len(table), REPORTER, dtype=np.int64)
    frame = np.full(len(table), NO_FRAME, dtype=np.int64)
    contents = [(index, _ranges(table, a.content.spans)) for index, a in enumerate(attributions)]
    # widest content first so nested (narrower) contents overwrite it: innermost wins
    contents.sort(key=lambda item: -sum(end - start for start, end in item[1]))
    for index, ranges in contents:
        for start, end in ranges:
            owner[start:end] = index
    for index, attribution in enumerate(attributions):
        for part in (attribution.source, attribution.cue, attribution.channel):
            if part is not None:
                for start, end in _ranges(table, part.spans):
                    frame[start:end] = index
    return VoiceMap(owner, frame)


def sentence_units(doc: Doc, table: TokenTable, title: Span | None) -> list[TokenRange]:
    """Sentences as token ranges ``[start, end)``, split again at line breaks, without the title.

    Line breaks end a unit because the small parser often runs a heading or a
    headline into the next paragraph's first sentence.
    """
    n = len(table)
    if n == 0:
        return []
    if doc.has_annotation("SENT_START"):
        starts = [int(i) for i in np.flatnonzero(table.sent_start == 1)]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
    else:
        starts = [0]
    cuts = {int(i) for i in np.flatnonzero(table.is_space) if "\n" in doc[int(i)].text}
    if title is not None and (title_tokens := table.token_range(title)) is not None:
        cuts.update(range(*title_tokens))
    sorted_cuts = sorted(cuts)
    units: list[TokenRange] = []
    for sent_start, sent_end in zip(starts, [*starts[1:], n], strict=True):
        start = sent_start
        k = bisect_left(sorted_cuts, sent_start)
        while k < len(sorted_cuts) and sorted_cuts[k] < sent_end:
            _add_unit(table, units, start, sorted_cuts[k])
            start = sorted_cuts[k] + 1
            k += 1
        _add_unit(table, units, start, sent_end)
    return units


def _add_unit(table: TokenTable, units: list[TokenRange], start: int, end: int) -> None:
    while start < end and table.is_space[start]:
        start += 1
    while end > start and table.is_space[end - 1]:
        end -= 1
    if start < end:
        units.append((start, end))
