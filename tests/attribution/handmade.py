"""Parsed Docs built by hand, for testing one rule or mender at a time with no model.

A Doc is described by its text and, when the part under test reads the parse, one
row per token (white space tokens are added by themselves)::

    doc = parsed(
        "Critics complain that taxes rose.",
        # word     dep    head      pos    tag  lemma
        "Critics   nsubj  complain  NOUN   NNS  critic",
        "complain  ROOT   -         VERB   VBP",
        "that      mark   rose      SCONJ  IN",
        "taxes     nsubj  rose      NOUN   NNS  tax",
        "rose      ccomp  complain  VERB   VBD  rise",
        ".         punct  complain  PUNCT  .",
    )

A row's head is the word its token hangs from (``-`` for a root); a word written on
more than one row is named by its occurrence, ``said#2``. ``pos``, ``tag`` and
``lemma`` may be left off (``-`` skips one): the lemma is then the word in lower case.
With no rows, the text is split into words and punctuation with no parse, one
sentence per line and per full stop: enough for the parts that read the text alone.
Entities are named by their text: ``ents=[("Sonya Herridge", "PERSON")]`` marks every
place the text holds those words.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from spacy.lang.en import English
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from reportedly.attribution.context import CascadeContext
from reportedly.attribution.menders import MENDERS
from reportedly.attribution.mending import Mender
from reportedly.attribution.quotes import find_direct_quotes, is_scare_quote
from reportedly.attribution.rules import RULES, Rule
from reportedly.records import AttributionSpans, Spans

__all__ = [
    "context",
    "mender",
    "named_in",
    "parsed",
    "parts_of",
    "rule",
    "texts",
    "triple",
    "unparsed",
]


@cache
def _vocab() -> Vocab:
    """English's vocabulary: it knows "." is punctuation and "4" a number (no model)."""
    return English().vocab


_WORD = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]")


def unparsed(text: str, ents: Sequence[tuple[str, str]] = ()) -> Doc:
    """``text`` as words and punctuation, without a parse; a sentence ends at a line
    break and after a full stop, question or exclamation mark."""
    words = [match.group() for match in _WORD.finditer(text)]
    return _doc(text, words, None, ents)


def parsed(text: str, *rows: str, ents: Sequence[tuple[str, str]] = ()) -> Doc:
    """``text`` parsed as ``rows`` say (see the module's docstring)."""
    if not rows:
        raise ValueError("parsed() needs a row per token; unparsed() needs none")
    return _doc(text, [row.split()[0] for row in rows], [row.split() for row in rows], ents)


def _doc(
    text: str, words: list[str], rows: list[list[str]] | None, ents: Sequence[tuple[str, str]]
) -> Doc:
    tokens, spaces, row_of = _tokens(text, words)
    token_of = {row: i for i, row in enumerate(row_of) if row is not None}
    if rows is None:
        sent_starts: list[bool | int | None] = [
            i == 0 or tokens[i - 1] in {".", "?", "!"} or "\n" in tokens[i - 1]
            for i in range(len(tokens))
        ]
        doc = Doc(_vocab(), words=tokens, spaces=spaces, sent_starts=sent_starts)
    else:
        heads = _heads(words, rows)
        columns = [_columns(row) for row in rows]
        head_tokens: list[int] = []
        annotations: list[tuple[str, str, str, str]] = []
        for i, row in enumerate(row_of):
            if row is None:  # white space hangs from the token before it, as spaCy's parser has it
                head_tokens.append(i - 1)  # never first: the text starts with a word
                annotations.append(("dep", "SPACE", "_SP", tokens[i]))
            else:
                head_tokens.append(token_of[heads[row]])
                annotations.append(columns[row])
        deps, pos, tags, lemmas = (list(column) for column in zip(*annotations, strict=True))
        doc = Doc(
            _vocab(),
            words=tokens,
            spaces=spaces,
            heads=head_tokens,
            deps=deps,
            pos=pos,
            tags=tags,
            lemmas=lemmas,
        )
    if doc.text != text:
        raise ValueError(f"the words do not make the text: {doc.text!r}")
    doc.set_ents([span for name, label in ents for span in _every(doc, name, label)])
    return doc


def _tokens(text: str, words: list[str]) -> tuple[list[str], list[bool], list[int | None]]:
    """The Doc's tokens (``words``, and a white space token wherever the text has more
    between two words than one space), whether a space follows each, and each one's
    row (None for white space)."""
    tokens: list[str] = []
    spaces: list[bool] = []
    row_of: list[int | None] = []
    at = 0
    for row, word in enumerate(words):
        found = text.find(word, at)
        gap = text[at:found]
        if found < 0 or gap.strip():
            raise ValueError(f"word {row} {word!r} is not next in the text after {text[:at]!r}")
        if gap and tokens:
            if gap[0] == " ":
                spaces[-1], gap = True, gap[1:]
            if gap:
                tokens.append(gap)
                spaces.append(False)
                row_of.append(None)
        elif gap:
            raise ValueError("the text starts with white space")
        tokens.append(word)
        spaces.append(False)
        row_of.append(row)
        at = found + len(word)
    rest = text[at:]
    if rest.strip():
        raise ValueError(f"the text goes on past the last word: {rest!r}")
    if rest:
        if rest[0] == " ":
            spaces[-1], rest = True, rest[1:]
        if rest:
            tokens.append(rest)
            spaces.append(False)
            row_of.append(None)
    return tokens, spaces, row_of


