"""The repair stage: make scraped news text fit for parsing, and say what changed.

:func:`repair` returns the repaired text (what the NLP stage sees), an
:class:`~reportedly.offsets.OffsetMap` back to the input, the :class:`Repair`
records of every change (spans in INPUT coordinates) and :class:`Flag` records
for suspicious text that is left as it is (likely machine-translation breaks).

What it repairs, all in linear passes over the text:

- ``newlines``: ``\\r\\n``, ``\\r`` and the other line separators become ``\\n``.
- ``control_characters``: invisible control and format characters are removed.
- ``whitespace``: no-break and other Unicode spaces become plain spaces (the
  tokenizer would otherwise make them tokens of their own).
- ``mojibake``: UTF-8 read through a one-byte code page (``â€™``, ``‚Äú``,
  ``Ã©``) is repaired *segment by segment* with ftfy, so that valid curly quotes
  on the same line do not stop the repair (ftfy works on whole strings and gives
  up when one part of the string cannot be re-encoded).
- ``boilerplate``: page furniture lines ("Leave a Comment", "Read more",
  "Follow us on Twitter") are dropped, whole lines only.
- ``duplicate_headline``: a kicker or subtitle that repeats the headline is
  dropped.

Dropped lines are dropped with their line break, plus the blank lines that
would otherwise pile up, so paragraphs keep their shape.

What it flags, editing nothing: ``mt_dangling_auxiliary`` (a sentence ending on
a bare modal: "the women involved will.") and ``mt_lowercase_start`` (a sentence
starting lower-case after a full stop: "among people. the women"). Both skip
quoted speech, ordinary ellipsis ("he said he would."), abbreviations ("U.S.
officials", "p.m. and"), initials, URLs and lower-case brand names ("eBay").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import ftfy
from ftfy.badness import BADNESS_RE, badness, is_bad
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .errors import InputError
from .offsets import OffsetMap, OffsetMapBuilder
from .records import Flag, Repair, Span

__all__ = ["RepairConfig", "RepairResult", "is_boilerplate", "repair"]


@dataclass(frozen=True)
class RepairConfig:
    """What :func:`repair` does; every default is the setting the pipeline uses.

    - ``fix_mojibake``: repair mis-decoded UTF-8, one suspicious segment at a time.
    - ``normalize_newlines``: ``\\r\\n``, ``\\r``, ``\\v``, ``\\f``, U+2028 and
      U+2029 become ``\\n``.
    - ``remove_control_characters``: drop C0/C1 controls other than tab and line
      breaks, and invisible format characters (BOM, zero-width space, soft hyphen,
      bidi embedding controls).
    - ``normalize_spaces``: no-break and other Unicode spaces become ``" "``.
    - ``drop_boilerplate``: drop whole lines of page furniture.
    - ``drop_duplicate_headlines``: drop kicker/subtitle lines that repeat the title.
    - ``flag_mt_breaks``: flag likely machine-translation breaks (nothing is edited).
    - ``title_max_words``: the longest first line still taken as a headline.
    - ``headline_window``: how many non-blank lines after the title may repeat it
      (the search also stops at the first line longer than the title that does not
      repeat it: the body has begun).
    - ``headline_similarity``: rapidfuzz ``ratio`` (0–100) from which a line
      repeats the title or one part of it (parts are split at ``:`` ``;`` ``|``
      and dashes).
    - ``headline_partial_similarity``: rapidfuzz ``partial_ratio`` from which a
      shorter line of at least three words repeats a stretch of the title.
    - ``boilerplate_max_words``: longer lines are never taken for furniture.
    - ``max_mojibake_segment``: longest run of characters handed to ftfy at once;
      longer suspicious words are repaired run by run.
    """

    fix_mojibake: bool = True
    normalize_newlines: bool = True
    remove_control_characters: bool = True
    normalize_spaces: bool = True
    drop_boilerplate: bool = True
    drop_duplicate_headlines: bool = True
    flag_mt_breaks: bool = True
    title_max_words: int = 30
    headline_window: int = 4
    headline_similarity: float = 85.0
    headline_partial_similarity: float = 90.0
    boilerplate_max_words: int = 30
    max_mojibake_segment: int = 40


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, its map to the input, and what was changed or flagged."""

    text: str
    offsets: OffsetMap
    repairs: tuple[Repair, ...]  # spans in INPUT coordinates
    flags: tuple[Flag, ...]  # spans in INPUT coordinates
    title: Span | None  # the headline, in REPAIRED-text coordinates


