"""Mojibake: UTF-8 read through a one-byte code page, repaired word by word with ftfy."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import ftfy
from ftfy.badness import BADNESS_RE, badness, is_bad

from ..config import RepairConfig
from ..records import Span
from .edits import Edit, apply_edits

# what ends a word for the mojibake pass: ASCII whitespace and line separators only,
# because a no-break space can itself be part of mojibake ("Ã\xa0" is "à")
_WORD_RE = re.compile("[^ \t\n\r\x0b\x0c\u2028\u2029]+")
_NON_ASCII_RUN_RE = re.compile("[^\x00-\x7f]+")
# characters a correct repair never leaves behind: lead bytes of UTF-8 read as
# latin-1/cp1252 and C1 controls (a repair that leaves them was partial)
_LEFTOVER_RE = re.compile("[ÃÂ\x80-\x9f]|â€")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, replace_lossy_sequences=False)


def mojibake_edits(text: str, config: RepairConfig) -> list[Edit]:
    """Find words that ftfy's badness heuristics flag and repair each on its own."""
    # cheap pre-checks: ASCII text cannot hold mojibake, and most clean text has no
    # match of ftfy's badness expression at all
    if text.isascii() or not BADNESS_RE.search(text):
        return []
    budget = _Budget(_PIECE_ATTEMPTS)
    edits: list[Edit] = []
    for start, end in _suspicious_words(text):
        for edit in _repair_segment(text, start, end, config.max_mojibake_segment, budget):
            edits += _split_at_ascii(edit, text)
    return edits


def _split_at_ascii(edit: Edit, text: str) -> list[Edit]:
    """One edit per changed non-ASCII run, when the ASCII characters did not move.

    Mojibake never contains ASCII, so in ``â€œsmartâ€\x9d`` -> ``“smart”`` the
    letters stay put and only the two marks change. Two small edits keep every
    character of "smart" mapped to itself, so a span that ends inside the word
    (a quote without its closing mark) still maps to just its part.
    """
    old_runs = _ascii_runs(text[edit.start : edit.end])
    new_runs = _ascii_runs(edit.replacement)
    if len(old_runs) != len(new_runs) or any(
        old_ascii != new_ascii or (old_ascii and old != new)
        for (old_ascii, old), (new_ascii, new) in zip(old_runs, new_runs, strict=True)
    ):
        return [edit]
    pieces = []
    pos = edit.start
    for (is_ascii, old), (_, new) in zip(old_runs, new_runs, strict=True):
        if not is_ascii:
            pieces.append(Edit(pos, pos + len(old), new, edit.kind, edit.explanation))
        pos += len(old)
    return pieces