def _heads(words: list[str], rows: list[list[str]]) -> list[int]:
    """The row each row's token hangs from."""
    occurrences: dict[str, list[int]] = {}
    for row, word in enumerate(words):
        occurrences.setdefault(word, []).append(row)
    heads = []
    for row, columns in enumerate(rows):
        if len(columns) < 3:
            raise ValueError(f"row {row} {' '.join(columns)!r}: word, dep and head come first")
        head = columns[2]
        if head == "-":
            heads.append(row)
            continue
        word, _, nth = head.partition("#")
        found = occurrences.get(word, [])
        if len(found) > 1 and not nth:
            raise ValueError(f"row {row}: {word!r} is on several rows; name it {word}#N")
        number = int(nth or 1)
        if not 1 <= number <= len(found):
            raise ValueError(f"row {row}: no head {head!r} among the rows")
        heads.append(found[number - 1])
    return heads


def _columns(row: list[str]) -> tuple[str, str, str, str]:
    """A row's dep, pos, tag and lemma, with the defaults filled in."""
    word, dep, _head, *rest = row
    pos, tag, lemma = (rest + ["-"] * 3)[:3]
    return (
        dep,
        "X" if pos == "-" else pos,
        "" if tag == "-" else tag,
        word.lower() if lemma == "-" else lemma,
    )


def _every(doc: Doc, name: str, label: str) -> list[Span]:
    """A span labelled ``label`` at every place the text holds ``name``."""
    found = []
    for match in re.finditer(re.escape(name), doc.text):
        span = doc.char_span(match.start(), match.end(), label=label)
        if span is None:
            raise ValueError(f"entity {name!r} does not fall on token boundaries")
        found.append(span)
    if not found:
        raise ValueError(f"entity {name!r} is not in the text")
    return found


def context(doc: Doc, body_start: int = 0) -> CascadeContext:
    """The cascade's context over ``doc``, with its direct quotes found as the cascade
    finds them (in the body, scare quotes left out)."""
    text = doc.text
    quotes = [
        quote
        for quote in find_direct_quotes(text)
        if quote.start >= body_start and not is_scare_quote(text, quote)
    ]
    return CascadeContext.of(doc, body_start, quotes)


def rule(name: str) -> Rule:
    """The registered rule called ``name``."""
    found = [r for r in RULES if r.name == name]
    assert len(found) == 1, f"no rule {name!r} in RULES"
    return found[0]


def mender(name: str) -> Mender:
    """The registered mender called ``name``."""
    found = [m for m in MENDERS if m.name == name]
    assert len(found) == 1, f"no mender {name!r} in MENDERS"
    return found[0]


Part = str | tuple[int, int]


def spans(text: str, *parts: Part) -> Spans:
    """Where each of ``parts`` is in ``text``: a string at its first place after the part
    before it, or ``(start, end)`` as it stands."""
    result = []
    at = 0
    for part in parts:
        if isinstance(part, tuple):
            start, end = part
        else:
            start = text.index(part, at)
            end = start + len(part)
        result.append((start, end))
        at = end
    return tuple(result)


def triple(
    text: str,
    *,
    source: str | tuple[Part, ...] = (),
    cue: str | tuple[Part, ...] = (),
    content: str | tuple[Part, ...] = (),
    origin: str = "model",
) -> AttributionSpans:
    """A triple over ``text`` whose parts are named by their text, one fragment or a
    tuple of them (see :func:`spans`)."""

    def located(parts: str | tuple[Part, ...]) -> Spans:
        return spans(text, parts) if isinstance(parts, str) else spans(text, *parts)

    return AttributionSpans(
        source=located(source), cue=located(cue), content=located(content), origin=origin
    )


def texts(text: str, found: Spans) -> list[str]:
    """The text of each span."""
    return [text[start:end] for start, end in found]


def parts_of(text: str, found: AttributionSpans) -> tuple[list[str], list[str], list[str]]:
    """The text of a triple's source, cue and content."""
    return texts(text, found.source), texts(text, found.cue), texts(text, found.content)


def named_in(path: Path, lookup: str) -> set[str]:
    """The names the tests of a test file (its ``test_*`` functions) pass to ``lookup``
    (``lookup("name", ...)``): the parts those tests run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tests = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]
    return {
        call.args[0].value
        for test in tests
        for call in ast.walk(test)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == lookup
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    }
