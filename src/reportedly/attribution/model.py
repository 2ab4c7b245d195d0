"""The learned attribution model: a CRF tagger over parse features, plus a linker.

The shipped model (``data/attribution-crf.zip``, trained on PolNeAR train by
``reportedly train polnear``) tags every token of a paragraph as part of a
source, a cue or a content (BILOU labels, or BIO in older files) in two passes:
a first CRF over the token features, and a second one that also reads what the
first found. :func:`link_with_weights` then ties each source and content span to
its best-scoring cue (:func:`link_spans` is the rule-based fallback: the
dependency tree, else the nearest cue). Each cue with the spans tied to it is one
:class:`~reportedly.records.AttributionSpans`.

The bundle is a zip archive holding ``crf.model`` (python-crfsuite's binary
model of the first pass), ``crf-second.model`` (the second pass, absent from
one-pass files) and ``meta.json`` (format version, the cue lexicon the features
need, the linker's weights, and how the model was trained).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from ..errors import ModelError
from ..records import AttributionSpans, Span
from .features import (
    CueLexicon,
    FirstPass,
    TokenSequence,
    head_indices,
    second_pass_features,
    sentence_numbers,
    sequence_features,
)

DEFAULT_MODEL_PATH = Path(__file__).parent / "data" / "attribution-crf.zip"
BUNDLE_FORMAT = "reportedly.attribution-crf/1"
CRF_MEMBER = "crf.model"
# the second CRF, which reads the first one's labels (absent from single-pass models)
SECOND_CRF_MEMBER = "crf-second.model"
META_MEMBER = "meta.json"
ORIGIN = "model"

Role = str  # "SRC" | "CUE" | "CON"
SOURCE, CUE, CONTENT = "SRC", "CUE", "CON"
# BIO, or BILOU (L- ends a span, U- is a one-token span): the model file's labels say which
LABELS = tuple(["O"] + [f"{b}-{role}" for role in ("SRC", "CUE", "CON") for b in "BILU"])
# how far up the dependency tree a source or content looks for its cue
MAX_LINK_CLIMB = 10
# a source or content only looks for its cue this many paragraphs away
MAX_PARAGRAPH_GAP = 1
# the learned linker attaches a span to its best cue when the pair's logit reaches this
LINK_THRESHOLD = -3.0
# and lets a source serve a second, sourceless cue when that pair's logit reaches this
SHARE_THRESHOLD = -2.0


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A run of tokens with one role: Doc token indices ``start``..``end`` inclusive."""

    role: Role
    start: int
    end: int
    paragraph: int


def spans_from_labels(
    token_ids: Sequence[int], labels: Sequence[str], paragraph: int = 0
) -> list[TaggedSpan]:
    """Read BIO or BILOU labels off one sequence; an ``I-`` or ``L-`` without its
    ``B-`` starts a span too, ``L-`` and ``U-`` end one."""
    spans: list[TaggedSpan] = []
    role: Role | None = None
    start = end = -1
    for token_id, label in zip(token_ids, labels, strict=True):
        if label == "O":
            if role is not None:
                spans.append(TaggedSpan(role, start, end, paragraph))
                role = None
            continue
        boundary, _, label_role = label.partition("-")
        if role is not None and (boundary in ("B", "U") or label_role != role):
            spans.append(TaggedSpan(role, start, end, paragraph))
            role = None
        if role is None:
            role, start = label_role, token_id
        end = token_id
        if boundary in ("L", "U"):
            spans.append(TaggedSpan(role, start, end, paragraph))
            role = None
    if role is not None:
        spans.append(TaggedSpan(role, start, end, paragraph))
    return spans


def _span_head(doc: Doc, span: TaggedSpan) -> int:
    """The first token of the span whose syntactic head lies outside it."""
    for i in range(span.start, span.end + 1):
        head = doc[i].head.i
        if head == i or not span.start <= head <= span.end:
            return i
    return span.start


def _governing_cue(doc: Doc, span: TaggedSpan, cue_of_token: dict[int, int]) -> int | None:
    node = _span_head(doc, span)
    for _ in range(MAX_LINK_CLIMB):
        head = doc[node].head.i
        if head == node:
            return None
        node = head
        if node in cue_of_token:
            return cue_of_token[node]
    return None


def _distance(a: TaggedSpan, b: TaggedSpan) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _nearest_cue(
    span: TaggedSpan, cues: Sequence[TaggedSpan], allowed: Sequence[bool]
) -> int | None:
    best: tuple[int, int] | None = None
    for index, cue in enumerate(cues):
        if allowed[index]:
            candidate = (_distance(span, cue), index)
            if best is None or candidate < best:
                best = candidate
    return None if best is None else best[1]


