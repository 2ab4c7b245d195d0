"""The credibility signals of one article, as frozen records (see
:mod:`reportedly.signals.compute`), each with its evidence spans in INPUT coordinates.

``to_dict`` gives the JSON form of the analysis record (its ``signals``), key for key;
``from_dict`` reads it back exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .records import (
    Flag,
    Repair,
    SourceType,
    Spans,
    Stance,
    TextPart,
    spans_from_json,
    spans_json,
)

# Source types of the attribution stage, grouped as the report shows them (here, not in
# signals.compute: the explorer reads them without loading spaCy).
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


def _counts(data: Mapping[str, Any]) -> dict[str, int]:
    return {str(key): int(value) for key, value in data.items()}


@dataclass(frozen=True, slots=True)
class AttributedSentences:
    """Share of sentence units (the title left out) holding any part of an attribution."""

    share: float
    attributed: int
    sentences: int
    spans: Spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "share": self.share,
            "attributed": self.attributed,
            "sentences": self.sentences,
            "spans": spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AttributedSentences:
        spans = spans_from_json(data["spans"])
        return cls(data["share"], data["attributed"], data["sentences"], spans)


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One attribution's source as the signals group it; with no source, the cue's spans
    (else the content's) are the evidence, and ``type``, ``name``, ``text`` are None."""

    attribution: int
    group: str
    type: SourceType | None
    name: str | None
    text: str | None
    spans: Spans

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"attribution": self.attribution, "group": self.group}
        if self.type is None:
            return data | {"type": None, "spans": spans_json(self.spans)}
        return data | {
            "type": self.type,
            "name": self.name,
            "text": self.text,
            "spans": spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceItem:
        return cls(
            data["attribution"],
            data["group"],
            data["type"],
            data.get("name"),
            data.get("text"),
            spans_from_json(data["spans"]),
        )


@dataclass(frozen=True, slots=True)
class SourceMix:
    total: int
    by_type: Mapping[str, int]  # every group, in the report's order
    items: tuple[SourceItem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_type": dict(self.by_type),
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceMix:
        items = tuple(SourceItem.from_dict(item) for item in data["items"])
        return cls(data["total"], _counts(data["by_type"]), items)


@dataclass(frozen=True, slots=True)
class CueItem:
    attribution: int
    stance: Stance
    lemma: str
    text: str
    spans: Spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribution": self.attribution,
            "stance": self.stance,
            "lemma": self.lemma,
            "text": self.text,
            "spans": spans_json(self.spans),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CueItem:
        spans = spans_from_json(data["spans"])
        return cls(data["attribution"], data["stance"], data["lemma"], data["text"], spans)


@dataclass(frozen=True, slots=True)
class CueStances:
    by_stance: Mapping[str, int]  # the most frequent first
    items: tuple[CueItem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_stance": dict(self.by_stance),
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CueStances:
        items = tuple(CueItem.from_dict(item) for item in data["items"])
        return cls(_counts(data["by_stance"]), items)


Voice = Literal["reporter", "attribution"]


@dataclass(frozen=True, slots=True)
class WordingItem:
    """One lexicon hit: in the reporter's voice, or in attribution ``attribution``'s."""

    text: str
    spans: Spans
    entry: str
    category: str
    note: str
    voice: Voice
    attribution: int | None
    in_title: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "spans": spans_json(self.spans),
            "entry": self.entry,
            "category": self.category,
            "note": self.note,
            "voice": self.voice,
            "attribution": self.attribution,
            "in_title": self.in_title,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WordingItem:
        return cls(
            data["text"],
            spans_from_json(data["spans"]),
            data["entry"],
            data["category"],
            data["note"],
            data["voice"],
            data["attribution"],
            data["in_title"],
        )


@dataclass(frozen=True, slots=True)
class EvaluativeWording:
    count: int
    reporter_voice: int
    attributed: int
    lexicon: str  # which lexicon, and its licence
    items: tuple[WordingItem, ...]

    @classmethod
    def of(cls, items: tuple[WordingItem, ...], lexicon: str) -> EvaluativeWording:
        reporter = sum(1 for item in items if item.voice == "reporter")
        return cls(len(items), reporter, len(items) - reporter, lexicon, items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "reporter_voice": self.reporter_voice,
            "attributed": self.attributed,
            "lexicon": self.lexicon,
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EvaluativeWording:
        items = tuple(WordingItem.from_dict(item) for item in data["items"])
        return cls(
            data["count"], data["reporter_voice"], data["attributed"], data["lexicon"], items
        )


@dataclass(frozen=True, slots=True)
class RepairSignals:
    """What the repair stage did and left: every repair, the boilerplate among them, the
    machine-translation flags and all flags by kind."""

    repairs: tuple[Repair, ...]
    boilerplate: tuple[Repair, ...]
    machine_translation: tuple[Flag, ...]
    flags_by_kind: Mapping[str, int]
    flags: int

    @property
    def by_kind(self) -> dict[str, int]:
        """Repairs by kind, the most frequent first."""
        return dict(Counter(r.kind for r in self.repairs).most_common())

    def to_dict(self) -> dict[str, Any]:
        return {
            "repairs": {
                "count": len(self.repairs),
                "by_kind": self.by_kind,
                "items": [r.to_dict() for r in self.repairs],
            },
            "boilerplate": {
                "count": len(self.boilerplate),
                "items": [r.to_dict() for r in self.boilerplate],
            },
            "machine_translation": {
                "count": len(self.machine_translation),
                "items": [f.to_dict() for f in self.machine_translation],
            },
            "flags": {"count": self.flags, "by_kind": dict(self.flags_by_kind)},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RepairSignals:
        return cls(
            tuple(Repair.from_dict(r) for r in data["repairs"]["items"]),
            tuple(Repair.from_dict(r) for r in data["boilerplate"]["items"]),
            tuple(Flag.from_dict(f) for f in data["machine_translation"]["items"]),
            _counts(data["flags"]["by_kind"]),
            data["flags"]["count"],
        )


@dataclass(frozen=True, slots=True)
class HeadlineMatch:
    """Where the body says a quoted headline phrase, and how it was matched."""

    text: str
    spans: Spans
    method: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "spans": spans_json(self.spans),
            "method": self.method,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HeadlineMatch:
        return cls(data["text"], spans_from_json(data["spans"]), data["method"], data["score"])


@dataclass(frozen=True, slots=True)
class HeadlinePhrase:
    text: str
    spans: Spans
    match: HeadlineMatch | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "spans": spans_json(self.spans),
            "found": self.match is not None,
            "match": None if self.match is None else self.match.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HeadlinePhrase:
        match = None if data["match"] is None else HeadlineMatch.from_dict(data["match"])
        return cls(data["text"], spans_from_json(data["spans"]), match)


@dataclass(frozen=True, slots=True)
class Headline:
    """The headline's quoted phrases and its words the body does not say (no title: None)."""

    title: TextPart | None
    phrases: tuple[HeadlinePhrase, ...] = ()
    words_share: float | None = None  # of the headline's words found in the body
    missing: tuple[TextPart, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        if self.title is None:
            return {"title": None, "phrases": [], "words_in_body": None}
        return {
            "title": {"text": self.title.text, "spans": spans_json(self.title.spans)},
            "phrases": [phrase.to_dict() for phrase in self.phrases],
            "words_in_body": {
                "share": self.words_share,
                "missing": [
                    {"text": word.text, "spans": spans_json(word.spans)} for word in self.missing
                ],
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Headline:
        if data["title"] is None:
            return cls(None)
        title = TextPart(spans_from_json(data["title"]["spans"]), data["title"]["text"])
        body = data["words_in_body"]
        return cls(
            title,
            tuple(HeadlinePhrase.from_dict(phrase) for phrase in data["phrases"]),
            body["share"],
            tuple(TextPart(spans_from_json(w["spans"]), w["text"]) for w in body["missing"]),
        )


@dataclass(frozen=True, slots=True)
class Signals:
    """How an article knows what it says; none of it is a verdict."""

    attributed_sentences: AttributedSentences
    sources: SourceMix
    cue_stances: CueStances
    evaluative_wording: EvaluativeWording
    repairs: RepairSignals
    headline: Headline

    def to_dict(self) -> dict[str, Any]:
        return {
            "attributed_sentences": self.attributed_sentences.to_dict(),
            "sources": self.sources.to_dict(),
            "cue_stances": self.cue_stances.to_dict(),
            "evaluative_wording": self.evaluative_wording.to_dict(),
            **self.repairs.to_dict(),
            "headline": self.headline.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signals:
        return cls(
            AttributedSentences.from_dict(data["attributed_sentences"]),
            SourceMix.from_dict(data["sources"]),
            CueStances.from_dict(data["cue_stances"]),
            EvaluativeWording.from_dict(data["evaluative_wording"]),
            RepairSignals.from_dict(data),
            Headline.from_dict(data["headline"]),
        )
