"""What a source mention may be named after, beyond its own words: the part of the
mention that names it (not a relative clause inside it), whether the article says
the speaker withheld a name, and which earlier organisation or person a stand-in
noun ("the brokerage", "the group", "the actor") refers to. Used by :mod:`.speakers`.
"""

from __future__ import annotations

import re
from typing import Final

from spacy.tokens import Span

from ..records import Span as CharSpan
from .names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

# clauses inside a source mention that are no part of its name: "Christie, who
# advised Donald Trump", "a man accused of fraud"
CLAUSE_DEPS: Final = frozenset({"relcl", "acl"})

# "He declined to give his name", "who asked not to be identified", "on condition of
# anonymity": the speaker has no name to borrow from nearby
WITHHELD_NAME: Final = re.compile(
    r"\b(?:declined|refused|asked not|did not want|didn't want|would not give|"
    r"wouldn't give|would not be|wouldn't be)\b[^.;]{0,30}?\b(?:name|named|identified)\b"
    r"|\bcondition of anonymity\b",
    re.IGNORECASE,
)

# nouns besides ORG_PRONOUN_HEADS that stand in for the organisation last named
ORG_STAND_INS: Final = frozenset(
    {"brokerage", "bank", "lender", "insurer", "airline", "retailer", "automaker"}
    | {"carmaker", "office", "commission", "council", "regulator", "watchdog", "charity"}
    | {"network", "institute", "startup", "manufacturer"}
)

# last words of names of places, not organisations that speak ("the Statehouse")
PLACE_WORDS: Final = frozenset(
    {"statehouse", "capitol", "hall", "building", "tower", "square", "headquarters"}
    | {"center", "centre", "airport", "stadium", "arena", "park", "palace", "street"}
)

# nouns that describe a person the article has just named ("Daniel Okafor ...
# said the actor"); not "the patient" or "the man", which are often never named
PERSON_DESCRIPTIONS: Final = frozenset(
    {"actor", "actress", "singer", "star", "rapper", "musician", "comedian", "producer"}
    | {"author", "writer", "novelist", "artist", "designer", "athlete", "player", "coach"}
    | {"quarterback", "agent", "broker", "analyst", "economist", "strategist", "scientist"}
    | {"researcher", "professor", "lawyer", "attorney", "physician", "surgeon", "founder"}
    | {"entrepreneur", "billionaire", "investor", "envoy", "diplomat", "journalist", "host"}
    | {"filmmaker", "astronaut", "activist", "executive", "veteran"}
)


def clause_free(span: Span) -> set[int]:
    """The token indices of ``span`` outside the relative and participle clauses that
    hang off its own words."""
    inside: set[int] = set()
    for token in span:
        if token.dep_ in CLAUSE_DEPS and span.start <= token.head.i < span.end:
            inside.update(t.i for t in token.subtree)
    return {t.i for t in span if t.i not in inside}


def withholds_name(doc_sentences: list[Span], sentence: int, pronoun: str) -> bool:
    """Whether the pronoun's sentence, or the next one when it opens with the same
    pronoun ("He declined to give his name."), says the speaker withheld a name."""
    if WITHHELD_NAME.search(doc_sentences[sentence].text):
        return True
    if sentence + 1 < len(doc_sentences):
        following = doc_sentences[sentence + 1]
        return following[0].lower_ == pronoun and bool(WITHHELD_NAME.search(following.text))
    return False


def is_place(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in PLACE_WORDS


def names_the_kind(name: str, head: str) -> bool:
    """Whether an organisation's name says what it is: "Federal Emergency Management
    Agency" for "the agency"."""
    return head in name.lower().split()


def is_subject(ent: Span) -> bool:
    """Whether an entity is its clause's subject or qualifies it ("Greenpeace activists")."""
    root = ent.root
    subjects = {"nsubj", "nsubjpass"}
    return root.dep_ in subjects or (
        root.dep_ in {"compound", "amod", "appos"} and root.head.dep_ in subjects
    )


def reported_before(span: Span) -> CharSpan | None:
    """The character range of what the mention's own verb reports, where it comes
    before the mention ("He called Omar a terrorist, the prosecutor's office said")."""
    verb = span.root.head
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < span.start:
            return child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
    return None


def first_name_gender(name: str) -> str | None:
    """ "m" or "f" when the first name is in the shipped lists, else None."""
    first = name.split()[0].lower() if name.split() else ""
    if first in MALE_FIRST_NAMES:
        return "m"
    return "f" if first in FEMALE_FIRST_NAMES else None


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the shipped lists ("Kurt")."""
    return word.lower() in MALE_FIRST_NAMES or word.lower() in FEMALE_FIRST_NAMES
