"""Cut a parsed article into claims: who states what, of which kind, how checkable.

A claim is the part of one sentence that speaks in one voice: the content of an
attribution (the innermost one when contents nest), or what is left in the
reporter's own voice once every attribution's source, cue, channel and content
is taken out. "According to official information, a total of 17 women
traveled ..." yields one claim, attributed; "Putin said at the meeting" leaves
nothing checkable in the reporter's voice.

A part counts as a claim when it has at least :data:`MIN_WORDS` words and a clause
or a quantity; questions do not count. A clause has a predicate: a verb that heads
a clause, or a form of "be" or another auxiliary with its complement ("There is a
lot of fake news"). A participle that only modifies a noun ("the losses suffered in
Ukraine") is none, and neither is a part that ends on a bare modal before its
sentence's full stop ("the women involved will.", a machine-translation break the
parser reads as the noun "will"). In the reporter's voice the predicate's subject
must be in the part too, or in a content the part surrounds: "reports of ... have
been piling up" leaves no clause once the attribution ("reports of") is cut out. An
attribution's content may leave its subject to the source ("X called on [police to
release the videos]").

The rules read the Doc's token columns (:mod:`.tokens`), not ``Token`` objects,
so that claims stay a small fraction of the cost of parsing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from spacy.tokens import Doc

from .. import marks
from ..nlp.tokens import ENT_IOB_BEGIN, Ints, TokenRange, TokenTable, hashes, pos_ids
from ..records import Claim, DocAttribution, Span, SpanMapper
from .checkworthiness import ClaimFeatures, checkworthiness
from .passes import ArticlePasses, article_passes
from .quantities import QuantityMention
from .voice import NO_FRAME, REPORTER

MIN_WORDS = 3
# joins the fragments of a discontinuous claim in its ``text``
FRAGMENT_JOINER = " … "
# the value a framing token gets when runs of one voice are cut out of a sentence
_FRAMING = -2

COMPARISON_TAGS = hashes(["JJR", "JJS", "RBR", "RBS"])
# comparative forms that rarely compare anything
NOT_COMPARISONS = hashes(
    ["later", "earlier", "further", "rather", "sooner", "longer", "least", "last", "latter"]
)
COMPARISON_LEMMAS = hashes(
    ["record", "than", "unprecedented", "outnumber", "exceed", "surpass", "overtake", "double",
     "triple", "outpace", "outperform"]
)  # fmt: skip
CAUSAL_LEMMAS = hashes(
    ["because", "cause", "trigger", "spark", "prompt", "therefore", "consequently", "thus",
     "hence", "blame", "fuel", "provoke"]
)  # fmt: skip
CAUSAL_BIGRAMS = frozenset(
    {("due", "to"), ("lead", "to"), ("result", "in"), ("thanks", "to"), ("owing", "to"),
     ("because", "of"), ("as", "result")}
)  # fmt: skip
_BIGRAM_FIRSTS = hashes(first for first, _ in CAUSAL_BIGRAMS)
DATE_TIME_TYPES = hashes(["DATE", "TIME"])
NAMED_ENTITY_TYPES = hashes(
    ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"]
)
FIRST_SECOND_PERSON = hashes(
    ["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"]
)
FUTURE_MODALS = hashes(["will", "'ll", "wo", "shall"])
MODAL_TAG = hashes(["MD"])
PAST_TAG = hashes(["VBD"])
PARTICIPLE_TAG = hashes(["VBN"])
AUX_DEPS = hashes(["aux", "auxpass"])
VERB_POS = pos_ids(["VERB"])
AUX_POS = pos_ids(["AUX"])
SUBJECT_DEPS = hashes(["nsubj", "nsubjpass", "csubj", "csubjpass", "expl"])
# a verb in one of these relations modifies a noun: no clause of its own, unless it has
# a subject or an auxiliary (the parser's mistake: "PENCE: Flowers will not be attending")
MODIFIER_DEPS = hashes(["amod", "acl", "compound"])
CLAUSE_DEPS = hashes(["nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "aux", "auxpass"])
# what an auxiliary that heads a clause governs: "is [a lot]", "would be [with their boys]"
COMPLEMENT_DEPS = hashes(
    ["attr", "acomp", "oprd", "xcomp", "ccomp", "prep", "dobj", "advmod", "npadvmod", "expl"]
)
# verbs that only frame a source ("according to") and make no claim of their own
FRAMING_VERBS = hashes(["accord"])
# trimmed from the edges of a claim: punctuation, quote marks, joining words
EDGE_POS = pos_ids(["PUNCT", "CCONJ", "SPACE", "SYM"])
EDGE_WORDS = hashes(["that", "and", "but", "or", "so", "adding", "saying"])
# a modal that ends its sentence ("the women involved will.") leaves the clause unfinished
MODALS = hashes(["will", "would", "can", "could", "shall", "should", "must", "might"])
# ... unless it is the noun after a determiner, possessive or adjective ("his will")
NOUN_WILL_BEFORE = hashes(["DT", "PRP$", "JJ", "POS"])
SENTENCE_ENDS = hashes([".", "!", "…"])
OPENING_QUOTES = hashes([marks.LEFT_DOUBLE, marks.LEFT_SINGLE, marks.LEFT_GUILLEMET])
CLOSING_QUOTES = hashes([marks.RIGHT_DOUBLE, marks.RIGHT_SINGLE, marks.RIGHT_GUILLEMET])


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim in Doc coordinates, before spans are mapped to the input."""

    owner: int  # attribution index or REPORTER
    runs: tuple[TokenRange, ...]
    kind: str
    quantities: tuple[QuantityMention, ...]
    features: ClaimFeatures


