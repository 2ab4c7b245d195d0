"""The learned attribution model: a CRF tagger over parse features, plus a linker.

The shipped model (``data/attribution-crf.zip``, trained on PolNeAR train by
``reportedly train polnear``) tags every token of a paragraph as part of a
source, a cue or a content (BILOU labels, or BIO in older files) in two passes:
a first CRF over the token features, and a second one that also reads what the
first found. :func:`.linker.link_with_weights` then ties each source and content
span to its best-scoring cue. Each cue with the spans tied to it is one
:class:`~reportedly.records.AttributionSpans`.

The bundle is a zip archive holding ``crf.model`` (python-crfsuite's binary
model of the first pass), ``crf-second.model`` (the second pass, absent from
one-pass files) and ``meta.json`` (format version, the cue lexicon the features
need, the linker's weights, and how the model was trained).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from ..config import MODEL_PATH
from ..errors import ModelError
from ..records import AttributionSpans
from .crf import EncodedSequences, LinearChainCRF, read_crfsuite_models, split_by_lengths
from .encoder import Vectors
from .feature_names import feature_rows, row_lookup
from .features import CueLexicon, TokenSequence, WordClusters, sequence_rows
from .linker import (
    CONTENT,
    CUE,
    LINK_THRESHOLD,
    MAX_LINK_CLIMB,
    MAX_PARAGRAPH_GAP,
    SHARE_THRESHOLD,
    SOURCE,
    LinkContext,
    LinkWeights,
    Role,
    TaggedSpan,
    link_with_weights,
    pair_features,
    scored_pairs,
)
from .probe import RoleProbe, probe_feature_names, with_probe_features
from .second_pass import FIRST_PASS_FLOOR, FirstPass, addition_rows, second_pass_rows

__all__ = [
    "CONTENT",
    "CUE",
    "LINK_THRESHOLD",
    "MAX_LINK_CLIMB",
    "MAX_PARAGRAPH_GAP",
    "SHARE_THRESHOLD",
    "SOURCE",
    "AttributionModel",
    "LinkContext",
    "LinkWeights",
    "ModelBundle",
    "TaggedSpan",
    "first_pass",
    "link_with_weights",
    "load_attribution_model",
    "pair_features",
    "read_bundle",
    "recover_first_pass_spans",
    "scored_pairs",
    "spans_from_labels",
    "valid_transition",
    "write_bundle",
]

DEFAULT_MODEL_PATH = MODEL_PATH
BUNDLE_FORMAT = "reportedly.attribution-crf/1"
CRF_MEMBER = "crf.model"
# the second CRF, which reads the first one's labels (absent from single-pass models)
SECOND_CRF_MEMBER = "crf-second.model"
META_MEMBER = "meta.json"

# a span only the first pass found is kept when the first pass's mean marginal of its
# role over the span reaches this (recover_first_pass_spans). On dev, 0.3 / 0.5 / 0.7 /
# 0.8 score relation 68.8 / 68.8 / 68.7 / 68.5; 0.7 because on 181 real pages out of
# PolNeAR's domain 0.5 added 162 attributions, most of them no reporting at all
# ("I like to use honey ..."), and 0.7 adds 68, right more often (docs/model.md)
FIRST_PASS_KEEP = 0.7

# BIO, or BILOU (L- ends a span, U- is a one-token span): the model file's labels say which
LABELS = tuple(["O"] + [f"{b}-{role}" for role in ("SRC", "CUE", "CON") for b in "BILU"])


def valid_transition(before: str, after: str, *, bilou: bool = True) -> bool:
    """Whether label ``after`` may follow label ``before``: ``I-`` and ``L-`` only
    continue a span of their role that ``B-`` or ``I-`` opened, and in BILOU, where
    ``L-`` ends every longer span, an open span goes on with nothing else."""
    opened, _, role = before.partition("-")
    position, _, next_role = after.partition("-")
    is_open = opened in ("B", "I")
    if position in ("I", "L"):
        return is_open and next_role == role
    return not (bilou and is_open)


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


@dataclass(frozen=True, slots=True)
class ModelBundle:
    """What a model file holds, read and checked."""

    crf: bytes
    lexicon: CueLexicon
    linker: LinkWeights
    meta: dict[str, Any]
    second_crf: bytes | None = None
    clusters: WordClusters | None = None
    # the accurate mode's probe on the encoder's token vectors (None: parse features only)
    probe: RoleProbe | None = None


def write_bundle(
    path: Path,
    crf: bytes,
    lexicon: CueLexicon,
    linker: LinkWeights,
    meta: dict[str, Any],
    second_crf: bytes | None = None,
    clusters: WordClusters | None = None,
    probe: RoleProbe | None = None,
) -> None:
    """Write a model file; fixed timestamps keep the archive byte-identical across runs."""
    document = {"format": BUNDLE_FORMAT, "lexicon": lexicon.to_dict(), **meta}
    document["linker"] = dict(linker.weights)
    if clusters is not None:
        document["word_clusters"] = clusters.to_list()
    if probe is not None:
        document["encoder_probe"] = probe.to_list()
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
    weights = meta.get("linker")
    if not isinstance(weights, dict) or not all(
        isinstance(w, int | float) for w in weights.values()
    ):
        raise ModelError(f"attribution model {path} has no or bad linker weights")
    linker = LinkWeights({str(k): float(w) for k, w in weights.items()})
    clusters = None
    if meta.get("word_clusters") is not None:
        try:
            clusters = WordClusters.from_list(meta["word_clusters"])
        except (TypeError, ValueError) as exc:
            raise ModelError(f"attribution model {path} has bad word clusters: {exc}") from exc
    probe = None
    if meta.get("encoder_probe") is not None:
        try:
            probe = RoleProbe.from_list(meta["encoder_probe"])
        except (TypeError, ValueError) as exc:
            raise ModelError(f"attribution model {path} has a bad encoder probe: {exc}") from exc
    return ModelBundle(crf, lexicon, linker, meta, second_crf, clusters, probe)


class AttributionModel:
    """The CRF tagger (one pass or two) and the linker; build it with
    :func:`load_attribution_model`."""

    def __init__(self, bundle: ModelBundle, path: Path) -> None:
        self.path = path
        self.lexicon = bundle.lexicon
        self.linker = bundle.linker
        self.meta = bundle.meta
        self.clusters = bundle.clusters
        self.probe = bundle.probe
        # the token vectors the probe reads (the encoder, loaded on first use; training
        # and experiments may put vectors computed before in its place)
        self.encode: Callable[[Sequence[Doc]], list[Vectors]] = _encode
        # the two CRFs share one attribute table: the first pass's features, encoded
        # once, are scored by both
        crfs = _read_crfs(path, bundle.crf, *([bundle.second_crf] if bundle.second_crf else []))
        self._first = crfs[0]
        # each feature the tagger builds is named by its row in the shared weights
        # table, so that no feature string is made or looked up twice
        unknown = len(crfs[0].state) - 1
        self._rows = feature_rows(crfs[0].attributes, unknown)
        self._addition_rows = addition_rows(crfs[0].attributes, unknown)
        self._probe_rows = row_lookup(crfs[0].attributes, unknown)
        # the second pass decodes only label sequences that spell spans (no "O I-CON",
        # no "B-CUE O" in BILOU): crfsuite's own Viterbi allows any transition, and
        # spans_from_labels would read a stray label as a span of its own. (The first
        # pass stays as trained: the second was trained on its unconstrained labels.)
        self._second = None
        if len(crfs) > 1:
            bilou = any(label[:2] in ("L-", "U-") for label in crfs[1].labels)
            self._second = crfs[1].restricted_to(partial(valid_transition, bilou=bilou))

    def tag(self, doc: Doc, *, recover: bool = True) -> list[TaggedSpan]:
        """The source, cue and content spans the CRF finds, paragraph by paragraph.

        With two passes, the second pass's spans, and (``recover``) the first pass's
        sure spans where the second found nothing (:func:`recover_first_pass_spans`).
        """
        return self.tag_many([doc], recover=recover)[0]

    def tag_many(self, docs: Sequence[Doc], *, recover: bool = True) -> list[list[TaggedSpan]]:
        """:meth:`tag` for each of ``docs``, all their paragraphs scored and decoded
        together (decoding steps through positions in Python: fewer, larger steps)."""
        per_doc = [sequence_rows(doc, self.lexicon, self.clusters, self._rows) for doc in docs]
        if self.probe is not None:
            per_doc = self._with_probe(docs, per_doc)
        sequences = [sequence for doc_sequences in per_doc for sequence in doc_sequences]
        encoded = self._first.encode_rows([sequence.features for sequence in sequences])
        if self._second is None:
            paths = self._first.viterbi(
                split_by_lengths(self._first.token_scores(encoded), encoded.lengths)
            )
            return [
                _read_spans(doc_sequences, doc_paths, None)
                for doc_sequences, doc_paths in zip(per_doc, _per_doc(paths, per_doc), strict=True)
            ]
        views = _per_doc(first_pass_views(self._first, encoded), per_doc)
        by_token = [
            _by_token(doc_sequences, doc_views)
            for doc_sequences, doc_views in zip(per_doc, views, strict=True)
        ]
        additions = self._second.encode_rows(
            [
                row
                for doc, doc_sequences, doc_views in zip(docs, per_doc, by_token, strict=True)
                for row in second_pass_rows(doc, doc_sequences, doc_views, self._addition_rows)
            ]
        )
        # the second CRF was trained on each token's first-pass features followed by
        # its own, and crfsuite sums them in that order
        scores = self._second.token_scores(encoded.followed_by(additions))
        paths = self._second.viterbi(split_by_lengths(scores, encoded.lengths))
        return [
            _read_spans(doc_sequences, doc_paths, doc_views if recover else None)
            for doc_sequences, doc_paths, doc_views in zip(
                per_doc, _per_doc(paths, per_doc), by_token, strict=True
            )
        ]

    def _with_probe(
        self, docs: Sequence[Doc], per_doc: list[list[TokenSequence[int]]]
    ) -> list[list[TokenSequence[int]]]:
        """Each Doc's sequences with the probe's features on the encoder's vectors."""
        assert self.probe is not None
        probe = self.probe
        return [
            with_probe_features(
                sequences, probe_feature_names(probe.probabilities(vectors)), self._probe_rows
            )
            for sequences, vectors in zip(per_doc, self.encode(docs), strict=True)
        ]

    def predict(self, doc: Doc, *, recover: bool = True) -> list[AttributionSpans]:
        """Linked attributions in ``doc`` (character offsets into ``doc.text``)."""
        return self.link(doc, self.tag(doc, recover=recover))

    def link(self, doc: Doc, spans: Sequence[TaggedSpan]) -> list[AttributionSpans]:
        """Tagged ``spans`` of ``doc`` (from :meth:`tag_many`) linked into attributions."""
        return link_with_weights(doc, list(spans), self.linker)


