"""Who a source mention refers to, and what kind of source it is.

No coreference model is installable here, so resolution is rule-based and
article-local: a surname resolves to the fullest earlier (or later) mention of
the same person ("Putin" -> "Vladimir Putin"); a pronoun to the person most
recently named as a speaker or subject; a role noun ("the Kremlin chief", "the
senator") to the person the article introduced with that role ("Kremlin chief
Vladimir Putin", "Sen. Ted Cruz").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Doc, Span, Token

from ..records import SourceType

PERSON_PRONOUNS: Final = frozenset(
    {"he", "she", "him", "her", "i", "we", "they", "you", "me", "us", "them"}
)
SINGULAR_PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her", "i", "me"})

ANONYMOUS_WORDS: Final = frozenset(
    {"source", "sources", "insider", "insiders", "person", "people", "aide", "aides"}
)
ANONYMOUS_MARKERS: Final = re.compile(
    r"\b(anonymity|unnamed|anonymous|familiar with|not authorized|declined to be named|"
    r"a source|sources|insiders?)\b",
    re.IGNORECASE,
)
VAGUE_HEADS: Final = frozenset(
    {
        "critic",
        "report",
        "expert",
        "observer",
        "analyst",
        "many",
        "some",
        "other",
        "people",
        "commentator",
        "skeptic",
        "opponent",
        "supporter",
        "rumor",
        "rumour",
        "voice",
        "study",
        "studies",
        "researcher",
        "scientist",
        "economist",
        "pundit",
        "activist",
        "resident",
        "witness",
        "voter",
        "lot",
        "number",
        "most",
        "few",
    }
)
OFFICIAL_HEADS: Final = frozenset(
    {
        "official",
        "officials",
        "information",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "authority",
        "authorities",
        "government",
        "ministry",
        "administration",
        "police",
        "prosecutor",
        "prosecutors",
        "investigator",
        "military",
        "army",
        "kremlin",
        "white house",
        "pentagon",
        "department",
        "agency",
        "service",
        "services",
        "intelligence",
        "figure",
        "figures",
        "statistic",
        "statistics",
        "data",
    }
)
MEDIA_HEADS: Final = frozenset(
    {
        "agency",
        "newspaper",
        "news",
        "tv",
        "television",
        "channel",
        "broadcaster",
        "paper",
        "magazine",
        "outlet",
        "media",
        "press",
        "radio",
        "daily",
        "tabloid",
        "station",
        "times",
        "post",
        "journal",
        "network",
        "wire",
    }
)
MEDIA_NAMES: Final = frozenset(
    {
        "cnn",
        "fox",
        "msnbc",
        "nbc",
        "abc",
        "cbs",
        "bbc",
        "reuters",
        "ap",
        "afp",
        "interfax",
        "tass",
        "ria",
        "bloomberg",
        "politico",
        "breitbart",
        "npr",
        "pbs",
        "axios",
        "the associated press",
        "associated press",
        "the new york times",
        "new york times",
        "the washington post",
        "washington post",
        "the wall street journal",
        "the hill",
        "usa today",
        "huffington post",
        "the huffington post",
        "the guardian",
        "buzzfeed",
    }
)
NEWS_WORDS: Final = frozenset({"news", "press", "media", "television", "tv", "radio", "wire"})
DOCUMENT_HEADS: Final = frozenset(
    {
        "document",
        "documents",
        "statement",
        "letter",
        "memo",
        "report",
        "filing",
        "email",
        "emails",
        "poll",
        "survey",
        "study",
        "records",
        "record",
        "transcript",
        "complaint",
        "indictment",
        "lawsuit",
        "ruling",
        "estimate",
        "estimates",
        "analysis",
        "release",
        "tweet",
        "post",
        "website",
        "book",
        "court",
        "papers",
        "data",
        "figures",
    }
)
ORG_HEADS: Final = frozenset(
    {
        "campaign",
        "committee",
        "party",
        "company",
        "group",
        "organization",
        "council",
        "union",
        "association",
        "foundation",
        "institute",
        "commission",
        "court",
        "board",
        "office",
        "team",
        "service",
        "services",
        "agency",
        "ministry",
        "government",
    }
)
ROLE_HEADS: Final = frozenset(
    {
        "president",
        "senator",
        "governor",
        "minister",
        "chief",
        "secretary",
        "mayor",
        "representative",
        "congressman",
        "congresswoman",
        "chairman",
        "chairwoman",
        "leader",
        "candidate",
        "nominee",
        "director",
        "ambassador",
        "judge",
        "general",
        "commander",
    }
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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _strip_possessive(text: str) -> str:
    return re.sub(r"[’']s?$", "", text).strip()


@dataclass
class SpeakerResolver:
    """Article-local resolution of source mentions to names.

    Build it once per Doc; call :meth:`resolve` on source spans in text order so
    that pronouns can refer back to the speakers resolved before them.
    """

    doc: Doc
    people: list[tuple[int, str]] = field(default_factory=list)  # (char offset, full name)
    roles: dict[str, str] = field(default_factory=dict)  # role word(s) -> full name
    last_person: str | None = None
    # the Doc's entities, computed once: Span.ents re-reads the whole Doc each time
    entities: tuple[Span, ...] = ()
    _entity_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entities = tuple(self.doc.ents)
        self._entity_starts = [ent.start for ent in self.entities]
        for ent in self.entities:
            if ent.label_ != "PERSON":
                continue
            name = _strip_possessive(_norm(ent.text))
            if not name:
                continue
            self.people.append((ent.start_char, name))
            self._learn_roles(ent, name)

    def _learn_roles(self, ent: Span, name: str) -> None:
        # "Kremlin chief Vladimir Putin": compound/amod words left of the name, and
        # "Putin, the Kremlin chief": an appositive right of it.
        words: list[str] = []
        i = ent.start - 1
        while (
            i >= 0
            and self.doc[i].dep_ in {"compound", "amod", "nmod"}
            and (self.doc[i].is_alpha or self.doc[i].text.endswith("."))
        ):
            words.insert(0, self.doc[i].text.lower())
            i -= 1
        for j in range(len(words)):
            role = " ".join(TITLE_ALIASES.get(w, w) for w in words[j:]).strip()
            if role:
                self.roles[role] = name
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                role = " ".join(t.lower_ for t in child.subtree if t.dep_ != "det" and t.is_alpha)
                if role:
                    self.roles[role] = name

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (cheap, unlike ``Span.ents``)."""
        first = bisect_left(self._entity_starts, span.start)
        found = []
        for ent in self.entities[first:]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
        return found

    def full_name(self, surface: str) -> str | None:
        """The fullest PERSON mention in the article that ends with ``surface``'s last name."""
        words = surface.split()
        if not words:
            return None
        last = words[-1].lower()
        best: str | None = None
        for _, name in self.people:
            parts = name.split()
            if parts and parts[-1].lower() == last and (best is None or len(name) > len(best)):
                best = name
        return best

    def person_before(self, offset: int) -> str | None:
        best = None
        for start, name in self.people:
            if start < offset:
                best = self.full_name(name) or name
        return best

    def resolve(self, span: Span) -> tuple[str, SourceType]:
        """The resolved name and type of a source mention."""
        text = _norm(span.text)
        lower = text.lower()
        words = [t for t in span if t.dep_ != "det" and not t.is_punct]
        head = span.root
        head_lemma = head.lemma_.lower()
        person_ents = [e for e in self.ents_in(span) if e.label_ == "PERSON"]
        if person_ents:
            # the head of the mention itself is the person (not "a friend of Clinton")
            ent = max(person_ents, key=len)
            if (
                head.i in range(ent.start, ent.end)
                or len(person_ents) == 1
                and head.pos_ == "PROPN"
            ):
                name = self.full_name(_strip_possessive(ent.text)) or _strip_possessive(ent.text)
                self.last_person = name
                return name, "person"
        if len(span) == 1 and lower in PERSON_PRONOUNS:
            if lower in SINGULAR_PERSON_PRONOUNS:
                name = self.last_person or self.person_before(span.start_char)
                if name:
                    return name, "person"
            return text, "person"
        role = " ".join(t.lower_ for t in words if t.is_alpha)
        if role in self.roles:
            name = self.roles[role]
            self.last_person = name
            return name, "person"
        return self._name_of_group(span, text), self._type_of(span, lower, head_lemma)

    @staticmethod
    def _name_of_group(span: Span, text: str) -> str:
        first = span[0]
        if first.dep_ == "det" or first.lower_ in {"the", "a", "an"}:
            text = _norm(span[1:].text) if len(span) > 1 else text
        return _strip_possessive(text) or text

    def _type_of(self, span: Span, lower: str, head_lemma: str) -> SourceType:
        if lower in MEDIA_NAMES or any(e.text.lower() in MEDIA_NAMES for e in self.ents_in(span)):
            return "media"
        if ANONYMOUS_MARKERS.search(lower) and head_lemma in ANONYMOUS_WORDS | {"official"}:
            return "anonymous"
        if head_lemma in {"source", "insider"}:
            return "anonymous"
        owner = _owner_of(span.root)
        if head_lemma in DOCUMENT_HEADS and owner is not None:
            # "the estimates of the British secret services": the owner speaks
            return self._type_of_owner(owner)
        if head_lemma in OFFICIAL_HEADS and (
            head_lemma in {"official", "information", "spokesman", "spokeswoman", "spokesperson"}
            or any(t.lower_ == "official" for t in span)
        ):
            return "official"
        if head_lemma in MEDIA_HEADS and (
            head_lemma not in ORG_HEADS or any(t.lower_ in NEWS_WORDS for t in span)
        ):
            return "media"
        if head_lemma in VAGUE_HEADS and not any(
            e.label_ in {"ORG", "PERSON"} for e in self.ents_in(span)
        ):
            return "vague"
        if head_lemma in DOCUMENT_HEADS:
            return "document"
        if (
            any(e.label_ in {"ORG", "NORP", "GPE"} for e in self.ents_in(span))
            or head_lemma in ORG_HEADS
        ):
            return "organization"
        if head_lemma in OFFICIAL_HEADS:
            return "official"
        if span.root.pos_ == "PROPN":
            return "person"
        # an unresolved role noun ("the senator", "a spokesman") is still an official voice
        return "official" if head_lemma in ROLE_HEADS else "vague"

    def _type_of_owner(self, owner: Span) -> SourceType:
        owner_type = self._type_of(owner, _norm(owner.text).lower(), owner.root.lemma_.lower())
        return "organization" if owner_type in {"vague", "document"} else owner_type


def _owner_of(head: Token) -> Span | None:
    """The ``X`` of "estimates of X" / "a report by X", if any."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "by", "from"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    doc = head.doc
                    return doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return None


def iter_person_names(doc: Doc) -> Iterable[str]:
    """Every distinct full person name the article mentions (for reports and linking)."""
    seen: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = _strip_possessive(_norm(ent.text))
            if name and name not in seen:
                seen.add(name)
                yield name
