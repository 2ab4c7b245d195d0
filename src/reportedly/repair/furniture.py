"""Page furniture that reaches the text inside a paragraph: flagged, never edited.

Whole furniture lines ("Read more", share buttons) are dropped by :mod:`.lines`.
What is flagged here is furniture *inside* a paragraph, where dropping it would
change the sentence it starts:

- ``dateline``: the place and agency that open a wire story ("WASHINGTON (AP) —",
  "Hong Kong (CNN Business)", "MACAU (Reuters) –");
- ``teaser``: a cross-reference pasted into the text ("MORE: Trump says ...",
  "READ MORE: ...", "RELATED: ...") at the start of a paragraph.

The flags keep their spans in input coordinates; signals count them, and a
reader can tell a wire agency in a dateline from a source that said something.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..offsets import OffsetMap
from ..records import Flag, Span

_AGENCIES = (
    r"AP|Associated Press|Reuters|AFP|Bloomberg|UPI|dpa|CNN(?: Business| Politics)?|"
    r"CNBC|The Hill|Xinhua|ANI|PTI|IANS|EFE|ANSA|Kyodo|Yonhap|TASS|RIA Novosti"
)
# one to five capitalised words of place ("WASHINGTON", "TRENTON, N.J.", "Hong Kong"),
# the agency in brackets, then a dash or the sentence itself
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<dateline>(?:[A-Z][\w.'’-]*,?[ \t]+){0,4}[A-Z][\w.'’-]*,?[ \t]*"
    rf"\((?:{_AGENCIES})\)(?:[ \t]*[-–—]+)?)(?=[ \t]|$)"
)
_TEASER_RE = re.compile(
    r"(?m)^[ \t]*(?P<teaser>(?:MORE|READ MORE|RELATED|SEE ALSO|WATCH|READ|ALSO READ)[ \t]*:)"
    r"[^\n]*"
)


def furniture_flags(repaired: str, offsets: OffsetMap) -> tuple[Flag, ...]:
    """Flags for datelines and teasers in the repaired text, spans in the input."""
    return tuple(
        Flag(kind, (offsets.to_input(span),), note) for kind, span, note in _furniture(repaired)
    )


def _furniture(text: str) -> Iterator[tuple[str, Span, str]]:
    for match in _DATELINE_RE.finditer(text):
        yield (
            "dateline",
            match.span("dateline"),
            "dateline of a wire story: the agency did not say what follows",
        )
    for match in _TEASER_RE.finditer(text):
        yield (
            "teaser",
            (match.start("teaser"), match.end()),
            "cross-reference to another story inside the text (page furniture)",
        )
