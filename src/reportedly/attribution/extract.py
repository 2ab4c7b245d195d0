"""Find attributions in a parsed Doc: rules where they are precise, the model elsewhere.

The flow, per Doc (character offsets into ``doc.text`` throughout):

1. span triples (:class:`AttributionSpans`) from the rules: ``according to X``,
   direct quotes with the reporting verb that introduces them, reporting verbs
   with a clausal complement;
2. triples from the shipped model (:mod:`.model`), minus what cannot stand: no
   content, or an "according to" that is another speaker's channel;
3. merged in that order of trust: the ``according to`` rule, the model, the
   other rules; a triple is kept only where nothing before it took its cue or
   content (measured on PolNeAR dev, see docs/model.md and the issue notes);
4. quotes with no cue of their own that continue the previous speaker's quote
   join that attribution as further content (PolNeAR's convention);
5. every triple becomes an :class:`Attribution`: kind, resolved speaker and
   source type, cue lemma and stance, channel.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..records import (
    Attribution,
    AttributionKind,
    AttributionSpans,
    Cue,
    Source,
    Spans,
    TextPart,
)
from .cues import REPORTING_LEMMAS, stance_of
from .quotes import QuoteSpan, find_direct_quotes, is_scare_quote
from .speakers import MEDIA_HEADS, MEDIA_NAMES, SpeakerResolver

# Characters trimmed from the edges of a content span (the scorer trims them too).
EDGE_CHARS = " \t\n,;:\"'“”‘’«»„‚"
QUOTE_CHARS = '"“”«»„'
# A quote with no cue of its own continues the previous quote's speaker when it
# starts within this many characters of that quote's end.
CONTINUATION_WINDOW = 400
# Words after which a noun phrase is the medium a statement came through.
CHANNEL_PREPS = frozenset({"in", "on", "to", "during", "at"})
CHANNEL_NOUNS = frozenset(
    {
        "statement",
        "interview",
        "tweet",
        "post",
        "release",
        "letter",
        "email",
        "op-ed",
        "twitter",
        "facebook",
        "instagram",
        "television",
        "radio",
        "broadcast",
        "podcast",
        "conference",
        "briefing",
        "speech",
        "video",
        "blog",
        "memo",
        "column",
        "show",
    }
)


_TEXT_KEY = "reportedly.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def find_attributions(doc: Doc, *, use_model: bool = True) -> tuple[Attribution, ...]:
    """All attributions of ``doc``, in text order.

    The headline yields one only when it is whole there ("Trump says he will
    win"); a quoted phrase in it never does.
    """
    try:
        return _find_attributions(doc, use_model)
    finally:
        doc.user_data.pop(_TEXT_KEY, None)


def _find_attributions(doc: Doc, use_model: bool) -> tuple[Attribution, ...]:
    title = doc._.title_span
    body_start = title[1] if title else 0
    text = doc_text(doc)
    all_quotes = [q for q in find_direct_quotes(text) if q.start >= body_start]
    quotes = [q for q in all_quotes if not is_scare_quote(text, q)]
    rules = list(rule_triples(doc, quotes, body_start))
    model = _model_candidates(doc, body_start, quotes) if use_model else []
    # the precise rules first, then the model, then the broad parse rule, each
    # kept only where nothing before it claimed the same cue or content
    candidates = [
        *(t for t in rules if t.origin in PRECISE_RULES),
        *model,
        *(t for t in rules if t.origin not in PRECISE_RULES),
    ]
    triples: list[AttributionSpans] = []
    taken = Coverage()
    for triple in candidates:
        if not taken.overlaps(_parts(triple)):
            triples.append(triple)
            taken.add(_parts(triple))
    triples.sort(key=_starts_at)
    triples = join_continued_quotes(doc, triples, quotes)
    resolver = SpeakerResolver(doc)
    # every quote, scare quotes included, counts when telling mixed from indirect
    return tuple(build_attribution(doc, t, resolver, all_quotes) for t in triples)


PRECISE_RULES = frozenset({"according-to-rule", "dash-rule", "transcript-rule"})


def _model_candidates(
    doc: Doc, body_start: int, quotes: Sequence[QuoteSpan]
) -> list[AttributionSpans]:
    """The model's triples, mended: quotes given back to the cue next to them,
    missing contents filled in, attributions nested in a filled content dropped,
    unusable ones left out."""
    found = [t for t in _model_triples(doc) if _starts_at(t) >= body_start or _is_whole(doc, t)]
    found = _quotes_to_their_cues(doc, found, quotes)
    filled = [_with_filled_content(doc, t) for t in found]
    filled = _outermost(found, filled)
    return [
        _with_inherited_source(doc, _tidy_model_triple(doc, t))
        for t in filled
        if _is_usable_model_triple(doc, t)
    ]


def _outermost(
    found: Sequence[AttributionSpans], filled: Sequence[AttributionSpans]
) -> list[AttributionSpans]:
    """PolNeAR annotates only the outermost of nested attributions. The model often
    gives the inner one the content and leaves the outer cue bare ("A campaign
    operative decided to ..., a source said"); once the outer cue has taken its
    content from the parse, the attribution whose cue lies inside it goes."""
    inner: set[int] = set()
    for before, after in zip(found, filled, strict=True):
        if before.content or not after.content:
            continue
        for index, other in enumerate(filled):
            if other is not after and any(
                s <= other.cue[0][0] and other.cue[-1][1] <= e for s, e in after.content
            ):
                inner.add(index)
    return [t for index, t in enumerate(filled) if index not in inner]


def _is_usable_model_triple(doc: Doc, triple: AttributionSpans) -> bool:
    """Drop model output that cannot stand: no content, or an "according to X"
    that is the channel of another speaker's statement ("X said, according to Y")."""
    if not triple.content or all(e <= s for s, e in triple.content):
        return False
    if triple.cue:
        cue = _char_span(doc, triple.cue[0])
        if cue is not None and len(cue) and cue[0].lower_ == "according":
            return not _is_channel_of_speech(cue[0].head)
    return True


def _quotes_to_their_cues(
    doc: Doc, triples: list[AttributionSpans], quotes: Sequence[QuoteSpan]
) -> list[AttributionSpans]:
    """Give a quote back to the cue right next to it when the model linked it to
    another cue and left that one without content ("That worries environmentalists.
    “It's all I can afford,” he said": the quote is his, not the worry's)."""
    text = doc_text(doc)
    moved: dict[int, Spans] = {}
    for index, triple in enumerate(triples):
        if triple.content or not triple.cue:
            continue
        cue = _char_span(doc, triple.cue[0])
        quote = (
            None
            if cue is None or not len(cue)
            else _quote_next_to(text, cue, triple.source, quotes)
        )
        if quote is not None:
            moved[index] = quote_fragments(text, quote)
    if not moved:
        return triples
    taken = Coverage()
    for fragments in moved.values():
        taken.add(fragments)
    result = []
    for index, triple in enumerate(triples):
        if index in moved:
            result.append(replace(triple, content=moved[index]))
        elif triple.content and taken.overlaps(triple.content):
            kept = tuple(f for f in triple.content if not taken.overlaps((f,)))
            result.append(replace(triple, content=kept))
        else:
            result.append(triple)
    return result


def _with_filled_content(doc: Doc, triple: AttributionSpans) -> AttributionSpans:
    """A cue the model found without its content (and without a quote next to it,
    which :func:`_quotes_to_their_cues` has handed out): take the content from the
    sentence around "according to X" or from the parse. On PolNeAR dev about 50 right
    cues were lost for want of a content."""
    if triple.content or not triple.cue:
        return triple
    cue = _char_span(doc, triple.cue[0])
    if cue is None or not len(cue):
        return triple
    if cue[0].lower_ == "according" and len(cue) > 1:
        found = _according_to_triple(doc, cue[0].sent, cue[0])
        return triple if found is None else replace(triple, content=found.content)
    verb = cue.root
    subject = _subject_of(verb)
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    if clauses:
        start, end = _subtree_span(clauses[0])
        if clauses[0].i < verb.i:
            end = min(end, cue.start_char)
        content: Spans = (trim_span(doc_text(doc), start, end, EDGE_CHARS + "."),)
    elif subject is not None:
        found = _parenthetical_triple(doc, verb, subject) or _closing_triple(doc, verb, subject)
        if found is None:
            return triple
        content = found.content
    else:
        return triple
    if any(e <= s for s, e in content):
        return triple
    return replace(triple, content=content)


# what may follow a sentence-closing cue: "..., a spokesman announced Monday morning."
_CLOSING_DEPS = frozenset(
    {"punct", "npadvmod", "advmod", "prep", "pobj", "det", "compound", "amod"}
)


def _closing_triple(doc: Doc, verb: Token, subject: Token) -> AttributionSpans | None:
    """ "..., experts say." with the verb closing the sentence after its subject:
    what stands before the subject is the content."""
    if not verb.i - 4 <= subject.i < verb.i:
        return None
    sent = verb.sent
    if any(t.i > verb.i and t.dep_ not in _CLOSING_DEPS for t in sent if not t.is_space):
        return None
    return _clause_before_subject(doc, verb, subject)


def _quote_next_to(
    text: str, cue: Span, source: Spans, quotes: Sequence[QuoteSpan]
) -> QuoteSpan | None:
    """The direct quote a cue closes or opens: one that ends just before it, or
    failing that starts just after it, with nothing between them but the cue's own
    source and punctuation ("“...,” he said", "said Smith: “...”")."""
    before = [
        q
        for q in quotes
        if q.close_mark is not None
        and q.end <= cue.start_char
        and _is_bare_gap(text, q.end, cue.start_char, source)
    ]
    if before:
        return before[-1]
    for quote in quotes:
        if quote.start >= cue.end_char:
            return quote if _is_bare_gap(text, cue.end_char, quote.start, source) else None
    return None


def _is_bare_gap(text: str, start: int, end: int, source: Spans) -> bool:
    """Only white space, commas, colons and dashes (no line break) between
    ``start`` and ``end`` once the source's characters are taken out."""
    gap = list(text[start:end])
    for s, e in source:
        for i in range(max(s, start), min(e, end)):
            gap[i - start] = " "
    return "\n" not in gap and all(c in " \t,:—–-" for c in gap)


def _tidy_model_triple(doc: Doc, triple: AttributionSpans) -> AttributionSpans:
    """Drop a content fragment that is only the object of a preposition the tagger
    took into the cue ("said at" + "the meeting"). The cue itself is left as it is:
    PolNeAR's cues often end on a preposition ("pointed to"), trimming them costs
    4 points of cue F1 on dev."""
    if not triple.cue or len(triple.content) < 2:
        return triple
    cue = _char_span(doc, triple.cue[-1])
    if cue is None or len(cue) < 2 or cue[-1].pos_ != "ADP" or cue[0].lower_ == "according":
        return triple
    objects = [c for c in cue[-1].children if c.dep_ == "pobj"]
    if not objects:
        return triple
    start, end = _subtree_span(objects[0])
    content = tuple(f for f in triple.content if not (start <= f[0] and f[1] <= end))
    return replace(triple, content=content) if content else triple


def _is_whole(doc: Doc, triple: AttributionSpans) -> bool:
    """A headline attribution stands only with its own source, cue and content in
    that order ("Trump says he will win", "Poll: Clinton and Trump in dead heat"), or
    with the credit at the end ("..., Lindsey Graham Says");
    a quoted phrase alone ("“Share their pain”: Putin meets soldiers’ mothers") is no
    attribution."""
    if not triple.source or not triple.cue or not triple.content:
        return False
    source, cue, content = triple.source[0], triple.cue, triple.content
    credits_first = source[1] <= cue[0][0] and cue[-1][1] <= content[0][0]
    # "Clinton Hid Past Health Problems, Former White House Doctor Says"
    credits_last = content[-1][1] <= source[0] and source[1] <= cue[0][0]
    return credits_first or credits_last


def _with_inherited_source(doc: Doc, triple: AttributionSpans) -> AttributionSpans:
    """ "Putin said ..., adding that ...": the second cue's speaker is the first's.

    PolNeAR leaves such a source empty (a token belongs to one attribution only);
    a reader wants to know who added it, so the subject is shared.
    """
    if triple.source or not triple.cue:
        return triple
    cue = _char_span(doc, triple.cue[0])
    if cue is None or not len(cue) or cue.root.dep_ not in {"advcl", "conj"}:
        return triple
    subject = _subject_of(cue.root)
    if subject is None or any(s <= subject.idx < e for s, e in triple.content):
        return triple
    return replace(triple, source=_source_spans(subject))


def _model_triples(doc: Doc) -> list[AttributionSpans]:
    from .model import load_attribution_model

    return load_attribution_model().predict(doc)


def _starts_at(triple: AttributionSpans) -> int:
    return min(start for start, _ in (*triple.cue, *triple.content, *triple.source))


@dataclass
class Coverage:
    """The character ranges taken so far, for fast "does this overlap?" questions.

    Kept sorted by start; a query looks only at ranges that start within the
    longest range's length before it, so checks stay near-linear on long texts.
    """

    starts: list[int] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
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


def _parts(triple: AttributionSpans) -> Spans:
    return triple.cue + triple.content


def trim_span(text: str, start: int, end: int, chars: str = EDGE_CHARS) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _token_span(tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


# --- rules -------------------------------------------------------------------------------


def rule_triples(
    doc: Doc, quotes: Sequence[QuoteSpan], body_start: int
) -> Iterator[AttributionSpans]:
    """Triples from the rules: quotes with a speaker, ``according to``, reported clauses."""
    taken = Coverage()
    quoted = Coverage()
    quoted.add(tuple((quote.start, quote.end) for quote in quotes))
    headline = _headline_triple(doc, body_start)
    if headline is not None:
        taken.add(_parts(headline))
        yield headline
    for turn in _transcript_triples(doc, body_start):
        taken.add(_parts(turn))
        yield turn
    for quote in quotes:
        triple = _dash_credit_triple(doc, quote) or _quote_triple(doc, quote)
        if triple is not None:
            taken.add(_parts(triple))
            yield triple
    for sent in doc.sents:
        if sent.start_char < body_start:
            continue
        for token in sent:
            triple = None
            if (
                token.lower_ == "according"
                and token.i + 1 < len(doc)
                and doc[token.i + 1].lower_ == "to"
            ):
                triple = _according_to_triple(doc, sent, token)
            elif (
                token.lemma_ in REPORTING_LEMMAS
                and token.pos_ in {"VERB", "AUX"}
                and not quoted.overlaps(((token.idx, token.idx + 1),))
            ):
                # a verb inside a quotation belongs to a nested attribution,
                # which PolNeAR leaves unannotated ("“I think that's why ...”")
                triple = _reported_clause_triple(doc, token)
            if triple is not None and not taken.overlaps(_parts(triple)):
                taken.add(_parts(triple))
                yield triple


# "“He represents our greatest shame.” ― Sonya Herridge": a quote credited by a dash
_DASH_CREDIT_RE = re.compile(r"[ \t]*([―—–]|--)[ \t]*([^\n]{2,80}?)[ \t]*(?:\n|$)")


def _dash_credit_triple(doc: Doc, quote: QuoteSpan) -> AttributionSpans | None:
    """A quote followed on its line by a dash and a name, as in epigraphs and lists."""
    text = doc_text(doc)
    match = _DASH_CREDIT_RE.match(text, quote.end)
    if match is None or quote.close_mark is None:
        return None
    name = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
    if name is None or not any(t.ent_type_ in {"PERSON", "ORG"} for t in name):
        return None
    return AttributionSpans(
        source=((match.start(2), match.end(2)),),
        cue=((match.start(1), match.end(1)),),
        content=quote_fragments(text, quote),
        origin="dash-rule",
    )


def _headline_triple(doc: Doc, body_start: int) -> AttributionSpans | None:
    """A headline that credits its claim to whoever stands before its colon: "Pat
    Caddell: Democrat Voters Worried ...", "Poll: Clinton and Trump in dead heat".
    In PolNeAR train and dev, 60 % of headlines with a colon after at most six
    words (no quote marks) are annotated so, enough to raise F1."""
    if body_start == 0:
        return None
    text = doc_text(doc)
    title = text[:body_start]
    colon = title.find(":")
    if colon <= 0:
        return None
    credited = title[:colon].strip()
    if (
        not credited
        or len(credited.split()) > 6
        or any(q in credited for q in QUOTE_CHARS + "‘’'")
        or credited.upper() in _NOT_SPEAKERS | _KICKERS
    ):
        return None
    start, end = trim_span(text, colon + 1, body_start, EDGE_CHARS + ".")
    if end - start < 10:
        return None
    source = trim_span(text, 0, colon)
    return AttributionSpans(
        source=(source,),
        cue=((colon, colon + 1),),
        content=((start, end),),
        origin="headline-rule",
    )


# a headline's series name or label before its colon, not whoever it credits
_KICKERS = frozenset({"THE LATEST", "ANALYSIS", "OPINION", "EDITORIAL", "FACT CHECK"})

# "PENCE: Well, look, ..." in a transcript: a speaker's label in capitals opening a paragraph
_TRANSCRIPT_RE = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][A-Z.'’ -]{0,30}[A-Z]):[ \t]+(\S[^\n]*)$")


# paragraph labels that are no speaker
_NOT_SPEAKERS = frozenset(
    {"BYLINE", "BREAKING", "CLARIFICATION", "CORRECTION", "EMAIL", "EXCLUSIVE", "NOTE"}
    | {"PHOTO", "PHOTOS", "READ", "SOURCE", "UPDATE", "UPDATED", "VIDEO", "WATCH"}
)


def _transcript_triples(doc: Doc, body_start: int) -> Iterator[AttributionSpans]:
    """Speaker turns of a transcript. The label must take more than one turn or
    name someone the article also names in ordinary case ("Pence")."""
    text = doc_text(doc)
    turns = list(_TRANSCRIPT_RE.finditer(text, body_start))
    labels = Counter(match.group(1) for match in turns)
    for match in turns:
        label = match.group(1)
        surname = label.split()[-1].strip(".").title()
        if label in _NOT_SPEAKERS or (labels[label] < 2 and surname not in text):
            continue
        start, end = trim_span(text, match.start(2), match.end(2))
        if end - start < 2:
            continue
        yield AttributionSpans(
            source=(match.span(1),),
            cue=((match.end(1), match.end(1) + 1),),
            content=((start, end),),
            origin="transcript-rule",
        )


def _subject_of(verb: Token) -> Token | None:
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


def _source_spans(subject: Token | None) -> Spans:
    if subject is None:
        return ()
    # a relative clause or appositive tail ("Smith, who ...") is not part of the mention
    end_token = subject.right_edge
    for child in subject.rights:
        if child.dep_ in {"relcl", "acl", "punct"} or (
            child.dep_ == "appos" and child.i > subject.i + 1
        ):
            end_token = subject.doc[child.left_edge.i - 1]
            break
    tokens = [t for t in subject.subtree if t.i <= end_token.i]
    start, end = trim_span(doc_text(subject.doc), *_token_span(tokens))
    return ((start, end),) if end > start else ()


def _cue_spans(verb: Token) -> Spans:
    # PolNeAR's cues keep auxiliaries and negation with the verb ("has learned", "did not say")
    parts = [c for c in verb.lefts if c.dep_ in {"aux", "neg", "auxpass"} and c.i >= verb.i - 3]
    tokens = [*parts, verb]
    particles = [c for c in verb.rights if c.dep_ == "prt" and c.i == verb.i + 1]
    tokens.extend(particles)
    return (_token_span(sorted(tokens, key=lambda t: t.i)),)


def _quote_triple(doc: Doc, quote: QuoteSpan) -> AttributionSpans | None:
    """A direct quote and the reporting verb outside it that introduces it."""
    if is_heading_quote(doc_text(doc), quote):
        return None
    verb = _cue_verb_near(doc, quote)
    if verb is None or _is_fragment_of_clause(quote, verb):
        return None
    return AttributionSpans(
        source=_source_spans(_subject_of(verb)),
        cue=_cue_spans(verb),
        content=quote_fragments(doc_text(doc), quote),
        origin="quote-rule",
    )


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
    return len(inner.split()) <= 12 and not inner.endswith((".", "?", "!", ","))


def _is_fragment_of_clause(quote: QuoteSpan, verb: Token) -> bool:
    """A short quote inside the reported clause ("... marked by a “feeling of anxiety”"):
    the clause, not the quote, is the content (a mixed quote)."""
    quoted = sum(e - s for s, e in quote.content)
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        start, end = _subtree_span(clause)
        if start <= quote.start and quote.end <= end + 1 and quoted < 0.6 * (end - start):
            return True
    return False


def _cue_verb_near(doc: Doc, quote: QuoteSpan) -> Token | None:
    """The reporting verb in the sentences the quote opens or closes in, outside the quote."""
    first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    last = doc.char_span(max(quote.end - 1, quote.start), quote.end, alignment_mode="expand")
    if first is None or last is None:
        return None
    candidates: list[tuple[int, Token]] = []
    for sent in {first[0].sent, last[-1].sent}:
        for token in sent:
            if quote.start <= token.idx < quote.end:
                continue
            if token.lemma_ in REPORTING_LEMMAS and token.pos_ in {"VERB", "AUX"}:
                distance = min(abs(token.idx - quote.end), abs(quote.start - token.idx))
                candidates.append((distance, token))
    if not candidates:
        return None
    # a verb whose subject is present beats one without ("..., he said, adding ...")
    candidates.sort(key=lambda c: (c[0] + (0 if _subject_of(c[1]) is not None else 200), c[1].i))
    return candidates[0][1]


def _according_to_triple(doc: Doc, sent: Span, according: Token) -> AttributionSpans | None:
    to = doc[according.i + 1]
    pobjs = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not pobjs:
        return None
    head = according.head
    if _is_channel_of_speech(head):
        return None  # "X said ..., according to the agency": a channel, not a source
    source = _subtree_span(pobjs[0])
    phrase_start = according.idx
    phrase_end = max(source[1], to.idx + len(to))
    content: list[tuple[int, int]] = []
    end = sent.end_char
    for s, e in ((sent.start_char, phrase_start), (phrase_end, end)):
        s, e = trim_span(doc_text(doc), s, e, EDGE_CHARS + ".")
        if e - s > 1:
            content.append((s, e))
    if not content:
        return None
    return AttributionSpans(
        source=(trim_span(doc_text(doc), *source),),
        cue=((according.idx, to.idx + len(to)),),
        content=tuple(content),
        origin="according-to-rule",
    )


def _is_channel_of_speech(head: Token) -> bool:
    """ "X said ..., according to Y": Y relays X's words. Not so for a belief or an
    intention ("X plans to ..., according to Y"): there Y is the source."""
    return (
        head.lemma_ in REPORTING_LEMMAS
        and stance_of(head.lemma_) not in {"belief", "intention"}
        and _subject_of(head) is not None
    )


def _reported_clause_triple(doc: Doc, verb: Token) -> AttributionSpans | None:
    """A reporting verb with a clausal complement: "Critics complain that ..."."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and stance_of(verb.lemma_) == "intention":
        # "Trump wants to build a wall": PolNeAR counts intentions as attributions
        clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    subject = _subject_of(verb)
    if subject is None:
        return None
    if not clauses:
        return _parenthetical_triple(doc, verb, subject)
    clause = clauses[0]
    start, end = _subtree_span(clause)
    if clause.i < verb.i:
        # the reported clause stands before the verb ("..., he said"): the clause ends
        # at the verb's subject or the verb, whichever is first
        end = min(end, subject.left_edge.idx if subject.i > clause.i else end, verb.idx)
    return AttributionSpans(
        source=_source_spans(subject),
        cue=_cue_spans(verb),
        content=(trim_span(doc_text(doc), start, end, EDGE_CHARS + "."),),
        origin="parse-rule",
    )


def _parenthetical_triple(doc: Doc, verb: Token, subject: Token) -> AttributionSpans | None:
    """ "..., a source said." parsed as a parenthetical: the sentence before it is the content."""
    if verb.dep_ != "parataxis" or subject.i < verb.i - 4 or subject.i > verb.i:
        return None
    return _clause_before_subject(doc, verb, subject)


def _clause_before_subject(doc: Doc, verb: Token, subject: Token) -> AttributionSpans | None:
    """The triple whose content is the sentence up to the verb's subject, if long enough."""
    start, end = trim_span(
        doc_text(doc), verb.sent.start_char, subject.left_edge.idx, EDGE_CHARS + "."
    )
    if end - start < 10:
        return None
    return AttributionSpans(
        source=_source_spans(subject),
        cue=_cue_spans(verb),
        content=((start, end),),
        origin="parse-rule",
    )


def join_continued_quotes(
    doc: Doc, triples: list[AttributionSpans], quotes: Sequence[QuoteSpan]
) -> list[AttributionSpans]:
    """Quotes with no cue that follow a speaker's quote become more of its content."""
    text = doc_text(doc)
    result = list(triples)
    contents = Coverage()
    # (end of content, index) of every triple, sorted: the one just before a quote
    ends = sorted((max(e for _, e in t.content), i) for i, t in enumerate(result) if t.content)
    for t in result:
        contents.add(t.content)
    for quote in quotes:
        if is_heading_quote(text, quote) or contents.overlaps(((quote.start, quote.end),)):
            continue
        at = bisect_right(ends, (quote.start, len(result))) - 1
        if at < 0:
            continue
        gap_start, index = ends[at]
        triple = result[index]
        gap = text[gap_start : quote.start]
        if quote.start - gap_start > CONTINUATION_WINDOW or not _has_quote_mark(triple, doc):
            continue
        if gap.count("\n\n") > 1:
            continue
        extra = quote_fragments(text, quote)
        result[index] = replace(triple, content=triple.content + extra)
        contents.add(extra)
        del ends[at]
        insort(ends, (max(e for _, e in extra), index))
    return result


def _has_quote_mark(triple: AttributionSpans, doc: Doc) -> bool:
    for s, e in triple.content:
        before = doc_text(doc)[max(0, s - 2) : s]
        if any(c in QUOTE_CHARS for c in before) or any(
            c in QUOTE_CHARS for c in doc_text(doc)[s:e]
        ):
            return True
    return False


# --- enrichment --------------------------------------------------------------------------


def build_attribution(
    doc: Doc, triple: AttributionSpans, resolver: SpeakerResolver, quotes: Sequence[QuoteSpan]
) -> Attribution:
    """Turn a span triple into a full :class:`Attribution` record."""
    text = doc_text(doc)
    cue_span = _char_span(doc, triple.cue[0]) if triple.cue else None
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
    source_span = _char_span(doc, triple.source[0]) if triple.source else None
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
    return Attribution(kind, source, cue, content, channel, triple.origin)


OPENING_MARKS = '“«„"‘'
CLOSING_MARKS = '”»“"’'


def with_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A quoted content fragment with the marks around it: “We will win,” not We will win.

    Direct quotes are shown and stored with their marks, whichever part found them.
    """
    if start > 0 and text[start - 1] in OPENING_MARKS:
        if end < len(text) and text[end] in CLOSING_MARKS:
            return start - 1, end + 1
        if end + 1 < len(text) and text[end] in ",.;:?!" and text[end + 1] in CLOSING_MARKS:
            return start - 1, end + 2
    return start, end


def _char_span(doc: Doc, span: tuple[int, int]) -> Span | None:
    return doc.char_span(span[0], span[1], alignment_mode="expand")


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
    "said in a statement".
    """
    verb = cue.root
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
    start, end = trim_span(doc_text(doc), *_subtree_span(token), EDGE_CHARS + ".")
    return TextPart(((start, end),), doc_text(doc)[start:end])
