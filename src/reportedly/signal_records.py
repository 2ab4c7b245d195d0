"""The credibility signals of one article, as frozen records (see
:mod:`reportedly.signals.compute`), each with its evidence spans in INPUT coordinates.

``to_dict`` gives the JSON form of the analysis record (its ``signals``), key for key;
``from_dict`` reads it back exactly (both generated from the fields, :mod:`.serialise`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from .records import Flag, Repair, SourceType, Spans, Stance, TextPart
from .serialise import Computed, Record, json_field

# how the signals group sources: person and organization are "named", no source "none"
SourceGroup = Literal["named", "official", "anonymous", "vague", "media", "document", "none"]
Voice = Literal["reporter", "attribution"]
MatchMethod = Literal["verbatim", "lemma", "fuzzy"]

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


@dataclass(frozen=True, slots=True)
class AttributedSentences(Record):
    """Share of sentence units (the title left out) holding any part of an attribution."""

    share: float
    attributed: int
    sentences: int
    spans: Spans


@dataclass(frozen=True, slots=True)
class SourceItem(Record):
    """One attribution's source as the signals group it; with no source, the cue's spans
    (else the content's) are the evidence, and ``type``, ``name``, ``text`` are None."""

    attribution: int
    group: str = field(metadata=json_field(one_of=SourceGroup))
    type: SourceType | None
    # no source: no keys "name" and "text" in the JSON form
    name: str | None = field(metadata=json_field(omit_none=True))
    text: str | None = field(metadata=json_field(omit_none=True))
    spans: Spans


@dataclass(frozen=True, slots=True)
class SourceMix(Record):
    total: int
    by_type: Mapping[str, int]  # every group, in the report's order
    items: tuple[SourceItem, ...]


@dataclass(frozen=True, slots=True)
class CueItem(Record):
    attribution: int
    stance: Stance
    lemma: str
    text: str
    spans: Spans


@dataclass(frozen=True, slots=True)
class CueStances(Record):
    by_stance: Mapping[str, int]  # the most frequent first
    items: tuple[CueItem, ...]


@dataclass(frozen=True, slots=True)
class WordingItem(Record):
    """One lexicon hit: in the reporter's voice, or in attribution ``attribution``'s."""

    text: str
    spans: Spans
    entry: str
    category: str
    note: str
    voice: Voice
    attribution: int | None
    in_title: bool


@dataclass(frozen=True, slots=True)
class EvaluativeWording(Record):
    count: int
    reporter_voice: int
    attributed: int
    lexicon: str  # which lexicon, and its licence
    items: tuple[WordingItem, ...]

    @classmethod
    def of(cls, items: tuple[WordingItem, ...], lexicon: str) -> EvaluativeWording:
        reporter = sum(1 for item in items if item.voice == "reporter")
        return cls(len(items), reporter, len(items) - reporter, lexicon, items)


@dataclass(frozen=True, slots=True)
class RepairSignals(Record):
    """What the repair stage did and left: every repair, the boilerplate among them, the
    machine-translation flags and all flags by kind. In the JSON form (spliced into the
    signals') each is an object with its count."""

    JSON_LAYOUT: ClassVar[tuple[str | Computed, ...]] = (
        Computed("repairs.count", lambda signals: len(signals.repairs)),
        Computed("repairs.by_kind", lambda signals: signals.by_kind),
        "repairs.items",
        Computed("boilerplate.count", lambda signals: len(signals.boilerplate)),
        "boilerplate.items",
        Computed("machine_translation.count", lambda signals: len(signals.machine_translation)),
        "machine_translation.items",
        "flags.count",
        "flags.by_kind",
    )

    repairs: tuple[Repair, ...] = field(metadata=json_field(key="repairs.items"))
    boilerplate: tuple[Repair, ...] = field(metadata=json_field(key="boilerplate.items"))
    machine_translation: tuple[Flag, ...] = field(
        metadata=json_field(key="machine_translation.items")
    )
    flags_by_kind: Mapping[str, int] = field(metadata=json_field(key="flags.by_kind"))
    flags: int = field(metadata=json_field(key="flags.count"))

    @property
    def by_kind(self) -> dict[str, int]:
        """Repairs by kind, the most frequent first."""
        return dict(Counter(r.kind for r in self.repairs).most_common())


@dataclass(frozen=True, slots=True)
class HeadlineMatch(Record):
    """Where the body says a quoted headline phrase, and how it was matched."""

    text: str
    spans: Spans
    method: MatchMethod
    score: float


@dataclass(frozen=True, slots=True)
class HeadlinePhrase(Record):
    JSON_LAYOUT: ClassVar[tuple[str | Computed, ...]] = (
        "text",
        "spans",
        Computed("found", lambda phrase: phrase.match is not None),
        "match",
    )

    text: str
    spans: Spans
    match: HeadlineMatch | None


@dataclass(frozen=True, slots=True)
class Headline(Record):
    """The headline's quoted phrases and its words the body does not say (no title: None).

    In the JSON form the texts come before their spans, and ``words_in_body`` (the share
    and the missing words) is null when there is no title."""

    title: TextPart | None = field(metadata=json_field(keys=("text", "spans")))
    phrases: tuple[HeadlinePhrase, ...] = ()
    # of the headline's words found in the body
    words_share: float | None = field(
        default=None, metadata=json_field(key="words_in_body.share", only_with="title")
    )
    missing: tuple[TextPart, ...] = field(
        default=(),
        metadata=json_field(key="words_in_body.missing", keys=("text", "spans"), only_with="title"),
    )


@dataclass(frozen=True, slots=True)
class Signals(Record):
    """How an article knows what it says; none of it is a verdict."""

    attributed_sentences: AttributedSentences
    sources: SourceMix
    cue_stances: CueStances
    evaluative_wording: EvaluativeWording
    repairs: RepairSignals = field(metadata=json_field(flatten=True))
    headline: Headline
