"""Metadata of a plain-text article: a sidecar file, front matter, or the file's name.

A plain-text file says nothing about itself; three conventions let it (docs/inputs.md):

1. a **sidecar**: ``story.txt`` next to ``story.meta.json``, a JSON object with any of
   ``title``, ``url``, ``published``, ``outlet``, ``language``;
2. **front matter**: the file starts with a line ``---``, then ``key: value`` lines of
   those fields, then ``---``. The block is blanked (each character but its line breaks
   becomes a space), so every offset of the analysis still indexes the file as it is;
3. the **file name**: ``outlet_YYYY-MM-DD_slug.txt`` (PolNeAR's names, e.g.
   ``breitbart_2016-09-12_stealth-over-health.txt``) gives the outlet and the date.

Where several give a field, the sidecar wins over the front matter, and both over the
name. A bad value (a date that names no day, a field that is not text) is a warning and
is left out; an unreadable sidecar is a warning and the article is still read.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .articles import RawArticle, encodable
from .dates import normalise_date

FIELDS = ("title", "url", "published", "outlet", "language")
SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1_000_000
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n((?:.*\r?\n){0,40}?)---[ \t]*(?:\r?\n|\Z)")
FRONT_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
# outlet, then an ISO date, then anything: the outlet is a lower-case word (no spaces)
NAME_PATTERN = re.compile(r"^(?P<outlet>[a-z][a-z0-9.\-]{1,40})_(?P<date>\d{4}-\d{2}-\d{2})(?:_|$)")


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is a text article's metadata (read with it, not as an input)."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_of(path: Path) -> Path:
    """``story.txt`` -> ``story.meta.json`` (``.gz`` and the format's suffix removed)."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return path.with_name(stem + SIDECAR_SUFFIX)


def with_text_metadata(article: RawArticle, path: Path | None) -> RawArticle:
    """``article`` (a plain-text file's) with what its sidecar, front matter and name say."""
    warnings: list[str] = []
    text, front = _front_matter(article.text, article.origin, warnings)
    found: dict[str, Any] = {}
    if path is not None:
        found.update(_from_name(path))
    found.update(front)
    if path is not None:
        found.update(_from_sidecar(sidecar_of(path), article.origin, warnings))
    meta: dict[str, str] = {}
    for key, value in found.items():
        if key == "published":
            date = normalise_date(value)
            if date is None:
                warnings.append(f"{article.origin}: unrecognised date {value!r}; ignored")
                continue
            value = date
        meta[key] = value
    if not meta and text is article.text and not warnings:
        return article
    return replace(article, text=text, warnings=article.warnings + tuple(warnings), **meta)


def _from_name(path: Path) -> dict[str, str]:
    match = NAME_PATTERN.match(path.name)
    if match is None:
        return {}
    return {"outlet": match["outlet"], "published": match["date"]}


def _front_matter(text: str, origin: str, warnings: list[str]) -> tuple[str, dict[str, str]]:
    """The text with its front matter blanked, and the fields it gave."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return text, {}
    fields: dict[str, str] = {}
    for line in match[1].splitlines():
        if not line.strip():
            continue
        parsed = FRONT_LINE.match(line)
        if parsed is None:
            return text, {}  # not a block of fields: the text's own first lines
        key, value = parsed[1].lower(), parsed[2].strip().strip("\"'")
        if key in FIELDS and value:
            fields[key] = encodable(value)
    if not fields:
        return text, {}
    blank = "".join(ch if ch in "\r\n" else " " for ch in match[0])
    return blank + text[match.end() :], fields


def _from_sidecar(sidecar: Path, origin: str, warnings: list[str]) -> dict[str, str]:
    try:
        if not sidecar.is_file():
            return {}
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            warnings.append(f"{origin}: {sidecar.name} is too large for metadata; ignored")
            return {}
        record = json.loads(sidecar.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        warnings.append(f"{origin}: cannot read {sidecar.name} ({reason}); its metadata ignored")
        return {}
    if not isinstance(record, dict):
        warnings.append(f"{origin}: {sidecar.name} is not a JSON object; ignored")
        return {}
    fields: dict[str, str] = {}
    for key in FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            fields[key] = encodable(value.strip())
        else:
            warnings.append(f"{origin}: {sidecar.name}: {key!r} is not a non-empty string; ignored")
    return fields
