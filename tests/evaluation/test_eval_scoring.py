"""The scorer against hand-made gold and predictions (definitions: PolNeAR SCORING.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportedly.errors import DatasetError
from reportedly.evaluation.brat import GoldArticle, read_brat_dir
from reportedly.evaluation.scoring import (
    Counts,
    Scores,
    greedy_matching,
    score,
    score_article,
    trim_fragment,
)
from reportedly.records import EvalSpans, Span


def at(text: str, part: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


def attribution(
    text: str,
    content: str | list[str],
    cue: str,
    source: str | None = None,
) -> EvalSpans:
    """An attribution whose parts are found by their text (first appearance)."""
    contents = [content] if isinstance(content, str) else content
    return EvalSpans(
        source=(at(text, source),) if source else (),
        cue=(at(text, cue),),
        content=tuple(at(text, part) for part in contents),
    )


def article(text: str, *attributions: EvalSpans, id: str = "a1") -> GoldArticle:
    return GoldArticle(id=id, text=text, attributions=attributions)


TEXT = (
    'Officials said "the plan will work," and Jane Smith, a senator, added that it was late. '
    "It is said that taxes will rise."
)
QUOTE = attribution(TEXT, '"the plan will work,"', "said", "Officials")
ADDED = attribution(TEXT, "that it was late", "added", "Jane Smith")
NO_SOURCE = attribution(TEXT, "that taxes will rise", "is said")
GOLD = article(TEXT, QUOTE, ADDED, NO_SOURCE)


def all_values(scores: Scores) -> list[float | None]:
    counts = [scores.relation, scores.direct]
    for role in ("source", "cue", "content"):
        counts += [scores.role(role).exact, scores.role(role).overlap]
    return [value for c in counts for value in (c.precision, c.recall, c.f1)]


def test_perfect_predictions_score_one_everywhere() -> None:
    scores = score([GOLD], [GOLD.attributions])
    assert all_values(scores) == [1.0] * 24
    assert scores.relation == Counts(3, 3, 3, 3)
    assert scores.direct == Counts(1, 1, 1, 1)
    assert scores.source.exact.gold == 2  # the passive has no source fragment


def test_nothing_predicted_gives_zero_recall_and_undefined_precision() -> None:
    scores = score([GOLD], [[]])
    assert scores.relation.recall == 0.0
    assert scores.relation.precision is None
    assert scores.relation.f1 == 0.0


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('"the plan will work,"', "the plan will work"),
        ("  — “Yes!” ’ ", "Yes"),
        ("«bonjour» ;", "bonjour"),
        ("-- it was late.", "it was late"),
        ("(it was late)", "(it was late)"),  # parentheses are not trimmed
        ("said", "said"),
    ],
)
def test_trim_fragment(fragment: str, expected: str) -> None:
    text = f"xx{fragment}yy"
    start, end = trim_fragment(text, (2, 2 + len(fragment)))
    assert text[start:end] == expected


def test_a_fragment_of_punctuation_only_is_kept_as_it_is() -> None:
    text = 'Trump: "We will win."'
    assert trim_fragment(text, (5, 6)) == (5, 6)
    assert trim_fragment(text, (5, 7)) == (5, 7)


def test_exact_matching_ignores_quotes_and_punctuation_at_the_ends() -> None:
    start, end = QUOTE.content[0]
    unquoted = replace(QUOTE, content=((start + 1, end - 2),))  # without “"” and “,"”
    scores = score_article(GOLD, [unquoted, ADDED, NO_SOURCE])
    assert scores.content.exact == Counts(3, 3, 3, 3)


def test_a_shifted_content_fails_exact_but_passes_overlap() -> None:
    start, end = ADDED.content[0]
    shifted = replace(ADDED, content=((start + 5, end),))  # "it was late"
    scores = score_article(GOLD, [QUOTE, shifted, NO_SOURCE])
    assert scores.content.exact == Counts(2, 3, 2, 3)
    assert scores.content.overlap == Counts(3, 3, 3, 3)
    assert scores.relation == Counts(3, 3, 3, 3)  # IoU 11/16 still counts
    assert scores.cue.exact.f1 == scores.source.exact.f1 == 1.0


def test_overlap_below_half_is_a_miss() -> None:
    start, _ = ADDED.content[0]
    short = replace(ADDED, content=((start, start + 4),))  # "that" of "that it was late"
    scores = score_article(GOLD, [QUOTE, short, NO_SOURCE])
    assert scores.content.overlap == Counts(2, 3, 2, 3)
    assert scores.relation == Counts(2, 3, 2, 3)


def test_a_wrong_cue_loses_the_cue_and_the_relation_only() -> None:
    wrong_cue = replace(ADDED, cue=(at(TEXT, "senator"),))
    scores = score_article(GOLD, [QUOTE, wrong_cue, NO_SOURCE])
    assert scores.cue.exact == Counts(2, 3, 2, 3)
    assert scores.source.exact.f1 == scores.content.exact.f1 == 1.0
    assert scores.relation == Counts(2, 3, 2, 3)


def test_a_partial_source_still_counts_for_the_relation() -> None:
    surname = replace(ADDED, source=(at(TEXT, "Smith"),))
    scores = score_article(GOLD, [QUOTE, surname, NO_SOURCE])
    assert scores.source.exact == Counts(1, 2, 1, 2)
    assert scores.source.overlap == Counts(2, 2, 2, 2)  # IoU 5 / 10 = 0.5 is enough
    assert scores.relation.f1 == 1.0  # sources share a character


def test_no_source_relation() -> None:
    invented_source = replace(NO_SOURCE, source=(at(TEXT, "It"),))
    scores = score_article(GOLD, [QUOTE, ADDED, invented_source])
    assert scores.relation == Counts(2, 3, 2, 3)
    dropped_source = replace(QUOTE, source=())
    scores = score_article(GOLD, [dropped_source, ADDED, NO_SOURCE])
    assert scores.relation == Counts(2, 3, 2, 3)
    assert scores.source.exact == Counts(1, 1, 1, 2)


def test_discontinuous_content_is_scored_fragment_by_fragment() -> None:
    text = '"We will win this state and the next one," he said, "believe me."'
    first, second = '"We will win this state and the next one,"', '"believe me."'
    gold = article(text, attribution(text, [first, second], "said", "he"))
    assert gold.attributions[0].content == ((0, 42), (52, 65))
    first_only = attribution(text, first, "said", "he")
    scores = score_article(gold, [first_only])
    assert scores.content.exact == Counts(1, 1, 1, 2)
    assert scores.relation.f1 == 1.0  # IoU of the unions: 42 / 55
    second_only = attribution(text, second, "said", "he")
    assert score_article(gold, [second_only]).relation.f1 == 0.0  # 13 / 55
    one_span = EvalSpans(
        source=(at(text, "he"),), cue=(at(text, "said"),), content=((0, len(text)),)
    )
    scores = score_article(gold, [one_span])
    assert scores.content.exact == Counts(0, 1, 0, 2)
    # the span matches the long fragment (IoU 42 / 65) and is not used again
    assert scores.content.overlap == Counts(1, 1, 1, 2)
    assert scores.relation.f1 == 1.0  # 55 / 65


def test_greedy_matching_takes_the_best_pairs_first() -> None:
    similarity = {(0, 0): 0.6, (0, 1): 0.9, (1, 0): 0.7}
    pairs = greedy_matching(2, 2, lambda g, p: similarity.get((g, p), 0.0))
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_duplicate_predictions_are_not_counted_twice() -> None:
    scores = score_article(GOLD, [QUOTE, QUOTE, ADDED, NO_SOURCE])
    for role in ("source", "cue", "content"):
        assert scores.role(role).exact.matched_gold == scores.role(role).exact.gold
        assert scores.role(role).exact.predicted == scores.role(role).exact.gold + 1
        assert scores.role(role).overlap.matched_predicted == scores.role(role).overlap.gold
    assert scores.relation == Counts(3, 4, 3, 3)
    assert scores.direct == Counts(1, 2, 1, 1)


def test_direct_subset() -> None:
    # the direct quote is found but given a wrong cue; the indirect ones are right
    wrong = replace(QUOTE, cue=(at(TEXT, "Officials"),))
    scores = score_article(GOLD, [wrong, ADDED, NO_SOURCE])
    assert scores.direct == Counts(0, 1, 0, 1)
    assert scores.direct.f1 == 0.0
    assert scores.relation == Counts(2, 3, 2, 3)


def test_scores_add_up_over_articles() -> None:
    other = article("He said no.", attribution("He said no.", "no", "said", "He"), id="a2")
    scores = score([GOLD, other], [GOLD.attributions, []])
    assert scores.articles == 2
    assert scores.relation == Counts(3, 3, 3, 4)
    assert scores.relation.recall == 0.75


def test_bad_predictions_raise_dataset_errors() -> None:
    with pytest.raises(DatasetError, match="2 gold articles"):
        score([GOLD, GOLD], [[]])
    outside = EvalSpans(source=(), cue=((0, 4),), content=((5, 10_000),))
    with pytest.raises(DatasetError, match="outside article 'a1'"):
        score([GOLD], [[outside]])


def test_to_dict_and_table() -> None:
    scores = score([GOLD], [[QUOTE]])
    data = scores.to_dict()
    assert data["relation"] == {
        "precision": 1.0,
        "recall": 0.3333,
        "f1": 0.5,
        "matched_predicted": 1,
        "predicted": 1,
        "matched_gold": 1,
        "gold": 3,
    }
    assert data["speakers"] is None
    assert set(data["content"]) == {"exact", "overlap"}
    table = scores.format_table("demo")
    assert "demo" in table
    relation_row = next(line for line in table.splitlines() if "relation" in line)
    assert relation_row.split()[2:5] == ["100.0", "33.3", "50.0"]


def test_gold_predictions_score_one_on_polnear_dev(polnear_dir: Path) -> None:
    articles = read_brat_dir(polnear_dir / "data" / "dev")
    scores = score(articles, [article.attributions for article in articles])
    for role in ("source", "cue", "content"):
        assert scores.role(role).exact.f1 == 1.0
        assert scores.role(role).overlap.f1 == 1.0
    # one dev E line has neither cue nor content, so nothing can match it
    assert scores.relation.matched_gold == scores.relation.gold - 1
    assert scores.direct.f1 == 1.0


def test_relation_precision_per_origin_and_per_mender() -> None:
    predicted = [
        replace(QUOTE, origin="quote-rule"),
        replace(ADDED, origin="model+inherited-source"),
        replace(attribution(TEXT, "taxes will rise", "It"), origin="model+filled-content"),
    ]
    scores = score([GOLD], [predicted]) + score([GOLD], [predicted[:1]])
    origins = dict(scores.origins)
    assert origins["quote-rule"] == Counts(2, 2, 0, 0)
    assert origins["model"] == Counts(1, 2, 0, 0)  # the "It" attribution is wrong
    assert origins["+inherited-source"] == Counts(1, 1, 0, 0)
    assert origins["+filled-content"] == Counts(0, 1, 0, 0)
    assert scores.to_dict()["origins"]["model"] == {"precision": 0.5, "matched": 1, "predicted": 2}
    assert "+filled-content" in scores.format_table()
