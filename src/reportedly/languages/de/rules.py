"""Rule labels for German when the trained tagger is absent (and its baseline).

- Direct speech: the tokens from an opening quotation mark to its closing one,
  marks included, when they hold four words or more ("„…“", "»…«", "“…”").
- Indirect speech: in a sentence with a cue word, the clause after the comma that
  follows the cue ("…, sagte er, die Lage sei ernst") or before a comma that the cue
  follows ("Die Lage sei ernst, sagte er"), kept when it holds a Konjunktiv I form or
  starts with "dass"; after "laut X" / "X zufolge" the rest of the sentence.
- The cue: the cue word of the sentence; the speaker: a run of capitalised words or
  a pronoun next to the cue (verb-second inversion "sagte Merkel" after it, the
  subject "Merkel sagte" before it).
"""

from __future__ import annotations

from collections.abc import Sequence

from .features import quote_states
from .lexicon import THIRD_PERSON, cue_lexicon, is_subjunctive
from .tokens import Token

__all__ = ["rule_labels"]

_MIN_DIRECT_WORDS = 4
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer"})


def _mark(labels: list[str], start: int, end: int, role: str) -> None:
    if end <= start or any(label != "O" for label in labels[start:end]):
        return
    labels[start] = f"B-{role}"
    for i in range(start + 1, end):
        labels[i] = f"I-{role}"


def _direct(tokens: Sequence[Token], labels: list[str]) -> None:
    states = quote_states(tokens)
    start = None
    for i, state in enumerate(states):
        if state.mark == "open" and start is None:
            start = i
        elif state.mark == "close" and start is not None:
            words = sum(t.text.isalnum() for t in tokens[start:i])
            if words >= _MIN_DIRECT_WORDS:
                _mark(labels, start, i + 1, "Q")
            start = None


def _speaker_near(tokens: Sequence[Token], cue: int, lo: int, hi: int) -> tuple[int, int] | None:
    """A speaker phrase right after the cue (inversion) or right before it."""

    def run(i: int, step: int) -> tuple[int, int] | None:
        j, named = i, False
        while lo <= j < hi:
            word = tokens[j].text
            if word.lower() in _ARTICLES and not (named and step > 0):
                pass
            elif word[:1].isupper():
                named = True
            else:
                break
            j += step
        if j == i:
            return (i, i + 1) if lo <= i < hi and tokens[i].text.lower() in THIRD_PERSON else None
        return (i, j) if step > 0 else (j + 1, i + 1)

    return run(cue + 1, 1) or run(cue - 1, -1)


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or tokens[i].sentence != tokens[start].sentence:
            bounds.append((start, i))
            start = i
    return bounds


def _indirect(tokens: Sequence[Token], labels: list[str], lo: int, hi: int) -> None:
    cues = cue_lexicon()
    for cue in range(lo, hi):
        lemma = cues.get(tokens[cue].text.lower())
        if lemma is None or labels[cue] != "O":
            continue
        end = hi - 1 if tokens[hi - 1].text in {".", "!", "?"} else hi
        commas = [i for i in range(lo, end) if tokens[i].text == ","]
        after = [i for i in commas if i > cue]
        before = [i for i in commas if i < cue]
        if lemma in {"laut", "zufolge", "gemäß"}:
            quote = (after[0] + 1, end) if after else None
        elif after:
            quote = (after[0] + 1, end)
        elif before:
            quote = (lo, before[-1])
        else:
            continue
        if quote is None or quote[1] - quote[0] < 3:
            continue
        span = tokens[quote[0] : quote[1]]
        if not (
            lemma in {"laut", "zufolge", "gemäß"}
            or span[0].text.lower() == "dass"
            or any(is_subjunctive(t.text, None) for t in span)
        ):
            continue
        _mark(labels, *quote, "Q")
        _mark(labels, cue, cue + 1, "C")
        speaker = _speaker_near(tokens, cue, lo, hi)
        if speaker is not None:
            _mark(labels, *speaker, "S")
        return


def rule_labels(tokens: Sequence[Token]) -> list[str]:
    """BIO labels (Q, S, C) by the rules above."""
    labels = ["O"] * len(tokens)
    _direct(tokens, labels)
    cues = cue_lexicon()
    for lo, hi in _sentences(tokens):
        if any(label != "O" for label in labels[lo:hi]):
            # a sentence with direct speech: its cue and speaker outside the quote
            for i in range(lo, hi):
                if labels[i] == "O" and tokens[i].text.lower() in cues:
                    _mark(labels, i, i + 1, "C")
                    speaker = _speaker_near(tokens, i, lo, hi)
                    if speaker is not None:
                        _mark(labels, *speaker, "S")
                    break
            continue
        _indirect(tokens, labels, lo, hi)
    return labels