# Per-token flags, counted over a claim's runs with prefix sums (one row per flag).
_FLAGS = (
    "word", "predicate", "comparison", "causal", "bigram_first", "date_time", "event", "entity",
    "first_second_person", "modal", "future", "evaluative", "quantity", "open_quote",
    "close_quote",
)  # fmt: skip
_F = {name: k for k, name in enumerate(_FLAGS)}


@dataclass(frozen=True, slots=True)
class _DocColumns:
    """What the claim rules need per token, computed once per Doc (lists: fast to index)."""

    edge: list[bool]  # trimmed from the edges of a claim
    unfinished: list[bool]  # a bare modal that ends its sentence
    # (predicate, its subject) token pairs, sorted by predicate: the Doc's clauses
    clause_heads: list[int]
    clause_subjects: list[int]
    voice: list[int]  # attribution index, REPORTER, or _FRAMING
    voice_changes: list[int]  # tokens where ``voice`` differs from the token before
    open_quotes: list[int]  # running count of opening quote marks
    close_quotes: list[int]
    prefix: Ints  # (len + 1, len(_FLAGS)): running counts of each flag
    quantity_at: dict[int, QuantityMention]
    question_mark: int  # hash of "?"


@dataclass(frozen=True, slots=True)
class _Candidate:
    owner: int
    runs: tuple[TokenRange, ...]
    question: bool


def extract_claims(
    doc: Doc,
    attributions: Sequence[DocAttribution],
    *,
    title: Span | None,
    to_input: SpanMapper,
    text: str | None = None,
) -> tuple[Claim, ...]:
    """Claims of ``doc`` with spans in INPUT coordinates (``to_input`` maps Doc spans).

    ``text`` is ``doc.text`` when the caller has it (the text the Doc was made from):
    spaCy's ``Doc.text`` joins every token anew.
    """
    passes = article_passes(doc, attributions, title)
    drafts = draft_claims(doc, attributions, title=title)
    if text is None:
        text = doc.text if drafts else ""
    return tuple(_to_record(text, passes.table, draft, to_input) for draft in drafts)


