"""Error analysis: the gold attributions the relation matching did not find.

Each miss is shown next to the closest prediction in its article (most
content overlap, then a shared cue, then a shared source) with the reasons
the pair does not count, so a rule's failure can be seen at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..records import EvalSpans, Spans
from . import intervals
from .brat import GoldArticle
from .scoring import IOU_THRESHOLD, ROLES, relation_matches

CONTEXT_CHARS = 150
SHOWN_CHARS = 160


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold attribution not matched in relation, and the closest prediction (if any)."""

    article_id: str
    text: str
    gold: EvalSpans
    closest: EvalSpans | None
    content_iou: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "reasons": list(self.reasons),
            "content_iou": round(self.content_iou, 4),
            "gold": _parts(self.text, self.gold),
            "closest": _parts(self.text, self.closest) if self.closest else None,
        }


def _parts(text: str, attribution: EvalSpans) -> dict[str, Any]:
    return {
        role: {
            "spans": [list(span) for span in getattr(attribution, role)],
            "text": fragments_text(text, getattr(attribution, role)),
        }
        for role in ROLES
    }


def fragments_text(text: str, spans: Spans) -> str:
    """The text of the fragments, joined by " … " where they are discontinuous."""
    return " … ".join(text[start:end] for start, end in spans)


def _closeness(gold: EvalSpans, predicted: EvalSpans) -> tuple[float, bool, bool]:
    return (
        intervals.iou(gold.content, predicted.content),
        intervals.shared(gold.cue, predicted.cue) > 0,
        intervals.shared(gold.source, predicted.source) > 0,
    )


def closest_prediction(gold: EvalSpans, predicted: Sequence[EvalSpans]) -> EvalSpans | None:
    """The prediction nearest ``gold``; None when none shares content, cue or source with it."""
    scored = [(_closeness(gold, candidate), index) for index, candidate in enumerate(predicted)]
    scored = [item for item in scored if item[0] != (0.0, False, False)]
    if not scored:
        return None
    # the best closeness, and the earliest prediction among equals
    best = max(scored, key=lambda item: (item[0], -item[1]))
    return predicted[best[1]]


def miss_reasons(gold: EvalSpans, closest: EvalSpans | None) -> tuple[str, ...]:
    """Why ``closest`` does not count as finding ``gold``."""
    if closest is None:
        return ("nothing predicted here",)
    reasons = []
    content_iou = intervals.iou(gold.content, closest.content)
    if content_iou < IOU_THRESHOLD:
        reasons.append(f"content IoU {content_iou:.2f} < {IOU_THRESHOLD}")
    if not closest.cue:
        reasons.append("no predicted cue")
    elif intervals.shared(gold.cue, closest.cue) == 0:
        reasons.append("cue differs")
    gold_has_source, predicted_has_source = bool(gold.source), bool(closest.source)
    if gold_has_source and not predicted_has_source:
        reasons.append("source missing")
    elif predicted_has_source and not gold_has_source:
        reasons.append("source predicted, gold has none")
    elif gold_has_source and intervals.shared(gold.source, closest.source) == 0:
        reasons.append("source differs")
    if not reasons:
        reasons.append("its closest prediction was matched to another gold attribution")
    return tuple(reasons)


def article_misses(article: GoldArticle, predicted: Sequence[EvalSpans]) -> list[Miss]:
    """The misses of one article, in gold order."""
    matched_gold = {gold for gold, _ in relation_matches(article.attributions, predicted)}
    misses = []
    for index, gold in enumerate(article.attributions):
        if index in matched_gold:
            continue
        closest = closest_prediction(gold, predicted)
        misses.append(
            Miss(
                article_id=article.id,
                text=article.text,
                gold=gold,
                closest=closest,
                content_iou=intervals.iou(gold.content, closest.content) if closest else 0.0,
                reasons=miss_reasons(gold, closest),
            )
        )
    return misses


def worst_misses(
    articles: Sequence[GoldArticle],
    predicted: Sequence[Sequence[EvalSpans]],
    limit: int,
) -> list[Miss]:
    """The ``limit`` worst misses: nothing predicted first, then the least content
    overlap; among equals the longer gold content (more of the article lost)."""
    misses = [
        miss
        for article, article_predictions in zip(articles, predicted, strict=True)
        for miss in article_misses(article, article_predictions)
    ]
    misses.sort(
        key=lambda miss: (
            miss.closest is not None,
            miss.content_iou,
            -intervals.covered(miss.gold.content),
        )
    )
    return misses[:limit]


def _shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def _cell(text: str, spans: Spans) -> str:
    if not spans:
        return "—"
    where = ", ".join(f"{start}-{end}" for start, end in spans)
    return f"{_shorten(fragments_text(text, spans))}  [{where}]"


def context(text: str, attribution: EvalSpans) -> str:
    """The text around the attribution's cue (or content), on one line."""
    anchor = attribution.cue or attribution.content
    if not anchor:
        return ""
    start = max(0, min(span[0] for span in anchor) - CONTEXT_CHARS)
    end = min(len(text), max(span[1] for span in anchor) + CONTEXT_CHARS)
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


def format_misses(misses: Sequence[Miss], width: int = 100) -> str:
    """The misses as numbered plain-text tables, gold beside the closest prediction."""
    from rich import box
    from rich.table import Table

    from .render import render_text

    blocks = []
    for number, miss in enumerate(misses, start=1):
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
        table.add_column("role", no_wrap=True)
        table.add_column("gold", ratio=1)
        table.add_column("closest prediction", ratio=1)
        for role in ROLES:
            predicted = _cell(miss.text, getattr(miss.closest, role)) if miss.closest else "—"
            table.add_row(role, _cell(miss.text, getattr(miss.gold, role)), predicted)
        header = f"#{number} {miss.article_id}: {'; '.join(miss.reasons)}"
        blocks.append(
            render_text(header, width)
            + render_text(f"  {context(miss.text, miss.gold)}", width)
            + render_text(table, width)
        )
    return "\n".join(blocks)
