"""Features of the tagger's second pass (stacking).

The first CRF knows cues only through the lexicon: a "likely cue" is a lemma,
wherever it stands. The second CRF reads every first-pass feature plus what the
first pass found, so its tree and distance features hang off the cues actually
found ("noted", "pointed to", "is expected to"), and each token knows how sure
the first pass was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..nlp.tokens import token_table
from .features import NamePairs, Names, TokenSequence, governing_cue


@dataclass(frozen=True, slots=True)
class FirstPass:
    """What the first CRF said about one token: its label and the marginal
    probabilities of being in a cue, a source and a content (0.0 stands for any value
    under :data:`FIRST_PASS_FLOOR`, which the second pass reads as the same bucket)."""

    label: str
    cue: float
    source: float
    content: float


NO_FIRST_PASS = FirstPass("O", 0.0, 0.0, 0.0)


# the second pass's lowest marginal bucket: below it, a role's marginal is "0"
FIRST_PASS_FLOOR = 0.05


def _probability_bucket(p: float) -> str:
    if p < FIRST_PASS_FLOOR:
        return "0"
    if p < 0.2:
        return "<20"
    if p < 0.5:
        return "<50"
    if p < 0.8:
        return "<80"
    return "80+"


def _gap_bucket(distance: int) -> str:
    if distance == 1:
        return "1"
    if distance <= 3:
        return "2-3"
    if distance <= 8:
        return "4-8"
    return "9+"


def second_pass_features(
    doc: Doc, sequences: Sequence[TokenSequence[str]], first: Mapping[int, FirstPass]
) -> list[TokenSequence[str]]:
    """``sequences`` (the first pass's features) with what the first pass found
    added to every token; ``first`` maps Doc token indices to the first pass's view."""
    return [
        TokenSequence(
            sequence.token_ids,
            tuple(
                features + tuple(extra)
                for features, extra in zip(sequence.features, additions, strict=True)
            ),
        )
        for sequence, additions in zip(
            sequences, second_pass_additions(doc, sequences, first), strict=True
        )
    ]


def second_pass_additions(
    doc: Doc, sequences: Sequence[TokenSequence[Any]], first: Mapping[int, FirstPass]
) -> list[list[list[str]]]:
    """What :func:`second_pass_features` adds to each token of each sequence, alone:
    the tagger scores the first pass's features once for both CRFs."""
    lists = token_table(doc).lists
    heads, deps, sentence_of = lists.head, lists.dep, lists.sentence
    found_cue = [first.get(i, NO_FIRST_PASS).label.endswith("CUE") for i in range(len(doc))]
    result: list[list[list[str]]] = []
    for sequence in sequences:
        ids = sequence.token_ids
        n = len(ids)
        views = [first.get(i, NO_FIRST_PASS) for i in ids]
        labels = [view.label for view in views]
        # what each token gets on top of its first-pass features
        rows: list[list[str]] = []
        last = n - 1
        for k, i in enumerate(ids):
            view = views[k]
            label = view.label
            if view.cue == view.source == view.content == 0.0:
                extra = [_LABEL[label], *_NOTHING_LIKELY]
            else:
                extra = [
                    _LABEL[label],
                    _CUE_BUCKETS[_probability_bucket(view.cue)],
                    _SOURCE_BUCKETS[_probability_bucket(view.source)],
                    _CONTENT_BUCKETS[_probability_bucket(view.content)],
                ]
            if 2 <= k <= last - 2:
                extra += [
                    _NEIGHBOUR_LABEL[-2][labels[k - 2]],
                    _NEIGHBOUR_LABEL[-1][labels[k - 1]],
                    _NEIGHBOUR_LABEL[1][labels[k + 1]],
                    _NEIGHBOUR_LABEL[2][labels[k + 2]],
                ]
            else:
                for offset, neighbour in _NEIGHBOUR_LABEL.items():
                    if 0 <= k + offset < n:
                        extra.append(neighbour[labels[k + offset]])
            if k > 0:
                extra.append(_LABEL_BEFORE[labels[k - 1]][label])
            if k < last:
                extra.append(_LABEL_AFTER[label][labels[k + 1]])
            governing = governing_cue(i, heads, deps, found_cue)
            if governing is None:
                extra.append("pg=none")
            else:
                cue, rel, _depth = governing
                extra += ["pg=" + rel, "pg|s=" + rel + ("L" if i < cue else "R")]
            rows.append(extra)
        position = {i: k for k, i in enumerate(ids)}
        # the edges of each argument subtree of a found cue
        for i in ids:
            head = heads[i]
            if head != i and found_cue[head] and not found_cue[i]:
                token = doc[i]
                for edge, mark in ((token.left_edge.i, "pas="), (token.right_edge.i, "pae=")):
                    if edge in position:
                        rows[position[edge]].append(mark + deps[i])
        # how far the nearest found cue is, on each side, within the sentence
        for order, name in ((range(n), "plc="), (range(n - 1, -1, -1), "prc=")):
            last_cue: int | None = None
            last_sentence = -1
            for k in order:
                i = ids[k]
                if sentence_of[i] != last_sentence:
                    last_cue, last_sentence = None, sentence_of[i]
                if last_cue is not None:
                    rows[k].append(name + _gap_bucket(abs(k - last_cue)))
                if found_cue[i]:
                    last_cue = k
        result.append(rows)
    return result


# every feature string of the second pass is made once per distinct value and then
# reused (features.Names): few labels and buckets, and a reused string keeps its
# hash for the model's lookup
_LABEL = Names("p1=", str)
# the first pass's labels read from the neighbours, by offset
_NEIGHBOUR_LABEL = {
    -2: Names("p1-2=", str),
    -1: Names("p1-1=", str),
    1: Names("p1+1=", str),
    2: Names("p1+2=", str),
}
# the label pairs with the previous and with the next token's label
_LABEL_BEFORE = NamePairs("p1-1|p1=", str)
_LABEL_AFTER = NamePairs("p1|p1+1=", str)
_CUE_BUCKETS = Names("pc=", str)
_SOURCE_BUCKETS = Names("ps=", str)
_CONTENT_BUCKETS = Names("pn=", str)
# a token the first pass is sure lies outside every span (most tokens)
_NOTHING_LIKELY = ("pc=0", "ps=0", "pn=0")