def draft_claims(
    doc: Doc, attributions: Sequence[DocAttribution], *, title: Span | None
) -> list[ClaimDraft]:
    """Claims in Doc coordinates, in text order."""
    passes = article_passes(doc, attributions, title)
    columns = _doc_columns(passes)
    lower = passes.table.lower
    candidates = [
        candidate
        for start, end in passes.units
        for candidate in _voice_runs(columns, start, end, lower[end - 1] == columns.question_mark)
    ]
    drafts = []
    for candidate, counts in zip(candidates, _flag_counts(columns, candidates), strict=True):
        draft = _draft(passes.table, columns, attributions, candidate, counts)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _flag_counts(columns: _DocColumns, candidates: Sequence[_Candidate]) -> list[list[int]]:
    """Per candidate, how many of its tokens carry each flag (all at once, with numpy)."""
    if not candidates:
        return []
    starts, ends, owners = [], [], []
    for k, candidate in enumerate(candidates):
        for start, end in candidate.runs:
            starts.append(start)
            ends.append(end)
            owners.append(k)
    per_run = columns.prefix[ends] - columns.prefix[starts]
    totals = np.zeros((len(candidates), len(_FLAGS)), dtype=np.int64)
    np.add.at(totals, owners, per_run)
    counts: list[list[int]] = totals.tolist()
    return counts


def _doc_columns(passes: ArticlePasses) -> _DocColumns:
    table = passes.table
    n = len(table)
    has_aux_child = np.zeros(n, dtype=bool)
    has_aux_child[table.head[np.isin(table.dep, AUX_DEPS)]] = True
    flags = np.zeros((n, len(_FLAGS)), dtype=np.int64)
    flags[:, _F["word"]] = table.is_alpha
    predicates = _predicates(table)
    flags[:, _F["predicate"]] = predicates
    subjects = np.flatnonzero(np.isin(table.dep, SUBJECT_DEPS) & predicates[table.head])
    heads = table.head[subjects]
    order = np.argsort(heads, kind="stable")
    heads, subjects = heads[order], subjects[order]
    flags[:, _F["comparison"]] = (
        np.isin(table.tag, COMPARISON_TAGS) & ~np.isin(table.lower, NOT_COMPARISONS)
    ) | np.isin(table.lemma, COMPARISON_LEMMAS)
    flags[:, _F["causal"]] = np.isin(table.lemma, CAUSAL_LEMMAS)
    flags[:, _F["bigram_first"]] = np.isin(table.lemma, _BIGRAM_FIRSTS)
    flags[:, _F["date_time"]] = np.isin(table.ent_type, DATE_TIME_TYPES)
    flags[:, _F["event"]] = (table.tag == PAST_TAG[0]) | (
        (table.tag == PARTICIPLE_TAG[0]) & has_aux_child
    )
    flags[:, _F["entity"]] = (table.ent_iob == ENT_IOB_BEGIN) & np.isin(
        table.ent_type, NAMED_ENTITY_TYPES
    )
    flags[:, _F["first_second_person"]] = np.isin(table.lower, FIRST_SECOND_PERSON)
    modal = table.tag == MODAL_TAG[0]
    future = np.isin(table.lower, FUTURE_MODALS)
    flags[:, _F["modal"]] = modal & ~future
    flags[:, _F["future"]] = modal & future
    flags[[hit.start for hit in passes.lexicon_hits], _F["evaluative"]] = 1
    flags[[q.start for q in passes.quantities], _F["quantity"]] = 1
    flags[:, _F["open_quote"]] = np.isin(table.lower, OPENING_QUOTES)
    flags[:, _F["close_quote"]] = np.isin(table.lower, CLOSING_QUOTES)
    prefix = np.zeros((n + 1, len(_FLAGS)), dtype=np.int64)
    np.cumsum(flags, axis=0, out=prefix[1:])
    edge = np.isin(table.pos, EDGE_POS) | table.is_punct | np.isin(table.lower, EDGE_WORDS)
    voice = np.where(passes.voice.frame != NO_FRAME, _FRAMING, passes.voice.owner)
    changes = np.flatnonzero(np.diff(voice)) + 1
    return _DocColumns(
        edge=edge.tolist(),
        unfinished=_bare_final_modals(table).tolist(),
        clause_heads=heads.tolist(),
        clause_subjects=subjects.tolist(),
        voice=voice.tolist(),
        voice_changes=changes.tolist(),
        open_quotes=prefix[:, _F["open_quote"]].tolist(),
        close_quotes=prefix[:, _F["close_quote"]].tolist(),
        prefix=prefix,
        quantity_at={q.start: q for q in passes.quantities},
        question_mark=int(hashes(["?"])[0]),
    )