def _read_spans(
    sequences: Sequence[TokenSequence[Any]],
    paths: Sequence[Sequence[str]],
    first: Mapping[int, FirstPass] | None,
) -> list[TaggedSpan]:
    """One Doc's spans from its paragraphs' labels, with the first pass's sure ones
    (``first``: its views) where nothing was found."""
    spans: list[TaggedSpan] = []
    for paragraph, (sequence, labels) in enumerate(zip(sequences, paths, strict=True)):
        found = spans_from_labels(sequence.token_ids, labels, paragraph)
        if first is not None:
            found = recover_first_pass_spans(found, sequence.token_ids, first, paragraph)
        spans.extend(found)
    return spans


_Item = TypeVar("_Item")


def _per_doc(values: Sequence[_Item], per_doc: Sequence[Sequence[object]]) -> list[list[_Item]]:
    """``values``, one per sequence of all Docs in order, cut into one list per Doc."""
    out = []
    first = 0
    for doc_sequences in per_doc:
        out.append(list(values[first : first + len(doc_sequences)]))
        first += len(doc_sequences)
    return out


def _read_crfs(path: Path, *files: bytes) -> tuple[LinearChainCRF, ...]:
    try:
        models = read_crfsuite_models(*files)
    except ModelError as exc:
        raise ModelError(f"attribution model {path} holds a corrupt CRF: {exc}") from exc
    unknown = {label for model in models for label in model.labels} - set(LABELS)
    if unknown:
        raise ModelError(f"attribution model {path} has unknown labels {sorted(unknown)}")
    return models


