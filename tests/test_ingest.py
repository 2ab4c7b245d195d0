"""Decoding bytes: UTF-8, byte order marks, detected encodings, binary data."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from reportedly.errors import BinaryInputError, InputError
from reportedly.ingest.files import decode_bytes, display_name, read_path

TEXT = "“Prices will rise,” the minister said — at the café, in Zürich."


def test_utf8_decodes_without_warnings() -> None:
    item = decode_bytes("“Quote,” he said.".encode(), "a.txt")
    assert item.text == "“Quote,” he said."
    assert item.warnings == ()
    assert item.encoding == "utf-8"


def test_windows_1252_is_detected_and_named_in_a_warning() -> None:
    item = decode_bytes(TEXT.encode("cp1252"), "old.txt")
    assert item.text == TEXT
    assert item.encoding == "cp1252"
    assert len(item.warnings) == 1
    assert "old.txt" in item.warnings[0] and "Windows-1252" in item.warnings[0]


def test_a_cyrillic_code_page_is_detected() -> None:
    text = "Министр сказал, что цены вырастут. «Это неизбежно», — добавил он."
    item = decode_bytes(text.encode("cp1251"), "ru.txt")
    assert item.text == text
    assert "cp1251" in item.warnings[0]


# PolNeAR dev articles that charset-normalizer's first guess read as cp775, Big5 and
# MacLatin2 once they were encoded as Windows-1252
MISREAD_BEFORE = [
    "breitbart_2016-09-20_poll-wealthy-voters-abandon-repu.txt",
    "nyt_2016-09-28_what-mexico-could-do-when-up-aga.txt",
    "west-journal_2016-09-26_popular-website-shows-bias-when-.txt",
    "politico_2016-09-23_partisan-fireworks-over-clinton-.txt",
]


@pytest.mark.parametrize("name", MISREAD_BEFORE)
def test_english_news_in_windows_1252_is_read_as_windows_1252(polnear_dir: Path, name: str) -> None:
    text = (polnear_dir / "data" / "dev" / "text" / name).read_text(encoding="utf-8")
    data = text.encode("cp1252", errors="replace")
    item = decode_bytes(data, name)
    assert item.encoding == "cp1252"
    assert item.text == data.decode("cp1252")
    [warning] = item.warnings
    assert "Windows-1252" in warning and "confidence 100%" in warning


@pytest.mark.parametrize(
    "text",
    [
        "“It’s a co\xadoperative,” the mayor said – at the café, 52 ± 3 of them.",
        "Peña Nieto said the wall “will not be paid” by Mexico — ever.",
    ],
)
def test_western_text_beats_an_exotic_code_page_on_little_evidence(text: str) -> None:
    item = decode_bytes(text.encode("cp1252"), "short.txt")
    assert (item.encoding, item.text) == ("cp1252", text)


def test_mac_roman_quotes_are_not_read_as_capitals_inside_words() -> None:
    text = "“Don’t worry,” the mayor said – the café would reopen. It’s fine."
    item = decode_bytes(text.encode("mac_roman"), "mac.txt")
    assert (item.encoding, item.text) == ("mac_roman", text)
    assert "MacRoman" in item.warnings[0]


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("shift_jis", "日本政府は月曜日、新しい経済対策を発表した。"
                      "首相は「景気の回復を最優先にする」と述べた。"),
        ("gbk", "中国外交部发言人周一表示，双方将于下周继续举行会谈。"
                "他对记者说：“我们愿意进行对话。”"),
        ("cp1251", "Президент заявил в понедельник, что переговоры "
                   "будут продолжены на следующей неделе."),
    ],
)  # fmt: skip
def test_strong_evidence_still_picks_an_exotic_encoding(codec: str, text: str) -> None:
    item = decode_bytes(text.encode(codec), "far.txt")
    assert item.text == text
    assert item.encoding not in ("cp1252", "latin_1", "mac_roman", "utf-8")
    assert "charset-normalizer, confidence" in item.warnings[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_byte_order_marks_name_the_encoding(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    if codec == "utf-32-be":
        data = codecs.BOM_UTF32_BE + data
    item = decode_bytes(data, "bom.txt")
    assert item.text == TEXT
    assert item.warnings == ()


def test_utf16_without_a_mark_is_recognised_by_its_nul_bytes() -> None:
    item = decode_bytes(TEXT.encode("utf-16-le"), "u16.txt")
    assert item.text == TEXT
    assert "UTF-16-LE" in item.warnings[0]


def test_utf8_with_a_few_stray_cp1252_bytes_keeps_both() -> None:
    data = "Zürich: ".encode() + "“Quote,” he said.".encode("cp1252")
    item = decode_bytes(data, "mixed.txt")
    assert item.text == "Zürich: “Quote,” he said."
    assert "byte 9" in item.warnings[0] and "Windows-1252" in item.warnings[0]


def test_binary_data_is_refused_with_its_name() -> None:
    with pytest.raises(BinaryInputError, match=r"img\.png.*binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x01\x02\x03\xff\x00\x00\x10", "img.png")


def test_empty_input_decodes_to_blank_text() -> None:
    item = decode_bytes(b"  \n", "empty.txt")
    assert item.text == "  \n"
    assert item.warnings == ()


def test_missing_file_and_fifo_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


def test_file_names_that_are_not_utf8_are_shown_with_a_replacement_character() -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    shown = display_name(name)
    assert shown == "caf\ufffd.txt"
    shown.encode("utf-8")
