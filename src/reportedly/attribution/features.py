"""Token features for the learned attribution tagger.

A parsed :class:`~spacy.tokens.Doc` is cut into paragraphs (PolNeAR contents
rarely cross a paragraph break but often cross sentences) and every
non-space token gets a list of string features for the CRF. Besides the usual
word / lemma / tag / dependency windows, the features carry what a linear-chain
model cannot see on its own: where the token sits in the dependency tree
relative to a *likely cue* (a lemma that PolNeAR train often marks as a cue),
whether it lies inside quotation marks, and how far the nearest likely cue is.

Everything here is a pure function of the Doc and a :class:`CueLexicon`, so the
same code serves training and prediction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic

import numpy
from spacy.tokens import Doc

from .. import marks
from ..nlp.tokens import TokenLists, token_table
from .feature_names import FEATURE_STRINGS, WINDOW_OFFSETS, FeatureNames, T

OPENING_QUOTES = frozenset({marks.LEFT_DOUBLE, marks.LEFT_GUILLEMET, marks.ASCII_OPEN})
CLOSING_QUOTES = frozenset({marks.RIGHT_DOUBLE, marks.RIGHT_GUILLEMET, marks.ASCII_CLOSE})
STRAIGHT_QUOTES = frozenset({marks.STRAIGHT_DOUBLE})
# dependency labels under which a cue's complement (the content) hangs
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl", "prep", "pcomp"})
SOURCE_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss"})
# how far up the tree to look for a governing cue
MAX_TREE_CLIMB = 8
# children whose presence is a token feature ("said" with a ccomp, "plans" with an xcomp)
KID_DEPS = ("ccomp", "nsubj", "dobj", "xcomp", "nsubjpass", "agent", "prep", "mark", "neg", "aux")
# pseudo dependency recorded for a quotation mark among a token's children
QUOTE_CHILD = "<quote>"
# a lemma this often in a cue is worth naming as a (weak) governor
WEAK_CUE_RATIO = 0.02


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """How often each lemma was (part of) a cue in the training data.

    ``ratios`` maps a lowercased lemma to the share of its occurrences inside a
    gold cue span; only lemmas seen in a cue at least a few times are kept.
    A token is a *likely cue* when its ratio reaches ``likely_threshold``.
    """

    ratios: Mapping[str, float]
    likely_threshold: float = 0.15

    def ratio(self, lemma: str) -> float:
        return self.ratios.get(lemma, 0.0)

    def is_likely_cue(self, lemma: str) -> bool:
        return self.ratios.get(lemma, 0.0) >= self.likely_threshold

    def to_dict(self) -> dict[str, object]:
        return {"ratios": dict(self.ratios), "likely_threshold": self.likely_threshold}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CueLexicon:
        ratios = data["ratios"]
        threshold = data["likely_threshold"]
        if not isinstance(ratios, dict) or not isinstance(threshold, int | float):
            raise ValueError("cue lexicon must have a 'ratios' mapping and a 'likely_threshold'")
        return cls({str(k): float(v) for k, v in ratios.items()}, float(threshold))


def nearest_centroids(vectors: numpy.ndarray, centroids: numpy.ndarray) -> numpy.ndarray:
    """The index of each row's nearest centroid (fitting and assigning share it)."""
    # argmin |x - c|^2 = argmax x.c - |c|^2 / 2
    scores = vectors @ centroids.T - 0.5 * (centroids**2).sum(axis=1)
    return scores.argmax(axis=1)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class WordClusters:
    """k-means centroids of the parser's contextual token vectors (``doc.tensor``).

    A token's cluster is a word class that knows its context ("claimed" as a verb of
    saying, "claims" as a noun of saying), which the lexicon cannot give a lemma train
    never showed in a cue. The centroids are fitted on train by
    :func:`reportedly.training.clusters.fit_word_clusters`.
    """

    centroids: numpy.ndarray  # (k, width), float32

    def assign(self, doc: Doc) -> list[int] | None:
        """Each token's nearest centroid; None when the Doc has no vectors of that width."""
        tensor = doc.tensor
        if not isinstance(tensor, numpy.ndarray) or tensor.ndim != 2 or len(tensor) != len(doc):
            return None
        if tensor.shape[1] != self.centroids.shape[1] or len(doc) == 0:
            return None
        return nearest_centroids(tensor.astype(numpy.float32), self.centroids).tolist()  # type: ignore[no-any-return]

    def to_list(self) -> list[list[float]]:
        return self.centroids.tolist()  # type: ignore[no-any-return]

    @classmethod
    def from_list(cls, rows: Sequence[Sequence[float]]) -> WordClusters:
        centroids = numpy.asarray(rows, dtype=numpy.float32)
        if centroids.ndim != 2 or not len(centroids):
            raise ValueError("word clusters must be a non-empty list of equal-length rows")
        return cls(centroids)


