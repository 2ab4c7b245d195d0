"""The article view: the original text cut into segments, each knowing which marks cover it.

Built from an article's text and its analysis record (``Analysis.to_dict()``: the same shape
whether it was stored by ``ingest`` or made on the spot by the analyze page), so the page can
mark sources, cues, contents, channels, repairs and flags at their offsets into the ORIGINAL
text. The template escapes every segment; nothing here produces HTML.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Span, spans_from_json

ROLES = ("source", "cue", "content", "channel")
# Quotation marks that open and close (the same mark both ways: straight quotes).
QUOTE_PAIRS = (("“", "”"), ("«", "»"))
# marks whose first segment is a keyboard stop, and the prefix of the card it describes
FOCUS_CARDS = {"content": "a", "quoted": "q"}
# How each signal is summed up in one line beside the text.
SIGNAL_LABELS = {
    "attributed_sentences": "attributed sentences",
    "sources": "sources by type",
    "cue_stances": "cue stances",
    "evaluative_wording": "evaluative wording",
    "repairs": "repairs",
    "boilerplate": "boilerplate",
    "machine_translation": "machine-translation signs",
    "flags": "flags",
    "headline": "headline words found in the body",
}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the text under one set of marks (``parts`` like ``content-3``, ``repair-0``)."""

    start: int
    end: int
    text: str
    parts: tuple[str, ...] = ()
    focus: str | None = None  # the card (``a-3``, ``q-0``) this segment is the keyboard stop of

    @property
    def classes(self) -> str:
        kinds = sorted({part.rsplit("-", 1)[0] for part in self.parts})
        return " ".join(f"m-{kind}" for kind in kinds)


@dataclass(frozen=True, slots=True)
class ArticleView:
    segments: list[Segment]
    attributions: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    signals: list[tuple[str, str]]
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    marked: list[dict[str, Any]] = field(default_factory=list)


def _spans(part: Mapping[str, Any] | None) -> list[Span]:
    if not part:
        return []
    return list(spans_from_json(part.get("spans") or []))


def segments(text: str, marks: Sequence[tuple[str, int, int]]) -> list[Segment]:
    """Cut ``text`` at every mark's edges; each piece lists the marks covering it.

    Marks outside the text are clipped to it (a record from another text must not break
    the page). The pieces' texts put together are ``text`` exactly.
    """
    n = len(text)
    clipped = [(name, max(0, min(s, n)), max(0, min(e, n))) for name, s, e in marks]
    clipped = [(name, s, e) for name, s, e in clipped if s < e]
    cuts = sorted({0, n, *(s for _, s, _ in clipped), *(e for _, _, e in clipped)})
    result: list[Segment] = []
    first_content: dict[str, int] = {}
    for start, end in itertools.pairwise(cuts):
        parts = tuple(name for name, s, e in clipped if s <= start and end <= e)
        focus = None
        for part in parts:
            kind, _, number = part.rpartition("-")
            if kind in FOCUS_CARDS and part not in first_content:
                first_content[part] = start
                focus = f"{FOCUS_CARDS[kind]}-{number}"
        result.append(Segment(start, end, text[start:end], parts, focus))
    return result


