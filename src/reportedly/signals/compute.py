"""Credibility signals of one article: JSON-ready, each with its evidence spans.

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
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from ..claims.lexicon import LEXICON_RESOURCE, LexiconHit
from ..claims.passes import article_passes
from ..claims.tokens import TokenTable
from ..claims.voice import NO_FRAME, REPORTER, VoiceMap
from ..records import Attribution, Claim, Flag, Repair, Span, SpanMapper
from .headline import headline_words_in_body, match_headline

# Source types of the attribution stage, grouped as the report shows them.
SOURCE_GROUPS = {
    "person": "named",
    "organization": "named",
    "official": "official",
    "anonymous": "anonymous",
    "vague": "vague",
    "media": "media",
    "document": "document",
}
SOURCE_GROUP_ORDER = ("named", "official", "anonymous", "vague", "media", "document", "none")
BOILERPLATE_REPAIRS = frozenset({"boilerplate", "duplicate_headline"})
MACHINE_TRANSLATION_FLAG_PREFIX = "mt_"
LEXICON_NOTE = f"{LEXICON_RESOURCE}: written for reportedly, MIT licence; flags, does not judge"


def _json_spans(spans: Sequence[Span]) -> list[list[int]]:
    return [[start, end] for start, end in spans]


def compute_signals(
    doc: Doc,
    attributions: Sequence[Attribution],
    claims: Sequence[Claim],
    *,
    repairs: Sequence[Repair],
    flags: Sequence[Flag],
    title: Span | None,
    to_input: SpanMapper,
) -> dict[str, Any]:
    """All signals of one article (``claims`` are accepted for future signals; unused now)."""
    passes = article_passes(doc, attributions, title)
    return {
        "attributed_sentences": attributed_sentences(
            passes.table, passes.voice, passes.units, to_input
        ),
        "sources": sources_by_type(attributions, to_input),
        "cue_stances": cue_stances(attributions, to_input),
        "evaluative_wording": evaluative_wording(
            doc, passes.table, passes.voice, passes.lexicon_hits, title, to_input
        ),
        **repair_signals(repairs, flags),
        "headline": headline_signal(doc, passes.table, title, to_input),
    }


def attributed_sentences(
    table: TokenTable, voice: VoiceMap, units: Sequence[tuple[int, int]], to_input: SpanMapper
) -> dict[str, Any]:
    """Share of sentence units (title left out) holding any part of an attribution."""
    involved = (voice.owner != REPORTER) | (voice.frame != NO_FRAME)
    attributed: list[Span] = [
        to_input(table.char_span(start, end)) for start, end in units if involved[start:end].any()
    ]
    return {
        "share": round(len(attributed) / len(units), 3) if units else 0.0,
        "attributed": len(attributed),
        "sentences": len(units),
        "spans": _json_spans(attributed),
    }


def sources_by_type(attributions: Sequence[Attribution], to_input: SpanMapper) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    items = []
    for index, attribution in enumerate(attributions):
        source = attribution.source
        group = SOURCE_GROUPS.get(source.type, "named") if source else "none"
        counts[group] += 1
        item: dict[str, Any] = {"attribution": index, "group": group}
        if source is not None:
            item |= {
                "type": source.type,
                "name": source.name,
                "text": source.text,
                "spans": _json_spans([to_input(s) for s in source.spans]),
            }
        else:
            # no source: the cue is the evidence ("It is said that ...")
            cue_spans = attribution.cue.spans if attribution.cue else attribution.content.spans
            item |= {"type": None, "spans": _json_spans([to_input(s) for s in cue_spans])}
        items.append(item)
    return {
        "total": len(attributions),
        "by_type": {group: counts[group] for group in SOURCE_GROUP_ORDER},
        "items": items,
    }


def cue_stances(attributions: Sequence[Attribution], to_input: SpanMapper) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    items = []
    for index, attribution in enumerate(attributions):
        cue = attribution.cue
        if cue is None:
            continue
        counts[cue.stance] += 1
        items.append(
            {
                "attribution": index,
                "stance": cue.stance,
                "lemma": cue.lemma,
                "text": cue.text,
                "spans": _json_spans([to_input(s) for s in cue.spans]),
            }
        )
    return {"by_stance": dict(counts.most_common()), "items": items}


def evaluative_wording(
    doc: Doc,
    table: TokenTable,
    voice: VoiceMap,
    hits: Sequence[LexiconHit],
    title: Span | None,
    to_input: SpanMapper,
) -> dict[str, Any]:
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
            {
                "text": doc[hit.start : hit.end].text,
                "spans": _json_spans([to_input((start_char, end_char))]),
                "entry": hit.entry.phrase,
                "category": hit.entry.category,
                "note": hit.entry.note,
                "voice": "attribution" if attributed else "reporter",
                "attribution": owner if attributed else None,
                "in_title": title is not None and title[0] <= start_char < title[1],
            }
        )
    reporter = sum(1 for item in items if item["voice"] == "reporter")
    return {
        "count": len(items),
        "reporter_voice": reporter,
        "attributed": len(items) - reporter,
        "lexicon": LEXICON_NOTE,
        "items": items,
    }


def repair_signals(repairs: Sequence[Repair], flags: Sequence[Flag]) -> dict[str, Any]:
    """Repairs, boilerplate removed and machine-translation flags (spans already in input)."""
    boilerplate = [r for r in repairs if r.kind in BOILERPLATE_REPAIRS]
    translation = [f for f in flags if f.kind.startswith(MACHINE_TRANSLATION_FLAG_PREFIX)]
    return {
        "repairs": {
            "count": len(repairs),
            "by_kind": dict(Counter(r.kind for r in repairs).most_common()),
            "items": [r.to_dict() for r in repairs],
        },
        "boilerplate": {
            "count": len(boilerplate),
            "items": [r.to_dict() for r in boilerplate],
        },
        "machine_translation": {
            "count": len(translation),
            "items": [f.to_dict() for f in translation],
        },
        "flags": {
            "count": len(flags),
            "by_kind": dict(Counter(f.kind for f in flags).most_common()),
        },
    }


def headline_signal(
    doc: Doc, table: TokenTable, title: Span | None, to_input: SpanMapper
) -> dict[str, Any]:
    title_tokens = table.token_range(title) if title is not None else None
    if title is None or title_tokens is None:
        return {"title": None, "phrases": [], "words_in_body": None}
    phrases = []
    for phrase in match_headline(doc, table, title):
        match = phrase.match
        phrases.append(
            {
                "text": phrase.text,
                "spans": _json_spans([to_input(phrase.span)]),
                "found": match is not None,
                "match": None
                if match is None
                else {
                    "text": match.text,
                    "spans": _json_spans([to_input(match.span)]),
                    "method": match.method,
                    "score": match.score,
                },
            }
        )
    found, missing = headline_words_in_body(doc, table, title)
    total = len(found) + len(missing)
    title_text = doc[title_tokens[0] : title_tokens[1]].text
    return {
        "title": {"text": title_text, "spans": _json_spans([to_input(title)])},
        "phrases": phrases,
        "words_in_body": {
            "share": round(len(found) / total, 3) if total else None,
            "missing": [
                {"text": t.text, "spans": _json_spans([to_input((t.idx, t.idx + len(t)))])}
                for t in missing
            ],
        },
    }


def merge_signals(parts: Sequence[tuple[dict[str, Any], int]]) -> dict[str, Any]:
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
    merged: dict[str, Any] = {key: first[key] for key in _ARTICLE_LEVEL_KEYS}
    sentences = sum(p["attributed_sentences"]["sentences"] for p, _ in parts)
    attributed = sum(p["attributed_sentences"]["attributed"] for p, _ in parts)
    merged["attributed_sentences"] = {
        "share": round(attributed / sentences, 3) if sentences else 0.0,
        "attributed": attributed,
        "sentences": sentences,
        "spans": [span for p, _ in parts for span in p["attributed_sentences"]["spans"]],
    }
    merged["sources"] = {
        "total": sum(p["sources"]["total"] for p, _ in parts),
        "by_type": _sum_counts([p["sources"]["by_type"] for p, _ in parts]),
        "items": _shifted_items(parts, "sources"),
    }
    merged["cue_stances"] = {
        "by_stance": _sum_counts([p["cue_stances"]["by_stance"] for p, _ in parts]),
        "items": _shifted_items(parts, "cue_stances"),
    }
    items = _shifted_items(parts, "evaluative_wording")
    reporter = sum(1 for item in items if item["voice"] == "reporter")
    merged["evaluative_wording"] = {
        "count": len(items),
        "reporter_voice": reporter,
        "attributed": len(items) - reporter,
        "lexicon": first["evaluative_wording"]["lexicon"],
        "items": items,
    }
    with_title = [p["headline"] for p, _ in parts if p["headline"]["title"] is not None]
    merged["headline"] = with_title[0] if with_title else first["headline"]
    return {key: merged[key] for key in first}  # the key order of a single chunk's signals


_ARTICLE_LEVEL_KEYS = ("repairs", "boilerplate", "machine_translation", "flags")


def _sum_counts(counts: Sequence[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for part in counts:
        total.update(part)
    order = list(dict.fromkeys(key for part in counts for key in part))
    return {key: total[key] for key in order}


def _shifted_items(parts: Sequence[tuple[dict[str, Any], int]], key: str) -> list[dict[str, Any]]:
    items = []
    for signals, offset in parts:
        for item in signals[key]["items"]:
            if item.get("attribution") is not None:
                item = item | {"attribution": item["attribution"] + offset}
            items.append(item)
    return items
