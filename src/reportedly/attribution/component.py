"""The spaCy component ``reportedly_attributions_v1``.

Registered through the ``spacy_factories`` entry point, so that any English
pipeline can do ``nlp.add_pipe("reportedly_attributions_v1")``. The factory name
carries the version of its behaviour and config, as spaCy's registered functions
do with ".v1" (spaCy allows no "." in factory names, hence "_v1"); the
unversioned ``reportedly_attributions`` builds the same component, for pipelines
saved before. It puts the attributions (:class:`~reportedly.records.DocAttribution`
records, in Doc character offsets) on ``doc._.attributions`` and their parts on
``doc.spans["reportedly_sources" | "reportedly_cues" | "reportedly_contents"]``.

``reportedly_headline_v1``, added before the parser, does for a spaCy pipeline what
``reportedly.analyze`` does before parsing: it finds the headline as the repair step
does (the first line, short, standing alone) and makes the body's first token start a
sentence, so that the parser does not run the headline into the first sentence; the
attribution component then treats the headline as ``analyze`` does
(``doc._.title_span``).

The records serialise with the Doc: an encoder and a decoder registered with
srsly's msgpack registries turn them into plain dicts and back, so
``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(texts, n_process=2)`` (which sends Docs between processes as bytes)
work with the component.
"""

# No `from __future__ import annotations` here: spaCy validates factory arguments
# from their real annotations.
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..config import DEFAULT_MODE
from ..records import DocAttribution

FACTORY = "reportedly_attributions_v1"
HEADLINE_FACTORY = "reportedly_headline_v1"
LEGACY_FACTORY = "reportedly_attributions"
# the key that marks a serialised attribution in msgpack data
_MARK = "__reportedly_attribution_v1__"

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=())
if not Doc.has_extension("title_span"):
    # the headline's character span in Doc offsets, set by the pipeline before the
    # component runs (pipeline.title_in_chunk); attributions are never built from the
    # headline alone
    Doc.set_extension("title_span", default=None)

# Docs whose paragraphs the model tags together: decoding steps through positions in
# Python, so a few Docs at once take fewer steps; their features stay a few MB
TAGGED_TOGETHER = 8

SPAN_KEYS = {
    "source": "reportedly_sources",
    "cue": "reportedly_cues",
    "content": "reportedly_contents",
}


class AttributionComponent:
    """Finds attributions with rules and the shipped model; see :mod:`.extract`."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        use_model: bool,
        without: Iterable[str] = (),
        mode: str = DEFAULT_MODE,
    ) -> None:
        from ..config import MODES, effective_mode
        from ..errors import ConfigError
        from .extract import check_names

        self.name = name
        self.use_model = use_model
        # unknown names are refused when the pipeline is built, not at its first Doc
        self.without = check_names(without)
        if mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        # the mode as it runs: accurate without the encoder installed is fast (warned)
        self.mode = effective_mode(mode)

    def __call__(self, doc: Doc) -> Doc:
        from .extract import find_attributions

        attributions = find_attributions(
            doc, use_model=self.use_model, without=self.without, mode=self.mode
        )
        doc._.attributions = attributions
        _set_span_groups(doc, attributions)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = TAGGED_TOGETHER) -> Iterator[Doc]:
        """``nlp.pipe``'s way in: the model tags up to :data:`TAGGED_TOGETHER` Docs at
        once (whatever spaCy's batch size, which may be a thousand), the same
        attributions as one by one."""
        from .extract import find_attributions_many

        iterator = iter(stream)
        while docs := list(islice(iterator, min(batch_size, TAGGED_TOGETHER))):
            for doc, attributions in zip(
                docs,
                find_attributions_many(
                    docs, use_model=self.use_model, without=self.without, mode=self.mode
                ),
                strict=True,
            ):
                doc._.attributions = attributions
                _set_span_groups(doc, attributions)
                yield doc


def _set_span_groups(doc: Doc, attributions: "tuple[DocAttribution, ...]") -> None:
    for role, key in SPAN_KEYS.items():
        group = []
        for attribution in attributions:
            part = getattr(attribution, role)
            if part is None:
                continue
            for start, end in part.spans:
                span = doc.char_span(start, end, label=role.upper(), alignment_mode="expand")
                if span is not None:
                    group.append(span)
        doc.spans[key] = group


class HeadlineComponent:
    """Marks the headline and starts the body's first sentence (before the parser)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from ..nlp import start_sentence_after
        from ..repair import repair

        if doc._.title_span is not None:
            return doc
        found = repair(doc.text)
        if found.title is not None:
            # the repair's title is in repaired offsets; the Doc holds the text as given
            title = found.offsets.to_input(found.title)
            doc._.title_span = title
            start_sentence_after(doc, title[1])
        return doc


@Language.factory(
    HEADLINE_FACTORY,
    requires=[],
    assigns=["doc._.title_span", "token.is_sent_start"],
)
def make_headline_component(nlp: Language, name: str) -> HeadlineComponent:
    return HeadlineComponent(name)


_FACTORY_META: dict[str, Any] = {
    # what reportedly.config.AnalysisConfig says of the cascade: the model on, no part
    # off, its default mode
    "default_config": {"use_model": True, "without": [], "mode": DEFAULT_MODE},
    "requires": ["token.dep", "token.lemma", "token.pos", "doc.sents"],
    "assigns": ["doc._.attributions", "doc.spans"],
}


@Language.factory(FACTORY, **_FACTORY_META)
def make_attribution_component(
    nlp: Language, name: str, use_model: bool, without: list[str], mode: str
) -> AttributionComponent:
    return AttributionComponent(nlp, name, use_model, without, mode)


@Language.factory(LEGACY_FACTORY, **_FACTORY_META)
def make_legacy_attribution_component(
    nlp: Language, name: str, use_model: bool, without: list[str], mode: str
) -> AttributionComponent:
    """The factory under its first, unversioned name (the same component)."""
    return AttributionComponent(nlp, name, use_model, without, mode)


# --------------------------------------------------------------------------- serialisation


def encode_attribution(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack encoder: a :class:`DocAttribution` as a plain, marked dict."""
    if isinstance(obj, DocAttribution):
        return {_MARK: obj.to_dict()}
    return obj if chain is None else chain(obj)


def decode_attribution(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack decoder: the marked dict back as a :class:`DocAttribution`."""
    if isinstance(obj, dict) and _MARK in obj:
        return DocAttribution.from_dict(obj[_MARK])
    return obj if chain is None else chain(obj)


# registered on import: spaCy imports this module (through the factory's entry point)
# in every process that builds or receives such Docs
srsly.msgpack_encoders.register("reportedly_attribution.v1", func=encode_attribution)
srsly.msgpack_decoders.register("reportedly_attribution.v1", func=decode_attribution)