def first_pass(
    crf: LinearChainCRF,
    sequences: Sequence[TokenSequence[str]],
) -> dict[int, FirstPass]:
    """Each token's label from ``crf`` and its marginal probability of being in
    a cue, a source and a content, keyed by Doc token index (``sequences``: one Doc's)."""
    encoded = crf.encode([sequence.features for sequence in sequences])
    return _by_token(sequences, first_pass_views(crf, encoded))


def _by_token(
    sequences: Sequence[TokenSequence[Any]], views: Sequence[Sequence[FirstPass]]
) -> dict[int, FirstPass]:
    """One Doc's first-pass views (one list per sequence) keyed by Doc token index."""
    return {
        i: view
        for sequence, seen in zip(sequences, views, strict=True)
        for i, view in zip(sequence.token_ids, seen, strict=True)
    }


def first_pass_views(crf: LinearChainCRF, encoded: EncodedSequences) -> list[list[FirstPass]]:
    """:func:`first_pass` for sequences already encoded for ``crf``: one view per
    token, one list per sequence (the sequences may come from several Docs)."""
    scores = split_by_lengths(crf.token_scores(encoded), encoded.lengths)
    paths = crf.viterbi(scores)
    marginals = crf.marginals(scores)
    column = {label: k for k, label in enumerate(crf.labels)}
    # each role's labels in a fixed order, so that the sums are the same every time
    by_role = [
        [column[f"{boundary}-{role}"] for boundary in "BILU" if f"{boundary}-{role}" in column]
        for role in (CUE, SOURCE, CONTENT)
    ]
    outside = column.get("O")
    # most tokens are surely outside every span: then no role reaches the lowest
    # bucket the second pass reads (second_pass.FIRST_PASS_FLOOR), and all read 0
    surely_outside = 1.0 - FIRST_PASS_FLOOR + 0.01
    # one shared (frozen) view per label for those tokens
    outside_views = {label: FirstPass(label, 0.0, 0.0, 0.0) for label in crf.labels}
    views: list[list[FirstPass]] = []
    for labels, probabilities in zip(paths, marginals, strict=True):
        roles = [probabilities[:, role].sum(axis=1).tolist() for role in by_role]
        sure = (
            (probabilities[:, outside] >= surely_outside).tolist()
            if outside is not None
            else [False] * len(labels)
        )
        views.append(
            [
                outside_views[label]
                if sure[k]
                else FirstPass(label, roles[0][k], roles[1][k], roles[2][k])
                for k, label in enumerate(labels)
            ]
        )
    return views


