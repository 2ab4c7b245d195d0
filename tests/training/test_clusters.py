"""Word classes from the parser's token vectors: fitting, assigning, storing."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from reportedly.attribution.features import CueLexicon, WordClusters, sequence_features
from reportedly.attribution.model import LinkWeights, read_bundle, write_bundle
from reportedly.errors import DatasetError, ModelError
from reportedly.training.clusters import fit_word_clusters

LEXICON = CueLexicon({"say": 0.9}, likely_threshold=0.15)


def doc_with_vectors(words: list[str], vectors: list[list[float]]) -> Doc:
    doc = Doc(Vocab(), words=words, heads=list(range(len(words))), deps=["ROOT"] * len(words))
    doc.tensor = numpy.asarray(vectors, dtype=numpy.float32)
    return doc


def test_tokens_go_to_their_nearest_centroid() -> None:
    clusters = WordClusters(numpy.asarray([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]], "float32"))
    doc = doc_with_vectors(["a", "b", "c", "d"], [[9, 1], [1, 1], [1, 8], [6, 0]])
    assert clusters.assign(doc) == [1, 0, 2, 1]


def test_a_doc_without_vectors_of_that_width_gets_no_word_classes() -> None:
    clusters = WordClusters(numpy.zeros((2, 3), "float32"))
    bare = Doc(Vocab(), words=["said", "it"])
    assert clusters.assign(bare) is None
    assert clusters.assign(doc_with_vectors(["a"], [[1.0, 2.0]])) is None  # width 2, not 3
    [sequence] = sequence_features(bare, LEXICON, clusters)
    assert not any(f.startswith("wc") for token in sequence.features for f in token)


def test_word_classes_are_token_and_neighbour_features() -> None:
    clusters = WordClusters(numpy.asarray([[0.0, 0.0], [10.0, 10.0]], "float32"))
    doc = doc_with_vectors(["he", "said", "it"], [[0, 0], [9, 9], [1, 0]])
    [sequence] = sequence_features(doc, LEXICON, clusters)
    said = set(sequence.features[1])
    assert {"wc=1", "wc-1=0", "wc+1=0"} <= said
    assert "wc-1=0" not in set(sequence.features[0])  # the first token has no left neighbour


def test_fitting_separates_groups_and_is_deterministic() -> None:
    rng = numpy.random.default_rng(1)
    near = rng.normal(0.0, 0.1, (60, 4))
    far = rng.normal(5.0, 0.1, (40, 4))
    docs = [doc_with_vectors(["w"] * 60, near.tolist()), doc_with_vectors(["w"] * 40, far.tolist())]
    first, again = fit_word_clusters(docs, 2), fit_word_clusters(docs, 2)
    assert numpy.array_equal(first.centroids, again.centroids)
    assert sorted(round(float(c.mean())) for c in first.centroids) == [0, 5]
    near_classes, far_classes = first.assign(docs[0]), first.assign(docs[1])
    assert near_classes is not None and far_classes is not None
    assert len(set(near_classes)) == len(set(far_classes)) == 1
    assert set(near_classes) != set(far_classes)


def test_fitting_needs_vectors() -> None:
    with pytest.raises(DatasetError, match="no token vectors"):
        fit_word_clusters([Doc(Vocab(), words=["a"])], 2)


def test_clusters_survive_the_model_file_and_bad_ones_are_a_model_error(tmp_path: Path) -> None:
    clusters = WordClusters(numpy.asarray([[0.5, -1.25], [2.0, 3.0]], "float32"))
    path = tmp_path / "model.zip"
    write_bundle(path, b"", LEXICON, LinkWeights({"CON": 1.0}), {}, None, clusters)
    stored = read_bundle(path).clusters
    assert stored is not None and numpy.array_equal(stored.centroids, clusters.centroids)
    write_bundle(path, b"", LEXICON, LinkWeights({"CON": 1.0}), {"word_clusters": [[1.0], []]})
    with pytest.raises(ModelError, match="bad word clusters"):
        read_bundle(path)
