"""Features of the tagger's second pass (stacking).

The first CRF knows cues only through the lexicon: a "likely cue" is a lemma,
wherever it stands. The second CRF reads every first-pass feature plus what the
first pass found, so its tree and distance features hang off the cues actually
found ("noted", "pointed to", "is expected to"), and each token knows how sure
the first pass was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from spacy.tokens import Doc

from ..nlp.tokens import token_table
from .feature_names import NameBudget, NamePairs, Names, T, row_lookup
from .features import TokenSequence, governing_cue


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
    """What :func:`second_pass_features` adds to each token of each sequence, alone
    (the tagger reads them as rows: :func:`second_pass_rows`)."""
    return _additions(doc, sequences, first, ADDITION_STRINGS)


def second_pass_rows(
    doc: Doc,
    sequences: Sequence[TokenSequence[Any]],
    first: Mapping[int, FirstPass],
    rows: AdditionNames[int],
) -> list[list[list[int]]]:
    """:func:`second_pass_additions` named by their rows in a model's weights
    (``rows``, from :func:`addition_rows`), in the same order."""
    return _additions(doc, sequences, first, rows)


def _additions(
    doc: Doc,
    sequences: Sequence[TokenSequence[Any]],
    first: Mapping[int, FirstPass],
    names: AdditionNames[T],
) -> list[list[list[T]]]:
    """What each token of each sequence gets on top of its first-pass features: the
    first pass's view of it and around it, then the edges of the found cues' arguments,
    then the distances to the found cues (the order the second CRF was trained on)."""
    lists = token_table(doc).lists
    found_cue = [first.get(i, NO_FIRST_PASS).label.endswith("CUE") for i in range(len(doc))]
    result: list[list[list[T]]] = []
    for sequence in sequences:
        ids = sequence.token_ids
        rows = _first_pass_view_rows(ids, first, found_cue, lists.head, lists.dep, names)
        _add_found_argument_edges(rows, doc, ids, found_cue, lists.head, lists.dep, names)
        _add_found_cue_gaps(rows, ids, found_cue, lists.sentence, names)
        result.append(rows)
    return result


def _first_pass_view_rows(
    ids: tuple[int, ...],
    first: Mapping[int, FirstPass],
    found_cue: Sequence[bool],
    heads: Sequence[int],
    deps: Sequence[str],
    names: AdditionNames[T],
) -> list[list[T]]:
    """Each token's first-pass label and marginals, the labels around it, and the found
    cue above it in the tree."""
    label_names, cue_buckets = names.label, names.cue
    source_buckets, content_buckets = names.source, names.content
    # a token the first pass is sure lies outside every span (most tokens)
    no_cue, no_source, no_content = cue_buckets["0"], source_buckets["0"], content_buckets["0"]
    before2, before1, after1, after2 = names.neighbour_label
    neighbours = list(zip((-2, -1, 1, 2), names.neighbour_label, strict=True))
    label_before, label_after = names.label_before, names.label_after
    governor, governor_side = names.governor, names.governor_side
    no_governor = governor["none"]
    n = len(ids)
    views = [first.get(i, NO_FIRST_PASS) for i in ids]
    labels = [view.label for view in views]
    rows: list[list[T]] = []
    last = n - 1
    for k, i in enumerate(ids):
        view = views[k]
        label = view.label
        if view.cue == view.source == view.content == 0.0:
            extra = [label_names[label], no_cue, no_source, no_content]
        else:
            extra = [
                label_names[label],
                cue_buckets[_probability_bucket(view.cue)],
                source_buckets[_probability_bucket(view.source)],
                content_buckets[_probability_bucket(view.content)],
            ]
        if 2 <= k <= last - 2:
            extra += [
                before2[labels[k - 2]],
                before1[labels[k - 1]],
                after1[labels[k + 1]],
                after2[labels[k + 2]],
            ]
        else:
            for offset, neighbour in neighbours:
                if 0 <= k + offset < n:
                    extra.append(neighbour[labels[k + offset]])
        if k > 0:
            extra.append(label_before[labels[k - 1]][label])
        if k < last:
            extra.append(label_after[label][labels[k + 1]])
        governing = governing_cue(i, heads, deps, found_cue)
        if governing is None:
            extra.append(no_governor)
        else:
            cue, rel, _depth = governing
            extra += [governor[rel], governor_side[rel + ("L" if i < cue else "R")]]
        rows.append(extra)
    return rows


def _add_found_argument_edges(
    rows: list[list[T]],
    doc: Doc,
    ids: tuple[int, ...],
    found_cue: Sequence[bool],
    heads: Sequence[int],
    deps: Sequence[str],
    names: AdditionNames[T],
) -> None:
    """Marks on the first and last token of each argument subtree of a found cue."""
    position = {i: k for k, i in enumerate(ids)}
    for i in ids:
        head = heads[i]
        if head != i and found_cue[head] and not found_cue[i]:
            token = doc[i]
            for edge, marks in (
                (token.left_edge.i, names.edge_start),
                (token.right_edge.i, names.edge_end),
            ):
                if edge in position:
                    rows[position[edge]].append(marks[deps[i]])


def _add_found_cue_gaps(
    rows: list[list[T]],
    ids: tuple[int, ...],
    found_cue: Sequence[bool],
    sentence_of: Sequence[int],
    names: AdditionNames[T],
) -> None:
    """How far the nearest found cue is, on each side, within the sentence."""
    n = len(ids)
    for order, gaps in ((range(n), names.left_cue), (range(n - 1, -1, -1), names.right_cue)):
        last_cue: int | None = None
        last_sentence = -1
        for k in order:
            i = ids[k]
            if sentence_of[i] != last_sentence:
                last_cue, last_sentence = None, sentence_of[i]
            if last_cue is not None:
                rows[k].append(gaps[_gap_bucket(abs(k - last_cue))])
            if found_cue[i]:
                last_cue = k


@dataclass(frozen=True, slots=True)
class AdditionNames(Generic[T]):
    """Every family of the second pass's additions (see :class:`.feature_names.FeatureNames`):
    the first pass's label, its marginals' buckets, the labels around, the found cue
    above, the edges of its arguments and the distance to it."""

    label: Names[T]
    cue: Names[T]
    source: Names[T]
    content: Names[T]
    neighbour_label: tuple[Names[T], ...]  # at -2, -1, +1, +2
    label_before: NamePairs[T]
    label_after: NamePairs[T]
    governor: Names[T]
    governor_side: Names[T]
    edge_start: Names[T]
    edge_end: Names[T]
    left_cue: Names[T]
    right_cue: Names[T]


def addition_names(make: Callable[[str], T]) -> AdditionNames[T]:
    """Every family, each feature named ``make(feature string)`` (the strings the
    shipped model was trained with)."""
    budget = NameBudget()
    return AdditionNames(
        label=budget.values("p1=", make),
        cue=budget.values("pc=", make),
        source=budget.values("ps=", make),
        content=budget.values("pn=", make),
        neighbour_label=tuple(
            budget.values(f"p1{offset}=", make) for offset in ("-2", "-1", "+1", "+2")
        ),
        label_before=budget.pairs("p1-1|p1=", make),
        label_after=budget.pairs("p1|p1+1=", make),
        governor=budget.values("pg=", make),
        governor_side=budget.values("pg|s=", make),
        edge_start=budget.values("pas=", make),
        edge_end=budget.values("pae=", make),
        left_cue=budget.values("plc=", make),
        right_cue=budget.values("prc=", make),
    )


def addition_rows(rows: Mapping[str, int], unknown: int) -> AdditionNames[int]:
    """Every family named by its row in a model's weights (as :func:`.features.feature_rows`)."""
    return addition_names(row_lookup(rows, unknown))


# the feature strings themselves (training)
ADDITION_STRINGS: AdditionNames[str] = addition_names(str)