@dataclass(frozen=True, slots=True)
class TokenSequence(Generic[T]):
    """One paragraph: the Doc indices of its non-space tokens and their features
    (feature strings, or rows of a model's weights: :class:`FeatureNames`)."""

    token_ids: tuple[int, ...]
    features: tuple[tuple[T, ...], ...]


def paragraph_token_ids(doc: Doc) -> list[tuple[int, ...]]:
    """Non-space token indices grouped by paragraph (a break is a token holding a newline)."""
    lists = token_table(doc).lists
    return _paragraphs(lists.text, lists.whitespace, lists.is_space)


def _paragraphs(
    texts: Sequence[str], whitespace: Sequence[str], is_space: Sequence[bool]
) -> list[tuple[int, ...]]:
    paragraphs: list[tuple[int, ...]] = []
    current: list[int] = []
    for i, text in enumerate(texts):
        if is_space[i] or not text.strip():
            if "\n" in text and current:
                paragraphs.append(tuple(current))
                current = []
            continue
        current.append(i)
        # a newline glued to a token's trailing whitespace also ends the paragraph
        if "\n" in whitespace[i]:
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return paragraphs


def quote_states(texts: Sequence[str]) -> list[int]:
    """For each token of one paragraph: 1 inside a quotation, 2 a quote mark, else 0.

    Only double quotes count (a lone ’ is far more often an apostrophe). Curly
    marks say which way they face; a straight mark toggles. News style reopens
    a quote at each paragraph without closing the previous one, so the state
    starts closed in every paragraph.
    """
    states: list[int] = []
    inside = False
    for text in texts:
        if text in OPENING_QUOTES:
            inside = True
            states.append(2)
        elif text in CLOSING_QUOTES:
            inside = False
            states.append(2)
        elif text in STRAIGHT_QUOTES:
            inside = not inside
            states.append(2)
        else:
            states.append(1 if inside else 0)
    return states


def _bucket(distance: int) -> str:
    if distance <= 0:
        return "0"
    if distance == 1:
        return "1"
    if distance <= 3:
        return "2-3"
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    return "13+"


def _ratio_bucket(ratio: float) -> str:
    if ratio <= 0.0:
        return "0"
    if ratio < 0.05:
        return "<5"
    if ratio < 0.15:
        return "<15"
    if ratio < 0.3:
        return "<30"
    if ratio < 0.6:
        return "<60"
    return "60+"


_QUOTE_STATE = ("0", "1", "2")  # quote_states' values as text


def governing_cue(
    i: int, heads: Sequence[int], deps: Sequence[str], marked: Sequence[bool]
) -> tuple[int, str, int] | None:
    """The nearest marked ancestor of token ``i``: (index, dep of the path's child, depth)."""
    child = i
    node = heads[i]
    depth = 1
    while node != child and depth <= MAX_TREE_CLIMB:
        if marked[node]:
            return node, deps[child], depth
        child, node = node, heads[node]
        depth += 1
    return None


def _child_deps(arrays: TokenLists) -> list[set[str]]:
    deps: list[set[str]] = [set() for _ in arrays.head]
    for i, head in enumerate(arrays.head):
        if head != i:
            deps[head].add(arrays.dep[i])
            text = arrays.text[i]
            if text in OPENING_QUOTES or text in CLOSING_QUOTES or text in STRAIGHT_QUOTES:
                deps[head].add(QUOTE_CHILD)
    return deps


def _argument_edges(
    doc: Doc, arrays: TokenLists, likely: Sequence[bool], names: FeatureNames[T]
) -> list[list[T]]:
    """Marks on the first and last token of each argument subtree of a likely cue.

    Gold sources and contents mostly are whole subtrees ("that taxes will
    rise", "the senator from Ohio"), so their edges are where spans start and end.
    """
    marks: list[list[T]] = [[] for _ in arrays.head]
    edge_start, edge_end = names.edge_start, names.edge_end
    for i, head in enumerate(arrays.head):
        if head != i and likely[head]:
            token = doc[i]
            marks[token.left_edge.i].append(edge_start[arrays.dep[i]])
            marks[token.right_edge.i].append(edge_end[arrays.dep[i]])
    return marks