DEFAULT_CONFIG = RepairConfig()


def repair(text: str, config: RepairConfig = DEFAULT_CONFIG) -> RepairResult:
    """Repair ``text`` for analysis; every change is recorded and mapped back."""
    if not isinstance(text, str):
        raise InputError(
            f"repair() needs decoded text (str), not {type(text).__name__}; decode it first"
        )
    edits = _char_edits(text, config)
    lines = _split_lines(text, edits)
    dropped = _lines_to_drop(lines, config)
    drop_ranges = _drop_ranges(lines, dropped)
    kept_edits = _outside(edits, drop_ranges)
    repaired, offsets = _build(text, kept_edits, drop_ranges)
    repairs = tuple(
        sorted(
            _char_repairs(text, kept_edits) + _line_repairs(text, lines, dropped),
            key=lambda r: (r.spans[0], r.kind),
        )
    )
    flags = _mt_flags(repaired, offsets) if config.flag_mt_breaks else ()
    return RepairResult(
        text=repaired,
        offsets=offsets,
        repairs=repairs,
        flags=flags,
        title=_title_span(repaired, lines, dropped, config),
    )


# ---------------------------------------------------------------------------
# character-level edits


@dataclass(frozen=True, slots=True)
class _Edit:
    """``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    kind: str
    explanation: str = ""


# \r\n first so that it is one edit; \v and \f are line breaks in word processors' exports
_NEWLINE_RE = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\x0b\x0c\u2028\u2029]")
# C0 controls except \t \n \v \f \r; DEL and C1 (C1 is often cp1252 mojibake, which the
# mojibake pass repairs first); soft hyphen, zero-width space, word joiner, BOM and bidi
# embedding controls: invisible, but they split or glue tokens.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]+"
)
_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# what ends a word for the mojibake pass: ASCII whitespace and line separators only,
# because a no-break space can itself be part of mojibake ("Ã\xa0" is "à")
_WORD_RE = re.compile("[^ \t\n\r\x0b\x0c\u2028\u2029]+")
_NON_ASCII_RUN_RE = re.compile("[^\x00-\x7f]+")
# characters a correct repair never leaves behind: lead bytes of UTF-8 read as
# latin-1/cp1252 and C1 controls (a repair that leaves them was partial)
_LEFTOVER_RE = re.compile("[ÃÂ\x80-\x9f]|â€")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, replace_lossy_sequences=False)


def _char_edits(text: str, config: RepairConfig) -> list[_Edit]:
    """All character-level edits, sorted and non-overlapping (mojibake wins)."""
    mojibake = _mojibake_edits(text, config) if config.fix_mojibake else []
    others: list[_Edit] = []
    if config.normalize_newlines:
        others += _regex_edits(text, _NEWLINE_RE, "newlines", lambda _: "\n")
    if config.remove_control_characters:
        others += _regex_edits(text, _CONTROL_RE, "control_characters", lambda _: "")
    if config.normalize_spaces:
        others += _regex_edits(text, _SPACE_RE, "whitespace", lambda _: " ")
    taken = [(e.start, e.end) for e in mojibake]
    edits = mojibake + [e for e in others if not _overlaps_any(e.start, e.end, taken)]
    return sorted(edits, key=lambda e: e.start)


def _regex_edits(
    text: str, pattern: re.Pattern[str], kind: str, replace_with: Callable[[str], str]
) -> list[_Edit]:
    return [
        _Edit(m.start(), m.end(), replace_with(m.group()), kind) for m in pattern.finditer(text)
    ]


def _overlaps_any(start: int, end: int, sorted_ranges: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(sorted_ranges, (start, float("inf"))) - 1
    for j in (i, i + 1):
        if 0 <= j < len(sorted_ranges):
            s, e = sorted_ranges[j]
            if s < end and start < e:
                return True
    return False


def _mojibake_edits(text: str, config: RepairConfig) -> list[_Edit]:
    """Find words that ftfy's badness heuristics flag and repair each on its own."""
    # cheap pre-checks: ASCII text cannot hold mojibake, and most clean text has no
    # match of ftfy's badness expression at all
    if text.isascii() or not BADNESS_RE.search(text):
        return []
    budget = _Budget(_PIECE_ATTEMPTS)
    edits: list[_Edit] = []
    for start, end in _suspicious_words(text):
        for edit in _repair_segment(text, start, end, config.max_mojibake_segment, budget):
            edits += _split_at_ascii(edit, text)
    return edits


