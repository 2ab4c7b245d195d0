"""Check the check-worthiness ranking against sentences labelled by hand.

A labelled sentence gets the highest check-worthiness of the claims that overlap
it (0 when none does); sentences are ranked by that score and the ranking is
scored with precision@k and average precision. Ties are broken against the
ranking (unworthy sentences first), so a scorer cannot gain from ties.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from ..records import Claim
from .checkworthiness import average_precision, precision_at_k

LABEL_COLUMNS = ("article", "start", "end", "crc32", "label")
REPORTED_K = (10, 20, 50)


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    article: str
    start: int
    end: int
    crc32: int
    worthy: bool


@dataclass(frozen=True, slots=True)
class RankingScore:
    sentences: int
    positives: int
    average_precision: float
    precision_at: dict[int, float]

    @property
    def base_rate(self) -> float:
        """Expected average precision of a random ranking (about the share of positives)."""
        return self.positives / self.sentences if self.sentences else 0.0


def load_labels(path: Path) -> list[LabelledSentence]:
    """Read the TSV (``#`` comments, a header, then one labelled sentence per line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read labels ({exc.strerror})") from None
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    if not rows or tuple(rows[0]) != LABEL_COLUMNS:
        raise DatasetError(f"{path}: expected the header {'/'.join(LABEL_COLUMNS)}")
    labels = []
    for number, row in enumerate(rows[1:], start=2):
        try:
            article, start, end, crc, label = row
            labels.append(
                LabelledSentence(article, int(start), int(end), int(crc), label.strip() == "1")
            )
        except ValueError:
            raise DatasetError(f"{path}: data row {number - 1} is malformed") from None
    return labels


def check_text(sentence: LabelledSentence, text: str) -> None:
    """Raise when the article text is not the one the sentence was labelled on."""
    found = zlib.crc32(text[sentence.start : sentence.end].encode("utf-8"))
    if found != sentence.crc32:
        raise DatasetError(
            f"{sentence.article}: the text at {sentence.start}-{sentence.end} is not the "
            "labelled sentence (different PolNeAR copy?)"
        )


def sentence_score(sentence: LabelledSentence, claims: Iterable[Claim]) -> float:
    """The highest check-worthiness among the claims overlapping the sentence."""
    best = 0.0
    for claim in claims:
        if any(start < sentence.end and sentence.start < end for start, end in claim.spans):
            best = max(best, claim.checkworthiness)
    return best


def score_ranking(scores: Sequence[float], worthy: Sequence[bool]) -> RankingScore:
    if len(scores) != len(worthy):
        raise ValueError("one score per label")
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], worthy[i]))
    ranked = [worthy[i] for i in order]
    return RankingScore(
        sentences=len(ranked),
        positives=sum(ranked),
        average_precision=average_precision(ranked),
        precision_at={k: precision_at_k(ranked, k) for k in REPORTED_K if k <= len(ranked)},
    )