def _has_clause(columns: _DocColumns, runs: Sequence[TokenRange]) -> bool:
    """Whether one of the runs holds a predicate whose subject is in the runs too, or in
    a content the runs surround (the bill, known as "the … Act", was passed); a subject
    among an attribution's source or cue words leaves the runs no clause of their own."""
    heads, subjects, voice = columns.clause_heads, columns.clause_subjects, columns.voice
    for start, end in runs:
        for k in range(bisect_left(heads, start), bisect_left(heads, end)):
            subject = subjects[k]
            if voice[subject] != _FRAMING or any(a <= subject < b for a, b in runs):
                return True
    return False


def _bare_final_modals(table: TokenTable) -> np.ndarray:
    """Per token, whether it is a modal right before its sentence's full stop and not
    the noun "will" ("the women involved will." but not "he left his will.")."""
    n = len(table)
    found = np.isin(table.lower, MODALS)
    followed = np.zeros(n, dtype=bool)
    followed[:-1] = np.isin(table.lower[1:], SENTENCE_ENDS)
    after_noun_word = np.zeros(n, dtype=bool)
    after_noun_word[1:] = np.isin(table.tag[:-1], NOUN_WILL_BEFORE)
    result: np.ndarray = found & followed & ~after_noun_word
    return result


def _predicates(table: TokenTable) -> np.ndarray:
    """Per token, whether it heads a clause: a verb that neither helps nor modifies
    another word, or an auxiliary with a complement of its own (see the module doc).
    A verb the parser hangs on a noun (``acl``) heads a clause when it has a subject or
    an auxiliary of its own: the parser often does so after a "NAME:" line start."""
    n = len(table)
    governs = {}
    for name, deps in (("complement", COMPLEMENT_DEPS), ("subject_or_aux", CLAUSE_DEPS)):
        marked = np.zeros(n, dtype=bool)
        marked[table.head[np.isin(table.dep, deps)]] = True
        governs[name] = marked
    modifier = np.isin(table.dep, MODIFIER_DEPS) & ~governs["subject_or_aux"]
    heads_clause = ~np.isin(table.dep, AUX_DEPS) & ~modifier & ~np.isin(table.lemma, FRAMING_VERBS)
    verb = np.isin(table.pos, VERB_POS)
    auxiliary = np.isin(table.pos, AUX_POS) & governs["complement"]
    result: np.ndarray = heads_clause & (verb | auxiliary)
    return result


def _voice_runs(columns: _DocColumns, start: int, end: int, question: bool) -> Iterator[_Candidate]:
    """Per voice in the unit, its trimmed runs of consecutive tokens, in text order."""
    first = bisect_right(columns.voice_changes, start)
    last = bisect_left(columns.voice_changes, end)
    cuts = [start, *columns.voice_changes[first:last], end]
    runs: dict[int, list[TokenRange]] = {}
    for run_start, run_end in pairwise(cuts):
        owner = columns.voice[run_start]
        if owner == _FRAMING:
            continue
        trimmed = _trim(columns, run_start, run_end)
        if trimmed is not None:
            runs.setdefault(owner, []).append(trimmed)
    for owner, owner_runs in sorted(runs.items(), key=lambda item: item[1][0][0]):
        yield _Candidate(owner, tuple(owner_runs), bool(question))


def _trim(columns: _DocColumns, start: int, end: int) -> TokenRange | None:
    limit = end
    edge = columns.edge
    while start < end and edge[start]:
        start += 1
    while end > start and edge[end - 1]:
        end -= 1
    if start >= end:
        return None
    # keep the closing mark of a quotation opened inside the claim: “with their boys”
    opened = columns.open_quotes[end] - columns.open_quotes[start]
    closed = columns.close_quotes[end] - columns.close_quotes[start]
    closes_next = end < limit and columns.close_quotes[end + 1] > columns.close_quotes[end]
    if opened > closed and closes_next:
        end += 1
    return start, end


