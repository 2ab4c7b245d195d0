"""The menders that run after the merge, over every triple: datelines out of sources,
quotes that stay with their own cue, and cue-less quotes that continue a speaker's."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import replace

from ..records import AttributionSpans, Spans
from ..records import Span as CharSpan
from .build import CHANNEL_NOUNS
from .context import CascadeContext
from .mending import marked
from .quotes import QuoteSpan
from .syntax import (
    EDGE_CHARS,
    QUOTE_CHARS,
    Coverage,
    char_span,
    is_heading_quote,
    quote_fragments,
    trim_span,
)

# A quote with no cue of its own continues the previous quote's speaker when it
# starts within this many characters of that quote's end.
CONTINUATION_WINDOW = 400


# "HANOI, Vietnam (AP) — ", "SIOUX FALLS, S.D. – ", "LONDON (Reuters) - " at a paragraph
# start; a hyphen needs a space before it ("AP-GfK Poll: ..." is no dateline)
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z .'’-]{1,40}(?:,[ \t]*[A-Z][A-Za-z. ]{0,30})?"
    r"(?:[ \t]*\([A-Za-z .&-]{1,30}\))?(?:[ \t]*(?:—|–|―|--)|[ \t]+-)[ \t]*"
)


def datelines(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """A dateline is never part of a source or a content: "HANOI, Vietnam (AP) — The
    company" is "The company"."""
    result = []
    for triple in triples:
        source = without_dateline(ctx.text, triple.source)
        content = without_dateline(ctx.text, triple.content) or triple.content
        if source != triple.source or content != triple.content:
            triple = marked(replace(triple, source=source, content=content), "dateline")
        result.append(triple)
    return result


def without_dateline(text: str, spans: Spans) -> Spans:
    """``spans`` less a dateline their first fragment starts in."""
    if not spans:
        return spans
    start = spans[0][0]
    match = _DATELINE_RE.match(text, text.rfind("\n", 0, start) + 1)
    if match is None or start >= match.end():
        return spans
    cut = match.end()
    return tuple((max(s, cut), e) for s, e in spans if e > cut)


