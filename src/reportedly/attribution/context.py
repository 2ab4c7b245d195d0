"""What every part of the cascade may look at, and what each part's worth was measured to be.

One :class:`CascadeContext` per Doc is made by :func:`.extract.find_triples` and handed
to every rule and every mender alike; :class:`Effect` is the measured worth a part of
the registry carries beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .quotes import QuoteSpan
from .syntax import Coverage, doc_text


@dataclass(frozen=True, slots=True)
class CascadeContext:
    """The Doc, where its body starts (after the headline), its direct quotes (scare
    quotes left out), the ranges they cover and where each starts (for bisecting), and
    the body's tokens, made once: several rules walk them."""

    doc: Doc
    text: str
    body_start: int
    quotes: Sequence[QuoteSpan]
    quoted: Coverage
    quote_starts: Sequence[int]
    body: tuple[Token, ...]

    @classmethod
    def of(cls, doc: Doc, body_start: int, quotes: Sequence[QuoteSpan]) -> CascadeContext:
        quoted = Coverage()
        quoted.add(tuple((quote.start, quote.end) for quote in quotes))
        body = tuple(token for sent in doc.sents if sent.start_char >= body_start for token in sent)
        starts = [quote.start for quote in quotes]
        return cls(doc, doc_text(doc), body_start, quotes, quoted, starts, body)

    def is_quoted(self, token: Token) -> bool:
        return self.quoted.overlaps(((token.idx, token.idx + 1),))


@dataclass(frozen=True, slots=True)
class Effect:
    """A part's measured worth: PolNeAR dev relation F1 of the whole analysis minus that
    without the part (points, ``reportedly eval polnear DEV --without NAME``), and the
    commit of the code it was measured on."""

    dev_points: float
    measured_at: str

    def __str__(self) -> str:
        return f"{self.dev_points:+.2f} (dev, at {self.measured_at})"