def _cue_for(
    doc: Doc,
    span: TaggedSpan,
    cues: Sequence[TaggedSpan],
    cue_of_token: dict[int, int],
    sentence_of: Sequence[int],
) -> int | None:
    """The cue a source or content span belongs to, or None when no cue is near enough.

    The dependency tree decides first; then the nearest cue in the same
    sentence; a content may also take the nearest cue of its own or a
    neighbouring paragraph (quotations run on past "she said.").
    """
    governing = _governing_cue(doc, span, cue_of_token)
    if governing is not None:
        return governing
    span_sentences = {sentence_of[span.start], sentence_of[span.end]}
    same_sentence = [sentence_of[cue.start] in span_sentences for cue in cues]
    found = _nearest_cue(span, cues, same_sentence)
    if found is not None or span.role == SOURCE:
        return found
    same_paragraph = [cue.paragraph == span.paragraph for cue in cues]
    found = _nearest_cue(span, cues, same_paragraph)
    if found is not None:
        return found
    next_paragraph = [abs(cue.paragraph - span.paragraph) == 1 for cue in cues]
    return _nearest_cue(span, cues, next_paragraph)


def link_spans(doc: Doc, spans: Sequence[TaggedSpan]) -> list[AttributionSpans]:
    """Turn tagged spans into attributions, one per cue; unlinked sources and contents are
    dropped (an attribution needs a cue)."""
    cues = [span for span in spans if span.role == CUE]
    cue_of_token = {
        i: index for index, cue in enumerate(cues) for i in range(cue.start, cue.end + 1)
    }
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = number
    sources: list[list[TaggedSpan]] = [[] for _ in cues]
    contents: list[list[TaggedSpan]] = [[] for _ in cues]
    for span in spans:
        if span.role == CUE:
            continue
        index = _cue_for(doc, span, cues, cue_of_token, sentence_of)
        if index is not None:
            (sources if span.role == SOURCE else contents)[index].append(span)
    return _triples(doc, cues, sources, contents)


@dataclass(frozen=True, slots=True)
class LinkWeights:
    """A logistic model scoring (span, cue) pairs: one weight per pair feature.

    Trained by :mod:`reportedly.training.linking` on gold spans; a positive
    logit means the span belongs to the cue.
    """

    weights: Mapping[str, float]

    def logit(self, features: Iterable[str]) -> float:
        weights = self.weights
        return sum(weights.get(feature, 0.0) for feature in features)


@dataclass(frozen=True, slots=True)
class LinkContext:
    """What pair features need from the Doc, pulled out once per Doc."""

    heads: list[int]
    deps: list[str]
    sentence_of: list[int]
    lemmas: list[str]
    texts: list[str]

    @classmethod
    def of(cls, doc: Doc) -> LinkContext:
        tokens = list(doc)
        return cls(
            heads=head_indices(doc),
            deps=[token.dep_ for token in tokens],
            sentence_of=sentence_numbers(doc),
            lemmas=[token.lemma_.lower() for token in tokens],
            texts=[token.text for token in tokens],
        )

    def head_of(self, span: TaggedSpan) -> int:
        for i in range(span.start, span.end + 1):
            head = self.heads[i]
            if head == i or not span.start <= head <= span.end:
                return i
        return span.start

    def climb_to(self, start: int, target: TaggedSpan) -> tuple[str, int] | None:
        """Climbing from ``start``: the dependency under which ``target`` is reached, and
        how many steps it took; None if it is not an ancestor (within MAX_LINK_CLIMB)."""
        child, node = start, self.heads[start]
        for depth in range(1, MAX_LINK_CLIMB + 1):
            if node == child:
                return None
            if target.start <= node <= target.end:
                return self.deps[child], depth
            child, node = node, self.heads[node]
        return None


def _small_bucket(value: int) -> str:
    if value <= 2:
        return str(value)
    if value <= 5:
        return "3-5"
    if value <= 10:
        return "6-10"
    if value <= 20:
        return "11-20"
    return "21+"