def _split_at_ascii(edit: _Edit, text: str) -> list[_Edit]:
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
            pieces.append(_Edit(pos, pos + len(old), new, edit.kind, edit.explanation))
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


def _suspicious_words(text: str) -> Iterator[tuple[int, int]]:
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
) -> list[_Edit]:
    """Repair a suspicious word whole; failing that, its non-ASCII runs piece by piece."""
    if end - start <= max_length:
        edit = _try_fix(text, start, end)
        if edit is not None:
            return [edit]
    edits: list[_Edit] = []
    for run in _NON_ASCII_RUN_RE.finditer(text, start, end):
        edits += _fix_run_piecewise(text, run.start(), run.end(), budget)
    # piecewise repairs must leave a better word, not a half-repaired one
    if edits and _is_improvement(text[start:end], _apply(text, edits, start, end)):
        return edits
    return []


def _fix_run_piecewise(text: str, start: int, end: int, budget: _Budget) -> list[_Edit]:
    """Leftmost-shortest pieces of a run that repair cleanly ("”‚Äú": a valid closing
    quote glued to a mis-decoded opening one). UTF-8 is self-synchronising, so no
    proper prefix of one character's bytes decodes, and the shortest piece that
    does is one whole character."""
    edits: list[_Edit] = []
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


def _try_fix(
    text: str, start: int, end: int, *, whole_sequences_only: bool = False
) -> _Edit | None:
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
    return _Edit(start + lead, end - trail, after, "mojibake", explanation)


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


def _apply(text: str, edits: Iterable[_Edit], start: int, end: int) -> str:
    """``text[start:end]`` with ``edits`` (sorted, all inside the range) applied."""
    pieces: list[str] = []
    pos = start
    for edit in edits:
        pieces += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    pieces.append(text[pos:end])
    return "".join(pieces)


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


# ---------------------------------------------------------------------------
# lines: boilerplate and repeated headlines


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # content start in the input
    end: int  # content end (before the line break)
    break_end: int  # after the line break (== end on the last line without one)
    clean: str  # the content with the character edits applied
    raw_blank: bool  # nothing but whitespace in the input (safe to drop unrecorded)

    @property
    def blank(self) -> bool:
        return not self.clean.strip()


def _split_lines(text: str, edits: Sequence[_Edit]) -> list[_Line]:
    lines: list[_Line] = []
    edit_starts = [e.start for e in edits]
    pos = 0
    for brk in _LINE_BREAK_RE.finditer(text):
        lines.append(_line(text, pos, brk.start(), brk.end(), edits, edit_starts))
        pos = brk.end()
    if pos < len(text):
        lines.append(_line(text, pos, len(text), len(text), edits, edit_starts))
    return lines


def _line(
    text: str, start: int, end: int, break_end: int, edits: Sequence[_Edit], starts: list[int]
) -> _Line:
    inside = edits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    raw_blank = not text[start:end].strip()
    return _Line(start, end, break_end, _apply(text, inside, start, end), raw_blank)