def _subject_kinds(arrays: TokenLists) -> list[str]:
    """What kind of subject each token governs: an entity type, a pronoun, a noun, or ''."""
    kinds = [""] * len(arrays.head)
    for i, head in enumerate(arrays.head):
        if head != i and arrays.dep[i] in ("nsubj", "nsubjpass"):
            if arrays.ent[i]:
                kinds[head] = arrays.ent[i]
            elif arrays.pos[i] == "PRON":
                kinds[head] = "PRON:" + arrays.lower[i]
            else:
                kinds[head] = arrays.pos[i]
    return kinds


def sequence_features(
    doc: Doc, lexicon: CueLexicon, clusters: WordClusters | None = None
) -> list[TokenSequence[str]]:
    """Features for every paragraph of ``doc`` (a CRF sequence each), as strings."""
    return _sequences(doc, lexicon, clusters, FEATURE_STRINGS)


def sequence_rows(
    doc: Doc, lexicon: CueLexicon, clusters: WordClusters | None, rows: FeatureNames[int]
) -> list[TokenSequence[int]]:
    """The same features as :func:`sequence_features`, in the same order, each as its
    row in a model's weights (``rows``, from :func:`feature_rows`)."""
    return _sequences(doc, lexicon, clusters, rows)


@dataclass(frozen=True, slots=True)
class _DocColumns(Generic[T]):
    """What every paragraph's features read of the whole Doc, by Doc token index,
    computed once per Doc."""

    arrays: TokenLists
    buckets: list[str]  # each token's bucketed cue share (its own, as a head, as a governor)
    likely: list[bool]  # a likely cue by the lexicon
    weak_cue: list[bool]  # a cue at least now and then
    child_deps: list[set[str]]
    subject_kind: list[str]
    edges: list[list[T]]  # marks on the edges of a likely cue's arguments
    word_class: list[int] | None


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """One paragraph's columns by position in it (``ids[k]`` is position k's Doc index)."""

    ids: tuple[int, ...]
    index: int  # the paragraph's number in the Doc: the first one reads as a title
    words: list[str]
    tags: list[str]
    deps: list[str]
    shares: list[str]  # bucketed cue shares
    marks: list[str]  # quote states as text (:func:`quote_states`)
    sentence_of: list[int]  # the sentence number within the paragraph


def _sequences(
    doc: Doc, lexicon: CueLexicon, clusters: WordClusters | None, names: FeatureNames[T]
) -> list[TokenSequence[T]]:
    arrays = token_table(doc).lists
    likely = [lexicon.is_likely_cue(lemma) for lemma in arrays.lemma]
    # each lemma's share bucketed once, though each token's is read many times
    share_of = {lemma: _ratio_bucket(lexicon.ratio(lemma)) for lemma in set(arrays.lemma)}
    columns = _DocColumns(
        arrays=arrays,
        buckets=[share_of[lemma] for lemma in arrays.lemma],
        likely=likely,
        weak_cue=[lexicon.ratio(lemma) >= WEAK_CUE_RATIO for lemma in arrays.lemma],
        child_deps=_child_deps(arrays),
        subject_kind=_subject_kinds(arrays),
        edges=_argument_edges(doc, arrays, likely, names),
        word_class=clusters.assign(doc) if clusters is not None else None,
    )
    paragraphs = _paragraphs(arrays.text, arrays.whitespace, arrays.is_space)
    return [
        TokenSequence(ids, _paragraph_features(_paragraph(ids, index, columns), columns, names))
        for index, ids in enumerate(paragraphs)
    ]


def _paragraph(ids: tuple[int, ...], index: int, columns: _DocColumns[T]) -> _Paragraph:
    arrays = columns.arrays
    sentence_of: list[int] = []
    sentence = 0
    for k, i in enumerate(ids):
        if k > 0 and arrays.sent_start[i]:
            sentence += 1
        sentence_of.append(sentence)
    return _Paragraph(
        ids=ids,
        index=index,
        words=[arrays.lower[i] for i in ids],
        tags=[arrays.tag[i] for i in ids],
        deps=[arrays.dep[i] for i in ids],
        shares=[columns.buckets[i] for i in ids],
        marks=[_QUOTE_STATE[q] for q in quote_states([arrays.text[i] for i in ids])],
        sentence_of=sentence_of,
    )


def _paragraph_features(
    paragraph: _Paragraph, columns: _DocColumns[T], names: FeatureNames[T]
) -> tuple[tuple[T, ...], ...]:
    """Each token's features: its own, then its place in the tree, in the quotes and
    sentences, then its neighbours'. Each family is one pass over the paragraph (these
    loops run for every token of every Doc: a pass keeps the families it reads in local
    names, and a token's features stay in the order the model was trained on)."""
    features = _own_features(paragraph, columns, names)
    _add_tree_features(features, paragraph, columns, names)
    _add_place_features(features, paragraph, columns, names)
    _add_neighbour_features(features, paragraph, names)
    return tuple(map(tuple, features))


