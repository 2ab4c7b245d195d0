"""Scoring predicted attributions against gold, as defined in PolNeAR's ``SCORING.md``.

Per role (source, cue, content): precision, recall and F1 over fragments (each
piece of a discontinuous span on its own), under

- **exact** matching: fragments are compared after trimming whitespace,
  punctuation, quote characters and dashes from both ends; each gold fragment
  matches at most one prediction (``trim=False``: whitespace alone is trimmed, so
  quote marks, colons and full stops must be drawn as the annotators drew them, as
  the published PolNeAR scorers compare spans);
- **overlap** matching: one-to-one greedy matching by character IoU >= 0.5.

Per attribution: **relation** (one-to-one matching of attributions whose
contents have IoU >= 0.5, whose cues share a character and whose sources share
a character or are both absent) and the **direct** subset (relation recall over
gold attributions whose content holds a quotation mark, precision over
predicted ones whose content does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .. import marks
from ..errors import DatasetError
from ..marks import TRIM_CHARACTERS, is_trimmed, trim_fragment
from ..records import EvalSpans, Span, Spans
from . import intervals
from .brat import GoldArticle

if TYPE_CHECKING:
    from .speakers import SpeakerScores

Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")
IOU_THRESHOLD = 0.5
__all__ = ["TRIM_CHARACTERS", "is_trimmed", "trim_fragment"]  # re-exported: the scorer's own
QUOTATION_MARKS = frozenset(marks.STRAIGHT_DOUBLE + marks.CURLY_DOUBLE)


@dataclass(frozen=True, slots=True)
class Counts:
    """Match counts behind one precision / recall / F1.

    For one-to-one matchings ``matched_predicted == matched_gold``; the direct
    subset counts them over different sets of attributions.
    """

    matched_predicted: int = 0
    predicted: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted."""
        return self.matched_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """None when there is nothing in gold."""
        return self.matched_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; an undefined one counts as 0,
        so F1 is None only when both are."""
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return None
        precision, recall = precision or 0.0, recall or 0.0
        total = precision + recall
        return 2 * precision * recall / total if total else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched_predicted + other.matched_predicted,
            self.predicted + other.predicted,
            self.matched_gold + other.matched_gold,
            self.gold + other.gold,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _rounded(self.precision),
            "recall": _rounded(self.recall),
            "f1": _rounded(self.f1),
            "matched_predicted": self.matched_predicted,
            "predicted": self.predicted,
            "matched_gold": self.matched_gold,
            "gold": self.gold,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True, slots=True)
class RoleScores:
    exact: Counts = Counts()
    overlap: Counts = Counts()

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(self.exact + other.exact, self.overlap + other.overlap)

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact.to_dict(), "overlap": self.overlap.to_dict()}


@dataclass(frozen=True, slots=True)
class Scores:
    """All scores of a set of articles; ``speakers`` is filled in only where a
    speaker reference applies (see :mod:`reportedly.evaluation.speakers`)."""

    articles: int = 0
    source: RoleScores = RoleScores()
    cue: RoleScores = RoleScores()
    content: RoleScores = RoleScores()
    relation: Counts = Counts()
    direct: Counts = Counts()
    speakers: SpeakerScores | None = None
    # relation matches per part of the analyzer that found (``model``, ``quote-rule``)
    # or mended (``+filled-content``) a predicted attribution, sorted by name
    origins: tuple[tuple[str, Counts], ...] = ()

    def role(self, role: Role) -> RoleScores:
        return {"source": self.source, "cue": self.cue, "content": self.content}[role]

    def __add__(self, other: Scores) -> Scores:
        if self.speakers is not None or other.speakers is not None:
            raise ValueError("add scores before attaching speaker scores")
        return Scores(
            self.articles + other.articles,
            self.source + other.source,
            self.cue + other.cue,
            self.content + other.content,
            self.relation + other.relation,
            self.direct + other.direct,
            origins=_add_origins(self.origins, other.origins),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; precision, recall and F1 are fractions (None when undefined)."""
        return {
            "articles": self.articles,
            "source": self.source.to_dict(),
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "relation": self.relation.to_dict(),
            "direct": self.direct.to_dict(),
            "speakers": self.speakers.to_dict() if self.speakers else None,
            "origins": {
                name: {
                    "precision": _rounded(counts.precision),
                    "matched": counts.matched_predicted,
                    "predicted": counts.predicted,
                }
                for name, counts in self.origins
            },
        }

    def format_table(self, title: str = "", width: int = 100) -> str:
        """The scores as a plain-text table (percentages)."""
        from rich import box
        from rich.table import Table

        from .render import render_text

        table = Table(title=title or None, box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("measure")
        table.add_column("match")
        for header in ("P", "R", "F1"):
            table.add_column(header, justify="right")
        table.add_column("matched/predicted", justify="right")
        table.add_column("matched/gold", justify="right")
        for role in ROLES:
            for match in ("exact", "overlap"):
                role_scores = self.role(role)
                counts = role_scores.exact if match == "exact" else role_scores.overlap
                table.add_row(role, match, *_count_cells(counts))
        table.add_section()
        table.add_row("relation", "attribution", *_count_cells(self.relation))
        table.add_row("direct", "quote content", *_count_cells(self.direct))
        if self.origins:
            table.add_section()
            # relation precision of what each part found or mended
            for name, counts in self.origins:
                cells = _count_cells(counts)
                table.add_row("origin", name, cells[0], "", "", cells[3], "")
        if self.speakers is not None:
            table.add_section()
            # one accuracy per row, shown in the F1 column
            for label, value, hits, total in self.speakers.rows():
                table.add_row("speaker name", label, "", "", _percent(value), "", f"{hits}/{total}")
        return render_text(table, width)


def _add_origins(
    a: tuple[tuple[str, Counts], ...], b: tuple[tuple[str, Counts], ...]
) -> tuple[tuple[str, Counts], ...]:
    total = dict(a)
    for name, counts in b:
        total[name] = total.get(name, Counts()) + counts
    return tuple(sorted(total.items()))


def origin_keys(origin: str) -> tuple[str, ...]:
    """``model+filled-content`` counts for ``model`` and for ``+filled-content``."""
    found, *mended = origin.split("+")
    return (found or "unknown", *(f"+{name}" for name in mended))


def origin_counts(
    predicted: Sequence[EvalSpans], matched: set[int]
) -> tuple[tuple[str, Counts], ...]:
    """Per origin key, how many predicted attributions there are and how many matched."""
    total: dict[str, Counts] = {}
    for index, attribution in enumerate(predicted):
        hit = int(index in matched)
        for key in origin_keys(attribution.origin):
            total[key] = total.get(key, Counts()) + Counts(hit, 1, 0, 0)
    return tuple(sorted(total.items()))


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _count_cells(counts: Counts) -> tuple[str, ...]:
    return (
        _percent(counts.precision),
        _percent(counts.recall),
        _percent(counts.f1),
        f"{counts.matched_predicted}/{counts.predicted}",
        f"{counts.matched_gold}/{counts.gold}",
    )


def greedy_matching(
    gold_count: int,
    predicted_count: int,
    similarity: Callable[[int, int], float],
    eligible: Callable[[int, int], bool] = lambda gold, predicted: True,
) -> list[tuple[int, int]]:
    """One-to-one ``(gold, predicted)`` index pairs, best similarity first.

    Only pairs with similarity >= IOU_THRESHOLD that are ``eligible`` take
    part; ties go to the earlier gold, then the earlier prediction, so the
    result does not depend on anything but the input order.
    """
    candidates = [
        (similarity(gold, predicted), gold, predicted)
        for gold in range(gold_count)
        for predicted in range(predicted_count)
    ]
    candidates = [
        candidate
        for candidate in candidates
        if candidate[0] >= IOU_THRESHOLD and eligible(candidate[1], candidate[2])
    ]
    candidates.sort(key=lambda candidate: (-candidate[0], candidate[1], candidate[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gold, predicted in candidates:
        if gold not in used_gold and predicted not in used_predicted:
            used_gold.add(gold)
            used_predicted.add(predicted)
            pairs.append((gold, predicted))
    return pairs


def _fragments(attributions: Sequence[EvalSpans], role: Role) -> list[Span]:
    return [fragment for attribution in attributions for fragment in getattr(attribution, role)]


def trim_whitespace(text: str, fragment: Span) -> Span:
    """``fragment`` without whitespace at either end (kept whole if that is all it is)."""
    start, end = fragment
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return fragment if start == end else (start, end)


def exact_counts(
    text: str, gold: Sequence[Span], predicted: Sequence[Span], trim: bool = True
) -> Counts:
    """Exact matching of trimmed fragments (``trim=False``: of fragments as drawn, less
    whitespace); a gold fragment is used once."""
    edges = trim_fragment if trim else trim_whitespace
    unused_gold = Counter(edges(text, fragment) for fragment in gold)
    matched = 0
    for fragment in predicted:
        trimmed = edges(text, fragment)
        if unused_gold[trimmed] > 0:
            unused_gold[trimmed] -= 1
            matched += 1
    return Counts(matched, len(predicted), matched, len(gold))


def overlap_counts(gold: Sequence[Span], predicted: Sequence[Span]) -> Counts:
    """Greedy one-to-one matching of fragments by IoU >= 0.5."""
    pairs = greedy_matching(
        len(gold),
        len(predicted),
        lambda g, p: intervals.iou((gold[g],), (predicted[p],)),
    )
    return Counts(len(pairs), len(predicted), len(pairs), len(gold))


def relation_eligible(gold: EvalSpans, predicted: EvalSpans) -> bool:
    """Whether a prediction may be matched to a gold attribution (content aside):
    the cues share a character, and the sources share one or are both absent."""
    if intervals.shared(gold.cue, predicted.cue) == 0:
        return False
    if not intervals.covered(gold.source) and not intervals.covered(predicted.source):
        return True
    return intervals.shared(gold.source, predicted.source) > 0


def relation_matches(
    gold: Sequence[EvalSpans], predicted: Sequence[EvalSpans]
) -> list[tuple[int, int]]:
    """One-to-one ``(gold, predicted)`` attribution pairs that count as found."""
    return greedy_matching(
        len(gold),
        len(predicted),
        lambda g, p: intervals.iou(gold[g].content, predicted[p].content),
        lambda g, p: relation_eligible(gold[g], predicted[p]),
    )


def is_direct(text: str, attribution: EvalSpans) -> bool:
    """Whether the attribution's content holds a quotation mark."""
    return any(
        character in QUOTATION_MARKS
        for start, end in attribution.content
        for character in text[start:end]
    )


def _check_spans(article: GoldArticle, predicted: Sequence[EvalSpans]) -> None:
    length = len(article.text)
    for attribution in predicted:
        for role in ROLES:
            spans: Spans = getattr(attribution, role)
            for start, end in spans:
                if not 0 <= start <= end <= length:
                    raise DatasetError(
                        f"predicted {role} span {start}-{end} lies outside article "
                        f"{article.id!r} ({length} characters)"
                    )


def score_article(
    article: GoldArticle, predicted: Sequence[EvalSpans], trim: bool = True
) -> Scores:
    """The scores of one article's predicted attributions (offsets into ``article.text``;
    ``trim``: as :func:`exact_counts`)."""
    _check_spans(article, predicted)
    text, gold = article.text, article.attributions
    role_scores = {}
    for role in ROLES:
        gold_fragments, predicted_fragments = _fragments(gold, role), _fragments(predicted, role)
        role_scores[role] = RoleScores(
            exact=exact_counts(text, gold_fragments, predicted_fragments, trim),
            overlap=overlap_counts(gold_fragments, predicted_fragments),
        )
    pairs = relation_matches(gold, predicted)
    direct = Counts(
        matched_predicted=sum(is_direct(text, predicted[p]) for _, p in pairs),
        predicted=sum(is_direct(text, attribution) for attribution in predicted),
        matched_gold=sum(is_direct(text, gold[g]) for g, _ in pairs),
        gold=sum(is_direct(text, attribution) for attribution in gold),
    )
    return Scores(
        articles=1,
        source=role_scores["source"],
        cue=role_scores["cue"],
        content=role_scores["content"],
        relation=Counts(len(pairs), len(predicted), len(pairs), len(gold)),
        direct=direct,
        origins=origin_counts(predicted, {p for _, p in pairs}),
    )


def score(
    gold: Sequence[GoldArticle], predicted: Sequence[Sequence[EvalSpans]], trim: bool = True
) -> Scores:
    """Scores of ``predicted[i]``, the attributions predicted for ``gold[i]``
    (offsets into ``gold[i].text``), summed over all articles (``trim``: as
    :func:`exact_counts`)."""
    if len(gold) != len(predicted):
        raise DatasetError(f"{len(predicted)} lists of predictions for {len(gold)} gold articles")
    total = Scores()
    for article, article_predictions in zip(gold, predicted, strict=True):
        total = total + score_article(article, article_predictions, trim)
    return total
