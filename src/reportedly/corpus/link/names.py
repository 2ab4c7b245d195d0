"""A speaker name cleaned before it becomes an identity: the name alone, its role apart.

The analysis names a speaker by the words of its mention, which may carry a role
("Trump running mate, Indiana Gov. Mike Pence"), a description ("Stuart Stevens,
a Republican operative"), an outlet ("Fox News Ed Henry"), a dateline ("LOS ANGELES,
Sept. 28 (UPI)") or a headline's words ("Tom Nides Thanked Clinton"). :func:`clean_name`
keeps the name and the role apart, and rejects what is no name at all: a dateline, a
date, a list of several speakers, a description with no name in it.

:func:`name_kind` types a cleaned name a person, an organisation or a place from the
analysis's source type (itself from spaCy's entities) and what the name and its article
say: an organisation word ending it ("Supreme Court"), a place alone ("Jordan"), the
article writing "the WeWork" or "WeWork, the company".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .text import word_list

# a line of at least this many words, this share of them capitalised, is a title-case headline
TITLE_CASE_WORDS = 4
TITLE_CASE_SHARE = 0.8
ORGANISATION_SOURCES = frozenset({"organization", "media"})
WEEKDAYS = frozenset(f"{d}day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun"))
CREDIT = re.compile(r"\((?:AP|UPI|AFP|Reuters|dpa|CNN|IANS|PTI|Xinhua)\)")
# "LOS ANGELES, Sept. 28", "WASHINGTON —": a dateline's place in capitals
DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*\s*(?:,|—|–|$)")
# a list of speakers: "China and Russia", "Trump, Ryan and RNC Chairman Reince Priebus"
CONJUNCTION = re.compile(r"\s(?:and|&|or)\s|\bincluding\b", re.IGNORECASE)
# an apposition or relative clause after the name: "Chad Bown, an expert on trade"
APPOSITION = re.compile(r"\s*,\s*|\s+[—–]\s+|\s+-\s+|\s+(?:who|whose|which|that)\s+")
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.&-]*$")
CONNECTORS = frozenset({"of", "for", "the", "and", "&", "de", "du", "on", "in"})
# inside a person's name: "Osama bin Laden", "Ludwig van Beethoven"
PARTICLES = frozenset({"de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "du", "del"})
# an inflected verb inside a headline's capitalised words: "Tom Nides Thanked Clinton"
HEADLINE_VERB = re.compile(r"^[A-Z][a-z]{2,}ed$")
# a name after one of these is what a description is about, not the speaker's:
# "spokeswoman for Neumann", "a review by The Times"
OBJECT_WORDS = frozenset({"for", "of", "to", "with", "by", "from", "about", "against", "at", "on"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
QUANTIFIERS = frozenset({"many", "most", "some", "few", "half", "all", "several", "both", "other"})
DOCUMENT_WORDS = frozenset({"poll", "polls", "survey", "study", "report", "data", "models"})
# what a place or party before it says of one unnamed person: "Welsh Conservative"
MEMBERS = frozenset(
    {"democrat", "republican", "conservative", "liberal", "pm", "mp", "independent", "labour"}
)
GROUP_HEADS = frozenset({"members", "supporters", "voters", "delegates", "officials"})


@dataclass(frozen=True, slots=True)
class CleanName:
    """``name``: the name alone; ``role``: the words around it that said who it is."""

    name: str
    role: str | None


def titles() -> frozenset[str]:
    return word_list("titles.txt")


def places() -> frozenset[str]:
    return word_list("places.txt")


def organisation_words() -> frozenset[str]:
    return word_list("organisation-words.txt")


def person_roles() -> frozenset[str]:
    return word_list("person-roles.txt")


@cache
def english_adjectives() -> frozenset[str]:
    """Adjectives of the analysis's spaCy model (its lemmatizer's word index), to tell
    "Derelict Obama" from a first name; empty when the model is missing."""
    try:
        import spacy

        from ...nlp import MODEL_NAME

        nlp = spacy.load(MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "ner",
                                              "attribute_ruler", "senter"])  # fmt: skip
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        return frozenset(lemmatizer.lookups.get_table("lemma_index").get("adj", ()))
    except (ImportError, OSError, KeyError, ValueError):
        return frozenset()


@cache
def gendered_first_names(gender: str) -> frozenset[str]:
    """The first names of the analysis's word lists, ``gender`` 'male' or 'female'."""
    from importlib import resources

    folder = resources.files("reportedly.attribution").joinpath("data", "speaker-words")
    text = folder.joinpath(f"{gender}-first-names.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def first_names() -> frozenset[str]:
    return gendered_first_names("male") | gendered_first_names("female")


def same_gender(role: str | None, full_name: str) -> bool:
    """Whether the honorific cleaned off a name ("Mrs.") fits ``full_name``'s first name."""
    honorific = (role or "").split()[-1:]
    want = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female",
            "ms": "female"}.get(honorific[0].casefold() if honorific else "")  # fmt: skip
    first = full_name.split()[0].casefold()
    return want is not None and first in gendered_first_names(want)


