"""Frozen, typed records passed between the pipeline stages.

Every ``spans`` field is a tuple of ``(start, end)`` Python ``str`` offsets, end
exclusive. Records produced inside the pipeline may be in the coordinates of the
text they were computed on (a spaCy ``Doc``); :class:`Analysis` guarantees that
all of its spans point into the decoded INPUT text, before repair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

SCHEMA = "reportedly.analysis/1"

Span = tuple[int, int]
Spans = tuple[Span, ...]

AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal[
    "person", "organization", "official", "anonymous", "vague", "media", "document"
]
Stance = Literal["neutral", "assertive", "doubtful", "admission", "belief", "intention", "other"]


SpanMapper = Callable[[Span], Span]


def _spans_json(spans: Spans) -> list[list[int]]:
    return [[start, end] for start, end in spans]


def map_spans(spans: Spans, fn: SpanMapper) -> Spans:
    return tuple(fn(span) for span in spans)


def spans_from_json(spans: Any) -> Spans:
    """``[[start, end], ...]`` as read from JSON, as spans."""
    return tuple((int(start), int(end)) for start, end in spans)


@dataclass(frozen=True, slots=True)
class AttributionSpans:
    """The bare spans of one attribution: what gold annotations and models deal in.

    ``source`` is empty when there is no source ("It is said that ...").
    Content may be discontinuous (several fragments).
    """

    source: Spans
    cue: Spans
    content: Spans
    score: float = 1.0
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the repair stage made: ``before`` at ``spans`` became ``after``.

    ``kind`` is one of ``mojibake``, ``boilerplate`` (page furniture removed from
    analysis, ``after`` is empty), ``duplicate_headline`` (a repeated headline
    removed from analysis), ``control_characters`` or ``whitespace``.
    """

    kind: str
    spans: Spans
    before: str
    after: str
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "spans": _spans_json(self.spans),
            "before": self.before,
            "after": self.after,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Repair:
        return cls(
            data["kind"],
            spans_from_json(data["spans"]),
            data["before"],
            data["after"],
            data["explanation"],
        )


@dataclass(frozen=True, slots=True)
class Flag:
    """Something suspicious that was left as it is (e.g. a machine-translation break)."""

    kind: str
    spans: Spans
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "spans": _spans_json(self.spans), "note": self.note}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flag:
        return cls(data["kind"], spans_from_json(data["spans"]), data["note"])


@dataclass(frozen=True, slots=True)
class TextPart:
    """A span with the (repaired) text it holds."""

    spans: Spans
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"spans": _spans_json(self.spans), "text": self.text}


@dataclass(frozen=True, slots=True)
class Source:
    spans: Spans
    text: str
    name: str
    type: SourceType

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": _spans_json(self.spans),
            "text": self.text,
            "name": self.name,
            "type": self.type,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    spans: Spans
    text: str
    lemma: str
    stance: Stance

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": _spans_json(self.spans),
            "text": self.text,
            "lemma": self.lemma,
            "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: AttributionKind
    source: Source | None
    cue: Cue | None
    content: TextPart
    channel: TextPart | None = None
    # where the attribution came from: "quote-rule", "according-to-rule",
    # "parse-rule", "model"; useful for error analysis, not part of the contract
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "channel": self.channel.to_dict() if self.channel else None,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    spans: Spans
    text: str
    value: float | None  # the lower bound of a range
    unit: str | None  # the unit or counted noun ("reservists", "%", "USD")
    hedge: str | None  # "around", "more than", "between" ...
    high: float | None = None  # the upper bound of a range ("between 10 and 20": 20)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"spans": _spans_json(self.spans)}


@dataclass(frozen=True, slots=True)
class Claim:
    spans: Spans
    text: str
    kind: str
    quantities: tuple[Quantity, ...]
    attribution: int | None
    checkworthiness: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": _spans_json(self.spans),
            "text": self.text,
            "kind": self.kind,
            "quantities": [q.to_dict() for q in self.quantities],
            "attribution": self.attribution,
            "checkworthiness": self.checkworthiness,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analyzing one article; all spans index ``text`` (the input).

    ``signals`` is None only for an analysis built by hand without them."""

    text: str
    title: TextPart | None
    attributions: tuple[Attribution, ...]
    repairs: tuple[Repair, ...]
    flags: tuple[Flag, ...]
    warnings: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    signals: Signals | None = None
    version: str = ""

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "version": self.version,
            "length": len(self.text),
        }
        if include_text:
            data["text"] = self.text
        data |= {
            "title": self.title.to_dict() if self.title else None,
            "attributions": [a.to_dict() for a in self.attributions],
            "claims": [c.to_dict() for c in self.claims],
            "signals": self.signals.to_dict() if self.signals is not None else {},
            "repairs": [r.to_dict() for r in self.repairs],
            "flags": [f.to_dict() for f in self.flags],
            "warnings": list(self.warnings),
        }
        return data


# --------------------------------------------------------------------------- signals
# The credibility signals of one article (see reportedly.signals.compute), each with
# its evidence spans in INPUT coordinates. ``to_dict`` gives the JSON form of the
# analysis record, key for key; ``from_dict`` reads it back exactly.


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
            "spans": _spans_json(self.spans),
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
            return data | {"type": None, "spans": _spans_json(self.spans)}
        return data | {
            "type": self.type,
            "name": self.name,
            "text": self.text,
            "spans": _spans_json(self.spans),
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
            "spans": _spans_json(self.spans),
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
            "spans": _spans_json(self.spans),
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
            "spans": _spans_json(self.spans),
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
            "spans": _spans_json(self.spans),
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
            "title": {"text": self.title.text, "spans": _spans_json(self.title.spans)},
            "phrases": [phrase.to_dict() for phrase in self.phrases],
            "words_in_body": {
                "share": self.words_share,
                "missing": [
                    {"text": word.text, "spans": _spans_json(word.spans)} for word in self.missing
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
