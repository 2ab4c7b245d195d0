"""Find attributions in a parsed Doc: the cascade of rules, model and menders.

The flow, per Doc (character offsets into ``doc.text`` throughout):

1. the rules of :data:`.rules.RULES` find span triples (:class:`AttributionSpans`);
2. the shipped model (:mod:`.model`) finds its own (the second pass's spans, and the
   first pass's sure ones where the second found nothing: ``first-pass``), which the
   ``model`` menders of :data:`.menders.MENDERS` patch (each patched triple's
   ``origin`` names them);
3. :func:`.merge.merge` keeps, in order of trust (rules before the model, the
   model, rules after the model), whatever overlaps nothing kept before it;
4. the ``merged`` menders run over the result (quotes with no cue that continue
   a speaker's quote join that attribution, PolNeAR's convention);
5. every triple becomes a :class:`DocAttribution` (:mod:`.build`), in Doc offsets.

Any rule or mender, or the model, can be switched off by name (``without``, from
:attr:`reportedly.config.AnalysisConfig.without`): this is how
``reportedly eval ... --without NAME`` measures what each one is worth.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..config import MODEL_PART
from ..errors import ConfigError
from ..records import AttributionSpans, DocAttribution
from .build import build_attribution
from .context import CascadeContext
from .edges import draw_edges
from .linker import FIRST_PASS_ORIGIN, TaggedSpan
from .menders import MENDER_NAMES, MENDERS
from .merge import merge
from .quotes import QuoteSpan, find_direct_quotes, is_scare_quote
from .rules import RULE_NAMES, RULES
from .speakers import SpeakerResolver
from .syntax import doc_text, forget_text

if TYPE_CHECKING:
    from .model import AttributionModel

# names that switch off groups: the model, every rule, every mender
MODEL = MODEL_PART
ALL_RULES = "rules"
ALL_MENDERS = "menders"
# the model's first-pass spans that the second pass dropped (model.recover_first_pass_spans)
FIRST_PASS = FIRST_PASS_ORIGIN
CASCADE_NAMES = RULE_NAMES | MENDER_NAMES | {MODEL, ALL_RULES, ALL_MENDERS, FIRST_PASS}


def check_names(names: Iterable[str]) -> frozenset[str]:
    """``names`` as a set, or a :class:`ConfigError` naming the first unknown one."""
    result = frozenset(names)
    unknown = sorted(result - CASCADE_NAMES)
    if unknown:
        known = ", ".join(sorted(CASCADE_NAMES))
        raise ConfigError(f"unknown rule or mender {unknown[0]!r} (known: {known})")
    return result


def find_attributions(
    doc: Doc, *, use_model: bool = True, without: Iterable[str] = (), mode: str = "fast"
) -> tuple[DocAttribution, ...]:
    """All attributions of ``doc``, in text order, the model's as ``mode`` tags them
    (``"accurate"``: with the token encoder, which must be installed).

    The headline yields one only when it is whole there ("Trump says he will
    win"); a quoted phrase in it never does.
    """
    return find_attributions_many([doc], use_model=use_model, without=without, mode=mode)[0]


def find_attributions_many(
    docs: Sequence[Doc],
    *,
    use_model: bool = True,
    without: Iterable[str] = (),
    mode: str = "fast",
) -> list[tuple[DocAttribution, ...]]:
    """:func:`find_attributions` for each of ``docs``; the model tags them together
    (:meth:`~.model.AttributionModel.tag_many`), which is faster than one by one."""
    off = check_names(without)
    if not use_model:
        off |= {MODEL}
    try:
        with cyclic_gc_paused():
            tagged: Sequence[Sequence[TaggedSpan] | None] = [None] * len(docs)
            if MODEL not in off and docs:
                tagged = _model(mode).tag_many(docs, recover=FIRST_PASS not in off)
            return [
                tuple(_find_attributions(doc, off, spans, mode))
                for doc, spans in zip(docs, tagged, strict=True)
            ]
    finally:
        for doc in docs:
            forget_text(doc)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one Doc's attributions.

    The tagger's features are millions of short-lived strings, tuples and lists (about
    48 feature strings per token); none form cycles, yet each allocation burst sets off
    collector passes over every live object, the parsed Docs and both models included.
    Paused for the Doc, the attribution stage took about a tenth less time over
    PolNeAR dev (the whole analysis 11.19 -> 10.86 s, best of four interleaved runs
    each; CHANGELOG.md, "Fifth round"). Reference counting still frees
    everything as before; the collector runs again as soon as the Doc is done (it
    stays off if the caller had switched it off).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _find_attributions(
    doc: Doc, off: frozenset[str], tagged: Sequence[TaggedSpan] | None, mode: str
) -> list[DocAttribution]:
    title = doc._.title_span
    body_start = title[1] if title else 0
    text = doc_text(doc)
    all_quotes = [q for q in find_direct_quotes(text) if q.start >= body_start]
    quotes = [q for q in all_quotes if not is_scare_quote(text, q)]
    triples = find_triples(doc, body_start, quotes, off, tagged, mode)
    resolver = SpeakerResolver(doc, quoted=tuple((q.start, q.end) for q in quotes))
    # every quote, scare quotes included, counts when telling mixed from indirect
    return [build_attribution(doc, t, resolver, all_quotes) for t in triples]


def find_triples(
    doc: Doc,
    body_start: int,
    quotes: Sequence[QuoteSpan],
    off: frozenset[str] = frozenset(),
    tagged: Sequence[TaggedSpan] | None = None,
    mode: str = "fast",
) -> list[AttributionSpans]:
    """The cascade: rules and mended model output, merged, then mended together
    (``tagged``: the model's spans in ``doc``, when they were tagged already; ``mode``:
    which model tags and links them)."""
    rules_on = [r for r in RULES if r.name not in off and ALL_RULES not in off]
    menders_on = [m for m in MENDERS if m.name not in off and ALL_MENDERS not in off]
    ctx = CascadeContext.of(doc, body_start, quotes)
    model: list[AttributionSpans] = []
    if MODEL not in off:
        attribution_model = _model(mode)
        if tagged is None:
            tagged = attribution_model.tag(doc, recover=FIRST_PASS not in off)
        model = attribution_model.link(doc, tagged)
        for mender in menders_on:
            if mender.stage == "model":
                model = mender.mend(ctx, model)
    found = ((r.tier == "before-model", t) for r in rules_on for t in r.find(ctx))
    triples = merge(found, model)
    for mender in menders_on:
        if mender.stage == "merged":
            triples = mender.mend(ctx, triples)
    if mode == "accurate":
        # the accurate mode draws span edges as PolNeAR's annotators do (quote marks, a
        # cue's colon); the fast mode keeps the spans the tagger drew (trimmed)
        triples = [draw_edges(ctx.text, triple) for triple in triples]
    return triples


def _model(mode: str) -> AttributionModel:
    from ..config import model_path
    from .model import load_attribution_model

    return load_attribution_model(model_path(mode))