def clean_name(name: str, source_type: str | None = None, text: str = "") -> CleanName | None:
    """``name`` without its role, description or outlet; None when it is no name.
    ``text``: its article ("Curt Smith" written in its body keeps "Curt")."""
    name = " ".join(name.replace("’", "'").replace("''", '"').split()).strip(" \"'.,;:")
    name = re.sub(r"\s*\([^()]*\)$", "", name)  # "Agency for ... (BPPT)"
    if not name or CREDIT.search(name) or _is_dateline(name):
        return None
    words = name.split()
    if any(w.casefold().strip(".,") in word_list("date-words.txt") for w in words) and (
        (len(words) == 1 and name.casefold() != "may")  # "May" alone: Theresa May
        or any(ch.isdigit() for ch in name)
        or words[-1].casefold() in WEEKDAYS
    ):
        return None  # "August", "Sept. 28", "a poll released Sunday"
    if re.search(r",\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*,?\s+and\s", name) or re.search(
        r"\sand\s+(?:a|an|his|her|their)\s", name
    ):
        return None  # "Trump, Ryan and RNC Chairman Reince Priebus", "X, his wife and his son"
    campaign = re.match(
        r"^(?:.*\s)?([A-Z][\w'-]*?)(?:'s?)?(?:\s+presidential)?\s+camp(?:aign)?$", name
    )
    if campaign:  # "Hillary Clinton's campaign", "Sanders camp": the candidate's campaign
        return CleanName(f"{campaign.group(1)} campaign", name)
    parts = [p for p in APPOSITION.split(name) if p]
    for index, part in enumerate(parts):
        if _has_name(part):
            if CONJUNCTION.search(part) and not _one_organisation(part, source_type):
                return None  # several speakers
            if _is_group(part.split(), text):
                return None  # "Americans", "Many Millennials", "Welsh Conservative", "a Poll"
            role = ", ".join(parts[:index] + parts[index + 1 :]) or None
            cleaned = _strip_description(part, role, source_type, text)
            following = parts[index + 1] if index + 1 < len(parts) else ""
            if (
                cleaned is None
                and index == 0
                and _is_bare_name(following)
                and following.casefold() not in places()
            ):
                continue  # "a year at the United Nations, Trump": the name after it
            return cleaned
        if index == 0 and part.split()[-1].casefold() in GROUP_HEADS:
            return None  # "Sanders delegates inside the hall"
    return None


