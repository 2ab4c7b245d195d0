"""The German tagger's second pass (stacking): what the first pass found, as features.

The first CRF labels each token from its own window and its sentence's word lists;
it cannot see that the sentence before was labelled a quotation or that a speaker
was found three tokens to the left. The second CRF reads every first-pass feature
plus the first pass's labels and marginals around the token, in its sentence and in
the sentences beside it. It is trained on out-of-fold first-pass output (each
training article labelled by a first pass that did not see it), so that it learns
how far the first pass can be trusted on unseen text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .tokens import Token

__all__ = ["FirstPass", "first_pass", "stacked_features"]

_ROLES = ("Q", "S", "C")


@dataclass(frozen=True, slots=True)
class FirstPass:
    """The first pass's view of one document: a label per token and, per token, the
    marginal probability of each role (quote, speaker, cue)."""

    labels: tuple[str, ...]
    marginals: tuple[tuple[float, float, float], ...]


def first_pass(tagger: Any, features: Sequence[Sequence[str]]) -> FirstPass:
    """Tag one document with a python-crfsuite tagger and read its marginals."""
    if not features:
        return FirstPass((), ())
    labels = tuple(tagger.tag(features))
    known = set(tagger.labels())
    marginals = tuple(
        tuple(
            sum(tagger.marginal(f"{b}-{role}", i) for b in "BI" if f"{b}-{role}" in known)
            for role in _ROLES
        )
        for i in range(len(labels))
    )
    return FirstPass(labels, marginals)  # type: ignore[arg-type]


def _probability(p: float) -> str:
    return "0" if p < 0.05 else "1" if p < 0.3 else "2" if p < 0.7 else "3"


def _gap(distance: int) -> str:
    size = abs(distance)
    name = (
        "0" if size == 0 else "1" if size == 1 else "2" if size <= 3 else "4" if size <= 8 else "9"
    )
    return ("-" if distance < 0 else "+") + name


def _role(label: str) -> str:
    return label[2:] if len(label) > 2 else "O"


def _sentence_summaries(
    tokens: Sequence[Token], roles: Sequence[str]
) -> tuple[dict[int, set[str]], dict[int, int], dict[int, int]]:
    found: dict[int, set[str]] = {}
    quoted: dict[int, int] = {}
    size: dict[int, int] = {}
    for token, role in zip(tokens, roles, strict=True):
        found.setdefault(token.sentence, set()).add(role)
        size[token.sentence] = size.get(token.sentence, 0) + 1
        quoted[token.sentence] = quoted.get(token.sentence, 0) + (role == "Q")
    return found, quoted, size


_REACH = 40  # farther than this, a role counts as absent


def _nearest_of(roles: Sequence[str], tokens: Sequence[Token]) -> dict[str, list[int | None]]:
    """Per role, the signed distance from each token to the nearest other token of
    that role in its sentence within :data:`_REACH` (None: none there; on a tie the
    one to the left)."""
    nearest: dict[str, list[int | None]] = {}
    for role in _ROLES:
        left: list[int | None] = []
        last: int | None = None
        for i, token in enumerate(tokens):
            if last is not None and tokens[last].sentence != token.sentence:
                last = None
            left.append(last)
            if roles[i] == role:
                last = i
        row: list[int | None] = [None] * len(tokens)
        following: int | None = None
        for i in range(len(tokens) - 1, -1, -1):
            if following is not None and tokens[following].sentence != tokens[i].sentence:
                following = None
            options = [
                j - i for j in (left[i], following) if j is not None and abs(j - i) <= _REACH
            ]
            row[i] = min(options, key=abs) if options else None
            if roles[i] == role:
                following = i
        nearest[role] = row
    return nearest


def stacked_features(
    tokens: Sequence[Token], features: Sequence[Sequence[str]], first: FirstPass
) -> list[list[str]]:
    """``features`` (the first pass's) with what the first pass found added."""
    roles = [_role(label) for label in first.labels]
    found, quoted, size = _sentence_summaries(tokens, roles)
    paragraph_of = {t.sentence: t.paragraph for t in tokens}
    nearest = _nearest_of(roles, tokens)
    stacked: list[list[str]] = []
    for i, token in enumerate(tokens):
        sentence = token.sentence
        attrs = list(features[i])
        attrs.append(f"p1={first.labels[i]}")
        attrs += [
            f"m{r}={_probability(p)}" for r, p in zip(_ROLES, first.marginals[i], strict=True)
        ]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            other = roles[j] if 0 <= j < len(tokens) else "^"
            attrs.append(f"{offset}:p1={other}")
        attrs.append(f"p1win={roles[i - 1] if i else '^'}|{roles[i]}")
        attrs += [f"s1_{r}" for r in sorted(found[sentence])]
        share = quoted[sentence] / size[sentence]
        attrs.append(
            f"s1_qshare={'0' if share == 0 else '1' if share < 0.5 else '2' if share < 1 else '3'}"
        )
        for side, other_sentence in (("prev", sentence - 1), ("next", sentence + 1)):
            if paragraph_of.get(other_sentence) != token.paragraph:
                attrs.append(f"{side}1_none")
            else:
                attrs += [f"{side}1_{r}" for r in sorted(found.get(other_sentence, ()))]
        for role in _ROLES:
            distance = nearest[role][i]
            attrs.append(f"d{role}={'none' if distance is None else _gap(distance)}")
        stacked.append(attrs)
    return stacked
