"""The spaCy component ``reportedly_attributions``.

Registered through the ``spacy_factories`` entry point, so that any English
pipeline can do ``nlp.add_pipe("reportedly_attributions")``. It puts the
attributions (records in Doc character offsets) on ``doc._.attributions`` and
their parts on ``doc.spans["reportedly_sources" | "reportedly_cues" |
"reportedly_contents"]``.
"""

# No `from __future__ import annotations` here: spaCy validates factory arguments
# from their real annotations.
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from ..records import Attribution

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=())
if not Doc.has_extension("title_span"):
    # the headline's character span, set by the pipeline before the component
    # runs; attributions are never built from the headline alone
    Doc.set_extension("title_span", default=None)

SPAN_KEYS = {
    "source": "reportedly_sources",
    "cue": "reportedly_cues",
    "content": "reportedly_contents",
}


class AttributionComponent:
    """Finds attributions with rules and the shipped model; see :mod:`.extract`."""

    def __init__(self, nlp: Language, name: str, use_model: bool) -> None:
        self.name = name
        self.use_model = use_model

    def __call__(self, doc: Doc) -> Doc:
        from .extract import find_attributions

        attributions = find_attributions(doc, use_model=self.use_model)
        doc._.attributions = attributions
        _set_span_groups(doc, attributions)
        return doc


def _set_span_groups(doc: Doc, attributions: "tuple[Attribution, ...]") -> None:
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


@Language.factory(
    "reportedly_attributions",
    default_config={"use_model": True},
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.attributions", "doc.spans"],
)
def make_attribution_component(nlp: Language, name: str, use_model: bool) -> AttributionComponent:
    return AttributionComponent(nlp, name, use_model)