def _lines_to_drop(lines: Sequence[_Line], config: RepairConfig) -> dict[int, str]:
    """Line index -> repair kind, for lines excluded from the repaired text."""
    dropped: dict[int, str] = {}
    if config.drop_boilerplate:
        for i, line in enumerate(lines):
            if is_boilerplate(line.clean, config.boilerplate_max_words):
                dropped[i] = "boilerplate"
    if config.drop_duplicate_headlines:
        for i in _repeated_headline_lines(lines, dropped, config):
            dropped[i] = "duplicate_headline"
    return dropped


# Whole-line furniture, matched case-insensitively against the line stripped of
# surrounding whitespace, quotes, brackets and end punctuation. Kept narrow on
# purpose: a dropped line is invisible to attribution.
_SHARE_WORD = (
    r"(?:share|tweet|e-?mail|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|save)"
)
_BOILERPLATE_RE = re.compile(
    r"(?:"
    r"leave a (?:comment|reply)"
    r"|\d* ?comments?"
    r"|(?:view|show|hide|load|read|post|add) (?:all |the )?(?:\d+ )?comments?"
    r"|share (?:this|the) (?:article|story|post|page|video)(?: on \w+)?"
    r"|share on \w+"
    rf"|{_SHARE_WORD}(?:\W+{_SHARE_WORD}){{0,8}}"
    r"|read more\b(?! than).*"
    r"|read (?:it all|the rest|the full \w+|the whole (?:thing|story|article)|the entire \w+)\b.*"
    r"|continue reading\b.*"
    r"|click here\b.*"
    r"|(?:advertisement|advertising|sponsored(?: content)?|paid content|promoted(?: content)?)"
    r"|story continues (?:below|after)\b.*"
    r"|follow us\b.*"
    r"|follow @\w+.*"
    r"|follow .{1,80}\b(?:on|at) (?:twitter|facebook|instagram)\b.*"
    r"|sign up (?:for|to)\b.*"
    r"|subscribe (?:to|for|now|here)\b.*"
    r"|(?:also on|more from) \w+(?: \w+)?"
    r"|related(?: (?:articles|stories|coverage|content|links|reading))?(?:: .*)?"
    r"|(?:recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed|shared))"
    r"|you (?:may|might) also like"
    r"|before you go"
    r"|skip to (?:main )?content"
    r"|back to top"
    r"|like us on facebook"
    r"|(?:accept|reject|manage) (?:all )?cookies"
    r")",
    re.IGNORECASE,
)
_COOKIE_NOTICE_RE = re.compile(
    r"\bcookies\b.*\b(?:we use|uses|accept|consent|cookie policy|by continuing)\b"
    r"|\b(?:we use|uses|by continuing)\b.*\bcookies\b",
    re.IGNORECASE,
)
_NEWSLETTER_RE = re.compile(
    r"^(?:sign up|subscribe|get|join|enter your e-?mail|don.t miss|never miss)\b"
    r".*\b(?:newsletters?|inbox|e-?mail alerts?)\b",
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = " \t\"'“”‘’«»‹›()[]<>.:;!|-–—•*→»"
# furniture never quotes or reports anyone: a line that does is prose
# ('“Sign up for the draft,” he urged.')
_PROSE_MARKERS_RE = re.compile(
    r"[“”\"«»]|\b(?:said|says|told|tells|according to|urged|added|asked)\b", re.IGNORECASE
)


def is_boilerplate(line: str, max_words: int = DEFAULT_CONFIG.boilerplate_max_words) -> bool:
    """Whether a whole line is page furniture (share buttons, "Read more", ...)."""
    core = line.strip(_EDGE_PUNCTUATION)
    if not core or len(core.split()) > max_words or _PROSE_MARKERS_RE.search(core):
        return False
    return bool(
        _BOILERPLATE_RE.fullmatch(core)
        or _COOKIE_NOTICE_RE.search(core)
        or _NEWSLETTER_RE.search(core)
    )


def _headline_index(lines: Sequence[_Line], dropped: dict[int, str]) -> int | None:
    """The first non-blank line that was not dropped."""
    for i, line in enumerate(lines):
        if not line.blank and i not in dropped:
            return i
    return None


def _word_count(text: str) -> int:
    return len(text.split())


def _repeated_headline_lines(
    lines: Sequence[_Line], dropped: dict[int, str], config: RepairConfig
) -> Iterator[int]:
    """Lines right after a headline that repeat it (a kicker, a subtitle)."""
    first = _headline_index(lines, dropped)
    if first is None or _word_count(lines[first].clean) > config.title_max_words:
        return
    title = default_process(lines[first].clean)
    parts = [p for p in map(default_process, _TITLE_PART_RE.split(lines[first].clean)) if p]
    title_words = _word_count(title)
    seen = 0
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if line.blank or i in dropped:
            continue
        if seen == config.headline_window:
            return
        seen += 1
        processed = default_process(line.clean)
        if _repeats_title(processed, title, parts, config):
            yield i
        elif _word_count(processed) > title_words:
            return  # a line longer than the headline that does not repeat it: the body


_TITLE_PART_RE = re.compile(r"[:;|]|\s[-–—]+\s")


def _repeats_title(line: str, title: str, parts: Sequence[str], config: RepairConfig) -> bool:
    words = _word_count(line)
    if words < 2:
        return False
    if fuzz.ratio(line, title) >= config.headline_similarity:
        return True
    if any(
        _word_count(part) >= 2 and fuzz.ratio(line, part) >= config.headline_similarity
        for part in parts
    ):
        return True
    return (
        words >= 3
        and len(line) < len(title)
        and fuzz.partial_ratio(line, title) >= config.headline_partial_similarity
    )


def _drop_ranges(lines: Sequence[_Line], dropped: dict[int, str]) -> list[tuple[int, int]]:
    """Input ranges to leave out: dropped lines with their breaks, and the blank lines
    after them when the text before already ends in a paragraph break (or is empty)."""
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if i not in dropped:
            i += 1
            continue
        start = lines[i].start
        j = i
        while j + 1 < len(lines) and (j + 1 in dropped):
            j += 1
        end = lines[j].break_end
        previous_kept = _previous_kept(lines, dropped, i)
        if previous_kept is None or lines[previous_kept].blank:
            while j + 1 < len(lines) and lines[j + 1].raw_blank and j + 1 not in dropped:
                j += 1
                end = lines[j].break_end
        ranges.append((start, end))
        i = j + 1
    return ranges


def _previous_kept(lines: Sequence[_Line], dropped: dict[int, str], i: int) -> int | None:
    for k in range(i - 1, -1, -1):
        if k not in dropped:
            return k
    return None


def _outside(edits: Iterable[_Edit], ranges: Sequence[tuple[int, int]]) -> list[_Edit]:
    return [e for e in edits if not _overlaps_any(e.start, e.end, ranges)]


# ---------------------------------------------------------------------------
# building the repaired text and the records


def _build(
    text: str, edits: Sequence[_Edit], drops: Sequence[tuple[int, int]]
) -> tuple[str, OffsetMap]:
    builder = OffsetMapBuilder(len(text))
    events: list[tuple[int, int, str | None]] = [(e.start, e.end, e.replacement) for e in edits]
    events += [(start, end, None) for start, end in drops]
    pos = 0
    for start, end, replacement in sorted(events):
        if start > pos:
            builder.copy(text[pos:start], pos)
        if replacement:
            builder.replace(replacement, start, end)
        pos = end
    if pos < len(text):
        builder.copy(text[pos:], pos)
    return builder.build()


# kinds recorded one Repair per distinct change, with all its spans
_GROUPED_KINDS = frozenset({"newlines", "control_characters", "whitespace"})


def _char_repairs(text: str, edits: Sequence[_Edit]) -> list[Repair]:
    grouped: dict[tuple[str, str, str], list[Span]] = {}
    repairs: list[Repair] = []
    for edit in edits:
        before = text[edit.start : edit.end]
        if edit.kind in _GROUPED_KINDS:
            key = (edit.kind, before, edit.replacement)
            grouped.setdefault(key, []).append((edit.start, edit.end))
        else:
            repairs.append(
                Repair(
                    edit.kind,
                    ((edit.start, edit.end),),
                    before,
                    edit.replacement,
                    edit.explanation,
                )
            )
    for (kind, before, after), spans in grouped.items():
        repairs.append(Repair(kind, tuple(spans), before, after, _GROUP_EXPLANATIONS[kind]))
    return repairs


_GROUP_EXPLANATIONS = {
    "newlines": "line break normalised to \\n",
    "control_characters": "invisible control or format character removed",
    "whitespace": "Unicode space replaced by a plain space",
}
_DROP_EXPLANATIONS = {
    "boilerplate": "page furniture line left out of the analysis",
    "duplicate_headline": "line repeating the headline left out of the analysis",
}


def _line_repairs(text: str, lines: Sequence[_Line], dropped: dict[int, str]) -> list[Repair]:
    return [
        Repair(
            kind,
            ((lines[i].start, lines[i].end),),
            text[lines[i].start : lines[i].end],
            "",
            _DROP_EXPLANATIONS[kind],
        )
        for i, kind in sorted(dropped.items())
    ]


_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*$")


def _title_span(
    repaired: str, lines: Sequence[_Line], dropped: dict[int, str], config: RepairConfig
) -> Span | None:
    """The first kept line, when it looks like a headline, in repaired coordinates.

    A headline is short, has a body after it, and either stands alone (a blank line
    after it) or has no sentence-final punctuation. Many scraped titles (all of PolNeAR's)
    end in a full stop, so a period alone does not rule a line out.
    """
    first = _headline_index(lines, dropped)
    if first is None:
        return None
    content = lines[first].clean.strip()
    if _word_count(content) > config.title_max_words:
        return None
    rest = [lines[k] for k in range(first + 1, len(lines)) if k not in dropped]
    if not any(not line.blank for line in rest):
        return None  # a text of one paragraph is its own body, not a headline
    stands_alone = rest[0].blank
    if not stands_alone and _SENTENCE_END_RE.search(content):
        return None
    # everything before the headline in the repaired text is whitespace
    match = re.search(r"\S", repaired)
    if match is None:  # pragma: no cover - a non-blank kept line is in the text
        return None
    return (match.start(), match.start() + len(content))


# ---------------------------------------------------------------------------
# machine-translation flags


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MODALS = "will|would|can|could|shall|should|must|might"  # not "may": the month
_DANGLING_RE = re.compile(
    rf"(?<![\w'’.@#/-])(?P<prev>[a-z][a-z'’-]*)[ \t]+(?P<aux>(?:{_MODALS}))\.(?=[\s\"”’)]|$)"
)
# words after which a bare modal is ordinary English ellipsis or the noun "will"
_ELLIPSIS_SUBJECTS = _word_set(
    "i you he she it we they one who that which this these those there someone somebody "
    "anyone anybody everyone everybody nobody none all both each others many some few "
    "most not never always too also so still certainly definitely probably surely else "
    "indeed really actually now then yet already just eventually likely perhaps maybe "
    "normally otherwise ever sometimes often soon again once well rather only even "
    "usually the a an his her their our my your its at against of with by for to from in "
    "on without own free good ill whose"
)
# a bare modal after these (earlier in the same sentence) is comparative or conditional
_ELLIPSIS_TRIGGERS = _word_set(
    "as than like if when whenever what whatever wherever how because though although "
    "unless until while where whether that which who"
)
_LOWERCASE_START_RE = re.compile(r"(?<![.…])\.[ \t]+(?P<word>[a-z][a-z'’-]*)(?![\w./:@])")
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr jr sr st mt ft sen sens rep reps gov govs gen col lt sgt capt adm cmdr "
    "prof rev hon pres supt inc corp co ltd llc bros dept univ assn vs etc al approx est "
    "ca cf no nos vol vols fig figs pp ch sec art ed eds op ave blvd rd hwy jan feb mar "
    "apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn "
    "miss mo mont neb nev okla ore pa penn tenn tex va vt wash wis wyo"
)
# lower-case name particles ("de Blasio") that may start a sentence
_NAME_PARTICLES = _word_set("de del della der den di da dos du el la le van von ter ten al bin ibn")