def pair_features(
    context: LinkContext,
    span: TaggedSpan,
    cue: TaggedSpan,
    cues_between: int,
    rank: int,
) -> list[str]:
    """Features of the pair (source or content span, candidate cue)."""
    role = span.role
    side = "L" if span.end < cue.start else "R"
    same_sentence = context.sentence_of[span.start] == context.sentence_of[cue.start] or (
        context.sentence_of[span.end] == context.sentence_of[cue.start]
    )
    where = "sent" if same_sentence else f"par{min(abs(span.paragraph - cue.paragraph), 2)}"
    between = str(min(cues_between, 2))
    features = [
        role,
        f"{role}|side={side}",
        f"{role}|where={where}|{side}",
        f"{role}|dist={_small_bucket(_distance(span, cue))}",
        f"{role}|between={between}|{where}",
        f"{role}|rank={min(rank, 3)}",
        f"{role}|cue={context.lemmas[context.head_of(cue)]}|{side}",
    ]
    up = context.climb_to(context.head_of(span), cue)
    if up is not None:
        features.append(f"{role}|up={up[0]}")
        features.append(f"{role}|up_depth={_small_bucket(up[1])}")
    else:
        down = context.climb_to(context.head_of(cue), span)
        features.append(f"{role}|down={down[0]}" if down is not None else f"{role}|tree=none")
    if span.start > 0 and context.texts[span.start - 1] in ("“", '"', "``", "‘", "'"):
        features.append(f"{role}|quoted|{side}|{where}")
    gap = (
        context.texts[span.end + 1 : cue.start]
        if side == "L"
        else context.texts[cue.end + 1 : span.start]
    )
    if ":" in gap:
        features.append(f"{role}|colon|{side}")
    return features


def _candidates(span: TaggedSpan, cues: Sequence[TaggedSpan]) -> list[int]:
    """Cues in the span's paragraph or the next one either side, nearest first."""
    near = [
        index
        for index, cue in enumerate(cues)
        if abs(cue.paragraph - span.paragraph) <= MAX_PARAGRAPH_GAP
    ]
    return sorted(near, key=lambda index: (_distance(span, cues[index]), index))


def scored_pairs(
    context: LinkContext, span: TaggedSpan, cues: Sequence[TaggedSpan]
) -> list[tuple[int, list[str]]]:
    """Each candidate cue of ``span`` (by index into ``cues``) with the pair's features."""
    pairs = []
    for rank, index in enumerate(_candidates(span, cues)):
        cue = cues[index]
        low, high = min(span.end, cue.end), max(span.start, cue.start)
        between = sum(1 for other in cues if low < other.start < high and other is not cue)
        pairs.append((index, pair_features(context, span, cue, between, rank)))
    return pairs


def link_with_weights(
    doc: Doc, spans: Sequence[TaggedSpan], weights: LinkWeights
) -> list[AttributionSpans]:
    """Attributions from tagged spans, each source and content going to its best-scoring cue.

    A source may also serve a second cue that found none of its own ("Trump
    stopped short of calling ...", "..., saying ...").
    """
    cues = [span for span in spans if span.role == CUE]
    context = LinkContext.of(doc)
    sources: list[list[TaggedSpan]] = [[] for _ in cues]
    contents: list[list[TaggedSpan]] = [[] for _ in cues]
    spare_sources: list[tuple[TaggedSpan, dict[int, float]]] = []
    for span in spans:
        if span.role == CUE:
            continue
        logits = {
            index: weights.logit(features) for index, features in scored_pairs(context, span, cues)
        }
        if not logits:
            continue
        best = max(logits, key=lambda index: (logits[index], -index))
        if logits[best] < LINK_THRESHOLD:
            continue
        (sources if span.role == SOURCE else contents)[best].append(span)
        if span.role == SOURCE:
            spare_sources.append((span, logits))
    for index in range(len(cues)):
        if sources[index]:
            continue
        shared = [
            (logits[index], span)
            for span, logits in spare_sources
            if index in logits and logits[index] >= SHARE_THRESHOLD
        ]
        if shared:
            sources[index].append(max(shared, key=lambda pair: pair[0])[1])
    return _triples(doc, cues, sources, contents)


def _triples(
    doc: Doc,
    cues: Sequence[TaggedSpan],
    sources: Sequence[Sequence[TaggedSpan]],
    contents: Sequence[Sequence[TaggedSpan]],
) -> list[AttributionSpans]:
    """One triple per cue, with the sources and contents linked to it, in characters."""
    return [
        AttributionSpans(
            source=tuple(_chars(doc, s) for s in sources[index]),
            cue=(_chars(doc, cue),),
            content=tuple(_chars(doc, s) for s in contents[index]),
            origin=ORIGIN,
        )
        for index, cue in enumerate(cues)
    ]


def _chars(doc: Doc, span: TaggedSpan) -> Span:
    last = doc[span.end]
    return (doc[span.start].idx, last.idx + len(last.text))


@dataclass(frozen=True, slots=True)
class ModelBundle:
    """What a model file holds, read and checked."""

    crf: bytes
    lexicon: CueLexicon
    linker: LinkWeights | None
    meta: dict[str, Any]
    second_crf: bytes | None = None


