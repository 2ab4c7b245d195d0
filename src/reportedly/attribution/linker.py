"""The linker: which cue each tagged source and content span belongs to.

Every tagged source and content span is scored against each cue in its own
paragraph or the next one either side by a logistic model over pair features
(:func:`pair_features`); a span goes to its best cue when that logit reaches
:data:`LINK_THRESHOLD`, a cue keeps a second content only when that one runs on from
a kept one or is confidently its own (:data:`SECOND_CONTENT_THRESHOLD`), and a cue
left without a source borrows one whose logit for it reaches :data:`SHARE_THRESHOLD`.
The weights are learned by :mod:`reportedly.training.linking` and stored in the
model file.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc

from ..nlp.tokens import token_table
from ..records import AttributionSpans, Span

Role = str  # "SRC" | "CUE" | "CON"
SOURCE, CUE, CONTENT = "SRC", "CUE", "CON"
ORIGIN = "model"
# appended to the origin of a triple holding a span only the first pass found
FIRST_PASS_ORIGIN = "first-pass"
# how far up the dependency tree a source or content looks for its cue
MAX_LINK_CLIMB = 10
# a source or content only looks for its cue this many paragraphs away
MAX_PARAGRAPH_GAP = 1
# and scores at most this many of the nearest cues there (dev scores are the same as with no cap)
MAX_CANDIDATES = 24
# the learned linker attaches a span to its best cue when the pair's logit reaches this
# (-2 against -3: whole-analysis relation F1 +0.12 on dev, +0.15 on 200 train articles)
LINK_THRESHOLD = -2.0
# and lets a source serve a second, sourceless cue when that pair's logit reaches this
SHARE_THRESHOLD = -2.0
# a cue keeps contents beyond its best one only when their logits reach this or they run
# on from a kept one: the pairs are scored one by one, and a stray content of the paragraph
# ("“A,” Warren said. “B” ..., she said") otherwise joins a cue that has its own (whole
# analysis, relation F1: PolNeAR dev +0.33, 200 train articles +0.11; 0 gave +0.28 and
# +0.01, 2 gave +0.13 and +0.10; without the run-on exception train lost 0.18)
SECOND_CONTENT_THRESHOLD = 1.0


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A run of tokens with one role: Doc token indices ``start``..``end`` inclusive."""

    role: Role
    start: int
    end: int
    paragraph: int
    # found by the first pass alone (see model.recover_first_pass_spans)
    first_pass: bool = False


def _span_head(doc: Doc, span: TaggedSpan) -> int:
    """The first token of the span whose syntactic head lies outside it."""
    for i in range(span.start, span.end + 1):
        head = doc[i].head.i
        if head == i or not span.start <= head <= span.end:
            return i
    return span.start


def _distance(a: TaggedSpan, b: TaggedSpan) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


@dataclass(frozen=True, slots=True)
class LinkWeights:
    """A logistic model scoring (span, cue) pairs: one weight per pair feature.

    Trained by :mod:`reportedly.training.linking` on gold spans; a positive
    logit means the span belongs to the cue.
    """

    weights: Mapping[str, float]

    def logit(self, features: Iterable[str]) -> float:
        weights = self.weights
        return sum(weights.get(feature, 0.0) for feature in features)


@dataclass(frozen=True, slots=True)
class LinkContext:
    """What pair features need from the Doc: columns of its token table (read once per Doc,
    shared with the tagger's features)."""

    heads: list[int]
    deps: list[str]
    sentence_of: list[int]
    lemmas: list[str]  # lowercased
    texts: list[str]

    @classmethod
    def of(cls, doc: Doc) -> LinkContext:
        lists = token_table(doc).lists
        return cls(
            heads=lists.head,
            deps=lists.dep,
            sentence_of=lists.sentence,
            lemmas=lists.lemma,
            texts=lists.text,
        )

    def head_of(self, span: TaggedSpan) -> int:
        for i in range(span.start, span.end + 1):
            head = self.heads[i]
            if head == i or not span.start <= head <= span.end:
                return i
        return span.start

    def climb_to(self, start: int, target: TaggedSpan) -> tuple[str, int] | None:
        """Climbing from ``start``: the dependency under which ``target`` is reached, and
        how many steps it took; None if it is not an ancestor (within MAX_LINK_CLIMB)."""
        child, node = start, self.heads[start]
        for depth in range(1, MAX_LINK_CLIMB + 1):
            if node == child:
                return None
            if target.start <= node <= target.end:
                return self.deps[child], depth
            child, node = node, self.heads[node]
        return None


