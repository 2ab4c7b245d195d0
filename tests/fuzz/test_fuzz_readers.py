"""Random and adversarial inputs for every reader: a clean result or a clear reason, always.

Each case checks that reading never raises, that every item is an article
(encodable text within the limits) or a one-line failure, and that a good item
given in the same run is still read. The hostile files (bombs, entity
expansion, lying WARC lengths, deep JSON, ...) are read in one subprocess whose
peak memory is measured and bounded.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.errors import BinaryInputError
from reportedly.ingest.files import InputFailure, decode_bytes
from reportedly.ingest.sources import (
    RawArticle,
    ReaderConfig,
    jsonl_record,
    read_bytes,
    read_sources,
)
from reportedly.repair import repair

OFFLINE = ReaderConfig(fetch_pages=False)
GOOD = "“The bridge will reopen in May,” the mayor said on Tuesday.\n"
FORMATS = ("text", "jsonl", "html", "feed", "warc")
SUFFIXES = (".txt", ".jsonl", ".html", ".xml", ".warc", ".gz", ".html.gz", "")
# what one subprocess reading every hostile file may take at its peak
MEMORY_LIMIT_MIB = 1024


def check_items(items: list[RawArticle | InputFailure], config: ReaderConfig = OFFLINE) -> None:
    for item in items:
        if isinstance(item, InputFailure):
            assert item.reason and "\n" not in item.reason, item
            item.name.encode("utf-8")
        else:
            assert isinstance(item, RawArticle)
            assert item.text.strip()
            assert len(item.text) <= config.max_article_chars
            item.text.encode("utf-8")  # no lone surrogates reach the analysis or the store
            for value in (item.title, item.url, item.outlet, item.published, item.language):
                assert value is None or isinstance(value, str)


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(FORMATS))
def test_random_bytes_in_every_format(data: bytes, kind: str) -> None:
    check_items(list(read_bytes(data, "fuzz", kind, OFFLINE)))  # type: ignore[arg-type]


@FUZZ
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from(SUFFIXES),
    gzipped=st.booleans(),
    cut=st.integers(min_value=0, max_value=2000),
)
def test_random_files_with_a_good_one_beside(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str, gzipped: bool, cut: int
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    if gzipped:
        data = gzip.compress(data)[: cut or None]  # truncated as often as not
    (folder / f"random{suffix}").write_bytes(data)
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_sources([str(folder)], OFFLINE))
    check_items(items)
    assert any(isinstance(i, RawArticle) and i.text == GOOD for i in items)


TEXT_ALPHABET = st.characters(
    codec=None,
    categories=("L", "N", "P", "Z", "Cc", "Cf", "Cs", "So"),
)


@FUZZ
@given(text=st.text(alphabet=TEXT_ALPHABET, max_size=400))
def test_repair_of_any_text_is_encodable_and_maps_into_the_input(text: str) -> None:
    result = repair(text)
    result.text.encode("utf-8")
    assert len(result.offsets) == len(result.text)
    for i in range(len(result.text)):
        start, end = result.offsets.to_input((i, i + 1))
        assert 0 <= start < end <= len(text)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_binary_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "fuzz.txt")
    except BinaryInputError as exc:
        assert "fuzz.txt" in str(exc)
        return
    decoded.text.encode("utf-8")
    assert all("fuzz.txt" in w for w in decoded.warnings)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(alphabet=TEXT_ALPHABET, max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        key: JSON_VALUES | st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=80)
        for key in ("text", "html", "title", "url", "published", "outlet", "language")
    },
)


@FUZZ
@given(record=RECORDS | JSON_VALUES)
def test_jsonl_records_of_any_shape(record: object) -> None:
    line = json.dumps(record)
    item = jsonl_record(line, "fuzz.jsonl:1", OFFLINE)
    check_items([item])


# --------------------------------------------------------------------------- hostile files


def _gzip_bomb(payload_byte: bytes, size: int) -> bytes:
    stream = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = payload_byte * (1 << 20)
    parts = [stream.compress(chunk) for _ in range(size >> 20)]
    return b"".join(parts) + stream.flush()


def _warc_record(headers: dict[str, str], payload: bytes) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode() + payload + b"\r\n\r\n"


def _warc_response(uri: str, html: bytes, *, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    return _warc_record(
        {
            "WARC-Type": "response",
            "WARC-Target-URI": uri,
            "WARC-Record-ID": f"<urn:uuid:{abs(hash(uri)):032x}>",
            "Content-Type": "application/http; msgtype=response",
            "Content-Length": str(len(http) if length is None else length),
        },
        http,
    )


PAGE = (
    b"<html><head><title>Bridge</title></head><body><article>"
    + b"".join(
        b"<p>" + GOOD.strip().encode() + b" Officials gave no date for the work to end.</p>"
        for _ in range(4)
    )
    + b"</article></body></html>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>&lol9;</title><item><title>x</title>'
    b"<description>&lol9;</description></item></channel></rss>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
    b"<description>&xxe;</description></item></channel></rss>"
)


def hostile_files(folder: Path) -> dict[str, bytes]:
    """name -> bytes; each must give a clean result or a clear failure, never a crash."""
    deep = "[" * 100_000 + "]" * 100_000
    return {
        "bomb.txt.gz": _gzip_bomb(b"a", 200 << 20),
        "bomb.html.gz": _gzip_bomb(b"<p>", 200 << 20),
        "bomb.warc.gz": gzip.compress(_warc_response("http://x.test/bomb", b"<p>" * 1000))
        + _gzip_bomb(b" ", 200 << 20),
        "truncated.txt.gz": gzip.compress(GOOD.encode() * 50)[:40],
        "laughs.xml": BILLION_LAUGHS,
        "external.xml": EXTERNAL_ENTITY,
        "huge-length.warc": _warc_response("http://x.test/a", PAGE, length=10**15),
        "cut-header.warc": _warc_response("http://x.test/a", PAGE) + b"WARC/1.0\r\nWARC-Type: resp",
        "zero-length.warc": _warc_response("http://x.test/a", PAGE, length=0),
        "deep.jsonl": (json.dumps({"text": GOOD}) + "\n" + '{"text": ' + deep + "}\n").encode(),
        "digits.jsonl": ('{"text": "A.", "n": ' + "9" * 5000 + "}\n").encode(),
        "surrogates.jsonl": b'{"text": "He said \\ud800 it was fine.", "title": "\\udfff"}\n',
        "dates.jsonl": (
            json.dumps({"text": GOOD, "published": "99999-12-31"})
            + "\n"
            + json.dumps({"text": GOOD + " Again.", "published": "0000-00-00T99:99"})
            + "\n"
        ).encode(),
        "separator.jsonl": '{"text": "One line\u2028with a separator, the mayor said."}\n'.encode(),
        "wrong-types.jsonl": b'{"text": 5}\n{"html": ["x"]}\n[1, 2]\n"text"\n{"text": null}\n',
        "one-line.txt": ("word " * 400_000).encode(),  # 2 MB on one line: over the limit
        "controls.txt": ("\u200b\u200d\ufeff\x01\x1b[31m" * 200 + GOOD).encode(),
        "zero-width.html": b"<html><body><p>\xe2\x80\x8b" * 2000 + b"</p></body></html>",
        "feed-bad-date.xml": (
            b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
            b"<pubDate>Tue, 01 Jan 99999 00:00:00 GMT</pubDate>"
            b"<description>" + GOOD.encode() + b"</description></item></channel></rss>"
        ),
        "binary.txt": bytes(range(256)) * 40,
        os.fsdecode(b"caf\xe9-name.txt"): GOOD.encode("cp1252"),
    }


READ_ALL = """
import json, sys
from reportedly.ingest.sources import ReaderConfig, read_sources
items = list(read_sources(sys.argv[1:], ReaderConfig(fetch_pages=False)))
print(json.dumps([
    {"name": i.name, "reason": i.reason} if hasattr(i, "reason")
    else {"name": i.origin, "text": i.text, "published": i.published, "title": i.title}
    for i in items
], ensure_ascii=True))
# its own peak (VmHWM belongs to this program's memory; ru_maxrss would also count the
# test process it was forked from, which a whole suite makes large)
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print(f"peak_kib={peak}", file=sys.stderr)
"""


@pytest.mark.slow
def test_hostile_files_fail_alone_in_bounded_memory(tmp_path: Path) -> None:
    files = hostile_files(tmp_path)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zzz-good.txt").write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-c", READ_ALL, *sorted(str(p) for p in tmp_path.iterdir())]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    peak_mib = int(re.findall(r"peak_kib=(\d+)", proc.stderr)[-1]) / 1024
    items = json.loads(proc.stdout)
    by_name = {}
    for item in items:
        file_name = Path(re.split(r"[@#]|:\d", item["name"])[0]).name
        by_name.setdefault(file_name, []).append(item)
    reasons = {name: " ".join(i.get("reason", "") for i in grp) for name, grp in by_name.items()}
    print(f"{len(files) + 2} hostile files; peak memory of the reading process {peak_mib:.0f} MiB")
    assert 0 < peak_mib < MEMORY_LIMIT_MIB
    assert "gzip bomb" in reasons["bomb.txt.gz"]
    assert "gzip bomb" in reasons["bomb.html.gz"]
    assert "truncated" in reasons["truncated.txt.gz"] or "corrupt" in reasons["truncated.txt.gz"]
    assert "nested too deeply" in reasons["deep.jsonl"]
    assert any("text" in i for i in by_name["deep.jsonl"])  # the good line of the same file
    assert "invalid record" in reasons["digits.jsonl"]
    assert "too long" in reasons["one-line.txt"]
    assert "not a regular file" in reasons["fifo.txt"]
    assert "binary" in reasons["binary.txt"]
    [surrogate] = by_name["surrogates.jsonl"]
    assert surrogate["text"] == "He said \ufffd it was fine." and surrogate["title"] == "\ufffd"
    assert [i["published"] for i in by_name["dates.jsonl"]] == [None, None]
    [separated] = by_name["separator.jsonl"]
    assert "\u2028" in separated["text"]  # one record, not two broken lines
    assert len(by_name["wrong-types.jsonl"]) == 5
    assert all("reason" in i for i in by_name["wrong-types.jsonl"])
    [feed_item] = by_name["feed-bad-date.xml"]
    assert feed_item["published"] is None and feed_item["text"] == GOOD.strip()
    assert "passwd" not in json.dumps(by_name["external.xml"]) or all(
        "root:" not in i.get("text", "") for i in by_name["external.xml"]
    )
    for name in ("huge-length.warc", "cut-header.warc", "zero-length.warc", "bomb.warc.gz"):
        assert name in by_name, name  # reported (or read), never silent
    [good] = by_name["zzz-good.txt"]
    assert good["text"] == GOOD
    [odd_name] = [group for name, group in by_name.items() if name.startswith("caf")]
    assert odd_name[0]["text"] == GOOD and "\ufffd" in odd_name[0]["name"]


def test_a_gzip_bomb_on_standard_input_is_refused() -> None:
    config = ReaderConfig(fetch_pages=False, max_input_bytes=1 << 20)
    [item] = list(read_bytes(_gzip_bomb(b"a", 8 << 20), "<stdin>", "text", config))
    assert isinstance(item, InputFailure) and "gzip bomb" in item.reason


def test_multi_member_gzip_is_read_whole() -> None:
    data = gzip.compress(b"First part. ") + gzip.compress(GOOD.encode())
    [item] = list(read_bytes(data, "two.txt.gz", "text", OFFLINE))
    assert isinstance(item, RawArticle) and item.text == "First part. " + GOOD
