"""What the words of one source mention tell without the rest of the article: its
name cleaned ("Putin's" -> "Putin"), its surname, the gender its honorific or first
name gives, and what kind of source it is (person, organisation, official, media ...).

The word lists live in ``data/speaker-words/``; :mod:`.speakers` resolves mentions
against the article (surnames, pronouns, role nouns) with these helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Final

from spacy.tokens import Span, Token

from ..records import SourceType

# the entities inside a span (SpeakerResolver.ents_in: cheap, unlike Span.ents)
EntsIn = Callable[[Span], list[Span]]

_WORDS = Path(__file__).parent / "data" / "speaker-words"


def _words(name: str) -> frozenset[str]:
    """A word list shipped with the package: one entry a line."""
    text = (_WORDS / name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


PERSON_PRONOUNS: Final = frozenset(
    {"he", "she", "him", "her", "his", "i", "we", "they", "you", "me", "us", "them"}
)
GROUP_PRONOUNS: Final = frozenset({"we", "they", "us", "them"})
SINGULAR_PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her", "his"})
PRONOUN_GENDER: Final = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# Common first names whose gender a pronoun can agree with; a short list of our own,
# weighted to the names in US and European political news.
MALE_FIRST_NAMES: Final = _words("male-first-names.txt")
FEMALE_FIRST_NAMES: Final = _words("female-first-names.txt")

ANONYMOUS_WORDS: Final = frozenset(
    {"source", "sources", "insider", "insiders", "person", "people", "aide", "aides"}
)
ANONYMOUS_MARKERS: Final = re.compile(
    r"\b(anonymity|unnamed|anonymous|familiar with|not authorized|declined to be named|"
    r"a source|sources|insiders?)\b",
    re.IGNORECASE,
)
VAGUE_HEADS: Final = _words("vague-heads.txt")
OFFICIAL_HEADS: Final = _words("official-heads.txt")
MEDIA_HEADS: Final = _words("media-heads.txt")
MEDIA_NAMES: Final = _words("media-names.txt")
NEWS_WORDS: Final = frozenset({"news", "press", "media", "television", "tv", "radio", "wire"})
DOCUMENT_HEADS: Final = _words("document-heads.txt")
ORG_HEADS: Final = _words("org-heads.txt")
ROLE_HEADS: Final = _words("role-heads.txt")
# "the company said": a noun that stands in for the organisation last named
ORG_PRONOUN_HEADS: Final = frozenset(
    {"company", "group", "agency", "statement", "firm", "organization", "organisation"}
    | {"club", "team", "ministry", "department", "government", "campaign", "union"}
)
# Title words that stand before a name ("Kremlin chief Vladimir Putin", "Sen. Ted Cruz")
# and can later stand in for it ("the Kremlin chief", "the senator").
TITLE_ALIASES: Final = {
    "sen.": "senator",
    "sen": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "gov": "governor",
    "pres.": "president",
    "gen.": "general",
    "dr.": "doctor",
    "secretary": "secretary",
    "mr.": "",
    "mrs.": "",
    "ms.": "",
    "mr": "",
    "mrs": "",
    "ms": "",
}


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strip_possessive(text: str) -> str:
    """ "Putin's" -> "Putin"; also quote marks and commas the NER left at the end
    ("Donald Trump ''" before a quotation)."""
    text = re.sub(r"[\s'’\"”“‘,;:]+$", "", text)
    return re.sub(r"[’']s?$", "", text).strip()


# generational suffixes: the surname of "Joseph R. Biden Jr." is "biden"
_SUFFIXES: Final = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})


def surname_of(words: list[str]) -> str:
    """The lower-cased family name of a name's words: the last one not a suffix."""
    for word in reversed(words):
        if word.lower() not in _SUFFIXES:
            return word.lower()
    return words[-1].lower()


def group_name(span: Span, text: str) -> str:
    """The name of a source no person was resolved for: the mention without its
    article and possessive, or the owner of a document ("the report of X": X)."""
    owner = owner_of(span.root) if span.root.lemma_.lower() in DOCUMENT_HEADS else None
    if owner is not None:
        # "the current estimates of the British secret services": the owner speaks
        span, text = owner, normalize_space(owner.text)
    first = span[0]
    if first.dep_ == "det" or first.lower_ in {"the", "a", "an"}:
        text = normalize_space(span[1:].text) if len(span) > 1 else text
    return strip_possessive(text) or text


def source_type(span: Span, lower: str, head_lemma: str, ents_in: EntsIn) -> SourceType:
    """The kind of source a mention is that no person was resolved for, from its head
    word, its entities and the word lists."""
    if lower in MEDIA_NAMES or any(e.text.lower() in MEDIA_NAMES for e in ents_in(span)):
        return "media"
    if ANONYMOUS_MARKERS.search(lower) and head_lemma in ANONYMOUS_WORDS | {"official"}:
        return "anonymous"
    if head_lemma in {"source", "insider"}:
        return "anonymous"
    owner = owner_of(span.root)
    if head_lemma in DOCUMENT_HEADS and owner is not None:
        # "the estimates of the British secret services": the owner speaks
        return _type_of_owner(owner, ents_in)
    if head_lemma in OFFICIAL_HEADS and (
        head_lemma in {"official", "information", "spokesman", "spokeswoman", "spokesperson"}
        or any(t.lower_ == "official" for t in span)
    ):
        return "official"
    if head_lemma in MEDIA_HEADS and (
        head_lemma not in ORG_HEADS or any(t.lower_ in NEWS_WORDS for t in span)
    ):
        return "media"
    if head_lemma in VAGUE_HEADS and not any(e.label_ in {"ORG", "PERSON"} for e in ents_in(span)):
        return "vague"
    if head_lemma in DOCUMENT_HEADS:
        return "document"
    if any(e.label_ in {"ORG", "NORP", "GPE"} for e in ents_in(span)) or head_lemma in ORG_HEADS:
        return "organization"
    if head_lemma in OFFICIAL_HEADS:
        return "official"
    if span.root.pos_ == "PROPN":
        return "person"
    # an unresolved role noun ("the senator", "a spokesman") is still an official voice
    return "official" if head_lemma in ROLE_HEADS else "vague"


def _type_of_owner(owner: Span, ents_in: EntsIn) -> SourceType:
    owner_type = source_type(
        owner, normalize_space(owner.text).lower(), owner.root.lemma_.lower(), ents_in
    )
    return "organization" if owner_type in {"vague", "document"} else owner_type


def is_credit(ent: Span) -> bool:
    """A news agency's credit in a dateline: "HANOI, Vietnam (AP) —"."""
    doc = ent.doc
    return (
        ent.start > 0
        and ent.end < len(doc)
        and doc[ent.start - 1].text == "("
        and doc[ent.end].text == ")"
    )


def gender_of(ent: Span, words: list[str], surnames: Collection[str] = ()) -> str | None:
    """What the text itself says of a person's gender: an honorific or a first name
    (a single word only when it is no surname in ``surnames``: "Melanie", not
    "Warren")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    first = words[0].lower().rstrip(".")
    if before in {"mr.", "mr"} or first == "mr":
        return "m"
    if before in {"mrs.", "ms.", "mrs", "ms"} or first in {"mrs", "ms"}:
        return "f"
    if len(words) < 2 and first in surnames:
        return None
    if first in MALE_FIRST_NAMES:
        return "m"
    if first in FEMALE_FIRST_NAMES:
        return "f"
    return None


def owner_of(head: Token) -> Span | None:
    """The ``X`` of "estimates of X" / "a report by X", if any."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "by", "from"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    doc = head.doc
                    return doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return None