def _small_bucket(value: int) -> str:
    if value <= 2:
        return str(value)
    if value <= 5:
        return "3-5"
    if value <= 10:
        return "6-10"
    if value <= 20:
        return "11-20"
    return "21+"


def pair_features(
    context: LinkContext,
    span: TaggedSpan,
    cue: TaggedSpan,
    cues_between: int,
    rank: int,
) -> list[str]:
    """Features of the pair (source or content span, candidate cue)."""
    role = span.role
    side = "L" if span.end < cue.start else "R"
    same_sentence = context.sentence_of[span.start] == context.sentence_of[cue.start] or (
        context.sentence_of[span.end] == context.sentence_of[cue.start]
    )
    where = "sent" if same_sentence else f"par{min(abs(span.paragraph - cue.paragraph), 2)}"
    between = str(min(cues_between, 2))
    features = [
        role,
        f"{role}|side={side}",
        f"{role}|where={where}|{side}",
        f"{role}|dist={_small_bucket(_distance(span, cue))}",
        f"{role}|between={between}|{where}",
        f"{role}|rank={min(rank, 3)}",
        f"{role}|cue={context.lemmas[context.head_of(cue)]}|{side}",
    ]
    up = context.climb_to(context.head_of(span), cue)
    if up is not None:
        features.append(f"{role}|up={up[0]}")
        features.append(f"{role}|up_depth={_small_bucket(up[1])}")
    else:
        down = context.climb_to(context.head_of(cue), span)
        features.append(f"{role}|down={down[0]}" if down is not None else f"{role}|tree=none")
    if span.start > 0 and context.texts[span.start - 1] in ("“", '"', "``", "‘", "'"):
        features.append(f"{role}|quoted|{side}|{where}")
    gap = (
        context.texts[span.end + 1 : cue.start]
        if side == "L"
        else context.texts[cue.end + 1 : span.start]
    )
    if ":" in gap:
        features.append(f"{role}|colon|{side}")
    return features


def _candidates(
    span: TaggedSpan, cues: Sequence[TaggedSpan], starts: Sequence[int] | None
) -> list[int]:
    """Cues in the span's paragraph or the next one either side, nearest first.

    With ``starts`` (the start tokens of ``cues``, which then are in token order and never
    overlap), walking away from the span on either side meets the cues in order of distance,
    so only the :data:`MAX_CANDIDATES` nearest on each side are looked at: a paragraph of
    thousands of cues (unbalanced quotation marks, a list of "said") stays linear. Without
    it (gold cues in training may nest) every cue in reach is a candidate.
    """
    if starts is None:
        near = [
            index
            for index, cue in enumerate(cues)
            if abs(cue.paragraph - span.paragraph) <= MAX_PARAGRAPH_GAP
        ]
        return sorted(near, key=lambda index: (_distance(span, cues[index]), index))
    middle = bisect_left(starts, span.start)
    near = []
    for indices in (range(middle - 1, -1, -1), range(middle, len(cues))):
        for taken, index in enumerate(indices):
            if taken == MAX_CANDIDATES or abs(cues[index].paragraph - span.paragraph) > (
                MAX_PARAGRAPH_GAP
            ):
                break
            near.append(index)
    near.sort(key=lambda index: (_distance(span, cues[index]), index))
    return near[:MAX_CANDIDATES]


def scored_pairs(
    context: LinkContext,
    span: TaggedSpan,
    cues: Sequence[TaggedSpan],
    starts: Sequence[int] | None = None,
) -> list[tuple[int, list[str]]]:
    """Each candidate cue of ``span`` (by index into ``cues``) with the pair's features.

    ``starts``: the cues' start tokens when the cues are in token order and do not overlap
    (the tagger's spans); it bounds the work per span (:func:`_candidates`).
    """
    pairs = []
    for rank, index in enumerate(_candidates(span, cues, starts)):
        cue = cues[index]
        low, high = min(span.end, cue.end), max(span.start, cue.start)
        if starts is None:
            between = sum(1 for other in cues if low < other.start < high and other is not cue)
        else:
            # cues starting strictly between the two, the candidate itself left out
            between = bisect_left(starts, high) - bisect_right(starts, low)
            between -= 1 if low < cue.start < high else 0
        pairs.append((index, pair_features(context, span, cue, between, rank)))
    return pairs