def _is_group(words: list[str], text: str) -> bool:
    """Many people or a document, not one speaker: a quantifier first ("Many Millennials",
    "Half of ..."), a people's name ("Americans", "Chinese"), a party member or role after
    a place ("Welsh Conservative", "British PM"), a poll ("AP-GfK Poll"), a family
    ("Clintons" where the article writes "Hillary Clinton")."""
    first, last = words[0].casefold(), words[-1].casefold().strip(".,")
    if first in QUANTIFIERS or last in DOCUMENT_WORDS or (len(words) > 1 and last in MEMBERS):
        return True
    if len(words) != 1:
        return False
    if re.fullmatch(r"[A-Z][a-z]+(?:ans|ese)|[A-Z]+(?:ANS|ESE)", words[0]):
        return True
    stem = words[0][:-1]
    return bool(
        words[0].endswith("s")
        and text
        and re.search(rf"\b[A-Z][a-z]+ {re.escape(stem)}\b", text)
        and any(
            m.group(1).casefold() in first_names()
            for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(stem)}\b", text)
        )
    )


def _is_bare_name(part: str) -> bool:
    """A few capitalised words and nothing else: "Trump", "John Smith"."""
    words = part.split()
    return 0 < len(words) <= 4 and all(NAME_WORD.match(w) for w in words)


def _is_dateline(name: str) -> bool:
    """A place in capitals standing alone or before a comma: "PHILADELPHIA"."""
    match = DATELINE.match(name)
    if not match:
        return False
    head = match.group(0).rstrip(",—– ").strip()
    letters = re.sub(r"[^A-Za-z]", "", head)
    return len(letters) >= 6 and (match.group(0) != name or head.casefold() in places())


def _has_name(part: str) -> bool:
    """Whether a capitalised word ends ``part`` (a name may follow its description)."""
    words = part.split()
    last = re.sub(r"'s?$", "", words[-1]) if words else ""
    return bool(last) and bool(NAME_WORD.match(last)) and not last.isdigit()


def _one_organisation(part: str, source_type: str | None) -> bool:
    """An organisation's name with "and" in it ("Agency for the Assessment and Application
    of Technology"), not two names ("China and Russia", "Kasich and Rubio")."""
    if source_type not in ORGANISATION_SOURCES:
        return False
    sides = [s.strip() for s in CONJUNCTION.split(part) if s and s.strip()]
    if len(sides) != 2 or "," in part:
        return False
    left, right = sides
    if left.casefold() in places() or right.casefold() in places():
        return False
    if not right[:1].isupper() or right.split()[0].casefold() in {"his", "her", "their"}:
        return False  # "and 14 national anti-doping organizations", "and his son"
    return bool(set(part.casefold().split()) & organisation_words()) or " of " in part


def _strip_description(
    part: str, role: str | None, source_type: str | None, text: str = ""
) -> CleanName | None:
    """The name at the end of ``part``; the words before it join the role."""
    part = re.sub(r"\s+(?:in|of) [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*$", "", part) if (
        _looks_personal(part) or " in " in part
    ) else part  # fmt: skip
    words = part.split()
    # the last run of capitalised words (with "of", "for", "the" inside an organisation's)
    start = len(words)
    while start > 0 and (
        NAME_WORD.match(words[start - 1]) or (start < len(words) and _joins_names(words, start - 1))
    ):
        start -= 1
    while start < len(words) and words[start].casefold() in CONNECTORS:
        start += 1
    core = words[start:]
    before = words[:start]
    lead_in = [w.casefold() for w in before if w.casefold() not in {"the", "a", "an"}]
    if not core or (lead_in and (lead_in[-1] in OBJECT_WORDS or lead_in[-1].endswith("ing"))):
        return None  # "spokeswoman for Neumann", "delegate supporting Clinton"
    suffix = core[-1:] if len(core) > 1 and core[-1].casefold().strip(".,") in SUFFIXES else []
    core = core[: len(core) - len(suffix)]
    if len(core) > 2 and any(
        HEADLINE_VERB.match(w) and w.casefold() not in first_names() for w in core[1:-1]
    ):
        return None  # "Tom Nides Thanked Clinton"
    named = _after_owner(_after_outlet(core))
    untitled = _after_title(named)
    personal = (
        source_type not in ORGANISATION_SOURCES
        or untitled != named
        or _person_shaped(named)
        or bool(role and set(re.findall(r"[\w-]+", role.casefold())) & person_roles())
    )
    if named[-1].casefold().strip(".,") in organisation_words():
        personal = False
    if personal:
        named = untitled
    outlet = core[: len(core) - len(named)]
    lead: list[str] = []
    if personal:
        named, lead = _without_leading_words(named, text)
    described = " ".join(before + outlet + lead)
    rest = [r for r in (described, role) if r]
    return CleanName(" ".join(named + suffix), "; ".join(rest) or None)