def _own_features(
    paragraph: _Paragraph, columns: _DocColumns[T], names: FeatureNames[T]
) -> list[list[T]]:
    """The token's word, lemma, tag, dependency, shape, entity and cue share, and its head's."""
    bias = names.flag["b"]
    word_names, lemma_names, tag_names = names.word, names.lemma, names.tag
    dep_names, shape_names, suffix_names = names.dep, names.shape, names.suffix
    entity_names, tag_dep, share = names.entity, names.tag_dep, names.share
    head_lemma, head_pos_dep, head_share = names.head_lemma, names.head_pos_dep, names.head_share
    arrays, buckets = columns.arrays, columns.buckets
    heads, lemmas, shapes, ents, pos = (
        arrays.head,
        arrays.lemma,
        arrays.shape,
        arrays.ent,
        arrays.pos,
    )
    return [
        [
            bias,
            word_names[lower],
            lemma_names[lemmas[i]],
            tag_names[tag],
            dep_names[dep],
            shape_names[shapes[i][:4]],
            suffix_names[lower[-3:]],
            entity_names[ents[i]],
            tag_dep[tag][dep],
            share[buckets[i]],
            head_lemma[lemmas[heads[i]]],
            head_pos_dep[pos[heads[i]]][dep],
            head_share[buckets[heads[i]]],
        ]
        for i, lower, tag, dep in zip(
            paragraph.ids, paragraph.words, paragraph.tags, paragraph.deps, strict=True
        )
    ]


def _add_tree_features(
    features: list[list[T]],
    paragraph: _Paragraph,
    columns: _DocColumns[T],
    names: FeatureNames[T],
) -> None:
    """The token's arguments and subject, the likely cue above it, the weak cue above
    it, and whether it starts or ends an argument of a likely cue."""
    kid_names, cue_kid, lemma_kid = names.kid, names.cue_kid, names.lemma_kid
    subject_names, governor, governor_side = names.subject, names.governor, names.governor_side
    governor_depth, governor_lemma = names.governor_depth, names.governor_lemma
    weak_governor = names.weak_governor
    no_governor, quote_kid = governor["none"], kid_names["quote"]
    likely, weak_cue, buckets = columns.likely, columns.weak_cue, columns.buckets
    child_deps, subject_kind, edges = columns.child_deps, columns.subject_kind, columns.edges
    heads, all_deps, lemmas = columns.arrays.head, columns.arrays.dep, columns.arrays.lemma
    for feats, i in zip(features, paragraph.ids, strict=True):
        # the token's own arguments: a verb with a clausal complement, a quotation
        # or a personal subject reads as a cue even when its lemma is rare
        kids = child_deps[i]
        if kids:
            is_likely = likely[i]
            for kid in KID_DEPS:
                if kid in kids:
                    if is_likely:
                        feats += [kid_names[kid], cue_kid[kid], lemma_kid[lemmas[i]][kid]]
                    else:
                        feats.append(kid_names[kid])
            if QUOTE_CHILD in kids:
                feats.append(quote_kid)
        subject = subject_kind[i]
        if subject:
            feats.append(subject_names[subject])
        governing = governing_cue(i, heads, all_deps, likely)
        if governing is None:
            feats.append(no_governor)
        else:
            cue, rel, depth = governing
            feats += [
                governor[rel],
                governor_side[rel + ("L" if i < cue else "R")],
                governor_depth[rel + _bucket(depth)],
                governor_lemma[rel][lemmas[cue]],
            ]
        # the nearest ancestor that is a cue at least now and then, with how often
        weak = governing_cue(i, heads, all_deps, weak_cue)
        if weak is not None:
            feats.append(weak_governor[weak[1]][buckets[weak[0]]])
        feats += edges[i]


