"""Machine-translation flags: suspicious sentence breaks, flagged and left as they are."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..offsets import OffsetMap
from ..records import Flag, Span


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MODALS = "will|would|can|could|shall|should|must|might"  # not "may": the month
_DANGLING_RE = re.compile(
    rf"(?<![\w'’.@#/-])(?P<prev>[a-z][a-z'’-]*)[ \t]+(?P<aux>(?:{_MODALS}))\.(?=[\s\"”’)]|$)"
)
# words after which a bare modal is ordinary English ellipsis or the noun "will"
_ELLIPSIS_SUBJECTS = _word_set(
    "i you he she it we they one who that which this these those there someone somebody "
    "anyone anybody everyone everybody nobody none all both each others many some few "
    "most not never always too also so still certainly definitely probably surely else "
    "indeed really actually now then yet already just eventually likely perhaps maybe "
    "normally otherwise ever sometimes often soon again once well rather only even "
    "usually the a an his her their our my your its at against of with by for to from in "
    "on without own free good ill whose"
)
# a bare modal after these (earlier in the same sentence) is comparative or conditional
_ELLIPSIS_TRIGGERS = _word_set(
    "as than like if when whenever what whatever wherever how because though although "
    "unless until while where whether that which who"
)
_LOWERCASE_START_RE = re.compile(r"(?<![.…])\.[ \t]+(?P<word>[a-z][a-z'’-]*)(?![\w./:@])")
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr jr sr st mt ft sen sens rep reps gov govs gen col lt sgt capt adm cmdr "
    "prof rev hon pres supt inc corp co ltd llc bros dept univ assn vs etc al approx est "
    "ca cf no nos vol vols fig figs pp ch sec art ed eds op ave blvd rd hwy jan feb mar "
    "apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn "
    "miss mo mont neb nev okla ore pa penn tenn tex va vt wash wis wyo"
)
# lower-case name particles ("de Blasio") that may start a sentence
_NAME_PARTICLES = _word_set("de del della der den di da dos du el la le van von ter ten al bin ibn")


def mt_flags(repaired: str, offsets: OffsetMap) -> tuple[Flag, ...]:
    flags = [
        Flag(kind, (offsets.to_input(span),), note) for kind, span, note in _mt_breaks(repaired)
    ]
    return tuple(sorted(flags, key=lambda f: f.spans[0]))


def _mt_breaks(text: str) -> Iterator[tuple[str, Span, str]]:
    """Likely machine-translation breaks in ``text``: (kind, span, note)."""
    for match in _DANGLING_RE.finditer(text):
        if _is_dangling_auxiliary(text, match):
            span = (match.start("aux"), match.end())
            yield (
                "mt_dangling_auxiliary",
                span,
                f"sentence ends on a bare {match['aux']!r}: likely a machine-translation break",
            )
    for match in _LOWERCASE_START_RE.finditer(text):
        if _is_lowercase_start(text, match):
            span = (match.start("word"), match.end("word"))
            yield (
                "mt_lowercase_start",
                span,
                f"sentence starts lower-case ({match['word']!r}) after a full stop: "
                "likely a machine-translation break",
            )


# how far back in a paragraph the flag checks look (keeps them linear on texts
# without line breaks)
_PREFIX_LIMIT = 1000


def _line_prefix(text: str, pos: int) -> str:
    """The paragraph before ``pos``, at most its last ``_PREFIX_LIMIT`` characters."""
    return text[max(text.rfind("\n", 0, pos) + 1, pos - _PREFIX_LIMIT) : pos]


def _inside_quotation(prefix: str) -> bool:
    """Whether ``prefix`` (a paragraph up to a point) leaves a quotation open.

    Quoted speech keeps its speaker's wording, lower-case starts and ellipses included.
    """
    return (
        prefix.count("“") > prefix.count("”")
        or prefix.count("«") > prefix.count("»")
        or prefix.count('"') % 2 == 1
        or prefix.count("''") % 2 == 1
    )


def _is_dangling_auxiliary(text: str, match: re.Match[str]) -> bool:
    if match["prev"] in _ELLIPSIS_SUBJECTS or match["prev"].endswith(("'s", "’s", "s'", "s’")):
        return False
    prefix = _line_prefix(text, match.start())
    if _inside_quotation(prefix):
        return False
    sentence = prefix[_sentence_start(prefix) :]
    return not any(word in _ELLIPSIS_TRIGGERS for word in sentence.lower().split()[-6:])


_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’)]*\s+")


def _sentence_start(prefix: str) -> int:
    """Where the last sentence of ``prefix`` starts (a full stop after an
    abbreviation or an initial does not end a sentence)."""
    for match in reversed(list(_SENTENCE_BREAK_RE.finditer(prefix))):
        if not _is_abbreviation(_last_token(prefix[: match.start()])):
            return match.end()
    return 0


def _last_token(text: str) -> str:
    """The last whitespace-separated token, without opening quotes or brackets."""
    parts = text.rsplit(None, 1)
    return parts[-1].lstrip("\"'“‘([") if parts else ""


def _is_abbreviation(token: str) -> bool:
    """Whether a full stop after ``token`` is likely an abbreviation's, not a sentence end.

    Initials ("G."), dotted abbreviations ("U.S.", "a.m.", "e.g."), known short
    forms ("Mr.", "Calif.", "etc.") and URLs or handles count as abbreviations.
    """
    return (
        len(token) < 2
        or "." in token
        or any(ch in token for ch in "/@:")
        or token.lower() in _ABBREVIATIONS
    )


def _is_lowercase_start(text: str, match: re.Match[str]) -> bool:
    if match["word"] in _NAME_PARTICLES:
        return False
    prefix = _line_prefix(text, match.start())
    if _is_abbreviation(_last_token(prefix)):
        return False
    return not _inside_quotation(prefix)
