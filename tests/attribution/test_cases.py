"""Golden cases for the rules, the menders and speaker naming, kept as data.

Each file in ``cases/`` holds a list of cases: a small text (or ``text_file``, a
path from the repository root), the attributions expected in its analysis and
those that must be absent. ``known-failures.json`` holds cases the analyzer
still gets wrong; they run as strict xfails (with the case's ``reason``), so a
fix shows up as a failure to move the case to another file.

An expectation matches an attribution when every field it gives matches:
``source``, ``cue``, ``content``, ``name`` and ``type`` exactly (texts as
shown in the record), ``*_has`` as a substring, ``origin_has`` in the origin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportedly import analyze
from reportedly.marks import trim_fragment
from reportedly.records import Attribution

CASES = Path(__file__).with_name("cases")
REPO = Path(__file__).resolve().parents[2]
KINDS = ("synthetic", "negative", "in-the-wild", "known-failures")


def load_cases() -> list[Any]:
    found = []
    for kind in KINDS:
        for case in json.loads((CASES / f"{kind}.json").read_text(encoding="utf-8")):
            reason = case.get("reason", "a known failure")
            marks = (
                [pytest.mark.xfail(strict=True, reason=reason)] if kind == "known-failures" else []
            )
            found.append(pytest.param(case, id=f"{kind}: {case['name']}", marks=marks))
    return found


def fields(attribution: Attribution) -> dict[str, str]:
    return {
        "source": attribution.source.text if attribution.source else "",
        "name": attribution.source.name if attribution.source else "",
        "type": attribution.source.type if attribution.source else "",
        "cue": attribution.cue.text if attribution.cue else "",
        "content": attribution.content.text,
        "origin": attribution.origin,
    }


def matches(expected: dict[str, str], attribution: Attribution) -> bool:
    found = fields(attribution)
    for key, value in expected.items():
        if key.endswith("_has"):
            if value not in found[key.removesuffix("_has")]:
                return False
        elif _edges_trimmed(found[key]) != _edges_trimmed(value):
            return False
    return True


def _edges_trimmed(text: str) -> str:
    """A text without the quote marks, punctuation and spaces at its ends: the accurate
    mode draws span edges as PolNeAR's annotators do ('said:', '"We will win."'), the
    fast mode without them, and the cases hold in both."""
    start, end = trim_fragment(text, (0, len(text)))
    return text[start:end]


def test_every_case_file_is_a_list_of_named_cases() -> None:
    for kind in KINDS:
        cases = json.loads((CASES / f"{kind}.json").read_text(encoding="utf-8"))
        assert cases, kind
        for case in cases:
            assert case["name"] and case["covers"], case
            assert ("text" in case) != ("text_file" in case), case["name"]
            assert case.get("expect") or case.get("absent"), case["name"]


@pytest.mark.parametrize("case", load_cases())
def test_golden_case(case: dict[str, Any]) -> None:
    text = case["text"] if "text" in case else (REPO / case["text_file"]).read_text("utf-8")
    attributions = analyze(text).attributions
    shown = [fields(a) for a in attributions]
    for expected in case.get("expect", ()):
        assert any(matches(expected, a) for a in attributions), (expected, shown)
    for unwanted in case.get("absent", ()):
        assert not any(matches(unwanted, a) for a in attributions), (unwanted, shown)