def write_bundle(
    path: Path,
    crf: bytes,
    lexicon: CueLexicon,
    linker: LinkWeights | None,
    meta: dict[str, Any],
    second_crf: bytes | None = None,
) -> None:
    """Write a model file; fixed timestamps keep the archive byte-identical across runs."""
    document = {"format": BUNDLE_FORMAT, "lexicon": lexicon.to_dict(), **meta}
    if linker is not None:
        document["linker"] = dict(linker.weights)
    members = [
        (META_MEMBER, json.dumps(document, indent=1, sort_keys=True).encode("utf-8")),
        (CRF_MEMBER, crf),
    ]
    if second_crf is not None:
        members.append((SECOND_CRF_MEMBER, second_crf))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)


def read_bundle(path: Path) -> ModelBundle:
    """Read and check a model file; any problem is a :class:`ModelError`."""
    if not path.is_file():
        raise ModelError(f"attribution model {path} does not exist")
    try:
        with zipfile.ZipFile(path) as archive:
            meta = json.loads(archive.read(META_MEMBER).decode("utf-8"))
            crf = archive.read(CRF_MEMBER)
            second_crf = (
                archive.read(SECOND_CRF_MEMBER) if SECOND_CRF_MEMBER in archive.namelist() else None
            )
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"attribution model {path} is unreadable: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != BUNDLE_FORMAT:
        raise ModelError(f"attribution model {path} is not a {BUNDLE_FORMAT} file")
    try:
        lexicon = CueLexicon.from_dict(meta["lexicon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"attribution model {path} has a bad cue lexicon: {exc}") from exc
    linker = None
    if "linker" in meta:
        weights = meta["linker"]
        if not isinstance(weights, dict) or not all(
            isinstance(w, int | float) for w in weights.values()
        ):
            raise ModelError(f"attribution model {path} has bad linker weights")
        linker = LinkWeights({str(k): float(w) for k, w in weights.items()})
    return ModelBundle(crf, lexicon, linker, meta, second_crf)


class AttributionModel:
    """The CRF tagger (one pass or two) and the linker; build it with
    :func:`load_attribution_model`."""

    def __init__(self, bundle: ModelBundle, path: Path) -> None:
        self.path = path
        self.lexicon = bundle.lexicon
        self.linker = bundle.linker
        self.meta = bundle.meta
        # crfsuite reads a model in place: the bytes must live as long as the tagger
        self._crf = bundle.crf
        self._second_crf = bundle.second_crf
        self._tagger = _open_tagger(self._crf, path)
        self._second = None if self._second_crf is None else _open_tagger(self._second_crf, path)

    def tag(self, doc: Doc) -> list[TaggedSpan]:
        """The source, cue and content spans the CRF finds, paragraph by paragraph."""
        sequences = sequence_features(doc, self.lexicon)
        tagger = self._tagger
        if self._second is not None:
            sequences = second_pass_features(doc, sequences, first_pass(self._tagger, sequences))
            tagger = self._second
        spans: list[TaggedSpan] = []
        for paragraph, sequence in enumerate(sequences):
            labels = tagger.tag(sequence.features)
            spans.extend(spans_from_labels(sequence.token_ids, labels, paragraph))
        return spans

    def predict(self, doc: Doc) -> list[AttributionSpans]:
        """Linked attributions in ``doc`` (character offsets into ``doc.text``)."""
        spans = self.tag(doc)
        if self.linker is None:
            return link_spans(doc, spans)
        return link_with_weights(doc, spans, self.linker)


def _open_tagger(crf: bytes, path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open_inmemory(crf)
    except (ValueError, OSError, RuntimeError) as exc:
        raise ModelError(f"attribution model {path} holds a corrupt CRF: {exc}") from exc
    unknown = set(tagger.labels()) - set(LABELS)
    if unknown:
        raise ModelError(f"attribution model {path} has unknown labels {sorted(unknown)}")
    return tagger


def first_pass(
    tagger: pycrfsuite.Tagger, sequences: Sequence[TokenSequence]
) -> dict[int, FirstPass]:
    """Each token's label from ``tagger`` and its marginal probability of being in
    a cue, a source and a content, keyed by Doc token index."""
    known = set(tagger.labels())

    def marginal(role: Role, position: int) -> float:
        return sum(
            float(tagger.marginal(label, position))
            for label in (f"{boundary}-{role}" for boundary in "BILU")
            if label in known
        )

    views: dict[int, FirstPass] = {}
    for sequence in sequences:
        labels = tagger.tag(sequence.features)
        for k, (i, label) in enumerate(zip(sequence.token_ids, labels, strict=True)):
            views[i] = FirstPass(label, marginal(CUE, k), marginal(SOURCE, k), marginal(CONTENT, k))
    return views


def load_attribution_model(path: Path | None = None) -> AttributionModel:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    return _load(Path(path).resolve() if path is not None else DEFAULT_MODEL_PATH)


@lru_cache(maxsize=4)
def _load(path: Path) -> AttributionModel:
    return AttributionModel(read_bundle(path), path)