def recover_first_pass_spans(
    found: Sequence[TaggedSpan],
    token_ids: Sequence[int],
    views: Mapping[int, FirstPass],
    paragraph: int,
) -> list[TaggedSpan]:
    """The second pass's spans ``found`` in one paragraph, with each span of the first
    pass that overlaps none of them and that the first pass was sure of: the mean
    marginal of its role over its tokens reaches :data:`FIRST_PASS_KEEP`.

    The second pass reads the first pass's labels and usually agrees; where it drops
    a span and puts nothing in its place, the first pass is right often enough that
    keeping its sure spans pays (issue 10, fourth round: dev relation +0.3, content
    +0.4, every measure up). Kept spans are marked ``first_pass``, and their triples'
    origin says so.
    """
    taken = {i for span in found for i in range(span.start, span.end + 1)}
    labels = [views[i].label if i in views else "O" for i in token_ids]
    kept = [
        replace(span, first_pass=True)
        for span in spans_from_labels(token_ids, labels, paragraph)
        if taken.isdisjoint(range(span.start, span.end + 1))
        and _mean_marginal(span, views) >= FIRST_PASS_KEEP
    ]
    if not kept:
        return list(found)
    return sorted([*found, *kept], key=lambda span: span.start)


def _mean_marginal(span: TaggedSpan, views: Mapping[int, FirstPass]) -> float:
    """The first pass's mean marginal of ``span``'s role over its (non-space) tokens."""
    values = [
        _ROLE_MARGINAL[span.role](views[i]) for i in range(span.start, span.end + 1) if i in views
    ]
    return sum(values) / len(values) if values else 0.0


_ROLE_MARGINAL: dict[str, Callable[[FirstPass], float]] = {
    CUE: lambda view: view.cue,
    SOURCE: lambda view: view.source,
    CONTENT: lambda view: view.content,
}


def _encode(docs: Sequence[Doc]) -> list[Vectors]:
    from .encoder import load_encoder

    return load_encoder().token_vectors_many(docs)


def load_attribution_model(path: Path | None = None) -> AttributionModel:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    return _load(Path(path).resolve() if path is not None else DEFAULT_MODEL_PATH)


@lru_cache(maxsize=4)
def _load(path: Path) -> AttributionModel:
    return AttributionModel(read_bundle(path), path)
