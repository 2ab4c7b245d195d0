"""Quality gate: body F1 of our HTML reader on the 181 pages of the article-extraction benchmark.

The metric is the benchmark's (see the dataset's SOURCE.md): 4-token shingles
of ``\\w+`` tokens counted with multiplicity; each page's TP/FP/FN divided by
their sum; precision and recall are the means over pages; F1 combines them.
Measured with ReaderConfig's defaults: P 0.958, R 0.971, F1 0.964 (trafilatura's
own defaults give 0.958, its published figure).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from reportedly.ingest.sources import RawArticle, ReaderConfig, article_from_html

F1_FLOOR = 0.955
TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of one page; a page with nothing on either side scores 0."""
    found, wanted = shingles(predicted), shingles(truth)
    tp = sum((found & wanted).values())
    fp = sum((found - wanted).values())
    fn = sum((wanted - found).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0
    tp_, fp_, fn_ = tp / total, fp / total, fn / total
    precision = tp_ / (tp_ + fp_) if tp_ + fp_ else 0.0
    recall = tp_ / (tp_ + fn_) if tp_ + fn_ else 0.0
    return precision, recall


def test_metric_on_known_cases() -> None:
    body = "one two three four five six"
    assert page_scores(body, body) == (1.0, 1.0)
    assert page_scores("", body) == (0.0, 0.0)
    # half the shingles found, none wrong
    assert page_scores("one two three four", "one two three four five") == (1.0, 0.5)


@pytest.mark.slow
def test_body_f1_on_the_benchmark_pages(
    extraction_truth: dict[str, dict[str, str]], real_page: Callable[[str], bytes]
) -> None:
    config = ReaderConfig()
    precisions, recalls = [], []
    for page_id, truth in sorted(extraction_truth.items()):
        article = article_from_html(real_page(page_id), page_id, config, url=truth["url"])
        predicted = article.text if isinstance(article, RawArticle) else ""
        precision, recall = page_scores(predicted, truth["articleBody"])
        precisions.append(precision)
        recalls.append(recall)
    assert len(precisions) == 181
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r)
    print(f"\nHTML body on {len(precisions)} pages: P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    assert f1 >= F1_FLOOR