def _joins_names(words: list[str], at: int) -> bool:
    """Whether ``words[at]`` is a connector inside a name: "Agency for the Assessment",
    "Osama bin Laden" (one or two connectors after a capitalised word)."""
    joining = CONNECTORS | PARTICLES
    if words[at].casefold() not in joining:
        return False
    before = at - 1
    if before >= 0 and words[before].casefold() in joining:
        before -= 1
    return before >= 0 and NAME_WORD.match(words[before]) is not None


def _after_owner(core: list[str]) -> list[str]:
    """ "New Republic's Jeet Heer" -> "Jeet Heer": the name after an owner's possessive."""
    owned = [i for i, w in enumerate(core[:-1]) if re.search(r"'s?$", w) and i < len(core) - 1]
    return core[owned[-1] + 1 :] if owned else core


def _after_title(core: list[str]) -> list[str]:
    """ "Indiana Gov. Mike Pence" -> "Mike Pence" (but "Martin Luther King" keeps "King")."""
    titled = [i for i, w in enumerate(core[:-1]) if w.casefold() in titles()]
    return core[titled[-1] + 1 :] if titled else core


def _looks_personal(part: str) -> bool:
    """A title or role before capitalised words: "Sen. Bernie Sanders of Vermont"."""
    return bool(re.match(r"^(?:[A-Z][a-z]{1,5}\.)\s", part))


def _after_outlet(core: list[str]) -> list[str]:
    """ "Fox News Ed Henry" -> "Ed Henry", "Washington Post Trump" -> "Trump": a person's
    name written after an organisation's."""
    heads = organisation_words()
    for i in range(len(core) - 1, 0, -1):
        if core[i - 1].casefold().strip(".,") in heads and core[i].casefold() not in heads:
            tail = core[i:]
            if (
                all(w.casefold() not in heads for w in tail)
                and len(tail) <= 3
                and tail[0].casefold() not in {"of", "for"}
            ):
                return tail
            break
    return core


def _without_leading_words(core: list[str], text: str = "") -> tuple[list[str], list[str]]:
    """Leading capitalised words that are an adjective or a role, not a first name:
    "Rapper Kanye West" -> "Kanye West"; of two words, only where the article writes them
    in a headline alone ("Derelict Obama" -> "Obama", but "Curt Smith" stays)."""
    if len(core) < 3 and (
        not text or written_outside(" ".join(core), text, title_case_lines(text)) is not False
    ):
        return core, []  # no headline's words before a surname
    lead: list[str] = []
    roles = person_roles()
    while len(core) > 1:
        word = core[0].casefold().strip(".,")
        if word in first_names():
            break
        # a word before a first name in a longer name: "Rival Hillary Clinton"
        before_first = len(core) > 2 and core[1].casefold() in first_names()
        if word in roles or before_first or (word in english_adjectives() and word not in places()):
            lead.append(core[0])
            core = core[1:]
            continue
        break
    return core, lead


