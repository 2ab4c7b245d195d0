"""Reporting, belief and intention cues, and the stance each one signals.

The stance says how the reporter frames the attributed content: a neutral
``said``, an ``insisted`` that signals assertion, a ``claimed`` that casts
doubt, an ``admitted`` that frames it as a concession, a ``believes`` or a
``plans``. The list is ours (MIT, like the project), drawn from the cue lemmas
most frequent in PolNeAR train and from style guides' lists of "said"
alternatives.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from ..records import Stance

_STANCE_LEMMAS: dict[Stance, tuple[str, ...]] = {
    "neutral": (
        "say",
        "tell",
        "state",
        "report",
        "add",
        "note",
        "explain",
        "write",
        "announce",
        "comment",
        "mention",
        "reply",
        "respond",
        "answer",
        "ask",
        "speak",
        "describe",
        "according to",
        "testify",
        "recall",
        "continue",
        "tweet",
        "post",
        "observe",
        "remark",
        "recount",
        "reiterate",
        "repeat",
        "indicate",
        "call",
        "quote",
        "cite",
        "inform",
        "advise",
        "brief",
        "put",
        "joke",
        "muse",
    ),
    "assertive": (
        "insist",
        "stress",
        "emphasize",
        "emphasise",
        "argue",
        "maintain",
        "assert",
        "warn",
        "vow",
        "declare",
        "affirm",
        "contend",
        "underline",
        "underscore",
        "pledge",
        "promise",
        "proclaim",
        "predict",
        "guarantee",
        "point",
        "swear",
        "charge",
        "demand",
        "urge",
    ),
    "doubtful": ("claim", "allege", "purport", "profess", "suggest", "speculate", "imply"),
    "admission": ("admit", "concede", "acknowledge", "confess", "grant", "allow", "own"),
    "belief": (
        "believe",
        "think",
        "feel",
        "consider",
        "expect",
        "fear",
        "suspect",
        "doubt",
        "know",
        "guess",
        "assume",
        "worry",
        "suppose",
        "understand",
        "agree",
        "disagree",
        "conclude",
        "find",
        "estimate",
        "reckon",
        "presume",
        "realize",
        "realise",
        "hope",
        "trust",
        "imagine",
        "wonder",
        "recognize",
        "recognise",
        "see",
        "view",
    ),
    "intention": (
        "plan",
        "want",
        "intend",
        "aim",
        "seek",
        "wish",
        "propose",
        "mean",
        "threaten",
        "decide",
        "offer",
        "try",
        "prefer",
        "would like",
        "like",
        "hope to",
        "vote",
    ),
    "other": (
        "complain",
        "criticize",
        "criticise",
        "deny",
        "accuse",
        "reveal",
        "confirm",
        "show",
        "blame",
        "praise",
        "condemn",
        "dismiss",
        "question",
        "challenge",
        "lament",
        "boast",
        "brag",
        "concur",
        "scoff",
        "retort",
        "counter",
        "quip",
        "protest",
        "learn",
        "hear",
        "disclose",
        "signal",
        "shout",
        "cry",
        "exclaim",
        "chant",
        "scream",
        "whisper",
        "mutter",
        "insinuate",
        "demur",
        "object",
    ),
}

STANCE_BY_LEMMA: Final = MappingProxyType(
    {lemma: stance for stance, lemmas in _STANCE_LEMMAS.items() for lemma in lemmas}
)

# Verbs that report speech or thought when they govern a clause (ccomp) or a quote.
REPORTING_LEMMAS: Final = frozenset(STANCE_BY_LEMMA) - {
    "see",
    "find",
    "like",
    "try",
    "decide",
    "offer",
    "vote",
    "mean",
    "show",
    "view",
    "call",
    "put",
    "grant",
    "allow",
    "own",
    "point",
    "continue",
    "charge",
}


def stance_of(lemma: str) -> Stance:
    """The stance of a cue lemma (``"other"`` for cues we do not know)."""
    key = lemma.lower().strip()
    if key in STANCE_BY_LEMMA:
        return STANCE_BY_LEMMA[key]
    # multi-word cues ("has learned", "told reporters"): the last known word decides
    for word in reversed(key.split()):
        if word in STANCE_BY_LEMMA:
            return STANCE_BY_LEMMA[word]
    return "other"
