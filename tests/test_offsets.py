from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportedly.offsets import OffsetMap, OffsetMapBuilder


def test_identity_maps_every_span_to_itself() -> None:
    offsets = OffsetMap.identity(10)
    assert offsets.to_input((2, 5)) == (2, 5)
    assert offsets.to_input((10, 10)) == (10, 10)


def test_replaced_and_dropped_pieces_map_back() -> None:
    source = "ab‚Äúcd JUNK ef"
    builder = OffsetMapBuilder(len(source))
    builder.copy("ab", 0)
    builder.replace("“", 2, 5)
    builder.copy("cd ", 5)
    builder.copy("ef", 13)  # "JUNK " dropped
    text, offsets = builder.build()
    assert text == "ab“cd ef"
    assert offsets.to_input((2, 3)) == (2, 5)
    assert source[slice(*offsets.to_input((0, 5)))] == "ab‚Äúcd"
    assert source[slice(*offsets.to_input((6, 8)))] == "ef"
    # a span across the dropped range covers it
    assert offsets.to_input((3, 8)) == (5, 15)


@given(st.lists(st.tuples(st.text(min_size=1, max_size=5), st.booleans()), max_size=20))
def test_copied_pieces_are_verbatim(pieces: list[tuple[str, bool]]) -> None:
    source = "".join(p for p, _ in pieces)
    builder = OffsetMapBuilder(len(source))
    pos = 0
    kept = []
    for piece, keep in pieces:
        if keep:
            builder.copy(piece, pos)
            kept.append((piece, pos))
        pos += len(piece)
    text, offsets = builder.build()
    at = 0
    for piece, start in kept:
        assert offsets.to_input((at, at + len(piece))) == (start, start + len(piece))
        assert source[start : start + len(piece)] == text[at : at + len(piece)]
        at += len(piece)
