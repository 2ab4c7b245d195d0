"""Credibility signals of one article (:class:`~reportedly.signal_records.Signals`), each
with its evidence spans.

Signals describe how an article knows what it says; none of them is a verdict.
Every span in the result is in INPUT coordinates. The keys:

- ``attributed_sentences``: share of sentences that carry (part of) an attribution;
- ``sources``: attributions by source type (named, official, anonymous, vague, media,
  document, none);
- ``cue_stances``: attributions by the stance of their cue;
- ``evaluative_wording``: lexicon hits, each in the reporter's voice or an attribution's;
- ``repairs``, ``boilerplate``, ``machine_translation``, ``flags``: from the repair stage;
- ``headline``: each quoted headline phrase and where the body says it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..claims.lexicon import LEXICON_RESOURCE, LexiconHit
from ..claims.passes import article_passes
from ..claims.voice import NO_FRAME, REPORTER, VoiceMap
from ..nlp.tokens import TokenRange, TokenTable
from ..records import Claim, DocAttribution, Flag, Repair, Span, SpanMapper, TextPart, map_spans
from ..signal_records import (
    SOURCE_GROUP_ORDER,
    SOURCE_GROUPS,
    AttributedSentences,
    CueItem,
    CueStances,
    EvaluativeWording,
    Headline,
    HeadlineMatch,
    HeadlinePhrase,
    RepairSignals,
    Signals,
    SourceItem,
    SourceMix,
    WordingItem,
)
from .headline import headline_words_in_body, match_headline

BOILERPLATE_REPAIRS = frozenset({"boilerplate", "duplicate_headline"})
MACHINE_TRANSLATION_FLAG_PREFIX = "mt_"
LEXICON_NOTE = f"{LEXICON_RESOURCE}: written for reportedly, MIT licence; flags, does not judge"


def compute_signals(
    doc: Doc,
    attributions: Sequence[DocAttribution],
    claims: Sequence[Claim],
    *,
    repairs: Sequence[Repair],
    flags: Sequence[Flag],
    title: Span | None,
    to_input: SpanMapper,
) -> Signals:
    """All signals of one article (``claims`` are accepted for future signals; unused now)."""
    passes = article_passes(doc, attributions, title)
    return Signals(
        attributed_sentences=attributed_sentences(
            passes.table, passes.voice, passes.units, to_input
        ),
        sources=sources_by_type(attributions, to_input),
        cue_stances=cue_stances(attributions, to_input),
        evaluative_wording=evaluative_wording(
            doc, passes.table, passes.voice, passes.lexicon_hits, title, to_input
        ),
        repairs=repair_signals(repairs, flags),
        headline=headline_signal(doc, passes.table, title, to_input),
    )


def attributed_sentences(
    table: TokenTable, voice: VoiceMap, units: Sequence[TokenRange], to_input: SpanMapper
) -> AttributedSentences:
    """Share of sentence units (title left out) holding any part of an attribution."""
    involved = (voice.owner != REPORTER) | (voice.frame != NO_FRAME)
    attributed = tuple(
        to_input(table.char_span(start, end)) for start, end in units if involved[start:end].any()
    )
    share = round(len(attributed) / len(units), 3) if units else 0.0
    return AttributedSentences(share, len(attributed), len(units), attributed)


def sources_by_type(attributions: Sequence[DocAttribution], to_input: SpanMapper) -> SourceMix:
    counts: Counter[str] = Counter()
    items = []
    for index, attribution in enumerate(attributions):
        source = attribution.source
        group = SOURCE_GROUPS.get(source.type, "named") if source else "none"
        counts[group] += 1
        if source is not None:
            spans = map_spans(source.spans, to_input)
            items.append(SourceItem(index, group, source.type, source.name, source.text, spans))
        else:
            # no source: the cue is the evidence ("It is said that ...")
            evidence = attribution.cue.spans if attribution.cue else attribution.content.spans
            items.append(SourceItem(index, group, None, None, None, map_spans(evidence, to_input)))
    by_type = {group: counts[group] for group in SOURCE_GROUP_ORDER}
    return SourceMix(len(attributions), by_type, tuple(items))


def cue_stances(attributions: Sequence[DocAttribution], to_input: SpanMapper) -> CueStances:
    counts: Counter[str] = Counter()
    items = []
    for index, attribution in enumerate(attributions):
        cue = attribution.cue
        if cue is None:
            continue
        counts[cue.stance] += 1
        spans = map_spans(cue.spans, to_input)
        items.append(CueItem(index, cue.stance, cue.lemma, cue.text, spans))
    return CueStances(dict(counts.most_common()), tuple(items))


def evaluative_wording(
    doc: Doc,
    table: TokenTable,
    voice: VoiceMap,
    hits: Sequence[LexiconHit],
    title: Span | None,
    to_input: SpanMapper,
) -> EvaluativeWording:
    """Each lexicon hit and whose voice it is in.

    A hit inside an attribution's content is in that attribution's voice; anywhere
    else (the narrative, the headline) it is the reporter's choice of words. A
    source or cue ("slammed") is worded by whoever reports it: the reporter, or the
    attribution whose content holds the whole report; never the attribution it frames.
    """
    items = []
    for hit in hits:
        owner = int(voice.owner[hit.start])
        attributed = owner != REPORTER and owner != voice.frame[hit.start]
        start_char, end_char = table.char_span(hit.start, hit.end)
        items.append(
            WordingItem(
                text=doc[hit.start : hit.end].text,
                spans=(to_input((start_char, end_char)),),
                entry=hit.entry.phrase,
                category=hit.entry.category,
                note=hit.entry.note,
                voice="attribution" if attributed else "reporter",
                attribution=owner if attributed else None,
                in_title=title is not None and title[0] <= start_char < title[1],
            )
        )
    return EvaluativeWording.of(tuple(items), LEXICON_NOTE)


def repair_signals(repairs: Sequence[Repair], flags: Sequence[Flag]) -> RepairSignals:
    """Repairs, boilerplate removed and machine-translation flags (spans already in input)."""
    return RepairSignals(
        repairs=tuple(repairs),
        boilerplate=tuple(r for r in repairs if r.kind in BOILERPLATE_REPAIRS),
        machine_translation=tuple(
            f for f in flags if f.kind.startswith(MACHINE_TRANSLATION_FLAG_PREFIX)
        ),
        flags_by_kind=dict(Counter(f.kind for f in flags).most_common()),
        flags=len(flags),
    )


def headline_signal(
    doc: Doc, table: TokenTable, title: Span | None, to_input: SpanMapper
) -> Headline:
    title_tokens = table.token_range(title) if title is not None else None
    if title is None or title_tokens is None:
        return Headline(None)
    phrases = []
    for phrase in match_headline(doc, table, title):
        match = phrase.match
        found = (
            None
            if match is None
            else HeadlineMatch(match.text, (to_input(match.span),), match.method, match.score)
        )
        phrases.append(HeadlinePhrase(phrase.text, (to_input(phrase.span),), found))
    found_words, missing = headline_words_in_body(doc, table, title)
    total = len(found_words) + len(missing)
    title_text = doc[title_tokens[0] : title_tokens[1]].text
    return Headline(
        title=TextPart((to_input(title),), title_text),
        phrases=tuple(phrases),
        words_share=round(len(found_words) / total, 3) if total else None,
        missing=tuple(TextPart((to_input((t.idx, t.idx + len(t))),), t.text) for t in missing),
    )


def merge_signals(parts: Sequence[tuple[Signals, int]]) -> Signals:
    """The signals of an article parsed in several Docs (chunks), from each chunk's.

    ``parts`` pairs each chunk's signals with the number of attributions of the
    chunks before it, which is added to every attribution index. Counts are summed
    and shares recomputed; repairs and flags, computed for the whole article, and
    the headline, found in the chunk that holds it, are taken once.
    """
    if not parts:
        raise ValueError("merge_signals needs at least one chunk's signals")
    if len(parts) == 1 and parts[0][1] == 0:
        return parts[0][0]
    first = parts[0][0]
    sentences = sum(p.attributed_sentences.sentences for p, _ in parts)
    attributed = sum(p.attributed_sentences.attributed for p, _ in parts)
    with_title = [p.headline for p, _ in parts if p.headline.title is not None]
    return Signals(
        attributed_sentences=AttributedSentences(
            share=round(attributed / sentences, 3) if sentences else 0.0,
            attributed=attributed,
            sentences=sentences,
            spans=tuple(span for p, _ in parts for span in p.attributed_sentences.spans),
        ),
        sources=SourceMix(
            total=sum(p.sources.total for p, _ in parts),
            by_type=_sum_counts([p.sources.by_type for p, _ in parts]),
            items=tuple(
                replace(item, attribution=item.attribution + offset)
                for p, offset in parts
                for item in p.sources.items
            ),
        ),
        cue_stances=CueStances(
            by_stance=_sum_counts([p.cue_stances.by_stance for p, _ in parts]),
            items=tuple(
                replace(item, attribution=item.attribution + offset)
                for p, offset in parts
                for item in p.cue_stances.items
            ),
        ),
        evaluative_wording=EvaluativeWording.of(
            tuple(
                item
                if item.attribution is None
                else replace(item, attribution=item.attribution + offset)
                for p, offset in parts
                for item in p.evaluative_wording.items
            ),
            first.evaluative_wording.lexicon,
        ),
        repairs=first.repairs,
        headline=with_title[0] if with_title else first.headline,
    )


def _sum_counts(counts: Sequence[Mapping[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for part in counts:
        total.update(part)
    order = list(dict.fromkeys(key for part in counts for key in part))
    return {key: total[key] for key in order}
