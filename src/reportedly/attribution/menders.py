"""The menders: functions that patch the model's triples (and, last, every triple), and
:data:`MENDERS`, their registry; those that run after the merge live in
:mod:`.merged_menders`, what every mender is in :mod:`.mending`.

Each :class:`Mender` takes the list of triples and returns the mended list; a
triple it changes gets the mender's name appended to its ``origin``
(``model+filled-content``), so that the evaluation can say what each one did.
Filters drop triples instead. ``reportedly eval ... --without NAME`` switches one
off; ``effect`` is the change of dev relation F1 measured that way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import AttributionSpans, Spans
from ..records import Span as CharSpan
from .context import CascadeContext, Effect
from .mending import Mender, each, marked
from .merged_menders import (
    continued_quotes,
    datelines,
    interrupted_contents,
    quotes_stay,
    split_quotes,
)
from .prepositional_sources import according_to_triple
from .quotes import QuoteSpan
from .rules import REPORT_NOUNS, parenthetical_triple
from .syntax import (
    EDGE_CHARS,
    QUOTE_CHARS,
    Coverage,
    char_span,
    clause_before_subject,
    doc_text,
    is_channel_of_speech,
    quote_fragments,
    source_spans,
    starts_at,
    subject_of,
    subtree_span,
    trim_span,
)

# --- filters ---------------------------------------------------------------------------


def whole_headlines(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """A headline attribution stands only with its own source, cue and content in
    that order ("Trump says he will win", "Poll: Clinton and Trump in dead heat"), or
    with the credit at the end ("..., Lindsey Graham Says"); a quoted phrase alone
    ("“Share their pain”: Putin meets soldiers’ mothers") is no attribution."""
    return [t for t in triples if starts_at(t) >= ctx.body_start or _is_whole(t)]


def _is_whole(triple: AttributionSpans) -> bool:
    if not triple.source or not triple.cue or not triple.content:
        return False
    source, cue, content = triple.source[0], triple.cue, triple.content
    credits_first = source[1] <= cue[0][0] and cue[-1][1] <= content[0][0]
    # "Clinton Hid Past Health Problems, Former White House Doctor Says"
    credits_last = content[-1][1] <= source[0] and source[1] <= cue[0][0]
    return credits_first or credits_last


def usable(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """Drop model output that cannot stand: no content, or an "according to Y" that is
    the channel of another statement the model found ("X said ..., according to Y":
    X's attribution names Y as its channel). With no such statement found, "according
    to Y" stays: Y's attribution of what X said."""
    cues = Coverage()
    cues.add(tuple(span for t in triples for span in t.cue))
    return [t for t in triples if _is_usable(ctx.doc, t, cues)]


def _is_usable(doc: Doc, triple: AttributionSpans, cues: Coverage) -> bool:
    if not triple.content or all(e <= s for s, e in triple.content):
        return False
    if triple.cue:
        cue = char_span(doc, triple.cue[0])
        if cue is not None and len(cue) and cue[0].lower_ == "according":
            verb = cue[0].head
            relays = is_channel_of_speech(verb)
            return not (relays and cues.overlaps(((verb.idx, verb.idx + len(verb)),)))
    return True


def _cue_verb(doc: Doc, triple: AttributionSpans) -> Token | None:
    """The cue's main word: its last verb, else its root."""
    if not triple.cue:
        return None
    cue = char_span(doc, triple.cue[-1])
    if cue is None or not len(cue):
        return None
    verbs = [t for t in cue if t.pos_ == "VERB"]
    return verbs[-1] if verbs else cue.root


# verbs of causing, never of saying: "Partial mobilization sparked a mass exodus"
NOT_CUES = frozenset(
    {"spark", "trigger", "fuel", "provoke", "cause", "spur", "ignite", "stoke", "prompt"}
)


def not_cues(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """Drop a triple whose cue is a verb of causing ("sparked", "triggered"). Dropping
    every cue verb that was never a cue in PolNeAR train instead cost 0.1 relation
    F1 on dev."""
    kept = []
    for triple in triples:
        verb = _cue_verb(ctx.doc, triple)
        if verb is None or verb.lemma_.lower() not in NOT_CUES:
            kept.append(triple)
    return kept


_NO_COMMENT_RE = re.compile(
    r"\b(request|requests|call|calls|message|messages|email|emails|inquiry|inquiries)"
    r" (for|seeking) comment\b|\b(reached|available) for comment\b"
    # "He declined to give his name": nothing was said either
    r"|\b(declined|refused) to (give|provide) (his|her|their) (full )?name\b",
    re.IGNORECASE,
)


def no_comment(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """Drop an unanswered request for comment ("Apple did not respond to a request
    for comment", "could not be reached for comment"): nothing was said."""
    kept = []
    for triple in triples:
        around = ctx.text[
            min(s for s, _ in triple.cue + triple.content) : max(
                e for _, e in triple.cue + triple.content
            )
        ]
        if triple.cue and _NO_COMMENT_RE.search(around):
            continue
        kept.append(triple)
    return kept


# adverbs of frequency: how often someone speaks, not how (PolNeAR keeps "also
# said", "often says": stripping every leading adverb cost 3 points of dev cue F1,
# every single adverb of frequency 0.3)
_HABITUAL = frozenset(
    {"usually", "rarely", "seldom", "often", "sometimes", "frequently", "typically"}
    | {"generally", "normally", "always", "occasionally", "regularly"}
)


def _cue_adverbs(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """Two or more adverbs of frequency opening a cue are not part of it ("usually
    rarely mention" is "mention"); PolNeAR keeps a single one ("often says")."""
    if not triple.cue:
        return triple
    cue = char_span(ctx.doc, triple.cue[0])
    if cue is None or len(cue) < 2:
        return triple
    first = 0
    while first < len(cue) - 1 and cue[first].lower_ in _HABITUAL:
        first += 1
    if first < 2:
        return triple
    return replace(triple, cue=((cue[first].idx, triple.cue[0][1]), *triple.cue[1:]))


# --- the model's triples -----------------------------------------------------------------


def quotes_to_their_cues(
    ctx: CascadeContext, triples: list[AttributionSpans]
) -> list[AttributionSpans]:
    """Give a quote back to the cue right next to it when the model linked it to
    another cue and left that one without content ("That worries environmentalists.
    “It's all I can afford,” he said": the quote is his, not the worry's)."""
    text = ctx.text
    moved: dict[int, Spans] = {}
    for index, triple in enumerate(triples):
        if triple.content or not triple.cue:
            continue
        cue = char_span(ctx.doc, triple.cue[0])
        quote = (
            None
            if cue is None or not len(cue)
            else _quote_next_to(text, cue, triple.source, ctx.quotes)
        )
        if quote is not None:
            moved[index] = quote_fragments(text, quote)
    if not moved:
        return triples
    taken = Coverage()
    for fragments in moved.values():
        taken.add(fragments)
    result = []
    name = "quote-to-cue"
    for index, triple in enumerate(triples):
        if index in moved:
            result.append(marked(replace(triple, content=moved[index]), name))
        elif triple.content and taken.overlaps(triple.content):
            kept = tuple(f for f in triple.content if not taken.overlaps((f,)))
            result.append(marked(replace(triple, content=kept), name))
        else:
            result.append(triple)
    return result


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


def filled_content(ctx: CascadeContext, triples: list[AttributionSpans]) -> list[AttributionSpans]:
    """A cue the model found without its content (and without a quote next to it,
    which ``quote-to-cue`` has handed out): take the content from the sentence
    around "according to X" or from the parse. PolNeAR annotates only the outermost
    of nested attributions, so an attribution whose cue lies inside a content filled
    so goes ("A campaign operative decided to ..., a source said")."""
    filled = [_with_filled_content(ctx.doc, t) for t in triples]
    inner: set[int] = set()
    for before, after in zip(triples, filled, strict=True):
        if before.content or not after.content:
            continue
        for index, other in enumerate(filled):
            if other is not after and any(
                s <= other.cue[0][0] and other.cue[-1][1] <= e for s, e in after.content
            ):
                inner.add(index)
    return [
        t if t == before else marked(t, "filled-content")
        for index, (before, t) in enumerate(zip(triples, filled, strict=True))
        if index not in inner
    ]


def _with_filled_content(doc: Doc, triple: AttributionSpans) -> AttributionSpans:
    if triple.content or not triple.cue:
        return triple
    cue = char_span(doc, triple.cue[0])
    if cue is None or not len(cue):
        return triple
    if cue[0].lower_ == "according" and len(cue) > 1:
        found = according_to_triple(doc, cue[0].sent, cue[0])
        return triple if found is None else replace(triple, content=found.content)
    verb = cue.root
    subject = subject_of(verb)
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    if clauses:
        start, end = subtree_span(clauses[0])
        if clauses[0].i < verb.i:
            end = min(end, cue.start_char)
        content: Spans = (trim_span(doc_text(doc), start, end, EDGE_CHARS + "."),)
    elif subject is not None:
        found = parenthetical_triple(doc, verb, subject) or _closing_triple(doc, verb, subject)
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
    if any(t.i > verb.i and t.dep_ not in _CLOSING_DEPS for t in verb.sent if not t.is_space):
        return None
    return clause_before_subject(doc, verb, subject, "model")


def _inherited_source(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """ "Putin said ..., adding that ...": the second cue's speaker is the first's.

    PolNeAR leaves such a source empty (a token belongs to one attribution only);
    a reader wants to know who added it, so the subject is shared.
    """
    if triple.source or not triple.cue:
        return triple
    cue = char_span(ctx.doc, triple.cue[0])
    if cue is None or not len(cue) or cue.root.dep_ not in {"advcl", "conj"}:
        return triple
    if _is_participle_adjunct(cue.root):
        return triple  # "Asked about the emails, Clinton said ...": Clinton was asked
    subject = subject_of(cue.root)
    if subject is None or any(s <= subject.idx < e for s, e in triple.content):
        return triple
    return replace(triple, source=source_spans(subject))


def _is_participle_adjunct(verb: Token) -> bool:
    """A past participle standing for a passive clause of its own ("Asked about the
    emails, ..."), not a perfect tense ("... and has accused Beijing")."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in {"advcl", "conj"}
        and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)
    )


def _subject_source(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """A cue the model linked no source to: the subject of its verb ("Aaron Kall, the
    director of debate ..., compared Trump to a coach": Aaron Kall), unless it stands
    inside the content."""
    if triple.source or not triple.cue:
        return triple
    cue = char_span(ctx.doc, triple.cue[0])
    if cue is None or not len(cue):
        return triple
    verbs = [t for t in cue if t.pos_ in {"VERB", "AUX"}]
    verb = verbs[-1] if verbs else cue.root
    if _is_participle_adjunct(verb):
        return triple  # "Asked about the emails, Clinton said ...": Clinton was asked
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        # "Dean ... began by saying ...", "they published the results by announcing
        # ...": the speaker is the subject of the verb the preposition hangs from
        subject = subject_of(verb.head.head)
    if subject is None or subject.lower_ in {"it", "that", "which"}:
        return triple
    # the cue's own passive subject heard it ("X was told ..."); the passive subject of
    # a verb the cue hangs from said it ("Romer was sidelined after demonstrating ...")
    if subject.dep_ == "nsubjpass" and subject.head.i == verb.i:
        return triple
    source = source_spans(subject)
    if not source or any(
        s < source[0][1] and source[0][0] < e for s, e in triple.content + triple.cue
    ):
        return triple
    return replace(triple, source=source)


# prepositions on a cue verb that say where or when the words were said
_SETTING_PREPOSITIONS = frozenset({"at", "during", "in", "on"})


def _cue_adjunct(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """ "“…,” Putin said at the meeting": beside a quotation, the object of "at", "in",
    "on" or "during" on the cue verb is where or when the words were said, never more
    of them. Not a person, organisation or place ("tweeted at him": whom to)."""
    if len(triple.content) < 2:
        return triple
    verb = _cue_verb(ctx.doc, triple)
    if verb is None or not any(_is_quoted(ctx.text, f) for f in triple.content):
        return triple
    kept = tuple(
        fragment
        for fragment in triple.content
        if _is_quoted(ctx.text, fragment) or not _is_setting(ctx.doc, fragment, verb)
    )
    return triple if len(kept) == len(triple.content) else replace(triple, content=kept)


def _is_quoted(text: str, fragment: CharSpan) -> bool:
    start, end = fragment
    return any(c in QUOTE_CHARS for c in text[max(0, start - 1) : end + 1])


def _is_setting(doc: Doc, fragment: CharSpan, verb: Token) -> bool:
    span = char_span(doc, fragment)
    if span is None or not len(span):
        return False
    noun, preposition = span.root, span.root.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in _SETTING_PREPOSITIONS
        and preposition.head.i == verb.i
        and noun.pos_ != "PRON"
        and noun.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"}
    )


def _quote_only(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """A content that is a direct quote followed by narration keeps only the quote
    ("“Promise mama you’ll keep your hands in sight,” Blige sings to Clinton before
    ..."): what follows the closing mark is the reporter's."""
    content = []
    for start, end in triple.content:
        at = bisect_right(ctx.quote_starts, start) - 1
        quote = ctx.quotes[at] if at >= 0 and ctx.quotes[at].start >= start - 1 else None
        if (
            quote is not None
            and quote.close_mark is not None
            and quote.end < end
            and len(ctx.text[quote.end : end].split()) >= 3
            and not any(c in QUOTE_CHARS for c in ctx.text[quote.end : end])
        ):
            end = quote.end
        content.append((start, end))
    return replace(triple, content=tuple(content))


def _noun_cue_content(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """ "reports of underequipped recruits have been piling up": the content of a
    report noun (the nouns of report-noun-rule) is what it reports; the clause the
    noun is the subject of ("have been piling up") is the reporter's, so a content
    running into it ends where the noun's phrase does."""
    if not triple.cue or not triple.content:
        return triple
    cue = char_span(ctx.doc, triple.cue[0])
    if cue is None or not len(cue) or cue.root.lemma_.lower() not in REPORT_NOUNS:
        return triple
    noun = cue.root
    head = noun.head
    if head.i == noun.i or head.idx < cue.end_char:
        return triple
    phrase_end = noun.right_edge.idx + len(noun.right_edge.text)
    content: list[CharSpan] = []
    for start, end in triple.content:
        if start >= cue.end_char and start < phrase_end < end and head.idx < end:
            end = trim_span(ctx.text, start, phrase_end)[1]
        content.append((start, end))
    return replace(triple, content=tuple(content))


def _passive_agent(ctx: CascadeContext, triple: AttributionSpans) -> AttributionSpans:
    """ "He was accused by a woman of ...": the agent of a passive cue is its source
    ("a woman"), neither part of the cue nor of the content."""
    if triple.source or not triple.cue:
        return triple
    verb = _cue_verb(ctx.doc, triple)
    if verb is None or verb.tag_ != "VBN":
        return triple
    agents = [a for a in verb.children if a.dep_ == "agent"]
    pobjs = [p for a in agents for p in a.children if p.dep_ == "pobj"]
    if not pobjs:
        return triple
    source = source_spans(pobjs[0])
    # "by a woman of lying about ...": the verb's "of" misattached to the agent
    gerunds = [
        p.idx
        for p in pobjs[0].rights
        if p.dep_ == "prep" and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in p.children)
    ]
    if source and gerunds:
        source = (trim_span(ctx.text, source[0][0], min(source[-1][1], gerunds[0])),)
    if not source or source[0][1] <= source[0][0]:
        return triple
    cut_start, cut_end = agents[0].idx, source[-1][1]
    cue = tuple(trim_span(ctx.text, s, min(e, cut_start)) for s, e in triple.cue if s < cut_start)
    content: list[CharSpan] = []
    for s, e in triple.content:
        for part in ((s, min(e, cut_start)), (max(s, cut_end), e)):
            part = trim_span(ctx.text, *part)
            if part[1] > part[0]:
                content.append(part)
    if not cue or not content:
        return triple
    return replace(triple, source=source, cue=cue, content=tuple(content))


# The commits the effects below were measured at (the whole analysis at dev relation 70.09)
MEASURED_AT = "0d16659"
CUE_ADJUNCT_MEASURED_AT = "65d77d8"
# The menders, in the order they run, each with its dev effect: relation F1 of the whole
# analysis on PolNeAR dev minus that without it (points; `reportedly eval polnear DEV
# --without NAME`). Those at or under zero are kept for what dev does not measure: the
# seed ("sparked", "usually rarely mention", nothing from a headline's quoted phrase),
# real pages (datelines, requests for comment) and the golden cases; see docs/model.md.
MENDERS: tuple[Mender, ...] = (
    Mender("whole-headline", "model", whole_headlines, Effect(0.02, MEASURED_AT)),
    Mender("not-a-cue", "model", not_cues, Effect(0.00, MEASURED_AT)),
    Mender("no-comment", "model", no_comment, Effect(0.00, MEASURED_AT)),
    Mender("cue-adverbs", "model", each("cue-adverbs", _cue_adverbs), Effect(0.00, MEASURED_AT)),
    Mender("quote-to-cue", "model", quotes_to_their_cues, Effect(0.16, MEASURED_AT)),
    Mender("filled-content", "model", filled_content, Effect(0.34, MEASURED_AT)),
    Mender("usable", "model", usable, Effect(0.00, MEASURED_AT)),
    Mender(
        "inherited-source",
        "model",
        each("inherited-source", _inherited_source),
        Effect(0.05, MEASURED_AT),
    ),
    Mender(
        "subject-source",
        "model",
        each("subject-source", _subject_source),
        Effect(0.25, MEASURED_AT),
    ),
    Mender("quote-only", "model", each("quote-only", _quote_only), Effect(0.00, MEASURED_AT)),
    Mender(
        "cue-adjunct",
        "model",
        each("cue-adjunct", _cue_adjunct),
        Effect(0.00, CUE_ADJUNCT_MEASURED_AT),
    ),
    Mender(
        "passive-agent", "model", each("passive-agent", _passive_agent), Effect(0.20, MEASURED_AT)
    ),
    Mender(
        "noun-cue-content",
        "model",
        each("noun-cue-content", _noun_cue_content),
        Effect(0.00, MEASURED_AT),
    ),
    Mender("dateline", "merged", datelines, Effect(0.00, MEASURED_AT)),
    Mender("quotes-stay", "merged", quotes_stay, Effect(0.05, MEASURED_AT)),
    Mender("split-quote", "merged", split_quotes, Effect(0.55, MEASURED_AT)),
    Mender("continued-quotes", "merged", continued_quotes, Effect(0.00, MEASURED_AT)),
    Mender("interrupted", "merged", interrupted_contents, Effect(0.25, MEASURED_AT)),
)
MENDER_NAMES = frozenset(mender.name for mender in MENDERS)