def _mt_flags(repaired: str, offsets: OffsetMap) -> tuple[Flag, ...]:
    flags = [
        Flag(kind, (offsets.to_input(span),), note) for kind, span, note in _mt_breaks(repaired)
    ]
    return tuple(sorted(flags, key=lambda f: f.spans[0]))


def _mt_breaks(text: str) -> Iterator[tuple[str, Span, str]]:
    """Likely machine-translation breaks in ``text``: (kind, span, note)."""
    for match in _DANGLING_RE.finditer(text):
        if _is_dangling_auxiliary(text, match):
            span = (match.start("aux"), match.end())
            yield (
                "mt_dangling_auxiliary",
                span,
                f"sentence ends on a bare {match['aux']!r}: likely a machine-translation break",
            )
    for match in _LOWERCASE_START_RE.finditer(text):
        if _is_lowercase_start(text, match):
            span = (match.start("word"), match.end("word"))
            yield (
                "mt_lowercase_start",
                span,
                f"sentence starts lower-case ({match['word']!r}) after a full stop: "
                "likely a machine-translation break",
            )


# how far back in a paragraph the flag checks look (keeps them linear on texts
# without line breaks)
_PREFIX_LIMIT = 1000


def _line_prefix(text: str, pos: int) -> str:
    """The paragraph before ``pos``, at most its last ``_PREFIX_LIMIT`` characters."""
    return text[max(text.rfind("\n", 0, pos) + 1, pos - _PREFIX_LIMIT) : pos]