def quotes_stay(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """A quote paragraph is never a later cue's when that cue has content of its own
    in its paragraph ("“... I will speak to the board.” / Tottenham said in a
    statement that ..."): the paragraph goes back to whoever holds the rest of the
    same quotation, or is left for ``continued-quotes`` to give to the last quoted
    speaker."""
    text = ctx.text
    result = list(triples)
    moved: dict[int, list[CharSpan]] = {}
    for index, triple in enumerate(result):
        if not triple.cue or len(triple.content) < 2:
            continue
        cue_start = triple.cue[0][0]
        own = [
            f
            for f in triple.content
            if "\n" not in text[min(f[1], cue_start) : max(f[0], cue_start)]
        ]
        before = [
            f
            for f in triple.content
            if f[1] <= cue_start and "\n" in text[f[1] : cue_start] and _in_quote(ctx, f)
        ]
        if not own or not before:
            continue
        result[index] = marked(
            replace(triple, content=tuple(f for f in triple.content if f not in before)),
            "quotes-stay",
        )
        moved[index] = before
    for fragments in moved.values():
        for fragment in fragments:
            quote = _in_quote(ctx, fragment)
            assert quote is not None
            owner = next(
                (
                    i
                    for i, t in enumerate(result)
                    if any(quote.start <= s < quote.end for s, _ in t.content)
                ),
                None,
            )
            if owner is not None:
                t = result[owner]
                content = tuple(sorted((*t.content, fragment)))
                result[owner] = marked(replace(t, content=content), "quotes-stay")
    return result


def _in_quote(ctx: CascadeContext, fragment: CharSpan) -> QuoteSpan | None:
    """The quotation that holds ``fragment``, if any."""
    at = bisect_right(ctx.quote_starts, fragment[0]) - 1
    if at < 0:
        return None
    quote = ctx.quotes[at]
    return quote if fragment[1] <= quote.end + 1 else None


def continued_quotes(
    ctx: CascadeContext, triples: list[AttributionSpans]
) -> list[AttributionSpans]:
    """Quotes with no cue that follow a speaker's quote become more of its content."""
    text = ctx.text
    result = list(triples)
    contents = Coverage()
    # (end of content, index) of every triple, sorted: the one just before a quote
    ends = sorted((max(e for _, e in t.content), i) for i, t in enumerate(result) if t.content)
    for t in result:
        contents.add(t.content)
    for quote in ctx.quotes:
        if is_heading_quote(text, quote) or contents.overlaps(((quote.start, quote.end),)):
            continue
        at = bisect_right(ends, (quote.start, len(result))) - 1
        if at < 0:
            continue
        gap_start, index = ends[at]
        triple = result[index]
        if quote.start - gap_start > CONTINUATION_WINDOW or not _has_quote_mark(text, triple):
            continue
        if text[gap_start : quote.start].count("\n\n") > 1:
            continue
        extra = quote_fragments(text, quote)
        result[index] = marked(replace(triple, content=triple.content + extra), "continued-quotes")
        contents.add(extra)
        del ends[at]
        insort(ends, (max(e for _, e in extra), index))
    return result


def _has_quote_mark(text: str, triple: AttributionSpans) -> bool:
    for s, e in triple.content:
        if any(c in QUOTE_CHARS for c in text[max(0, s - 2) : s]) or any(
            c in QUOTE_CHARS for c in text[s:e]
        ):
            return True
    return False


# "“A,” Graham asked. “B.”": how far the speaker's quote may end before its cue, and the
# next quote start after it (characters, in the same paragraph)
SPLIT_QUOTE_GAP = 80
SPLIT_QUOTE_REACH = 240
# cues that say a speaker went on to say more ("adding", "going on to contrast")
_GOES_ON = re.compile(r"(?i)(add(s|ed|ing)?|go(es|ing)? on|went on|continu(e|es|ed|ing))\b")
_QUOTE_MARK = re.compile("[" + re.escape(QUOTE_CHARS) + "]|''|``")
# a sentence ends between a cue and a quotation: "health issue. “It is"
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*\s")
# what may differ at the edges of two spans of the same quotation (the scorer's trimming)
_QUOTE_EDGES = EDGE_CHARS + ".!?…-–—"


def split_quotes(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """ "“A,” Graham asked. “B.”": the quotation right after a speaker's cue, in the
    paragraph where the speaker's own quotation ends just before that cue, is more of
    it. It is taken back from a triple that holds it as fragments of its own under
    another cue ("…,” said Caddell, speaking of Clinton's health. “B.”"; a quote rule's
    verb in the next paragraph), unless that cue introduces it (:func:`_own_quote`)."""
    text = ctx.text
    result = list(triples)
    for index in range(len(result)):
        triple = result[index]
        if not triple.cue or not triple.content:
            continue
        cue_start, cue_end = triple.cue[0][0], triple.cue[-1][1]
        if any(start >= cue_end for start, _ in triple.content):
            continue  # it has content after its cue already
        before = _in_quote(ctx, max(triple.content))
        if (
            before is None
            or before.end > cue_start
            or cue_start - before.end > SPLIT_QUOTE_GAP
            or "\n" in text[before.end : cue_start]
        ):
            continue
        at = bisect_right(ctx.quote_starts, cue_end - 1)
        if at >= len(ctx.quotes):
            continue
        after = ctx.quotes[at]
        between = text[cue_end : after.start]
        # the next quotation of any kind: one across a scare quote ("what he calls the
        # “lie” … “B”") is no longer the speaker's
        if len(between) > SPLIT_QUOTE_REACH or "\n" in between or _QUOTE_MARK.search(between):
            continue
        if is_heading_quote(text, after):
            continue
        holders = [
            k
            for k, other in enumerate(result)
            if k != index and any(s < after.end and e > after.start for s, e in other.content)
        ]
        extra = quote_fragments(text, after)
        # a holder must hold the quotation as fragments of their own; one that runs
        # into it ("adding that “some of the things…”") quotes it inside its own content
        quoted = {trim_span(text, s, e, _QUOTE_EDGES) for s, e in extra}
        if any(
            _own_quote(text, result[k], after)
            or {trim_span(text, s, e, _QUOTE_EDGES) for s, e in _inside(result[k], after)} != quoted
            for k in holders
        ):
            continue
        for k in holders:
            other = result[k]
            kept = tuple(f for f in other.content if f not in _inside(other, after))
            result[k] = marked(replace(other, content=kept), "split-quote")
        result[index] = marked(
            replace(triple, content=tuple(sorted((*triple.content, *extra)))), "split-quote"
        )
    return [t for t in result if t.content]


def _own_quote(text: str, triple: AttributionSpans, quote: QuoteSpan) -> bool:
    """Whether ``triple``'s cue introduces ``quote``: it follows the quotation in its
    paragraph ("“B,” Tester added"), or leads into it within its sentence ("…, adding
    later, “B”", "went even further: “B”"), where a cue in an earlier sentence ("…,
    speaking of Clinton's health. “B”") does not."""
    if not triple.cue:
        return False
    cue_start, cue_end = triple.cue[0][0], triple.cue[-1][1]
    if _GOES_ON.match(text, cue_start):
        return True  # "Christie said, adding that …. “B”": what follows is the new cue's
    if cue_start >= quote.end:
        return "\n" not in text[quote.end : cue_start]
    between = text[cue_end : quote.start]
    return cue_end <= quote.start and not _SENTENCE_END.search(between)


def _inside(triple: AttributionSpans, quote: QuoteSpan) -> set[CharSpan]:
    """The fragments of ``triple``'s content that overlap ``quote``."""
    return {(s, e) for s, e in triple.content if s < quote.end and e > quote.start}


# "The museum, Mr. Obama said, would make visitors …": after the cue (and a few words of
# its own, "told me on Friday"), a comma, then the rest of the interrupted sentence
_AFTER_INTERRUPTING_CUE = re.compile(r"[^,.\n\"“”]{0,25},\s*")
# adverbs that place the speaking in time ("Hours later, ...", "Soon after ...")
_WHEN_SAID = frozenset({"later", "earlier", "afterward", "afterwards", "meanwhile", "soon"})
_NOT_A_PREDICATE = frozenset({"CCONJ", "DET", "NOUN", "NUM", "PROPN"})
_SENTENCE_STOP = re.compile(r"[.?!](?=[\"”’']?(?:\s|$))|\n")


def interrupted_contents(
    ctx: CascadeContext, triples: list[AttributionSpans]
) -> list[AttributionSpans]:
    """A content the cue interrupts goes on after it: "[The museum], Mr. Obama said,
    [would make visitors face uncomfortable truths]." When a content ends at a comma
    just before its source and cue, and a comma follows the cue, the rest of the
    sentence is the content's second part, unless another triple holds any of it or it
    does not open a predicate ("…, the group said, compared with …": narration)."""
    taken = Coverage()
    for triple in triples:
        taken.add(triple.content + triple.cue + triple.source)
    result = []
    for triple in triples:
        for part in (_interrupted_rest(ctx, triple), _interrupted_lead(ctx, triple)):
            if part is not None and not taken.overlaps((part,)):
                taken.add((part,))
                content = tuple(sorted((*triple.content, part)))
                triple = marked(replace(triple, content=content), "interrupted")
        result.append(triple)
    return result


def _interrupted_lead(ctx: CascadeContext, triple: AttributionSpans) -> CharSpan | None:
    """ "[Back in Virginia], Mr. Clarke said, [he decided to …]": the start of the
    sentence before a source and cue set off by commas, when the content follows them."""
    text = ctx.text
    if not triple.cue or not triple.source or not triple.content:
        return None
    source_start = triple.source[0][0]
    cue_start, cue_end = triple.cue[0][0], triple.cue[-1][1]
    after = _AFTER_INTERRUPTING_CUE.match(text, cue_end)
    if (
        not source_start < cue_start
        or after is None
        or min(start for start, _ in triple.content) < after.end()
    ):
        return None
    before = text[:source_start].rstrip()
    if not before.endswith(","):
        return None
    comma = len(before) - 1
    source = char_span(ctx.doc, triple.source[0])
    if source is None:
        return None
    paragraph_start = text.rfind("\n", 0, source_start) + 1
    lead = char_span(ctx.doc, (max(source.sent.start_char, paragraph_start), comma))
    words = [token for token in lead or () if not token.is_space]
    # "But in recent days": the conjunction ties the sentence to the last one
    if words and words[0].pos_ == "CCONJ":
        words = words[1:]
    # when and where the words were said is the narrator's ("In a statement Thursday,
    # the company said, ...", "Hours later, ...")
    if not words or any(
        token.ent_type_ in ("DATE", "TIME")
        or token.lower_ in CHANNEL_NOUNS
        or token.lower_ in _WHEN_SAID
        for token in words
    ):
        return None
    start, end = trim_span(text, words[0].idx, comma)
    return (start, end) if start < end else None


def _interrupted_rest(ctx: CascadeContext, triple: AttributionSpans) -> CharSpan | None:
    """ "[The museum], Mr. Obama said, [would make …]": the rest of the sentence after a
    source and cue set off by commas, when the content ends just before them."""
    text = ctx.text
    if not triple.cue or not triple.source or len(triple.content) != 1:
        return None
    (_start, end) = triple.content[0]
    source_start = triple.source[0][0]
    cue_start, cue_end = triple.cue[0][0], triple.cue[-1][1]
    if not end <= source_start < cue_start or text[end:source_start].strip() != ",":
        return None
    after = _AFTER_INTERRUPTING_CUE.match(text, cue_end)
    if after is None:
        return None
    stop = _SENTENCE_STOP.search(text, after.end())
    rest = trim_span(text, after.end(), stop.start() if stop else len(text))
    words = char_span(ctx.doc, rest)
    if words is None or len(words) < 2:
        return None
    # the predicate the source and cue interrupted opens with a verb, an adverb or a
    # subordinator ("would make", "until it went"); a noun phrase is an apposition
    # ("…, he said, a policy that …"), a conjunction or a participle narration
    first = words[0]
    if first.pos_ in _NOT_A_PREDICATE or first.tag_ == "VBN":
        return None
    # after a whole clause ("… will be turned into a police station, the minister said,
    # after years of debate"), only a verb goes on with what was said
    before = char_span(ctx.doc, triple.content[0])
    is_clause = before is not None and any(t.pos_ in ("VERB", "AUX") for t in before)
    if is_clause and first.pos_ not in ("VERB", "AUX") and first.tag_ != "EX":
        return None
    return rest