def _signal_summary(name: str, value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    if name == "attributed_sentences":
        return f"{value.get('attributed', 0)} of {value.get('sentences', 0)} sentences"
    if name == "sources":
        counts = value.get("by_type") or {}
        shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
        return f"{value.get('total', 0)} ({shown})" if shown else "none"
    if name == "cue_stances":
        counts = value.get("by_stance") or {}
        return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
    if name == "headline":
        share = (value.get("words_in_body") or {}).get("share")
        return "no headline" if share is None else f"{round(100 * float(share))}%"
    if "count" in value:
        return str(value["count"])
    return ", ".join(sorted(value))


def article_view(
    text: str,
    record: Mapping[str, Any],
    *,
    speakers: Mapping[int, Mapping[str, str]] | None = None,
    clusters: Mapping[int, int] | None = None,
    ids: Mapping[int, int] | None = None,
    marked: Sequence[Mapping[str, Any]] = (),
) -> ArticleView:
    """The view of ``text`` analysed as ``record``; the mappings are by attribution position.

    ``marked``: the quotes linking found by quotation marks (not in the record), marked
    ``quoted-K`` in the text, K their order here.
    """
    speakers = speakers or {}
    clusters = clusters or {}
    ids = ids or {}
    marks: list[tuple[str, int, int]] = []
    attributions = []
    for i, item in enumerate(record.get("attributions") or []):
        for role in ROLES:
            marks += [(f"{role}-{i}", s, e) for s, e in _spans(item.get(role))]
        source = item.get("source") or {}
        cue = item.get("cue") or {}
        channel = item.get("channel") or {}
        attributions.append(
            {
                "index": i,
                "id": ids.get(i),
                "kind": item.get("kind"),
                "source": source.get("text"),
                "name": source.get("name"),
                "source_type": source.get("type"),
                "cue": cue.get("text"),
                "stance": cue.get("stance"),
                "content": (item.get("content") or {}).get("text", ""),
                "channel": channel.get("text"),
                "speaker": speakers.get(i),
                "cluster": clusters.get(i),
                "spans": {role: _spans(item.get(role)) for role in ROLES if item.get(role)},
            }
        )
    repairs = []
    for j, item in enumerate(record.get("repairs") or []):
        marks += [(f"repair-{j}", s, e) for s, e in _spans(item)]
        repairs.append(item | {"index": j})
    flags = []
    for j, item in enumerate(record.get("flags") or []):
        marks += [(f"flag-{j}", s, e) for s, e in _spans(item)]
        flags.append(item | {"index": j})
    claims = []
    for item in record.get("claims") or []:
        position = item.get("attribution")
        authority = None
        if isinstance(position, int) and 0 <= position < len(attributions):
            holder = attributions[position]
            authority = {
                "index": position,
                "name": holder["name"] or holder["source"],
                "speaker": holder["speaker"],
            }
        claims.append(item | {"authority": authority})
    quoted = []
    for k, item in enumerate(marked):
        start, end = item.get("content_start"), item.get("content_end")
        if isinstance(start, int) and isinstance(end, int):
            marks.append((f"quoted-{k}", start, end))
        quoted.append({
            "index": k, "id": item.get("id"), "content": item.get("content") or "",
            "mention": item.get("speaker"), "speaker": item.get("person"),
            "cluster": item.get("cluster"), "start": start, "end": end,
            "speaker_from_cluster": item.get("speaker_from_cluster"),
        })  # fmt: skip
    signals = [
        (SIGNAL_LABELS.get(name, name), _signal_summary(name, value))
        for name, value in (record.get("signals") or {}).items()
    ]
    title = (record.get("title") or {}).get("text")
    return ArticleView(
        segments(text, marks), attributions, claims, repairs, flags, signals, title, marked=quoted
    )


def closed_quotes(text: str | None) -> str:
    """``text`` shown with its quotation marks balanced.

    A mixed quote's content ends inside its quotation ('… supporters “deplorables'): the
    closing mark lies past the content's end (after the full stop). For display only, each
    mark left open is closed at the end and each mark closed without an opening is opened at
    the start; the stored content and its offsets stay as they are.
    """
    text = text or ""
    # German „…“: its closing mark is the English opening one, which it does not open
    german = text.count("„")
    for opening, closing in QUOTE_PAIRS:
        opened = text.count(opening) - (german if opening == "“" else 0)
        missing = max(0, opened) - text.count(closing)
        if missing > 0:
            text += closing * missing
        elif missing < 0:
            text = opening * -missing + text
    if text.count('"') % 2:
        last = text.rfind('"')
        opens = last + 1 < len(text) and not text[last + 1].isspace()
        text = text + '"' if opens else '"' + text
    return text


def count_of(n: int | None, word: str) -> str:
    """``1 article``, ``2 articles``, ``1,234 articles``."""
    n = int(n or 0)
    return f"{n:,} {word}{'' if n == 1 else 's'}"