def _inside_quotation(prefix: str) -> bool:
    """Whether ``prefix`` (a paragraph up to a point) leaves a quotation open.

    Quoted speech keeps its speaker's wording, lower-case starts and ellipses included.
    """
    return (
        prefix.count("“") > prefix.count("”")
        or prefix.count("«") > prefix.count("»")
        or prefix.count('"') % 2 == 1
        or prefix.count("''") % 2 == 1
    )


def _is_dangling_auxiliary(text: str, match: re.Match[str]) -> bool:
    if match["prev"] in _ELLIPSIS_SUBJECTS or match["prev"].endswith(("'s", "’s", "s'", "s’")):
        return False
    prefix = _line_prefix(text, match.start())
    if _inside_quotation(prefix):
        return False
    sentence = prefix[_sentence_start(prefix) :]
    return not any(word in _ELLIPSIS_TRIGGERS for word in sentence.lower().split()[-6:])


_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’)]*\s+")


def _sentence_start(prefix: str) -> int:
    """Where the last sentence of ``prefix`` starts (a full stop after an
    abbreviation or an initial does not end a sentence)."""
    for match in reversed(list(_SENTENCE_BREAK_RE.finditer(prefix))):
        if not _is_abbreviation(_last_token(prefix[: match.start()])):
            return match.end()
    return 0


def _last_token(text: str) -> str:
    """The last whitespace-separated token, without opening quotes or brackets."""
    parts = text.rsplit(None, 1)
    return parts[-1].lstrip("\"'“‘([") if parts else ""


def _is_abbreviation(token: str) -> bool:
    """Whether a full stop after ``token`` is likely an abbreviation's, not a sentence end.

    Initials ("G."), dotted abbreviations ("U.S.", "a.m.", "e.g."), known short
    forms ("Mr.", "Calif.", "etc.") and URLs or handles count as abbreviations.
    """
    return (
        len(token) < 2
        or "." in token
        or any(ch in token for ch in "/@:")
        or token.lower() in _ABBREVIATIONS
    )


def _is_lowercase_start(text: str, match: re.Match[str]) -> bool:
    if match["word"] in _NAME_PARTICLES:
        return False
    prefix = _line_prefix(text, match.start())
    if _is_abbreviation(_last_token(prefix)):
        return False
    return not _inside_quotation(prefix)
