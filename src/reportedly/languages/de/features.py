"""Token features of the German attribution tagger (a linear-chain CRF).

Each token gets strings ``name=value`` (python-crfsuite's attribute form): its word
and shape, whether it is a quotation mark and whether it stands inside a quotation,
cue-lexicon membership, Konjunktiv I by form, the source prepositions ("laut",
"zufolge", "nach Angaben"), what its sentence holds, and the same for its
neighbours. The rules of :mod:`.rules` read the same quotation states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import (
    AMBIGUOUS_MARKS,
    CLOSER_OF,
    OPENING_MARKS,
    QUOTE_MARKS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SOURCE_PREPOSITIONS,
    THIRD_PERSON,
    cue_lexicon,
    is_subjunctive,
)
from .tokens import Token

__all__ = ["QuoteState", "document_features", "quote_states"]

_GERMAN_CLOSERS = {"„": {"“", '"', "”"}, "“": {"”", "“"}}


@dataclass(frozen=True, slots=True)
class QuoteState:
    inside: bool  # between an opening mark and its closing mark (or the paragraph's end)
    mark: str  # "open", "close" or "" (not a quotation mark)


def quote_states(tokens: Sequence[Token]) -> list[QuoteState]:
    """Which tokens are quotation marks (opening or closing) and which stand inside a
    quotation; an unclosed quotation ends with its paragraph."""
    states: list[QuoteState] = []
    stack: list[str] = []
    paragraph = -1
    for token in tokens:
        if token.paragraph != paragraph:
            stack, paragraph = [], token.paragraph
        word = token.text
        if word not in QUOTE_MARKS or word in {"'", "’"}:
            states.append(QuoteState(bool(stack), ""))
            continue
        top = stack[-1] if stack else None
        closes = top is not None and (
            word == CLOSER_OF.get(top) or word in _GERMAN_CLOSERS.get(top, ())
        )
        if closes:
            stack.pop()
            states.append(QuoteState(True, "close"))
        elif word in OPENING_MARKS or word in AMBIGUOUS_MARKS:
            stack.append(word)
            states.append(QuoteState(True, "open"))
        else:  # a closing mark with no opening one
            states.append(QuoteState(bool(stack), "close"))
    return states


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word[:1].isupper():
        return "X" if word.isupper() and len(word) > 1 else "Xx"
    if word[:1].islower():
        return "x"
    return "p"


def _token_flags(tokens: Sequence[Token], states: Sequence[QuoteState]) -> list[dict[str, str]]:
    cues = cue_lexicon()
    flags: list[dict[str, str]] = []
    for i, token in enumerate(tokens):
        word, lower = token.text, token.text.lower()
        previous = tokens[i - 1].text if i else None
        flag = {"w": lower, "shape": _shape(word)}
        if lower in cues:
            flag["cue"] = cues[lower]
        if is_subjunctive(word, previous):
            flag["konj"] = "1"
        if lower in SOURCE_PREPOSITIONS:
            flag["srcprep"] = lower
        if lower in SOURCE_NOUNS:
            flag["srcnoun"] = "1"
        if lower in ROLE_NOUNS:
            flag["role"] = "1"
        if lower in THIRD_PERSON:
            flag["pron"] = "1"
        if states[i].mark:
            flag["mark"] = states[i].mark
        elif states[i].inside:
            flag["in"] = "1"
        flags.append(flag)
    return flags


def _sentence_summary(
    tokens: Sequence[Token], flags: Sequence[dict[str, str]]
) -> dict[int, set[str]]:
    """What each sentence holds: a quotation mark, a cue, a Konjunktiv, a source
    preposition, a colon."""
    held: dict[int, set[str]] = {}
    for token, flag in zip(tokens, flags, strict=True):
        found = held.setdefault(token.sentence, set())
        for key in ("cue", "konj", "srcprep", "mark", "in"):
            if key in flag:
                found.add(key)
        if token.text == ":":
            found.add("colon")
    return held


_CLAUSE_BREAKS = frozenset({",", ":", ";", "–", "-", "(", ")"})


def _clause_features(tokens: Sequence[Token], flags: Sequence[dict[str, str]]) -> list[list[str]]:
    """Where a token's clause (comma-delimited piece of its sentence) stands to the
    sentence's cue clause, and what the clause holds: an indirect quote is the clause
    next to the one with "sagte", with a Konjunktiv or "dass" in it."""
    clause_of: list[int] = []
    clause = 0
    for i, token in enumerate(tokens):
        if i and (token.sentence != tokens[i - 1].sentence or tokens[i - 1].text in _CLAUSE_BREAKS):
            clause += 1
        clause_of.append(clause)
    held: dict[int, set[str]] = {}
    first: dict[int, str] = {}
    for i, flag in enumerate(flags):
        found = held.setdefault(clause_of[i], set())
        first.setdefault(clause_of[i], flag["w"])
        for key in ("cue", "konj", "srcprep", "role", "pron"):
            if key in flag:
                found.add(key)
    cue_clauses: dict[int, list[int]] = {}
    for i, token in enumerate(tokens):
        if "cue" in held[clause_of[i]] or "srcprep" in held[clause_of[i]]:
            cue_clauses.setdefault(token.sentence, []).append(clause_of[i])
    features = []
    for i, token in enumerate(tokens):
        mine = clause_of[i]
        attrs = [f"cl_{key}" for key in sorted(held[mine])]
        if first[mine] in {"dass", "ob", "wie", "weil", "da"}:
            attrs.append(f"cl_first={first[mine]}")
        near = cue_clauses.get(token.sentence)
        if near:
            gap = min(near, key=lambda c: abs(c - mine)) - mine
            attrs.append(f"cl_to_cue={max(-2, min(2, gap))}")
        else:
            attrs.append("cl_to_cue=none")
        features.append(attrs)
    return features


def _bucket(distance: int) -> str:
    """A signed token distance in a few buckets: 1, 2, 3-5, 6-12, farther."""
    size = abs(distance)
    name = (
        "1"
        if size <= 1
        else "2"
        if size == 2
        else "3"
        if size <= 5
        else "6"
        if size <= 12
        else "far"
    )
    return ("-" if distance < 0 else "+") + name


def _word_features(word: str) -> list[str]:
    lower = word.lower()
    attrs = [f"suf2={lower[-2:]}", f"suf4={lower[-4:]}", f"pre3={lower[:3]}"]
    if len(lower) > 4 and lower.endswith(ROLE_HEADS):
        attrs.append("rolehead")
    if lower.startswith("ge") and lower.endswith(("t", "en")) and len(lower) > 5:
        attrs.append("participle")
    return attrs


def _context_features(
    tokens: Sequence[Token], flags: Sequence[dict[str, str]], held: dict[int, set[str]]
) -> list[list[str]]:
    """Where a token stands to its sentence's nearest cue, and what the sentences
    before and after it hold (free indirect speech goes on after a cue sentence; a
    speaker is named in the sentence before a quotation)."""
    cue_at: dict[int, list[int]] = {}
    konj: dict[int, int] = {}
    dass: set[int] = set()
    for i, (token, flag) in enumerate(zip(tokens, flags, strict=True)):
        if "cue" in flag or "srcprep" in flag:
            cue_at.setdefault(token.sentence, []).append(i)
        if "konj" in flag:
            konj[token.sentence] = konj.get(token.sentence, 0) + 1
        if flag["w"] == "dass":
            dass.add(token.sentence)
    paragraph_of = {t.sentence: t.paragraph for t in tokens}
    features: list[list[str]] = []
    for i, token in enumerate(tokens):
        sentence = token.sentence
        attrs = _word_features(token.text)
        near = cue_at.get(sentence)
        attrs.append(
            f"cuedist={_bucket(min(near, key=lambda j: abs(j - i)) - i)}"
            if near
            else "cuedist=none"
        )
        attrs.append(f"sent_konjn={min(konj.get(sentence, 0), 3)}")
        if sentence in dass:
            attrs.append("sent_dass")
        for side, other in (("prev", sentence - 1), ("next", sentence + 1)):
            if paragraph_of.get(other) != token.paragraph:
                attrs.append(f"{side}_none")
                continue
            attrs += [f"{side}_{key}" for key in sorted(held.get(other, ()))]
        features.append(attrs)
    return features


def document_features(tokens: Sequence[Token]) -> list[list[str]]:
    """The CRF attributes of every token of one document."""
    states = quote_states(tokens)
    flags = _token_flags(tokens, states)
    held = _sentence_summary(tokens, flags)
    clauses = _clause_features(tokens, flags)
    context = _context_features(tokens, flags, held)
    sentence_start = 0
    features: list[list[str]] = []
    for i, token in enumerate(tokens):
        if i and token.sentence != tokens[i - 1].sentence:
            sentence_start = i
        flag = flags[i]
        word = token.text
        position = i - sentence_start
        attrs = [f"{k}={v}" for k, v in flag.items()] + clauses[i] + context[i]
        attrs += [
            f"suf3={word[-3:].lower()}",
            f"pos={min(position, 4)}",
            *(f"sent_{key}" for key in sorted(held[token.sentence])),
        ]
        if flag.get("shape") == "Xx" and position > 0:
            attrs.append("title_mid")
        for offset in (-3, -2, -1, 1, 2, 3):
            j = i + offset
            if not 0 <= j < len(tokens) or tokens[j].sentence != token.sentence:
                attrs.append(f"{offset}:edge")
                continue
            other = flags[j]
            if abs(offset) <= 2:
                attrs.append(f"{offset}:w={other['w']}")
            attrs.append(f"{offset}:shape={other['shape']}")
            for key in ("cue", "konj", "srcprep", "mark", "role", "srcnoun"):
                if key in other:
                    attrs.append(f"{offset}:{key}")
        attrs.append(f"w-1w={flags[i - 1]['w'] if i else '^'}|{flag['w']}")
        features.append(attrs)
    return features
