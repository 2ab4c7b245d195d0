"""The passes over a Doc that claims and signals share, computed once per article.

The pipeline calls :func:`~reportedly.claims.extract.extract_claims` and then
:func:`~reportedly.signals.compute.compute_signals` on the same Doc; both need
the token columns, the voice map, the quantities, the lexicon hits and the
sentence units. The last article's passes are kept (a single entry, keyed by the
Doc object itself, the attributions and the title), so the second call reuses
them instead of walking the Doc again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp.tokens import TokenRange, TokenTable, token_table
from ..records import DocAttribution, Span
from .lexicon import LexiconHit, find_lexicon_hits
from .quantities import QuantityMention, find_quantities
from .voice import VoiceMap, build_voice_map, sentence_units


@dataclass(frozen=True, slots=True)
class ArticlePasses:
    table: TokenTable
    voice: VoiceMap
    quantities: tuple[QuantityMention, ...]
    lexicon_hits: tuple[LexiconHit, ...]
    units: tuple[TokenRange, ...]


@dataclass(slots=True)
class _LastArticle:
    doc: Doc | None = None
    attributions: tuple[DocAttribution, ...] = ()
    title: Span | None = None
    passes: ArticlePasses | None = None


_last = _LastArticle()


def article_passes(
    doc: Doc, attributions: Sequence[DocAttribution], title: Span | None
) -> ArticlePasses:
    """The shared passes over ``doc``, reused when asked again for the same article."""
    attributions = tuple(attributions)
    if (
        _last.passes is not None
        and _last.doc is doc
        and _last.title == title
        and _last.attributions == attributions
    ):
        return _last.passes
    table = token_table(doc)
    passes = ArticlePasses(
        table=table,
        voice=build_voice_map(table, attributions),
        quantities=find_quantities(doc, table),
        lexicon_hits=find_lexicon_hits(doc, table=table),
        units=tuple(sentence_units(doc, table, title)),
    )
    _last.doc, _last.attributions, _last.title, _last.passes = doc, attributions, title, passes
    return passes
