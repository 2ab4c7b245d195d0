"""Frozen, typed records passed between the pipeline stages.

Every ``spans`` field is a tuple of ``(start, end)`` Python ``str`` offsets, end
exclusive. Records produced inside the pipeline may be in the coordinates of the
text they were computed on (a spaCy ``Doc``); :class:`Analysis` guarantees that
all of its spans point into the decoded INPUT text, before repair. The records of
the credibility signals are in :mod:`.signal_records`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

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