def link_with_weights(
    doc: Doc, spans: Sequence[TaggedSpan], weights: LinkWeights
) -> list[AttributionSpans]:
    """Attributions from tagged spans, each source and content going to its best-scoring cue.

    A source may also serve a second cue that found none of its own ("Trump
    stopped short of calling ...", "..., saying ...").
    """
    cues = [span for span in spans if span.role == CUE]
    # the tagger's spans are in token order; anything else takes the exhaustive path
    starts: list[int] | None = [cue.start for cue in cues]
    if any(a.end >= b.start for a, b in pairwise(cues)):
        starts = None
    context = LinkContext.of(doc)
    sources: list[list[TaggedSpan]] = [[] for _ in cues]
    scored_contents: list[list[tuple[float, TaggedSpan]]] = [[] for _ in cues]
    spare_sources: list[tuple[TaggedSpan, dict[int, float]]] = []
    for span in spans:
        if span.role == CUE:
            continue
        logits = {
            index: weights.logit(features)
            for index, features in scored_pairs(context, span, cues, starts)
        }
        if not logits:
            continue
        best = max(logits, key=lambda index: (logits[index], -index))
        if logits[best] < LINK_THRESHOLD:
            continue
        if span.role == SOURCE:
            sources[best].append(span)
            spare_sources.append((span, logits))
        else:
            scored_contents[best].append((logits[best], span))
    contents = [_confident_contents(doc, scored) for scored in scored_contents]
    for index in range(len(cues)):
        if sources[index]:
            continue
        shared = [
            (logits[index], span)
            for span, logits in spare_sources
            if index in logits and logits[index] >= SHARE_THRESHOLD
        ]
        if shared:
            sources[index].append(max(shared, key=lambda pair: pair[0])[1])
    return _triples(doc, cues, sources, contents)


def _confident_contents(doc: Doc, scored: Sequence[tuple[float, TaggedSpan]]) -> list[TaggedSpan]:
    """A cue's contents in text order: its best one, the ones that run on from a kept
    one (a quotation tagged sentence by sentence), and others whose logit reaches
    :data:`SECOND_CONTENT_THRESHOLD` (an interrupted quote, "“A,” he said, “B.”")."""
    if len(scored) < 2:
        return [span for _logit, span in scored]
    best = max(logit for logit, _span in scored)
    # runs of adjacent contents: a run is kept whole when one of its contents is
    runs: list[list[tuple[float, TaggedSpan]]] = []
    for pair in sorted(scored, key=lambda pair: pair[1].start):
        if runs and _adjacent(doc, runs[-1][-1][1], pair[1]):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return [
        span
        for run in runs
        if any(logit == best or logit >= SECOND_CONTENT_THRESHOLD for logit, _span in run)
        for _logit, span in run
    ]


def _adjacent(doc: Doc, first: TaggedSpan, second: TaggedSpan) -> bool:
    """Whether only spaces and punctuation lie between the two spans."""
    return all(doc[i].is_space or doc[i].is_punct for i in range(first.end + 1, second.start))


def _triples(
    doc: Doc,
    cues: Sequence[TaggedSpan],
    sources: Sequence[Sequence[TaggedSpan]],
    contents: Sequence[Sequence[TaggedSpan]],
) -> list[AttributionSpans]:
    """One triple per cue, with the sources and contents linked to it, in characters."""
    return [
        AttributionSpans(
            source=tuple(_chars(doc, s) for s in sources[index]),
            cue=(_chars(doc, cue),),
            content=tuple(_chars(doc, s) for s in contents[index]),
            origin=_origin(cue, sources[index], contents[index]),
        )
        for index, cue in enumerate(cues)
    ]


def _origin(cue: TaggedSpan, sources: Sequence[TaggedSpan], contents: Sequence[TaggedSpan]) -> str:
    """``model``, or ``model+first-pass`` when a span of the triple is one only the
    first pass found."""
    if cue.first_pass or any(span.first_pass for span in (*sources, *contents)):
        return f"{ORIGIN}+{FIRST_PASS_ORIGIN}"
    return ORIGIN


def _chars(doc: Doc, span: TaggedSpan) -> Span:
    last = doc[span.end]
    return (doc[span.start].idx, last.idx + len(last.text))
