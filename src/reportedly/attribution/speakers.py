"""Who a source mention refers to, and what kind of source it is (the kind, and the
name cleaning, from the mention's own words: :mod:`.names`).

No coreference model is installable here, so resolution is rule-based and
article-local: a surname resolves to the fullest earlier (or later) mention of
the same person ("Putin" -> "Vladimir Putin"); a pronoun to the person most
recently named as a speaker or subject; a role noun ("the Kremlin chief", "the
senator") to the person the article introduced with that role ("Kremlin chief
Vladimir Putin", "Sen. Ted Cruz").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Doc, Span, Token

from ..nlp.tokens import token_table
from ..records import SourceType
from ..records import Span as CharSpan
from .names import (
    GROUP_PRONOUNS,
    MEDIA_NAMES,
    ORG_PRONOUN_HEADS,
    PERSON_PRONOUNS,
    PRONOUN_GENDER,
    ROLE_HEADS,
    SINGULAR_PERSON_PRONOUNS,
    TITLE_ALIASES,
    gender_of,
    group_name,
    is_credit,
    normalize_space,
    source_type,
    strip_possessive,
    surname_of,
)
from .referents import (
    ORG_STAND_INS,
    PERSON_DESCRIPTIONS,
    clause_free,
    first_name_gender,
    is_first_name,
    is_place,
    is_subject,
    names_the_kind,
    reported_before,
    withholds_name,
)

# a pronoun's antecedent: sentences back, less these for a subject and the last speaker
SUBJECT_BONUS = 1.0
SPEAKER_BONUS = 1.2
# and more for a person whose gender the text never tells, when the pronoun's it does
UNKNOWN_GENDER_COST = 1.0
# words that make a role another one: "the Democratic vice presidential nominee" is not
# "the Democratic presidential nominee"
ROLE_CHANGERS: Final = frozenset({"vice", "deputy", "former", "assistant", "acting", "ex"})
# a role head and the titles it stands in for ("Justice Frank Nervo" ... "the judge")
ROLE_SYNONYMS: Final = {
    "judge": frozenset({"justice"}),
    "justice": frozenset({"judge"}),
    "lawmaker": frozenset({"senator", "representative", "congressman", "congresswoman"}),
    "legislator": frozenset({"senator", "representative", "congressman", "congresswoman"}),
}
# how far back a surname goes to the person named last ("Jeh Johnson" ... "Johnson"),
# not to the one the article names most
LAST_NAMED_WINDOW = 10
# how many sentences back a man and a woman sharing a surname are told apart by gender
ALTERNATIVE_WINDOW = 3


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One mention of a person in the article, as the NER saw it."""

    start: int  # character offset
    sentence: int  # index of its sentence
    surname: str  # lower-cased last word: what later mentions ("Putin") share
    full: str | None  # the mention's own full name, None for a surname alone
    is_subject: bool
    gender: str | None  # "m", "f" or None when nothing in the text tells
    # the subject of its sentence's main verb, not of a clause inside it
    is_main_subject: bool = False