def _add_place_features(
    features: list[list[T]],
    paragraph: _Paragraph,
    columns: _DocColumns[T],
    names: FeatureNames[T],
) -> None:
    """Where the token stands: in or out of quotes, how far the likely cues on each side
    are, title or body, in a sentence with a quote mark, in an entity, its word class
    and its neighbours', and whether it starts or ends its sentence."""
    ids, tags, marks, sentence_of = (
        paragraph.ids,
        paragraph.tags,
        paragraph.marks,
        paragraph.sentence_of,
    )
    n = len(ids)
    last = n - 1
    left_cue = _nearest_cue_distances(ids, sentence_of, columns.likely, range(n))
    right_cue = _nearest_cue_distances(ids, sentence_of, columns.likely, range(n - 1, -1, -1))
    sentence_quoted = {sentence_of[k] for k in range(n) if marks[k] == _QUOTE_STATE[2]}
    quote, quote_tag, left, right = names.quote, names.quote_tag, names.left_cue, names.right_cue
    para = names.paragraph["title" if paragraph.index == 0 else "body"]
    quoted_sentence = names.flag["sq"]
    sent_start, sent_end = names.flag["sent_start"], names.flag["sent_end"]
    ent_iob, word_class = columns.arrays.ent_iob, columns.word_class
    for k, (feats, i) in enumerate(zip(features, ids, strict=True)):
        mark = marks[k]
        feats += [
            quote[mark],
            quote_tag[mark][tags[k]],
            left[left_cue[k]],
            right[right_cue[k]],
            para,
        ]
        sentence = sentence_of[k]
        if sentence in sentence_quoted:
            feats.append(quoted_sentence)
        if ent_iob[i]:
            feats.append(names.iob[ent_iob[i]])
        if word_class is not None:
            feats.append(names.word_class[word_class[i]])
            if k > 0:
                feats.append(names.word_class_before[word_class[ids[k - 1]]])
            if k < last:
                feats.append(names.word_class_after[word_class[ids[k + 1]]])
        if k == 0 or sentence != sentence_of[k - 1]:
            feats.append(sent_start)
        if k == last or sentence != sentence_of[k + 1]:
            feats.append(sent_end)


def _add_neighbour_features(
    features: list[list[T]], paragraph: _Paragraph, names: FeatureNames[T]
) -> None:
    """The words, tags, quote states and cue shares up to two tokens away, and the word
    and tag bigrams and dependencies on each side."""
    words, tags, deps = paragraph.words, paragraph.tags, paragraph.deps
    marks, shares = paragraph.marks, paragraph.shares
    word_before2, word_before1, word_after1, word_after2 = names.neighbour_word
    tag_before2, tag_before1, tag_after1, tag_after2 = names.neighbour_tag
    quote_before2, quote_before1, quote_after1, quote_after2 = names.neighbour_quote
    share_before2, share_before1, share_after1, share_after2 = names.neighbour_share
    neighbours = list(
        zip(
            (offset for offset, _name in WINDOW_OFFSETS),
            names.neighbour_word,
            names.neighbour_tag,
            names.neighbour_quote,
            names.neighbour_share,
            strict=True,
        )
    )
    n = len(features)
    last = n - 1
    for k, feats in enumerate(features):
        if 2 <= k <= last - 2:
            # the common case, unrolled: every neighbour within two tokens exists
            feats += [
                word_before2[words[k - 2]],
                tag_before2[tags[k - 2]],
                quote_before2[marks[k - 2]],
                share_before2[shares[k - 2]],
                word_before1[words[k - 1]],
                tag_before1[tags[k - 1]],
                quote_before1[marks[k - 1]],
                share_before1[shares[k - 1]],
                word_after1[words[k + 1]],
                tag_after1[tags[k + 1]],
                quote_after1[marks[k + 1]],
                share_after1[shares[k + 1]],
                word_after2[words[k + 2]],
                tag_after2[tags[k + 2]],
                quote_after2[marks[k + 2]],
                share_after2[shares[k + 2]],
            ]
        else:
            for offset, word_at, tag_at, quote_at, share_at in neighbours:
                j = k + offset
                if 0 <= j < n:
                    feats += [
                        word_at[words[j]],
                        tag_at[tags[j]],
                        quote_at[marks[j]],
                        share_at[shares[j]],
                    ]
                else:
                    feats.append(word_at["<pad>"])
        if k > 0:
            feats += [
                names.word_bigram_before[words[k - 1]][words[k]],
                names.tag_bigram_before[tags[k - 1]][tags[k]],
                names.dep_before[deps[k - 1]],
            ]
        if k < last:
            feats += [
                names.word_bigram_after[words[k]][words[k + 1]],
                names.tag_bigram_after[tags[k]][tags[k + 1]],
                names.dep_after[deps[k + 1]],
            ]


def _nearest_cue_distances(
    ids: Sequence[int], sent_of: Sequence[int], likely: Sequence[bool], order: Iterable[int]
) -> list[str]:
    """Bucketed distance to the last likely cue met walking ``order`` within the sentence."""
    result = ["none"] * len(ids)
    last: int | None = None
    last_sent = -1
    for k in order:
        if sent_of[k] != last_sent:
            last, last_sent = None, sent_of[k]
        if last is not None:
            result[k] = _bucket(abs(k - last))
        if likely[ids[k]]:
            last = k
    return result