# one article's names ask for it many times in a row
@lru_cache(maxsize=8)
def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the lines written in title case (headlines: "Gold Star Mom Corners Obama
    On His Refusal ..."), where capitalised words are not names."""
    spans = []
    start = 0
    for line in text.split("\n"):
        found = re.findall(r"[^\W\d_][\w'’-]*", line)
        if len(found) >= TITLE_CASE_WORDS and sum(w[0].isupper() for w in found) >= (
            TITLE_CASE_SHARE * len(found)
        ):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def written_outside(name: str, text: str, spans: Sequence[tuple[int, int]]) -> bool | None:
    """Whether ``name`` is written in ``text`` outside ``spans``; None when not written at all."""
    if name not in text:  # (the pattern below is compiled for each name: most are not there)
        return None
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    if not found:
        return None
    return any(not any(s <= at < e for s, e in spans) for at in found)


def name_kind(name: str, source_type: str | None, text: str = "", role: str | None = None) -> str:
    """``person``, ``organisation`` or ``place`` for a cleaned name (see the module);
    ``role``: the words cleaned off it ("a Sanders supporter" says a person)."""
    words = name.split()
    role_says_person = bool(role and set(re.findall(r"[\w-]+", role.casefold())) & person_roles())
    # "New Republic's Jeet Heer": an owner's possessive before a name of two or three words
    role_says_person |= bool(role and role.endswith("'s") and 2 <= len(words) <= 3)
    folded = name.casefold()
    heads = organisation_words()
    if folded in places() or folded.removeprefix("the ") in places():
        return "person" if _written_as_person(name, text) else "place"
    if words[-1].casefold().strip(".,") in heads or words[0].casefold() in {"team"}:
        return "organisation"
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", name):
        return "organisation"  # an acronym: "AP", "NASA"
    if _person_shaped(words) or role_says_person:
        return "person"
    if text and written_as_organisation(name, text):
        return "organisation"
    return "organisation" if source_type in ORGANISATION_SOURCES else "person"


def _person_shaped(words: list[str]) -> bool:
    """Two or three capitalised words starting with a known first name: "Ruth Marcus"."""
    return 2 <= len(words) <= 3 and words[0].casefold() in first_names()


def _written_as_person(name: str, text: str) -> bool:
    """The article writes a first name before it ("Michael Jordan") or a title."""
    if name not in text:
        return False
    pattern = rf"(?:\b(?:Mr|Mrs|Ms|Dr)\.?\s+|\b[A-Z][a-z]+\s+){re.escape(name)}\b"
    return any(
        m.group(0).split()[0].casefold().strip(".") in first_names() | {"mr", "mrs", "ms", "dr"}
        for m in re.finditer(pattern, text)
    )


# How an article writes an organisation's name. Compiled once and tried where the name
# occurs (a pattern with the name inside, compiled per name, cost most of the linking time):
# "the Supreme Court said" / "the Supreme Court." (a lowercase "the": not a sentence's first
# word) ...
THE_BEFORE = re.compile(r"(?<![.!?]\s)\bthe\s+\Z")
AFTER_THE_NAME = re.compile(
    r"\s*[,.;:!?)]|\s+(?:said|says|has|had|is|was|will|would|announced|ruled|reported|told|"
    r"wrote|added|declined)\b"
)
# ... "WeWork co-founder Adam Neumann", "Disney's shares", "Disney CEO"; "Xinhua, the
# official Chinese news agency"
AFTER_NAME = re.compile(
    r"(?:'s)?\s+(?:CEO|co-founder|founder|spokes(?:man|woman|person)|shares|stock|employees|"
    r"executives?|board|chief executive|headquarters|subsidiary)\b"
    r"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}(?:agency|company|firm|group|newspaper|network|"
    r"organi[sz]ation|publication|outlet|watchdog|startup|website|broadcaster|channel|charity|"
    r"studio|brand|retailer|manufacturer|maker|bank|club)\b"
)


def written_as_organisation(name: str, text: str) -> bool:
    """Whether ``text`` writes ``name`` as an organisation's (and never with Mr., Mrs., Ms.
    or Dr. before it)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        word_start = at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")
        if (THE_BEFORE.search(text, max(0, at - 12), at) and AFTER_THE_NAME.match(text, end)) or (
            word_start and AFTER_NAME.match(text, end)
        ):
            return not re.search(rf"\b(?:Mr|Mrs|Ms|Dr)\.?\s+{re.escape(name)}\b", text)
        at = text.find(name, at + 1)
    return False
