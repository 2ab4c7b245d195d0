"""Frozen, typed records passed between the pipeline stages.

Every ``spans`` field is a tuple of :data:`Span`, ``(start, end)`` Python ``str``
offsets, end exclusive. Records produced inside the pipeline may be in the coordinates
of the text they were computed on (a spaCy ``Doc``); :class:`Analysis` guarantees that
all of its spans point into the decoded INPUT text, before repair. Attributions carry
their coordinate system in their type: the attribution stage makes
:class:`DocAttribution` records (Doc offsets), the pipeline maps them to
:class:`Attribution` records (input offsets) with :meth:`DocAttribution.to_input`, and
the type checker refuses one where the other is expected. So with bare span triples:
:class:`AttributionSpans` in Doc offsets inside the attribution stage, :class:`EvalSpans`
in input offsets for the evaluation's gold and predictions. The records of
the credibility signals are in :mod:`.signal_records`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

if TYPE_CHECKING:
    from .signal_records import Signals

SCHEMA = "reportedly.analysis/1"

Span = tuple[int, int]
Spans = tuple[Span, ...]

AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal[
    "person", "organization", "official", "anonymous", "vague", "media", "document"
]
Stance = Literal["neutral", "assertive", "doubtful", "admission", "belief", "intention", "other"]


SpanMapper = Callable[[Span], Span]


def spans_json(spans: Spans) -> list[list[int]]:
    """Spans in their JSON form, ``[[start, end], ...]``."""
    return [[start, end] for start, end in spans]


def map_spans(spans: Spans, fn: SpanMapper) -> Spans:
    return tuple(fn(span) for span in spans)


def spans_from_json(spans: Any) -> Spans:
    """``[[start, end], ...]`` as read from JSON, as spans."""
    return tuple((int(start), int(end)) for start, end in spans)


@dataclass(frozen=True, slots=True)
class AttributionSpans:
    """The bare spans of one attribution in Doc offsets: what the attribution stage's
    rules, model, menders and merge deal in before records are built from them.

    ``source`` is empty when there is no source ("It is said that ...").
    Content may be discontinuous (several fragments).
    """

    source: Spans
    cue: Spans
    content: Spans
    score: float = 1.0
    origin: str = ""

    def to_input(self, to_input: SpanMapper) -> EvalSpans:
        """The spans in input offsets, for the evaluation (the score is left behind)."""
        return EvalSpans(
            map_spans(self.source, to_input),
            map_spans(self.cue, to_input),
            map_spans(self.content, to_input),
            origin=self.origin,
        )


@dataclass(frozen=True, slots=True)
class EvalSpans:
    """The bare spans of one attribution as the evaluation reads and compares them, gold
    or predicted: offsets into the article's text as given (input offsets).

    The gold readers (brat, JSONL) make them, and so does the runner from an
    :class:`Analysis`'s attributions; ``origin`` is the prediction's (empty for gold).
    The attribution stage's :class:`AttributionSpans` are in Doc offsets: the type
    checker refuses one where the other is expected.
    """

    source: Spans
    cue: Spans
    content: Spans
    origin: str = ""

    def to_doc(self, to_doc: SpanMapper) -> AttributionSpans:
        """The spans in a Doc's offsets (training labels the Docs it parses with the gold)."""
        return AttributionSpans(
            map_spans(self.source, to_doc),
            map_spans(self.cue, to_doc),
            map_spans(self.content, to_doc),
            origin=self.origin,
        )


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
            "spans": spans_json(self.spans),
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
        return {"kind": self.kind, "spans": spans_json(self.spans), "note": self.note}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flag:
        return cls(data["kind"], spans_from_json(data["spans"]), data["note"])


@dataclass(frozen=True, slots=True)
class TextPart:
    """A span with the (repaired) text it holds."""

    spans: Spans
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"spans": spans_json(self.spans), "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextPart:
        return cls(spans_from_json(data["spans"]), data["text"])


@dataclass(frozen=True, slots=True)
class Source:
    spans: Spans
    text: str
    name: str
    type: SourceType

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": spans_json(self.spans),
            "text": self.text,
            "name": self.name,
            "type": self.type,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(spans_from_json(data["spans"]), data["text"], data["name"], data["type"])


@dataclass(frozen=True, slots=True)
class Cue:
    spans: Spans
    text: str
    lemma: str
    stance: Stance

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": spans_json(self.spans),
            "text": self.text,
            "lemma": self.lemma,
            "stance": self.stance,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cue:
        return cls(spans_from_json(data["spans"]), data["text"], data["lemma"], data["stance"])


PartT = TypeVar("PartT", TextPart, Source, Cue)


@dataclass(frozen=True, slots=True)
class AttributionParts:
    """Who (``source``) said what (``content``) with which verb (``cue``), through which
    ``channel``: the fields of :class:`Attribution` and :class:`DocAttribution`, which
    differ only in the text their spans index. Use one of those, never this one."""

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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The inverse of :meth:`to_dict` (a record without ``origin`` gets "")."""
        source, cue, channel = data.get("source"), data.get("cue"), data.get("channel")
        return cls(
            kind=data["kind"],
            source=None if source is None else Source.from_dict(source),
            cue=None if cue is None else Cue.from_dict(cue),
            content=TextPart.from_dict(data["content"]),
            channel=None if channel is None else TextPart.from_dict(channel),
            origin=data.get("origin", ""),
        )


@dataclass(frozen=True, slots=True)
class Attribution(AttributionParts):
    """An attribution of an :class:`Analysis`: every span indexes the INPUT text."""


@dataclass(frozen=True, slots=True)
class DocAttribution(AttributionParts):
    """An attribution as the attribution stage finds it: every span indexes the text of
    the spaCy ``Doc`` it was found in (``doc._.attributions``; in the pipeline, a chunk
    of the repaired text). Not an :class:`Attribution`: :meth:`to_input` makes one."""

    def to_input(self, to_input: SpanMapper) -> Attribution:
        """The same attribution with every span mapped by ``to_input`` (texts are kept)."""

        def mapped(part: PartT) -> PartT:
            return replace(part, spans=map_spans(part.spans, to_input))

        return Attribution(
            self.kind,
            None if self.source is None else mapped(self.source),
            None if self.cue is None else mapped(self.cue),
            mapped(self.content),
            None if self.channel is None else mapped(self.channel),
            self.origin,
        )


@dataclass(frozen=True, slots=True)
class Quantity:
    spans: Spans
    text: str
    value: float | None  # the lower bound of a range
    unit: str | None  # the unit or counted noun ("reservists", "%", "USD")
    hedge: str | None  # "around", "more than", "between" ...
    high: float | None = None  # the upper bound of a range ("between 10 and 20": 20)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"spans": spans_json(self.spans)}


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
            "spans": spans_json(self.spans),
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
