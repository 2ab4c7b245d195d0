from __future__ import annotations

from reportedly.records import Analysis, Attribution, Repair, TextPart
from reportedly.validate import apply_repairs, span_mismatches


def _analysis(text: str, content: TextPart, repairs: tuple[Repair, ...] = ()) -> Analysis:
    attribution = Attribution("direct", None, None, content)
    return Analysis(text=text, title=None, attributions=(attribution,), repairs=repairs, flags=())


def test_repairs_inside_a_span_are_applied() -> None:
    repair = Repair("mojibake", ((1, 4),), "‚Äú", "“")
    assert apply_repairs("a‚Äúb", (0, 5), [repair]) == "a“b"
    assert apply_repairs("a‚Äúb", (4, 5), [repair]) == "b"


def test_a_right_span_passes_and_a_shifted_one_is_reported() -> None:
    text = "x ‚ÄúGo,” she said."
    repair = Repair("mojibake", ((2, 5),), "‚Äú", "“")
    good = _analysis(text, TextPart(((2, 10),), "“Go,”"), (repair,))
    assert list(span_mismatches(good)) == []
    shifted = _analysis(text, TextPart(((3, 11),), "“Go,”"), (repair,))
    [problem] = span_mismatches(shifted)
    assert "attributions[0].content" in problem


def test_a_span_outside_the_input_is_reported() -> None:
    bad = _analysis("short", TextPart(((2, 50),), "ort"))
    assert "outside the input" in next(span_mismatches(bad))
