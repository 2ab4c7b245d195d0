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
- ``reflow``: in a text hard-wrapped at a fixed width, the line breaks inside a
  paragraph become spaces (one character for one: offsets are unchanged).
- ``surrogates``: lone UTF-16 surrogates (which no encoder accepts) become U+FFFD.

Dropped lines are dropped with their line break, plus the blank lines that
would otherwise pile up, so paragraphs keep their shape.

What it flags, editing nothing: ``dateline`` and ``teaser`` (page furniture
inside a paragraph, see :mod:`.furniture`), ``mt_dangling_auxiliary`` (a sentence ending on
a bare modal: "the women involved will.") and ``mt_lowercase_start`` (a sentence
starting lower-case after a full stop: "among people. the women"). Both skip
quoted speech, ordinary ellipsis ("he said he would."), abbreviations ("U.S.
officials", "p.m. and"), initials, URLs and lower-case brand names ("eBay").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import DEFAULT_REPAIR as DEFAULT_CONFIG
from ..config import RepairConfig
from ..errors import InputError
from ..offsets import OffsetMap, OffsetMapBuilder
from ..records import Flag, Repair, Span, TextPart
from .edits import (
    CONTROL_RE,
    NEWLINE_RE,
    SPACE_RE,
    SURROGATE_RE,
    Edit,
    overlaps_any,
    regex_edits,
)
from .furniture import furniture_flags
from .lines import (
    edits_outside,
    is_boilerplate,
    line_repairs,
    lines_to_drop,
    ranges_to_drop,
    split_lines,
    title_span,
)
from .mojibake import mojibake_edits
from .mt import mt_flags
from .reflow import reflow_edits

__all__ = [
    "DEFAULT_CONFIG",
    "RepairConfig",
    "RepairResult",
    "is_boilerplate",
    "repair",
    "title_in_input",
]


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, its map to the input, and what was changed or flagged."""

    text: str
    offsets: OffsetMap
    repairs: tuple[Repair, ...]  # spans in INPUT coordinates
    flags: tuple[Flag, ...]  # spans in INPUT coordinates
    title: Span | None  # the headline, in REPAIRED-text coordinates


def title_in_input(result: RepairResult) -> TextPart | None:
    """The headline as an Analysis reports it (every language's): input offsets, and its
    repaired text."""
    if result.title is None:
        return None
    start, end = result.title
    return TextPart((result.offsets.to_input(result.title),), result.text[start:end])


def repair(text: str, config: RepairConfig = DEFAULT_CONFIG) -> RepairResult:
    """Repair ``text`` for analysis; every change is recorded and mapped back."""
    if not isinstance(text, str):
        raise InputError(
            f"repair() needs decoded text (str), not {type(text).__name__}; decode it first"
        )
    edits = _char_edits(text, config)
    lines = split_lines(text, edits)
    dropped = lines_to_drop(lines, config)
    drop_ranges = ranges_to_drop(lines, dropped)
    kept_edits = edits_outside(edits, drop_ranges)
    repaired, offsets = _build(text, kept_edits, drop_ranges)
    repairs = tuple(
        sorted(
            _char_repairs(text, kept_edits) + line_repairs(text, lines, dropped),
            key=lambda r: (r.spans[0], r.kind),
        )
    )
    flags = mt_flags(repaired, offsets) if config.flag_mt_breaks else ()
    if config.flag_furniture:
        flags = tuple(sorted(flags + furniture_flags(repaired, offsets), key=lambda f: f.spans[0]))
    return RepairResult(
        text=repaired,
        offsets=offsets,
        repairs=repairs,
        flags=flags,
        title=title_span(repaired, lines, dropped, config),
    )


def _char_edits(text: str, config: RepairConfig) -> list[Edit]:
    """All character-level edits, sorted and non-overlapping (mojibake wins)."""
    mojibake = mojibake_edits(text, config) if config.fix_mojibake else []
    # a lone surrogate is never part of a repair: it becomes U+FFFD on its own
    mojibake = [
        e
        for e in mojibake
        if not SURROGATE_RE.search(text, e.start, e.end) and not SURROGATE_RE.search(e.replacement)
    ]
    others: list[Edit] = regex_edits(text, SURROGATE_RE, "surrogates", lambda _: "\ufffd")
    if config.normalize_newlines:
        others += regex_edits(text, NEWLINE_RE, "newlines", lambda _: "\n")
    if config.remove_control_characters:
        others += regex_edits(text, CONTROL_RE, "control_characters", lambda _: "")
    if config.normalize_spaces:
        others += regex_edits(text, SPACE_RE, "whitespace", lambda _: " ")
    reflow = reflow_edits(text, config.reflow_min_lines) if config.reflow_hard_wraps else []
    joined = [(e.start, e.end) for e in reflow]
    others = reflow + [e for e in others if not overlaps_any(e.start, e.end, joined)]
    taken = [(e.start, e.end) for e in mojibake]
    edits = mojibake + [e for e in others if not overlaps_any(e.start, e.end, taken)]
    return sorted(edits, key=lambda e: e.start)


# ---------------------------------------------------------------------------
# building the repaired text and the records


def _build(text: str, edits: Sequence[Edit], drops: Sequence[Span]) -> tuple[str, OffsetMap]:
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
_GROUPED_KINDS = frozenset({"newlines", "control_characters", "whitespace", "surrogates", "reflow"})


def _char_repairs(text: str, edits: Sequence[Edit]) -> list[Repair]:
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
    "surrogates": "lone surrogate (not encodable text) replaced by U+FFFD",
    "reflow": "line break inside a hard-wrapped paragraph joined with a space",
}
