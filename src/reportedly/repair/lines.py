"""Lines: page furniture, repeated headlines, and the headline itself."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .. import marks
from ..config import DEFAULT_REPAIR as DEFAULT_CONFIG
from ..config import RepairConfig
from ..records import Repair, Span
from .edits import LINE_BREAK_RE, Edit, apply_edits, overlaps_any


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


def split_lines(text: str, edits: Sequence[Edit]) -> list[_Line]:
    lines: list[_Line] = []
    edit_starts = [e.start for e in edits]
    pos = 0
    for brk in LINE_BREAK_RE.finditer(text):
        lines.append(_line(text, pos, brk.start(), brk.end(), edits, edit_starts))
        pos = brk.end()
    if pos < len(text):
        lines.append(_line(text, pos, len(text), len(text), edits, edit_starts))
    return lines


def _line(
    text: str, start: int, end: int, break_end: int, edits: Sequence[Edit], starts: list[int]
) -> _Line:
    inside = edits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    raw_blank = not text[start:end].strip()
    return _Line(start, end, break_end, apply_edits(text, inside, start, end), raw_blank)


def lines_to_drop(lines: Sequence[_Line], config: RepairConfig) -> dict[int, str]:
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
_EDGE_PUNCTUATION = (
    " \t" + marks.STRAIGHT_DOUBLE + marks.STRAIGHT_SINGLE + marks.CURLY_DOUBLE + marks.CURLY_SINGLE
) + (
    marks.GUILLEMETS
    + marks.LEFT_SINGLE_GUILLEMET
    + marks.RIGHT_SINGLE_GUILLEMET
    + "()[]<>.:;!|-–—•*→"
)
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


def ranges_to_drop(lines: Sequence[_Line], dropped: dict[int, str]) -> list[Span]:
    """Input ranges to leave out: dropped lines with their breaks, and the blank lines
    after them when the text before already ends in a paragraph break (or is empty)."""
    ranges: list[Span] = []
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


def edits_outside(edits: Iterable[Edit], ranges: Sequence[Span]) -> list[Edit]:
    return [e for e in edits if not overlaps_any(e.start, e.end, ranges)]


_DROP_EXPLANATIONS = {
    "boilerplate": "page furniture line left out of the analysis",
    "duplicate_headline": "line repeating the headline left out of the analysis",
}


def line_repairs(text: str, lines: Sequence[_Line], dropped: dict[int, str]) -> list[Repair]:
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


def title_span(
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
