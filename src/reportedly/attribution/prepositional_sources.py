"""Sources a preposition names: "according to X" and ", per X" anywhere in a sentence
make the rest of the sentence X's. Rules of :data:`.rules.RULES`; ``according-to-rule``'s
triple is also how the ``filled-content`` mender reads the model's "according to" cues."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..records import AttributionSpans
from ..records import Span as CharSpan
from .context import CascadeContext
from .cues import REPORTING_LEMMAS
from .syntax import (
    EDGE_CHARS,
    QUOTE_CHARS,
    doc_text,
    is_channel_of_speech,
    source_spans,
    subject_of,
    subtree_span,
    trim_span,
)


def according_to(ctx: CascadeContext) -> Iterator[AttributionSpans]:
    """ "according to X" anywhere in a sentence: the rest of the sentence is X's."""
    doc = ctx.doc
    for token in ctx.body:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            triple = according_to_triple(doc, token.sent, token)
            if triple is not None:
                yield triple


# "per" of rates and units, not of sources: "$5 per gallon", "per capita"
_PER_UNITS = frozenset(
    {"cent", "capita", "person", "head", "hour", "day", "week", "month", "year", "share"}
    | {"gallon", "barrel", "pound", "mile", "game", "minute", "second", "household", "unit"}
    # "per the plan", "per the rules": following, not quoting
    | {"plan", "rule", "policy", "agreement", "contract", "law", "term", "instruction"}
    | {"request", "custom", "tradition", "guideline", "usual", "protocol", "deal"}
)


def per_sources(ctx: CascadeContext) -> Iterator[AttributionSpans]:
    """ ", per the Labor Department": a source after a comma or opening the
    sentence; the rest of the sentence is its content."""
    doc, text = ctx.doc, ctx.text
    for per in ctx.body:
        if per.lower_ != "per" or ctx.is_quoted(per):
            continue
        if per.i > per.sent.start and doc[per.i - 1].text not in {",", "—", "–", "("}:
            continue
        pobjs = [c for c in per.children if c.dep_ == "pobj"]
        if not pobjs or pobjs[0].lemma_.lower() in _PER_UNITS or pobjs[0].like_num:
            continue
        source = source_spans(pobjs[0])
        if not source:
            continue
        content: list[CharSpan] = []
        for s, e in ((per.sent.start_char, per.idx), (source[-1][1], per.sent.end_char)):
            s, e = trim_span(text, s, e, EDGE_CHARS + ".")
            if e - s > 1:
                content.append((s, e))
        if content and max(e - s for s, e in content) >= 10:
            yield AttributionSpans(
                source=source,
                cue=((per.idx, per.idx + 3),),
                content=tuple(content),
                origin="per-rule",
            )


# a connective opening the sentence links it to the one before; it is the writer's
# and PolNeAR leaves it out of the content ("But [the goal is not revenue], according
# to ...", "Even so, [in February he raised $5.7 million], according to ..."). Only
# "and", "but" and "yet" go without a comma: "So far this year", "Still more voters",
# "Meanwhile in Ohio" are the sentence's own words.
_CONNECTIVE_RE = re.compile(
    r"(?:(?:and|but|yet)\b,?|(?:so|still|even so|in fact|however|meanwhile|nevertheless"
    r"|nonetheless|indeed|moreover|as it stands|at the same time|in addition|instead"
    r"|overall),)\s+",
    re.IGNORECASE,
)


def after_connective(text: str, start: int, end: int) -> int:
    """Where the content of ``text[start:end]`` starts past an opening connective;
    a quotation keeps all its words."""
    if start > 0 and text[start - 1] in QUOTE_CHARS:
        return start
    match = _CONNECTIVE_RE.match(text, start, end)
    return start if match is None or match.end() >= end else match.end()


def opens_reported_clause(token: Token) -> bool:
    """Whether ``token`` opens a clause reported by a verb before it: "The AP
    reported that, according to an analysis, 85 of the meetings were ..."; not
    when it follows the clause's verb ("voters said that Wall Street does more to
    hurt than help, according to exit polls": the polls relay the voters)."""
    clause = token.head
    while clause.head.i != clause.i:
        if (
            clause.dep_ == "ccomp"
            and clause.head.lemma_ in REPORTING_LEMMAS
            and clause.head.i < token.i < clause.i
            and subject_of(clause.head) is not None
        ):
            return True
        clause = clause.head
    return False


def according_to_triple(doc: Doc, sent: Span, according: Token) -> AttributionSpans | None:
    to = doc[according.i + 1]
    pobjs = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not pobjs:
        return None
    if is_channel_of_speech(according.head):
        return None  # "X said ..., according to the agency": a channel, not a source
    if opens_reported_clause(according):
        return None  # "The AP reported that, according to X, ...": the AP's words
    source = subtree_span(pobjs[0])
    if according.i == sent.start:
        # "According to Limbaugh, the move reeks of fear" with "reeks" misparsed into
        # the source's subtree: a sentence-opening source ends at its first comma
        # past an appositive: "According to John Smith, a spokesman, the ..."
        after = max(
            [
                c.right_edge.i
                for c in pobjs[0].children
                if c.dep_ == "appos"
                and c.right_edge.i + 1 < sent.end
                and doc[c.right_edge.i + 1].text == ","
            ],
            default=to.i,
        )
        commas = [t for t in pobjs[0].subtree if t.text == "," and t.i > after]
        if commas:
            source = (source[0], commas[0].idx)
    text = doc_text(doc)
    phrase_start = according.idx
    phrase_end = max(source[1], to.idx + len(to))
    # the sentence, but never past its paragraph: a section's time stamp ("7:05 p.m.")
    # or dateline parsed into it is not content
    start = max(sent.start_char, text.rfind("\n", 0, phrase_start) + 1)
    end = text.find("\n", phrase_end, sent.end_char)
    end = sent.end_char if end == -1 else end
    content: list[CharSpan] = []
    for s, e in ((start, phrase_start), (phrase_end, end)):
        s, e = trim_span(text, s, e, EDGE_CHARS + ".")
        if s == start:
            s = after_connective(text, s, e)
        if e - s > 1:
            content.append((s, e))
    if not content:
        return None
    return AttributionSpans(
        source=(trim_span(text, *source),),
        cue=((according.idx, to.idx + len(to)),),
        content=tuple(content),
        origin="according-to-rule",
    )
