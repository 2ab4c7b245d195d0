"""From span triples to :class:`~reportedly.records.DocAttribution` records: kind,
resolved speaker and source type, cue lemma and stance, channel."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .. import marks
from ..records import AttributionKind, AttributionSpans, Cue, DocAttribution, Source, TextPart
from ..records import Span as CharSpan
from .cues import stance_of
from .names import MEDIA_HEADS, MEDIA_NAMES
from .quotes import QuoteSpan
from .speakers import SpeakerResolver
from .syntax import EDGE_CHARS, char_span, doc_text, subtree_span, trim_span

# Words after which a noun phrase is the medium a statement came through.
CHANNEL_PREPS = frozenset({"in", "on", "to", "during", "at"})
CHANNEL_NOUNS = frozenset(
    {"statement", "interview", "tweet", "post", "release", "letter", "email", "op-ed"}
    | {"twitter", "facebook", "instagram", "television", "radio", "broadcast", "podcast"}
    | {"conference", "briefing", "speech", "video", "blog", "memo", "column", "show"}
)
OPENING_MARKS = (
    marks.LEFT_DOUBLE + marks.LEFT_GUILLEMET + marks.LOW_DOUBLE + marks.STRAIGHT_DOUBLE
) + marks.LEFT_SINGLE
CLOSING_MARKS = '”»“"’'


def build_attribution(
    doc: Doc, triple: AttributionSpans, resolver: SpeakerResolver, quotes: Sequence[QuoteSpan]
) -> DocAttribution:
    """Turn a span triple into a full :class:`DocAttribution` record."""
    text = doc_text(doc)
    cue_span = char_span(doc, triple.cue[0]) if triple.cue else None
    if cue_span is not None and len(cue_span) == 0:
        cue_span = None
    cue: Cue | None = None
    if cue_span is not None:
        lemma = _cue_lemma(cue_span)
        cue = Cue(
            spans=triple.cue,
            text=" ".join(text[s:e] for s, e in triple.cue),
            lemma=lemma,
            stance=stance_of(lemma),
        )
    source: Source | None = None
    source_span = char_span(doc, triple.source[0]) if triple.source else None
    if source_span is not None and len(source_span) > 0:
        name, source_type = resolver.resolve(source_span)
        source = Source(
            spans=triple.source,
            text=" ".join(text[s:e] for s, e in triple.source),
            name=name,
            type=source_type,
        )
    spans = tuple(with_quote_marks(text, s, e) for s, e in triple.content)
    content = TextPart(spans, " ".join(text[s:e] for s, e in spans))
    kind = attribution_kind(text, triple, cue, quotes)
    channel = find_channel(doc, cue_span, source_span) if cue_span is not None else None
    return DocAttribution(kind, source, cue, content, channel, triple.origin)


def with_quote_marks(text: str, start: int, end: int) -> CharSpan:
    """A quoted content fragment with the marks around it: “We will win,” not We will win.

    Direct quotes are shown and stored with their marks, whichever part found them.
    """
    if start > 0 and text[start - 1] in OPENING_MARKS:
        if end < len(text) and text[end] in CLOSING_MARKS:
            return start - 1, end + 1
        if end + 1 < len(text) and text[end] in ",.;:?!" and text[end + 1] in CLOSING_MARKS:
            return start - 1, end + 2
    return start, end


def _cue_lemma(cue: Span) -> str:
    lowered = cue.text.lower()
    if lowered.startswith("according to"):
        return "according to"
    verbs = [t for t in cue if t.pos_ in {"VERB"}] or [cue.root]
    return verbs[-1].lemma_.lower()


def attribution_kind(
    text: str, triple: AttributionSpans, cue: Cue | None, quotes: Sequence[QuoteSpan]
) -> AttributionKind:
    if cue is not None and cue.lemma == "according to":
        return "according_to"
    quoted = 0
    total = 0
    for s, e in triple.content:
        total += e - s
        # quotes are sorted and do not overlap: start at the first that ends after s
        for q in quotes[bisect_right(quotes, s, key=lambda q: q.end) :]:
            if q.start >= e:
                break
            for qs, qe in q.content:
                quoted += max(0, min(e, qe) - max(s, qs))
    if total and quoted >= 0.9 * total:
        return "direct"
    if quoted:
        return "mixed"
    return "indirect"


def find_channel(doc: Doc, cue: Span, source: Span | None) -> TextPart | None:
    """The intermediary a statement reached the reporter through, or None.

    "..., Putin said, according to the Interfax news agency", "told CNN",
    "said in a statement". None for "according to X": X is the source itself.
    """
    verb = cue.root
    if verb.lower_ == "according":
        return None
    for child in verb.children:
        if child.lower_ == "according":
            for to in (c for c in child.children if c.lower_ == "to"):
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        return _text_part(doc, pobj)
        if child.dep_ in {"dative", "dobj"} and verb.lemma_ == "tell" and _is_media(child):
            return _text_part(doc, child)
        if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (
                    pobj.lemma_.lower() in CHANNEL_NOUNS or _is_media(pobj)
                ):
                    return _text_part(doc, pobj)
    return None


def _is_media(token: Token) -> bool:
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1].text.lower()
    return (
        phrase in MEDIA_NAMES
        or token.lower_ in MEDIA_NAMES
        or (token.lemma_.lower() in MEDIA_HEADS and token.ent_type_ in {"ORG", ""})
    )


def _text_part(doc: Doc, token: Token) -> TextPart:
    start, end = trim_span(doc_text(doc), *subtree_span(token), EDGE_CHARS + ".")
    return TextPart(((start, end),), doc_text(doc)[start:end])