def _ascii_runs(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into maximal runs of ASCII and of non-ASCII characters."""
    return [(run[0].isascii(), run) for run in _ASCII_RUN_RE.findall(text)]


_ASCII_RUN_RE = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


@dataclass
class _Budget:
    """How many more piecewise ftfy attempts one text may cost (bounds the time
    spent on pathological input; ordinary mojibake never comes near it)."""

    remaining: int

    def spend(self) -> bool:
        self.remaining -= 1
        return self.remaining >= 0


_PIECE_ATTEMPTS = 5000
# the longest piece tried when a word must be repaired piecewise: one character's
# UTF-8 read through a one-byte code page is 2-4 characters, twice mis-decoded up to 8
_MAX_PIECE = 8


def _suspicious_words(text: str) -> Iterator[Span]:
    """The words (runs between ASCII whitespace) that hold a badness match, merged."""
    last_end = -1
    for match in BADNESS_RE.finditer(text):
        if match.start() < last_end:
            continue
        word_start = _word_start(text, match.start())
        word_end = _word_end(text, match.end())
        if word_start < last_end:  # the match ran over a word already taken
            word_start = last_end
        if word_end > word_start:
            yield word_start, word_end
            last_end = word_end


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and _WORD_RE.match(text, pos - 1, pos):
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    match = _WORD_RE.match(text, pos)
    return match.end() if match else pos


def _repair_segment(
    text: str, start: int, end: int, max_length: int, budget: _Budget
) -> list[Edit]:
    """Repair a suspicious word whole; failing that, its non-ASCII runs piece by piece."""
    if end - start <= max_length:
        edit = _try_fix(text, start, end)
        if edit is not None:
            return [edit]
    edits: list[Edit] = []
    for run in _NON_ASCII_RUN_RE.finditer(text, start, end):
        edits += _fix_run_piecewise(text, run.start(), run.end(), budget)
    # piecewise repairs must leave a better word, not a half-repaired one
    if edits and _is_improvement(text[start:end], apply_edits(text, edits, start, end)):
        return edits
    return []


def _fix_run_piecewise(text: str, start: int, end: int, budget: _Budget) -> list[Edit]:
    """Leftmost-shortest pieces of a run that repair cleanly ("”‚Äú": a valid closing
    quote glued to a mis-decoded opening one). UTF-8 is self-synchronising, so no
    proper prefix of one character's bytes decodes, and the shortest piece that
    does is one whole character."""
    edits: list[Edit] = []
    i = start
    while i < end - 1:
        for j in range(i + 2, min(end, i + _MAX_PIECE) + 1):
            if not budget.spend():
                return edits
            edit = _try_fix(text, i, j, whole_sequences_only=True)
            if edit is not None:
                edits.append(edit)
                i = j
                break
        else:
            i += 1
    return edits


def _try_fix(text: str, start: int, end: int, *, whole_sequences_only: bool = False) -> Edit | None:
    """ftfy's encoding repair of ``text[start:end]`` alone, if it is a clean repair.

    ``whole_sequences_only`` refuses ftfy's repair of the parts of a string that
    happen to decode (``decode_inconsistent_utf8``): a piece cut from a run must
    re-encode as a whole, or its cut ends would be left half-repaired.
    """
    segment = text[start:end]
    if not is_bad(segment):
        return None
    # text that went through Unicode decomposition after being mis-decoded ("A" +
    # combining tilde for "Ã") re-encodes only once composed again
    candidates = dict.fromkeys([segment, unicodedata.normalize("NFC", segment)])
    for candidate in candidates:
        fixed = ftfy.fix_encoding_and_explain(candidate, _FTFY_CONFIG)
        steps = fixed.explanation or []
        if whole_sequences_only and any(action == "apply" for action, _ in steps):
            continue
        if _is_clean_repair(segment, fixed.text):
            break
    else:
        return None
    # keep the record to the changed characters: trim the ASCII context of the word
    lead = _common_ascii_prefix(segment, fixed.text)
    trail = _common_ascii_prefix(segment[lead:][::-1], fixed.text[lead:][::-1])
    after = fixed.text[lead : len(fixed.text) - trail]
    explanation = "; ".join(f"{action} {parameter}" for action, parameter in steps)
    return Edit(start + lead, end - trail, after, "mojibake", explanation)


def _is_clean_repair(before: str, after: str) -> bool:
    """A repair ftfy could make is kept only if it leaves no trace of mojibake."""
    return (
        after != before
        and len(after) <= len(before)
        and not is_bad(after)
        and badness(after) < badness(before)
        and not _LEFTOVER_RE.search(after)
        and "\ufffd" not in after
        and not any(unicodedata.combining(ch) for ch in after)
    )


def _is_improvement(before: str, after: str) -> bool:
    """Whether piecewise repairs of a word left it better, with no new trace of mojibake.

    ("SÃ©golÃ ̈ne" may become "SégolÃ ̈ne"; "realÃ¢€world" must not become
    "realâ€world".)
    """
    return (
        badness(after) < badness(before)
        and not is_bad(after)
        and len(_LEFTOVER_RE.findall(after)) <= len(_LEFTOVER_RE.findall(before))
        and after.count("\ufffd") <= before.count("\ufffd")
    )


def _common_ascii_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y or not x.isascii():
            break
        n += 1
    return n
