"""Map offsets in a repaired text back to offsets in the original input.

The repair stage builds the repaired text piece by piece; each piece is either
copied verbatim from the input (``exact``: character ``i`` of the piece is
character ``input_start + i`` of the input) or replaces an input range as a
whole (a mojibake fix: every character of the piece maps to the whole range).
Input ranges that were dropped (boilerplate) simply have no piece.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .records import Span


@dataclass(frozen=True)
class OffsetMap:
    """For each character of the repaired text, its ``[start, end)`` in the input."""

    starts: array  # type: ignore[type-arg]
    ends: array  # type: ignore[type-arg]
    input_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("q", range(length)), array("q", range(1, length + 1)), length)

    def __len__(self) -> int:
        return len(self.starts)

    def to_input(self, span: Span) -> Span:
        """Map one repaired-text span to the input span that produced it."""
        start, end = span
        n = len(self.starts)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span {span} outside repaired text of length {n}")
        if start == end:
            pos = self.starts[start] if start < n else self.input_length
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])


@dataclass
class OffsetMapBuilder:
    """Accumulates the repaired text and its map while a repair walks the input."""

    input_length: int
    _pieces: list[str] = field(default_factory=list)
    _starts: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]
    _ends: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]

    def copy(self, text: str, input_start: int) -> None:
        """Append ``text``, which stands verbatim at ``input_start`` in the input."""
        self._pieces.append(text)
        self._starts.extend(range(input_start, input_start + len(text)))
        self._ends.extend(range(input_start + 1, input_start + len(text) + 1))

    def replace(self, text: str, input_start: int, input_end: int) -> None:
        """Append ``text``, which replaces the input range as a whole."""
        self._pieces.append(text)
        self._starts.extend([input_start] * len(text))
        self._ends.extend([input_end] * len(text))

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._pieces), OffsetMap(self._starts, self._ends, self.input_length)
