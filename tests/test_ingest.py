from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.errors import BinaryInputError, InputError
from reportedly.ingest import InputFailure, InputText, decode_bytes, read_inputs, read_path


def test_utf8_decodes_without_warnings() -> None:
    item = decode_bytes("“Quote,” he said.".encode(), "a.txt")
    assert item.text == "“Quote,” he said."
    assert item.warnings == ()


def test_invalid_utf8_is_decoded_best_effort_with_file_and_byte_offset() -> None:
    item = decode_bytes(b"abc \xff\xfe def", "bad.txt")
    assert item.text.startswith("abc ") and item.text.endswith(" def")
    assert len(item.warnings) == 1
    assert "bad.txt" in item.warnings[0] and "byte 4" in item.warnings[0]


def test_binary_data_is_refused_with_its_name() -> None:
    with pytest.raises(BinaryInputError, match=r"img\.png.*binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "img.png")


def test_empty_input_decodes_to_blank_text() -> None:
    # the warning about it comes from the analysis, once
    item = decode_bytes(b"  \n", "empty.txt")
    assert item.text == "  \n"
    assert item.warnings == ()


def test_byte_order_mark_is_dropped() -> None:
    assert decode_bytes(b"\xef\xbb\xbfHello", "bom.txt").text == "Hello"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_directory_walk_reports_non_text_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text("Another.", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    texts = [i for i in items if isinstance(i, InputText)]
    failures = {Path(i.name).name: i.reason for i in items if isinstance(i, InputFailure)}
    assert [Path(t.name).name for t in texts] == ["a.txt", "d.txt"]
    assert "not a text file" in failures["b.pdf"]
    assert "binary" in failures["c.txt"]
