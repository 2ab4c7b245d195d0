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

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from .serialise import Computed, Record, json_field
from .serialise import spans_from_json as spans_from_json
from .serialise import spans_json as spans_json

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
RepairKind = Literal[
    "mojibake",
    "boilerplate",
    "duplicate_headline",
    "control_characters",
    "newlines",
    "whitespace",
    "surrogates",
    "reflow",
]
FlagKind = Literal["mt_dangling_auxiliary", "mt_lowercase_start", "dateline", "teaser"]
ClaimKind = Literal["quantity", "comparison", "causal", "date_time", "event", "other"]
# An attribution's ``origin`` is the part that found it, then each mender that changed
# it, joined by "+" ("model+filled-content"): FoundBy ("+" MenderName)*.
FoundBy = Literal[
    "model",
    "headline-rule",
    "transcript-rule",
    "dash-rule",
    "inverted-rule",
    "quote-rule",
    "according-to-rule",
    "per-rule",
    "parse-rule",
    "intention-rule",
    "passive-agent-rule",
    "report-noun-rule",
    "de-model",
    "de-rules",
]
MenderName = Literal[
    "first-pass",
    "whole-headline",
    "not-a-cue",
    "no-comment",
    "cue-adverbs",
    "quote-to-cue",
    "filled-content",
    "usable",
    "inherited-source",
    "subject-source",
    "quote-only",
    "cue-adjunct",
    "passive-agent",
    "noun-cue-content",
    "dateline",
    "quotes-stay",
    "split-quote",
    "continued-quotes",
    "interrupted",
]


SpanMapper = Callable[[Span], Span]


def map_spans(spans: Spans, fn: SpanMapper) -> Spans:
    return tuple(fn(span) for span in spans)


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
class Repair(Record):
    """One change the repair stage made: ``before`` at ``spans`` became ``after``.

    ``kind`` is one of ``mojibake``, ``boilerplate`` (page furniture removed from
    analysis, ``after`` is empty), ``duplicate_headline`` (a repeated headline
    removed from analysis), ``newlines``, ``whitespace`` ... (:data:`RepairKind`).
    """

    kind: str = field(metadata=json_field(one_of=RepairKind))
    spans: Spans
    before: str
    after: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Flag(Record):
    """Something suspicious that was left as it is (e.g. a machine-translation break)."""

    kind: str = field(metadata=json_field(one_of=FlagKind))
    spans: Spans
    note: str = ""


@dataclass(frozen=True, slots=True)
class TextPart(Record):
    """A span with the (repaired) text it holds."""

    spans: Spans
    text: str


@dataclass(frozen=True, slots=True)
class Source(Record):
    spans: Spans
    text: str
    name: str
    type: SourceType


@dataclass(frozen=True, slots=True)
class Cue(Record):
    spans: Spans
    text: str
    lemma: str
    stance: Stance


PartT = TypeVar("PartT", TextPart, Source, Cue)


@dataclass(frozen=True, slots=True)
class AttributionParts(Record):
    """Who (``source``) said what (``content``) with which verb (``cue``), through which
    ``channel``: the fields of :class:`Attribution` and :class:`DocAttribution`, which
    differ only in the text their spans index. Use one of those, never this one."""

    kind: AttributionKind
    source: Source | None
    cue: Cue | None
    content: TextPart
    channel: TextPart | None = None
    # where the attribution came from, FoundBy ("+" MenderName)*: "quote-rule",
    # "model+filled-content"; useful for error analysis, not part of the contract
    origin: str = ""


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
class Quantity(Record):
    spans: Spans
    text: str
    value: float | None  # the lower bound of a range
    unit: str | None  # the unit or counted noun ("reservists", "%", "USD")
    hedge: str | None  # "around", "more than", "between" ...
    high: float | None = None  # the upper bound of a range ("between 10 and 20": 20)


@dataclass(frozen=True, slots=True)
class Claim(Record):
    spans: Spans
    text: str
    kind: str = field(metadata=json_field(one_of=ClaimKind))
    quantities: tuple[Quantity, ...]
    attribution: int | None
    checkworthiness: float


@dataclass(frozen=True, slots=True)
class Analysis(Record):
    """The result of analyzing one article; all spans index ``text`` (the input).

    ``signals`` is None only for an analysis built by hand without them (JSON ``{}``).
    The JSON form starts with the schema, the version and the text's length."""

    JSON_LAYOUT: ClassVar[tuple[str | Computed, ...]] = (
        Computed("schema", lambda _: SCHEMA),
        "version",
        Computed("length", lambda analysis: len(analysis.text)),
        "text",
        "title",
        "attributions",
        "claims",
        "signals",
        "repairs",
        "flags",
        "warnings",
    )

    text: str
    title: TextPart | None
    attributions: tuple[Attribution, ...]
    repairs: tuple[Repair, ...]
    flags: tuple[Flag, ...]
    warnings: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    signals: Signals | None = field(default=None, metadata=json_field(none_json={}))
    version: str = ""

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """The analysis record; without ``text`` as the corpus stores it."""
        data = Record.to_dict(self)  # (no zero-argument super() in a slots dataclass)
        if not include_text:
            del data["text"]
        return data
