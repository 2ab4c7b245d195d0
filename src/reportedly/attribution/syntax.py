"""Small helpers over a parsed Doc that the rules, the menders and the records share.

Every span is a ``(start, end)`` pair of character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..marks import DOUBLE_MARKS, SINGLE_MARKS
from ..records import AttributionSpans, Spans
from ..records import Span as CharSpan
from .cues import REPORTING_LEMMAS, stance_of
from .quotes import QuoteSpan

# Characters trimmed from the edges of a content span (the scorer trims them too).
EDGE_CHARS = " \t\n,;:" + DOUBLE_MARKS + SINGLE_MARKS
QUOTE_CHARS = DOUBLE_MARKS

_TEXT_KEY = "reportedly.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def remember_text(doc: Doc, text: str) -> None:
    """Cache ``text`` as ``doc``'s text: the caller made ``doc`` from it (``nlp.make_doc``
    keeps every character, so it is ``doc.text``) and spares spaCy rebuilding it."""
    doc.user_data[_TEXT_KEY] = text


def forget_text(doc: Doc) -> None:
    """Drop the cached text (the Doc may be serialised or changed later)."""
    doc.user_data.pop(_TEXT_KEY, None)


@dataclass
class Coverage:
    """The character ranges taken so far, for fast "does this overlap?" questions.

    Kept sorted by start; a query looks only at ranges that start within the
    longest range's length before it, so checks stay near-linear on long texts.
    """

    starts: list[int] = field(default_factory=list)
    ranges: list[CharSpan] = field(default_factory=list)
    longest: int = 0

    def add(self, spans: Spans) -> None:
        for start, end in spans:
            at = bisect_left(self.starts, start)
            self.starts.insert(at, start)
            self.ranges.insert(at, (start, end))
            self.longest = max(self.longest, end - start)

    def overlaps(self, spans: Spans) -> bool:
        for start, end in spans:
            first = bisect_left(self.starts, start - self.longest)
            last = bisect_left(self.starts, end)
            if any(s < end and start < e for s, e in self.ranges[first:last]):
                return True
        return False


def parts(triple: AttributionSpans) -> Spans:
    """What two attributions may not share: cue and content."""
    return triple.cue + triple.content


def starts_at(triple: AttributionSpans) -> int:
    return min(start for start, _ in (*triple.cue, *triple.content, *triple.source))


def trim_span(text: str, start: int, end: int, chars: str = EDGE_CHARS) -> CharSpan:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def token_span(tokens: Sequence[Token]) -> CharSpan:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_span(token: Token) -> CharSpan:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def char_span(doc: Doc, span: CharSpan) -> Span | None:
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def subject_of(verb: Token) -> Token | None:
    """The speaker of a reporting verb, following "X said, adding that ..." to X."""
    for _ in range(3):
        for child in verb.children:
            if (
                child.dep_ in {"nsubj", "nsubjpass"}
                and not child.is_punct
                and not (child.dep_ == "nsubjpass" and child.lower_ == "it")
            ):
                return child
        if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def source_spans(subject: Token | None) -> Spans:
    """The mention of a subject, without a relative clause or appositive tail."""
    if subject is None:
        return ()
    end_token = subject.right_edge
    for child in subject.rights:
        if child.dep_ in {"relcl", "acl", "punct"} or (
            child.dep_ == "appos" and child.i > subject.i + 1
        ):
            end_token = subject.doc[child.left_edge.i - 1]
            break
    tokens = [t for t in subject.subtree if t.i <= end_token.i]
    start, end = trim_span(doc_text(subject.doc), *token_span(tokens))
    return ((start, end),) if end > start else ()


def cue_spans(verb: Token) -> Spans:
    """A verb with its auxiliaries, negation and particle ("has learned", "did not say")."""
    before = [c for c in verb.lefts if c.dep_ in {"aux", "neg", "auxpass"} and c.i >= verb.i - 3]
    tokens = [*before, verb]
    tokens.extend(c for c in verb.rights if c.dep_ == "prt" and c.i == verb.i + 1)
    return (token_span(sorted(tokens, key=lambda t: t.i)),)


def quote_fragments(text: str, quote: QuoteSpan) -> Spans:
    """The quote's content fragments with their quote marks, as PolNeAR marks content."""
    fragments = []
    last = len(quote.content) - 1
    for i, (start, end) in enumerate(quote.content):
        if i == 0:
            start = quote.start
        elif start > 0 and text[start - 1] in QUOTE_CHARS:
            start -= 1
        if i == last and quote.close_mark is not None:
            end = quote.end
        fragments.append((start, end))
    return tuple(fragments)


def is_heading_quote(text: str, quote: QuoteSpan) -> bool:
    """A quoted line standing alone as a subheading: “Fake News, Deception and Lies”."""
    line_start = text.rfind("\n", 0, quote.start) + 1
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start : quote.start].strip() or text[quote.end : line_end].strip(" .\t"):
        return False
    inner = text[quote.content[0][0] : quote.content[-1][1]].strip()
    if len(inner.split()) > 12:
        return False
    # a title keeps its full stop inside the marks: "'Legend in the Coal Fields.'"
    return not inner.endswith((".", "?", "!", ",")) or _is_title_case(inner)


# words a title leaves in lower case ("Legend in the Coal Fields")
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by"}
    | {"from", "with", "as", "vs", "via"}
)


def _is_title_case(words: str) -> bool:
    """Two words or more, every one capitalised but the small ones."""
    found = [
        w for w in re.findall(r"[^\W\d_][\w'’-]*", words) if w.lower() not in _TITLE_SMALL_WORDS
    ]
    return len(found) >= 2 and all(w[0].isupper() for w in found)


def is_channel_of_speech(head: Token) -> bool:
    """ "X said ..., according to Y": Y relays X's words. Not so for a belief or an
    intention ("X plans to ..., according to Y"): there Y is the source."""
    return (
        head.lemma_ in REPORTING_LEMMAS
        and stance_of(head.lemma_) not in {"belief", "intention"}
        and subject_of(head) is not None
    )


def clause_before_subject(
    doc: Doc, verb: Token, subject: Token, origin: str
) -> AttributionSpans | None:
    """The triple whose content is the sentence up to the verb's subject, if long enough."""
    end = subject.left_edge.idx
    # "..., as the spokesman explained", "..., but they noted": the content stops before
    # "as" and "but"
    marks = [c for c in verb.children if c.dep_ in {"mark", "cc"} and c.i < subject.left_edge.i]
    if marks:
        end = min(end, marks[0].idx)
    start, end = trim_span(doc_text(doc), verb.sent.start_char, end, EDGE_CHARS + ".")
    if end - start < 10:
        return None
    return AttributionSpans(
        source=source_spans(subject),
        cue=cue_spans(verb),
        content=((start, end),),
        origin=origin,
    )