def _draft(
    table: TokenTable,
    columns: _DocColumns,
    attributions: Sequence[DocAttribution],
    candidate: _Candidate,
    counts: list[int],
) -> ClaimDraft | None:
    runs = candidate.runs
    words = counts[_F["word"]]
    has_quantity = counts[_F["quantity"]] > 0
    if candidate.question or words < MIN_WORDS or not (counts[_F["predicate"]] or has_quantity):
        return None
    if columns.unfinished[runs[-1][1] - 1]:
        return None
    # the reporter's voice is what is left of a sentence once attributions are cut out:
    # a claim only when that rest is still a clause; an attribution's content may
    # leave its subject to the source ("the family called on [police to release the videos]")
    if not has_quantity and candidate.owner == REPORTER and not _has_clause(columns, runs):
        return None
    quantities = tuple(
        columns.quantity_at[i]
        for start, end in runs
        for i in range(start, end)
        if has_quantity and i in columns.quantity_at
    )
    kind = classify_claim(table, runs, counts)
    owner = candidate.owner
    attribution = attributions[owner] if owner != REPORTER else None
    features = ClaimFeatures(
        kind=kind,
        reporter_voice=attribution is None,
        stance=attribution.cue.stance if attribution and attribution.cue else None,
        words=words,
        quantities=len(quantities),
        entities=counts[_F["entity"]],
        first_second_person=counts[_F["first_second_person"]],
        modals=counts[_F["modal"]],
        future=counts[_F["future"]] > 0,
        evaluative=counts[_F["evaluative"]],
        question=candidate.question,
    )
    return ClaimDraft(owner, runs, kind, quantities, features)


def classify_claim(table: TokenTable, runs: Sequence[TokenRange], counts: Sequence[int]) -> str:
    """``quantity`` > ``comparison`` > ``causal`` > ``date_time`` > ``event`` > ``other``.

    The first kind that applies wins, in order of how directly it can be checked.
    ``counts`` are how many of the claim's tokens carry each flag of :data:`_FLAGS`.
    """
    if counts[_F["quantity"]]:
        return "quantity"
    if counts[_F["comparison"]]:
        return "comparison"
    bigram = counts[_F["bigram_first"]] and _has_causal_bigram(table, runs)
    if counts[_F["causal"]] or bigram:
        return "causal"
    if counts[_F["date_time"]]:
        return "date_time"
    if counts[_F["event"]]:
        return "event"
    return "other"


def _has_causal_bigram(table: TokenTable, runs: Sequence[TokenRange]) -> bool:
    for start, end in runs:
        previous = ""
        for lemma_hash in table.lemma[start:end]:
            lemma = _LEMMA_NAMES.get(int(lemma_hash), "")
            if (previous, lemma) in CAUSAL_BIGRAMS:
                return True
            if lemma != "a":  # "as a result"
                previous = lemma
    return False


# The lemma column holds hashes: the names of the few lemmas the bigram rule needs.
_LEMMA_NAMES = {int(hashes([word])[0]): word for pair in CAUSAL_BIGRAMS for word in pair} | {
    int(hashes(["a"])[0]): "a"
}


def _to_record(text: str, table: TokenTable, draft: ClaimDraft, to_input: SpanMapper) -> Claim:
    char_spans = [table.char_span(start, end) for start, end in draft.runs]
    return Claim(
        spans=tuple(to_input(span) for span in char_spans),
        text=FRAGMENT_JOINER.join(text[start:end] for start, end in char_spans),
        kind=draft.kind,
        quantities=tuple(q.to_record(to_input) for q in draft.quantities),
        attribution=None if draft.owner == REPORTER else draft.owner,
        checkworthiness=checkworthiness(draft.features),
    )
