"""Reading attribution gold in brat standoff format (PolNeAR's and users' own).

An attribution is an ``E`` line; its ``Source``, ``Cue`` and ``Content``
(also ``Content2``, ...) roles point to ``T`` lines whose offsets are Python
``str`` offsets into the decoded ``.txt`` file. ``Discuss`` and ``Discard``
spans are annotator flags and are never part of an attribution. See
``SCORING.md`` of the PolNeAR copy for the definitions this follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatasetError
from ..records import EvalSpans, Span, Spans

# role name in an E line -> the EvalSpans field it fills; a trailing
# number ("Content2") only says it is a further fragment of the same role
_ROLE_FIELDS = {"Source": "source", "Cue": "cue", "Content": "content"}
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")
_SPAN_LINE = re.compile(r"^(T\d+)\t([^\t ]+) ([^\t]*)(?:\t|$)")
_EVENT_LINE = re.compile(r"^(E\d+)\t(.*)$")
_FRAGMENT = re.compile(r"^\s*(\d+) (\d+)\s*$")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: its text and its gold attributions (offsets into ``text``)."""

    id: str
    text: str
    attributions: tuple[EvalSpans, ...]


def read_text(path: Path) -> str:
    """Decode a UTF-8 file exactly as it is: no newline translation, so offsets stay valid."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path} is not UTF-8 (byte {exc.start})") from exc


def parse_ann(ann: str, text: str, name: str = "<ann>") -> tuple[EvalSpans, ...]:
    """The attributions of one ``.ann`` file's content, in the order of its ``E`` lines.

    Lines other than ``T`` and ``E`` lines are skipped; this includes the
    continuation lines brat writes when a span's surface text holds a newline.
    The surface text is not compared with ``text``: PolNeAR has a few spans
    whose surface text does not match, and the offsets are what counts.
    """
    spans_by_id: dict[str, Spans] = {}
    events: list[tuple[int, str]] = []
    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if span_match := _SPAN_LINE.match(line):
            where = f"{name}:{number}"
            span_id, offsets = span_match.group(1), span_match.group(3)
            spans_by_id[span_id] = _parse_fragments(offsets, len(text), where)
        elif event_match := _EVENT_LINE.match(line):
            events.append((number, event_match.group(2)))
    return tuple(
        _attribution(arguments, spans_by_id, f"{name}:{number}") for number, arguments in events
    )


def _parse_fragments(offsets: str, text_length: int, where: str) -> Spans:
    fragments: list[Span] = []
    for fragment in offsets.split(";"):
        match = _FRAGMENT.match(fragment)
        if match is None:
            raise DatasetError(f"{where}: bad span offsets {offsets!r}")
        start, end = int(match.group(1)), int(match.group(2))
        if not 0 <= start <= end <= text_length:
            raise DatasetError(
                f"{where}: span {start}-{end} lies outside the text ({text_length} characters)"
            )
        fragments.append((start, end))
    return tuple(fragments)


def _attribution(arguments: str, spans_by_id: dict[str, Spans], where: str) -> EvalSpans:
    roles: dict[str, list[Span]] = {"source": [], "cue": [], "content": []}
    for argument in arguments.split():
        role, _, span_id = argument.partition(":")
        role_match = _ROLE.match(role)
        if role_match is None:  # the Attribution anchor, or a role we do not score
            continue
        if span_id not in spans_by_id:
            raise DatasetError(f"{where}: {role} refers to {span_id!r}, which has no T line")
        roles[_ROLE_FIELDS[role_match.group(1)]].extend(spans_by_id[span_id])
    return EvalSpans(
        source=tuple(sorted(roles["source"])),
        cue=tuple(sorted(roles["cue"])),
        content=tuple(sorted(roles["content"])),
    )


def read_brat_file(text_path: Path | str, ann_path: Path | str) -> GoldArticle:
    """One article from a ``.txt`` file and its ``.ann`` file; the id is the text file's stem."""
    text_path, ann_path = Path(text_path), Path(ann_path)
    text = read_text(text_path)
    attributions = parse_ann(read_text(ann_path), text, str(ann_path))
    return GoldArticle(id=text_path.stem, text=text, attributions=attributions)


def annotation_for(article_id: str, folder: Path) -> Path | None:
    """The gold ``.ann`` of an article in ``folder``: ``<id>.ann``, else the alphabetically
    first ``<id>_<annotator>.ann`` (PolNeAR has several annotators for a few articles)."""
    exact = folder / f"{article_id}.ann"
    if exact.is_file():
        return exact
    prefix = f"{article_id}_"
    # the annotator part has no underscore, so "a_b_c_x.ann" is not taken for article "a_b"
    candidates = sorted(
        path
        for path in folder.glob(f"{glob_escape(article_id)}_*.ann")
        if "_" not in path.name[len(prefix) : -len(".ann")] and path.is_file()
    )
    return candidates[0] if candidates else None


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters made literal."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def read_brat_dir(split_dir: Path | str) -> list[GoldArticle]:
    """All articles of a brat folder, sorted by id.

    The folder holds either ``text/`` and ``attributions/`` (PolNeAR's split
    layout) or ``.txt`` files with their ``.ann`` files side by side.
    """
    split_dir = Path(split_dir)
    if not split_dir.is_dir():
        raise DatasetError(f"{split_dir} is not a folder")
    if is_split_dir(split_dir):
        text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    else:
        text_dir = ann_dir = split_dir
    text_paths = sorted(path for path in text_dir.glob("*.txt") if path.is_file())
    if not text_paths:
        raise DatasetError(f"no .txt files in {text_dir}")
    articles = []
    for text_path in text_paths:
        ann_path = annotation_for(text_path.stem, ann_dir)
        if ann_path is None:
            raise DatasetError(f"no .ann file for {text_path.name} in {ann_dir}")
        articles.append(read_brat_file(text_path, ann_path))
    return articles


def is_split_dir(path: Path) -> bool:
    """Whether ``path`` has PolNeAR's split layout (``text/`` and ``attributions/``)."""
    return (path / "text").is_dir() and (path / "attributions").is_dir()