@dataclass
class SpeakerResolver:
    """Article-local resolution of source mentions to names.

    Build it once per Doc; call :meth:`resolve` on source spans in text order so
    that pronouns can prefer the speakers resolved just before them.
    """

    doc: Doc
    # character ranges of direct quotations: a name only quoted is no referent
    quoted: tuple[CharSpan, ...] = ()
    mentions: list[PersonMention] = field(default_factory=list)
    # start, sentence, name, whether it is (or qualifies) its clause's subject
    organizations: list[tuple[int, int, str, bool]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role word(s) -> full name
    last_person: str | None = None
    # a speaker the NER never labelled a person ("Montell Figgins, who represents
    # Thomas"), and the sentence that named them: "He said" just after means them
    unlabelled_speaker: tuple[str, int] | None = None
    # the Doc's entities, computed once: Span.ents re-reads the whole Doc each time
    entities: tuple[Span, ...] = ()
    _entity_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _sentences: list[Span] = field(default_factory=list)
    _names: dict[str, Counter[str]] = field(default_factory=dict)  # surname -> full forms
    _genders: dict[str, str] = field(default_factory=dict)  # full name -> "m" / "f"

    def __post_init__(self) -> None:
        self.entities = tuple(self.doc.ents)
        self._entity_starts = [ent.start for ent in self.entities]
        self._sentences = list(self.doc.sents)
        self._sentence_starts = [sent.start_char for sent in self._sentences]
        quoted = sorted(self.quoted)
        quote_starts = [start for start, _ in quoted]

        def is_quoted(offset: int) -> bool:
            at = bisect_right(quote_starts, offset) - 1
            return at >= 0 and offset < quoted[at][1]

        people = [e for e in self.entities if e.label_ == "PERSON"]
        surnames = {
            surname_of(strip_possessive(normalize_space(e.text)).split())
            for e in people
            if strip_possessive(normalize_space(e.text)).split()
        }
        # surnames of people named in full: a lone "Warren" is no first name
        family_names = {
            surname_of(words)
            for e in people
            if len(words := strip_possessive(normalize_space(e.text)).split()) > 1
        }
        for ent in self.entities:
            if is_quoted(ent.start_char):
                continue
            name = strip_possessive(normalize_space(ent.text))
            if (
                ent.label_ in {"ORG", "GPE", "NORP"}
                and name
                and surname_of(name.split()) in surnames
            ):
                pass  # "Trump" tagged as an organisation where the article names him elsewhere
            elif ent.label_ == "ORG" and name:
                if not is_credit(ent) and name.lower() not in MEDIA_NAMES:
                    if name.lower().startswith("the "):
                        name = name[4:]
                    self.organizations.append(
                        (ent.start_char, self._sentence_of(ent.start_char), name, is_subject(ent))
                    )
                continue
            elif ent.label_ != "PERSON":
                continue
            words = name.split()
            if not words:
                continue
            surname = surname_of(words)
            full = name if len(words) > 1 else None
            gender = gender_of(ent, words, family_names)
            if full is not None:
                # "Hillary Clinton" and "Bill Clinton" share a surname, not a gender
                self._names.setdefault(surname, Counter())[full] += 1
                if gender:
                    self._genders.setdefault(full, gender)
            self.mentions.append(
                PersonMention(
                    ent.start_char,
                    self._sentence_of(ent.start_char),
                    surname,
                    full,
                    ent.root.dep_ in {"nsubj", "nsubjpass"},
                    gender,
                    ent.root.dep_ in {"nsubj", "nsubjpass"} and ent.root.head.dep_ == "ROOT",
                )
            )
            self._learn_roles(ent, name)
        self._learn_unlabelled_names(is_quoted)
        self._add_unlabelled_surnames(is_quoted)

    def _learn_unlabelled_names(self, is_quoted: Callable[[int], bool]) -> None:
        """Full names the NER did not label ("Jose Mourinho"): runs of two or three
        capitalised proper nouns outside entities and quotations, for surnames the
        labelled names do not cover."""
        found: dict[str, Counter[str]] = {}
        table = token_table(self.doc)
        lists = table.lists
        texts, pos, entity = lists.text, lists.pos, lists.ent
        starts = table.start.tolist()
        run: list[int] = []
        for i in range(len(texts) + 1):
            # Token.is_alpha and Token.is_title are str.isalpha and str.istitle
            if (
                i < len(texts)
                and pos[i] == "PROPN"
                and texts[i].isalpha()
                and texts[i].istitle()
                and not entity[i]
            ):
                run.append(i)
                continue
            if 2 <= len(run) <= 3 and not is_quoted(starts[run[0]]):
                name = " ".join(texts[k] for k in run)
                found.setdefault(lists.lower[run[-1]], Counter())[name] += 1
            run = []
        for ent in self.entities:
            # a person's name inside another kind of entity: "Ukraine Kurt Volker" (ORG)
            words = ent.text.split()
            if ent.label_ == "PERSON" or is_quoted(ent.start_char) or len(words) < 2:
                continue
            first = next((k for k, w in enumerate(words[:-1]) if is_first_name(w)), None)
            if first is not None and all(w.isalpha() and w.istitle() for w in words[first:]):
                found.setdefault(words[-1].lower(), Counter())[" ".join(words[first:])] += 1
        for surname, forms in found.items():
            self._names.setdefault(surname, forms)

    def _add_unlabelled_surnames(self, is_quoted: Callable[[int], bool]) -> None:
        """Mentions the NER did not label a person ("Fowler said he ...", "Oz has
        been dogged"): a lone capitalised proper noun outside quotations that is
        the surname of a person the article names in full."""
        seen = {mention.start for mention in self.mentions}
        # surnames of people the NER labelled in full, not of runs like "Trafficking Act"
        people = {mention.surname for mention in self.mentions if mention.full}
        added = False
        table = token_table(self.doc)
        lists = table.lists
        texts, pos, entity, lower = lists.text, lists.pos, lists.ent, lists.lower
        starts = table.start.tolist()
        for i, text in enumerate(texts):
            if (
                pos[i] != "PROPN"
                or not text[:1].isupper()
                or text.isupper()  # Token.is_upper
                or entity[i] == "PERSON"
                or starts[i] in seen
                or lower[i] not in people
                or is_quoted(starts[i])
            ):
                continue
            neighbours = [k for k in (i - 1, i + 1) if 0 <= k < len(texts)]
            if any(pos[k] == "PROPN" and texts[k][:1].isupper() for k in neighbours):
                continue  # part of a longer name ("Fowler Street", "Don Fowler")
            self.mentions.append(
                PersonMention(
                    starts[i],
                    self._sentence_of(starts[i]),
                    lower[i],
                    None,
                    lists.dep[i] in {"nsubj", "nsubjpass"},
                    None,
                )
            )
            added = True
        if added:
            self.mentions.sort(key=lambda mention: mention.start)

    def _sentence_of(self, offset: int) -> int:
        return bisect_right(self._sentence_starts, offset) - 1

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
                self.roles.setdefault(role, name)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                role = " ".join(t.lower_ for t in child.subtree if t.dep_ != "det" and t.is_alpha)
                if role:
                    self.roles.setdefault(role, name)

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

    def full_name(
        self, surface: str, offset: int | None = None, gender: str | None = None
    ) -> str | None:
        """The article's usual full form of a person named ``surface`` ("Putin").

        The most frequent multi-word mention with the same last word wins, so
        that a one-off "Crooked Hillary Clinton" does not replace "Hillary Clinton".
        When the surname is shared by people of different first names ("Jeh
        Johnson", "Gary Johnson"), the one named last before ``offset`` wins, and
        never one whose gender contradicts ``gender`` ("Mrs. Clinton").
        """
        words = surface.split()
        if not words:
            return None
        forms = self._names.get(surname_of(words))
        if not forms and len(words) == 1:
            # family name first ("Ban" for "Ban Ki-moon", "Xi" for "Xi Jinping")
            forms = Counter(
                {
                    name: count
                    for counter in self._names.values()
                    for name, count in counter.items()
                    if name.split()[0].lower() == words[0].lower()
                }
            )
        if forms and gender:
            agree = {f: c for f, c in forms.items() if self._genders.get(f, gender) == gender}
            forms = Counter(agree)
        if not forms:
            return None
        whole = self._whole_form(" ".join(words), forms)
        if whole is not None:
            return whole
        firsts = {f.split()[0].lower() for f in forms}
        if len(words) > 1 and words[0].lower() in firsts:
            first = words[0].lower()  # "Bill Clinton" stays Bill's
        elif len(firsts) > 1 and offset is not None:
            first = self._last_first_name(surname_of(words), offset, firsts) or ""
        else:
            first = ""
        if first:
            forms = Counter({f: c for f, c in forms.items() if f.split()[0].lower() == first})
        usual = max(forms.items(), key=lambda item: item[1])[0]
        # the fullest spelling of that same person: "Loretta E. Lynch" for "Loretta Lynch"
        first = usual.split()[0].lower()
        fuller = [f for f in forms if f.split()[0].lower() == first and len(f) > len(usual)]
        return max(fuller, key=lambda f: (len(f.split()), forms[f])) if fuller else usual

    @staticmethod
    def _whole_form(name: str, forms: Counter[str]) -> str | None:
        """A two-word family name said alone: "Kathleen Hawk Sawyer" for "Hawk Sawyer"."""
        if " " not in name:
            return None
        whole = [f for f in forms if f.endswith(" " + name)]
        return max(whole, key=lambda f: (forms[f], len(f))) if whole else None

    def _last_first_name(self, surname: str, offset: int, firsts: set[str]) -> str | None:
        """The first name of the last full mention of ``surname`` before ``offset``,
        within ``LAST_NAMED_WINDOW`` sentences."""
        here = self._sentence_of(offset)
        for mention in reversed(self.mentions):
            if mention.start >= offset:
                continue
            if here - mention.sentence > LAST_NAMED_WINDOW:
                return None
            if mention.surname == surname and mention.full:
                first = mention.full.split()[0].lower()
                if first in firsts:
                    return first
        return None

    def _name_of(self, mention: PersonMention) -> str:
        forms = self._names.get(mention.surname, Counter())
        return (
            (mention.full and self._whole_form(mention.full, forms))
            or mention.full
            or self.full_name(mention.surname, mention.start, mention.gender)
            or mention.surname.title()
        )

    def _resolve_pronoun(self, offset: int, gender: str | None) -> str | None:
        """The person a "he"/"she" most likely refers to: recent, a subject, the last speaker."""
        here = self._sentence_of(offset)
        if self.unlabelled_speaker is not None and here - self.unlabelled_speaker[1] <= 1:
            unlabelled = self.unlabelled_speaker[0]
            if gender is None or first_name_gender(unlabelled) in {None, gender}:
                return unlabelled
        best: tuple[float, str] | None = None
        for mention in reversed(self.mentions):
            if mention.start >= offset:
                continue
            distance = here - mention.sentence
            if distance > 6:
                break
            name = self._agreeing_name(mention, gender, here)
            if name is None:
                continue
            known = mention.gender or self._genders.get(name)
            score = (
                distance
                - SUBJECT_BONUS * mention.is_subject
                - SPEAKER_BONUS * (name == self.last_person)
                + UNKNOWN_GENDER_COST * (gender is not None and known is None)
            )
            if best is None or score < best[0]:
                best = (score, name)
        if best is not None:
            return best[1]
        return self.last_person or self._most_mentioned_before(offset)

    def _agreeing_name(self, mention: PersonMention, gender: str | None, here: int) -> str | None:
        """The name of ``mention`` when its gender agrees with ``gender``; for a bare
        surname shared by a man and a woman ("Clinton"), the other one when the
        article named them in full in the ``ALTERNATIVE_WINDOW`` sentences before ``here``."""
        name = self._name_of(mention)
        mention_gender = mention.gender or self._genders.get(name)
        if not gender or not mention_gender or gender == mention_gender:
            return name
        if mention.full is not None:
            return None
        for other in reversed(self.mentions):
            if other.sentence > here:
                continue
            if here - other.sentence > ALTERNATIVE_WINDOW:
                break
            if (
                other.surname == mention.surname
                and other.full is not None
                and other.full != name
                and (other.gender or self._genders.get(other.full)) == gender
            ):
                return self.full_name(other.full)
        return None

    def _resolve_organization(
        self, offset: int, head: str | None = None, content: CharSpan | None = None
    ) -> str | None:
        """The organisation "it" or "the company" refers to, among those named (outside
        quotations, not places like "the State Capitol") in this sentence or the
        six before it: the last whose name says it is a ``head`` ("the agency": the
        "Federal Emergency Management Agency"), else the subject of the sentence that
        named one last ("Greenpeace activists climbed Shell's headquarters. The group
        said"), else the last one. None named inside ``content``, what the mention's
        own verb reports ("He asked about the Muslim Brotherhood, the office said")."""
        here = self._sentence_of(offset)
        near = [
            (sentence, name, subject)
            for start, sentence, name, subject in self.organizations
            if start < offset
            and here - sentence <= 6
            and not is_place(name)
            and not (content is not None and content[0] <= start < content[1])
        ]
        if not near:
            return None
        if head is not None:
            kind = [name for _, name, _ in near if names_the_kind(name, head)]
            if kind:
                return kind[-1]
        last_sentence = near[-1][0]
        subjects = [
            name for sentence, name, subject in near if sentence == last_sentence and subject
        ]
        return subjects[-1] if subjects else near[-1][1]

    def _proper_name(self, span: Span, words: list[Token], person_ents: list[Span]) -> str | None:
        """A name of proper nouns the NER did not label a person: the article's full
        form of it ("Hawk Sawyer": "Kathleen Hawk Sawyer"), or the name itself where a
        "who" clause says it is a person ("Montell Figgins, who represents Thomas")."""
        if person_ents or not 1 < len(words) <= 4 or any(t.pos_ != "PROPN" for t in words):
            return None
        surface = strip_possessive(" ".join(t.text for t in words))
        expanded = self.full_name(surface, span.start_char)
        if expanded is not None:
            return expanded
        if any(t.lower_ == "who" and t.head.dep_ == "relcl" for t in span):
            return surface
        return None

    def _described_person(self, offset: int) -> str | None:
        """The person "the actor" describes: the last one named as the subject of a
        main verb in this sentence or the two before it, else as any subject."""
        here = self._sentence_of(offset)
        near = [
            m for m in self.mentions if m.start < offset and here - m.sentence <= 2 and m.is_subject
        ]
        main = [m for m in near if m.is_main_subject]
        chosen = main or near
        return self._name_of(chosen[-1]) if chosen else None

    def _most_mentioned_before(self, offset: int) -> str | None:
        counts = Counter(self._name_of(m) for m in self.mentions if m.start < offset)
        return counts.most_common(1)[0][0] if counts else None

    def _resolve_role(self, span: Span, role: str) -> str | None:
        """ "the Kremlin chief", "The Republican nominee": a role the article gave someone."""
        if role in self.roles:
            return self.roles[role]
        head = span.root.lower_
        owned = [t for t in span if t.dep_ == "case"]  # "Austria's interior minister"
        if owned and owned[-1].i + 1 < span.end:
            after = " ".join(t.lower_ for t in span[owned[-1].i + 1 - span.start :] if t.is_alpha)
            if after in self.roles:
                return self.roles[after]
        if head not in ROLE_HEADS or span[0].lower_ != "the":
            return None
        words = set(role.split())
        heads = {head} | ROLE_SYNONYMS.get(head, frozenset())
        matches = [name for known, name in self.roles.items() if heads & set(known.split())]
        for known, name in self.roles.items():
            if words <= set(known.split()) and not (set(known.split()) - words) & ROLE_CHANGERS:
                return name
        if matches:
            return matches[0]
        # "the nominee" with no role learned: the person the article is most about so far
        return self._most_mentioned_before(span.start_char)

    def resolve(self, span: Span) -> tuple[str, SourceType]:
        """The resolved name and type of a source mention."""
        text = normalize_space(span.text)
        lower = text.lower()
        words = [t for t in span if t.dep_ != "det" and not t.is_punct]
        head = span.root
        head_lemma = head.lemma_.lower()
        # a name inside a relative clause is not the speaker's ("Christie, who advised Trump")
        kept = clause_free(span)
        words = [t for t in words if t.i in kept]
        person_ents = [e for e in self.ents_in(span) if e.label_ == "PERSON" and e.start in kept]
        if person_ents:
            # the head of the mention itself is the person (not "a friend of Clinton")
            ent = max(person_ents, key=len)
            if head.i in range(ent.start, ent.end) or (
                len(person_ents) == 1 and head.pos_ == "PROPN"
            ):
                surface = strip_possessive(normalize_space(ent.text))
                gender = gender_of(ent, surface.split(), self._names) if surface else None
                name = self.full_name(surface, ent.start_char, gender) or surface
                self.last_person = name
                return name, "person"
        if len(span) == 1 and lower in PERSON_PRONOUNS:
            if lower in SINGULAR_PERSON_PRONOUNS:
                sentence = self._sentence_of(span.start_char)
                if withholds_name(self._sentences, sentence, lower):
                    return text, "anonymous"  # "He declined to give his name."
                antecedent = self._resolve_pronoun(span.start_char, PRONOUN_GENDER.get(lower))
                if antecedent:
                    return antecedent, "person"
            # "they", "we": a group the article does not name here
            return text, "vague" if lower in GROUP_PRONOUNS else "person"
        if lower == "it" or (
            span[0].lower_ == "the"
            and head_lemma in ORG_PRONOUN_HEADS | ORG_STAND_INS
            and all(t.dep_ in {"compound", "amod", "poss", "case"} for t in words if t.i != head.i)
            and not self.ents_in(span)
        ):
            organization = self._resolve_organization(
                span.start_char, None if lower == "it" else head_lemma, reported_before(span)
            )
            if organization is not None:
                return organization, "organization"
        if (
            len(words) == 1
            and not person_ents
            # "Early says": a surname the tagger took for a word, of a person named in full
            and (head.pos_ == "PROPN" or (head.text.istitle() and head.lower_ in self._names))
        ):
            # a surname the NER missed here ("Lopez said") of a person it saw in full
            expanded = self.full_name(strip_possessive(words[0].text), span.start_char)
            if expanded is not None:
                self.last_person = expanded
                return expanded, "person"
        named = self._proper_name(span, words, person_ents)
        if named is not None:
            self.last_person = named
            self.unlabelled_speaker = (named, self._sentence_of(span.start_char))
            return named, "person"
        role = " ".join(t.lower_ for t in words if t.is_alpha)
        role_name = self._resolve_role(span, role)
        if role_name is None and span[0].lower_ == "the" and head_lemma in PERSON_DESCRIPTIONS:
            role_name = self._described_person(span.start_char)
        if role_name is not None:
            self.last_person = role_name
            return role_name, "person"
        return group_name(span, text), source_type(span, lower, head_lemma, self.ents_in)
