"""People across articles: one identity per real speaker, with every alias it was named by.

A speaker name becomes a :class:`NameForm` (its core name, cleaned by :mod:`.names`:
"Kremlin chief Vladimir Putin" -> "Vladimir Putin", the role kept apart, and typed a
person, organisation or place) or nothing at all when it is a pronoun, relative
pronoun, bare role noun ("he", "who", "the senator") or a fragment that is no name
("LOS ANGELES, Sept. 28 (UPI)"). Within one article (:func:`article_forms`), a short
name joins the one longer name the article gives it ("The Times": "New York Times",
"AP": "Associated Press", "Lopez Obrador": "Andres Manuel Lopez Obrador"); a suffix
("Jr.") stays in the key where the article also names the plain name.
:class:`People` resolves forms against the corpus, in this order:

1. two words or more: the person with the same first and last name;
2. a surname alone: the person of that surname named in full in the same
   article, as a speaker (the most often named, when several are), else in its
   text ("Hillary Clinton" written in an article whose speaker is "Clinton": the
   most often written; an article writing two as often leaves it ambiguous);
   else the only person of that surname in the corpus; else a surname-only
   identity ("Clinton" in a corpus holding Bill and Hillary Clinton, however
   much more often one of them is quoted), so that two different Smiths stay
   apart;
3. organisations and places: the same name, case and a leading "the" folded; a
   single word typed an organisation that the corpus knows as the surname of one
   person only, and that its article writes nothing of a company about, is that
   person's surname ("Sanders").

When a full name arrives after its surname-only identity, and no other full
name shares the surname, the surname-only identity is merged into it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from .names import (
    CleanName,
    clean_name,
    first_names,
    name_kind,
    same_gender,
    title_case_lines,
    titles,
    written_as_organisation,
    written_outside,
)
from .quotemarks import capitalised_runs
from .text import EN_STOPWORDS, fold, word_list

PersonKind = str  # 'person' | 'organisation' | 'place'
ORGANISATION_TYPES = frozenset({"organization", "media"})
UNNAMED_TYPES = frozenset({"vague", "anonymous"})
DETERMINERS = frozenset({"the", "a", "an"})
PARTICLES = frozenset({"de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "du", "del"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
MAX_NAME_WORDS = 5
# a capitalised word after these (or at the start of the text) may just start a sentence
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "“", "”", "'", ":", ""})
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.-]*$")


def non_identities() -> frozenset[str]:
    return word_list("non-identities.txt")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A speaker name reduced to what identifies it; ``role``: the words cleaned off it."""

    display: str
    key: str
    kind: PersonKind
    surname: str | None
    words: int
    role: str | None = None
    suffix: str = ""  # "jr": in the key only where the article also names the plain name


# an article names its speakers many times over (and the linker asks for each mention)
@lru_cache(maxsize=1024)
def name_form(name: str | None, source_type: str | None = None, text: str = "") -> NameForm | None:
    """The identity-bearing form of a speaker name, or None for an unnamed source or a
    fragment that is no name (see :mod:`.names`); ``text``: its article, to type it."""
    if not name or source_type in UNNAMED_TYPES:
        return None
    cleaned = clean_name(name, source_type, text)
    if cleaned is None:
        return None
    tokens = re.sub(r"'s\b", "", cleaned.name).split()
    while tokens and tokens[0].casefold() in DETERMINERS:
        tokens = tokens[1:]
    stop = non_identities()
    if not tokens or all(t.casefold().strip(".,") in stop | titles() for t in tokens):
        return None
    if not any(NAME_TOKEN.match(t) for t in tokens):
        return None  # a bare role noun: "officials", "the senator"
    kind = name_kind(" ".join(tokens), source_type, text, cleaned.role)
    if kind != "person":
        display = " ".join(tokens)
        return NameForm(display, fold(display), kind, None, len(tokens), cleaned.role)
    core, suffix = _person_core(tokens)
    if not core or len(core) > MAX_NAME_WORDS:
        return None
    if len(core) == 1 and core[0].casefold() in stop:
        return None
    return _person_form(core, suffix, cleaned)


def _person_core(tokens: list[str]) -> tuple[list[str], str]:
    """The words of a person's name: the trailing run of capitalised words and particles,
    without the titles before it ("Russian President Vladimir Putin"); and its suffix
    ("Jr."), apart, as "Donald Trump Jr" is not Donald Trump."""
    core: list[str] = []
    for token in reversed(tokens):
        if NAME_TOKEN.match(token) or (core and token.casefold() in PARTICLES):
            core.insert(0, token)
        else:
            break
    suffix = ""
    while core and core[-1].casefold().strip(",") in SUFFIXES:
        suffix = core[-1].casefold().strip(".,")
        core = core[:-1]
    titled = [i for i, t in enumerate(core[:-1]) if t.casefold() in titles()]
    if titled:  # but "Martin Luther King" keeps "King"
        core = core[titled[-1] + 1 :]
    return core, suffix


def _person_form(core: list[str], suffix: str = "", cleaned: CleanName | None = None) -> NameForm:
    named = [t for t in core if not re.fullmatch(r"[A-Z]\.?", t)] or core
    if len(named) == 2 and named[0].casefold() in PARTICLES:
        named = named[1:]  # "De Blasio", "Bin Laden": a surname with its particle
    surname = fold(named[-1].strip(".,"))
    key = surname if len(named) == 1 else f"{fold(named[0].strip('.,'))} {surname}"
    suffix = suffix if len(named) > 1 else ""
    display = " ".join(core) + (f" {suffix.capitalize()}." if suffix else "")
    role = cleaned.role if cleaned else None
    return NameForm(display, key, "person", surname, len(named), role, suffix)


def headline_name(form: NameForm, source_type: str | None, text: str) -> NameForm | None:
    """``form``, or what is left of it when it was read off a title-case headline.

    A name of several words written only in title-case lines is a headline fragment
    ("Gold Star Mom Corners Obama"): its longest tail written elsewhere in the article is
    the name ("Obama"); with none, the speaker is unnamed.
    """
    if form.kind != "person" or form.words < 2 or not text:
        return form
    spans = title_case_lines(text)
    if not spans or written_outside(form.display, text, spans) is not False:
        return form
    tokens = form.display.split()
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if written_outside(tail, text, spans):
            return name_form(tail, source_type)
    return None


def article_forms(rows: Sequence[Any], text: str) -> list[tuple[Any, NameForm]]:
    """The name forms of an article's attributions (``(id, speaker, source_text,
    source_type)`` rows), each with its row; the unnamed and the fragments left out."""
    forms: list[tuple[Any, NameForm]] = []
    for row in rows:
        form = name_form(row[1], row[3], text)
        if form is None:
            continue
        trimmed = headline_name(form, row[3], text)  # not "Gold Star Mom Corners Obama"
        mention = name_form(row[2], row[3], text) if trimmed != form else None
        if mention is not None and mention.key not in form.key:
            # a headline's words given to a named mention ("The State Department"): the mention
            trimmed = mention
        if trimmed is not None and trimmed != form:  # its alias: the name kept
            row = (row[0], trimmed.display, trimmed.display, row[3])
        if trimmed is not None:
            forms.append((row, trimmed))
    forms = [(row, _suffix_apart(form, forms, text)) for row, form in forms]
    surnames = {form.surname for _, form in forms if form.kind == "person" and form.words > 1}
    longer = {form.key: form for _, form in forms if form.kind == "organisation" and form.words > 1}
    result = []
    for row, form in forms:
        if (
            form.kind != "person"
            and form.words == 1
            and (form.key in surnames or _written_with_first_name(form.display, text))
        ):
            # "Caddell" typed an organisation next to "Pat Caddell": the person's surname
            form = NameForm(form.display, form.key, "person", form.key, 1, form.role)
        elif form.kind == "organisation":
            form = fuller_organisation(form, longer, text) or form
        elif form.kind == "person" and form.words > 1:
            form = _longer_person(form, [other for _, other in forms]) or form
        result.append((row, form))
    return result


def _suffix_apart(form: NameForm, forms: Sequence[tuple[Any, NameForm]], text: str) -> NameForm:
    """A name with a suffix ("Donald Trump Jr.") gets it in its key where its article also
    names the same name without it ("Donald J. Trump": another person); elsewhere
    "Chief Justice John G. Roberts Jr." is John Roberts."""
    if form.kind != "person" or not form.suffix:
        return form
    apart = NameForm(form.display, f"{form.key} {form.suffix}", form.kind, form.surname,
                     form.words, form.role, form.suffix)  # fmt: skip
    if any(other.key == form.key and not other.suffix for _, other in forms):
        return apart
    for _, _, run in capitalised_runs(text):
        found = name_form(run, "person")
        if found is not None and found.key == form.key and not found.suffix:
            return apart
    return form


def _longer_person(form: NameForm, others: Sequence[NameForm]) -> NameForm | None:
    """The one longer name of the article that ``form``'s words end ("Lopez Obrador" in
    "Andres Manuel Lopez Obrador"); None when none or several."""
    tail = form.display.casefold().split()
    longer = {
        other.key: other
        for other in others
        if other.kind == "person"
        and len(other.display.split()) > len(tail)
        and other.display.casefold().split()[-len(tail) :] == tail
    }
    return next(iter(longer.values())) if len(longer) == 1 else None


def _written_with_first_name(word: str, text: str) -> bool:
    """Whether ``text`` writes a known first name before ``word`` ("Bernie Sanders"), so
    that ``word`` typed an organisation is a person's surname."""
    pattern = rf"\b([A-Z][a-z]+)\s+{re.escape(word)}\b"
    return any(m.group(1).casefold() in first_names() for m in re.finditer(pattern, text))


def fuller_organisation(form: NameForm, named: dict[str, NameForm], text: str) -> NameForm | None:
    """The one longer organisation name the article gives a short one ("Times": "New York
    Times", "Coroner's Office": "East Baton Rouge Parish Coroner's Office"): among its
    speakers, else written in its text; None when none or several."""
    fuller = {
        key: other
        for key, other in named.items()
        if key.endswith(f" {form.key}") or _initials_of(form.display, other.display)
    }
    if not fuller and text and form.words <= 2:
        for _, _, run in capitalised_runs(text):
            words = re.sub(r"^(?:The|A|An) ", "", run).split()
            if "\n" in run or words[0].casefold() in EN_STOPWORDS:
                continue  # "If NASA": a sentence's first word, not a longer name
            if len(words) > form.words and fold(" ".join(words)).endswith(f" {form.key}"):
                display = " ".join(words)
                fuller.setdefault(fold(display), NameForm(display, fold(display),
                                  "organisation", None, len(words), form.role))  # fmt: skip
    if len(fuller) == 1:
        return next(iter(fuller.values()))
    return None


def _initials_of(acronym: str, name: str) -> bool:
    """ "AP" of "Associated Press": an acronym of the capitalised words of a longer name."""
    if not (2 <= len(acronym) <= 5 and acronym.isupper() and acronym.isalpha()):
        return False
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return initials == acronym


class People:
    """Identities in the corpus database; ``resolve`` finds or makes the one of a name."""

    def __init__(self, db: Database, text: str = "") -> None:
        """``text``: the article being linked, where a surname alone looks for its full name."""
        self.db = db
        self.text = text
        self._runs: list[tuple[list[str], bool]] | None = None
        self.touched: set[int] = set()
        self.recount: set[int] = set()  # identities merged into: counted afresh

    def resolve(self, form: NameForm, article_forms: Sequence[NameForm] = ()) -> int:
        """The id of ``form``'s identity (made if new); ``article_forms``: names in the article."""
        form = self._surname_typed_organisation(form)
        if (
            form.kind == "person"
            and form.words == 1
            and not self._fuller_speaker(form, article_forms)
        ):
            written = self.written_in_full(form)
            if len(written) == 1:
                form = written[0]  # made under its full name if new
        found = self.find(form, article_forms)
        if found is None:
            found = self._create(form)
        elif form.words > 1:
            self._prefer_name(found, form)
        self.touched.add(found)
        return found

    def find(self, form: NameForm, article_forms: Sequence[NameForm] = ()) -> int | None:
        """The id of ``form``'s identity, or None (nothing is made)."""
        if form.kind != "person" or form.words > 1:
            return self._by_key(form.key, form.kind)
        # "Smith" after "John Smith" in the same article (the most named, if several)
        fuller = self._fuller_speaker(form, article_forms)
        if fuller is not None:
            found = self._by_key(fuller, "person")
            if found is not None:
                return found
        written = self.written_in_full(form)
        if len(written) == 1:  # the article names one person of that surname most: that one
            return self._by_key(written[0].key, "person")
        if written:  # it names several as often ("Bill Clinton", "Hillary Clinton"): ambiguous
            return self._by_key(form.key, "person")
        holders = self.db.execute(
            "SELECT id FROM people WHERE surname = ? AND kind = 'person' AND key != surname "
            "ORDER BY id LIMIT 2",
            [form.surname],
        ).fetchall()
        if len(holders) == 1:
            return int(holders[0][0])
        return self._by_key(form.key, "person")  # ambiguous or unknown: the surname alone

    def _surname_typed_organisation(self, form: NameForm) -> NameForm:
        """ "Sanders" typed an organisation (by spaCy's entities) where the corpus knows one
        person of that surname and no organisation of that name, and the article writes
        nothing of a company ("the Sanders", "Sanders CEO"): the person's surname."""
        if form.kind != "organisation" or form.words != 1 or not NAME_TOKEN.match(form.display):
            return form
        if self._by_key(form.key, "organisation") is not None or written_as_organisation(
            form.display, self.text
        ):
            return form
        holders = self.db.execute(
            "SELECT COUNT(*) FROM people WHERE surname = ? AND kind = 'person' AND key != surname",
            [form.key],
        ).fetchone()[0]
        if holders != 1:
            return form
        return NameForm(form.display, form.key, "person", form.key, 1, form.role)

    @staticmethod
    def _fuller_speaker(form: NameForm, article_forms: Sequence[NameForm]) -> str | None:
        """The key of the full name the article's speakers give ``form``'s surname, if one."""
        fuller = Counter(
            other.key
            for other in article_forms
            if other.kind == "person" and other.words > 1 and other.surname == form.surname
        ).most_common(2)
        if fuller and (len(fuller) == 1 or fuller[0][1] > fuller[1][1]):
            return fuller[0][0]
        return None

    def written_in_full(self, form: NameForm) -> list[NameForm]:
        """The full names ending in ``form``'s surname that the article's text writes
        ("Hillary Clinton"): the one written most often, or all of them on a tie.

        A name no identity of the corpus has counts only where it does not start a sentence
        ("Meanwhile Trump said" is no one); when known identities are among the names,
        only they count.
        """
        if form.kind != "person" or form.words != 1 or not self.text:
            return []
        if self._runs is None:
            self._runs = [
                (run.split(), self.text[max(0, at - 20) : at].rstrip()[-1:] in SENTENCE_ENDS)
                for at, _, run in capitalised_runs(self.text)
            ]
        stop = non_identities() | titles() | EN_STOPWORDS
        counts: Counter[str] = Counter()
        inside: set[str] = set()  # names written at least once not starting a sentence
        forms: dict[str, NameForm] = {}
        for tokens, initial in self._runs:
            for i, token in enumerate(tokens):
                if i == 0 or fold(re.sub(r"['’]s$", "", token).strip(".,")) != form.surname:
                    continue
                for j in range(i - 1, max(-1, i - 4), -1):  # "Hillary R. Clinton"
                    full = name_form(" ".join(tokens[j : i + 1]), "person")
                    if full is None or full.surname != form.surname:
                        break
                    if full.words > 1:
                        if full.key.split()[0] not in stop:  # not "When Clinton"
                            counts[full.key] += 1
                            forms.setdefault(full.key, full)
                            if j > 0 or not initial:
                                inside.add(full.key)
                        break
        known = [key for key in counts if self._by_key(key, "person") is not None]
        keep = set(known) if known else inside
        ranked = [(key, n) for key, n in counts.most_common() if key in keep]
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            return [forms[ranked[0][0]]]  # one written more often than any other
        tied = [forms[key] for key, _ in ranked]
        # "Mrs. Clinton" where the article names Bill and Hillary Clinton as often: Hillary
        gendered = [full for full in tied if same_gender(form.role, full.display)]
        return gendered if len(gendered) == 1 else tied

    def add_alias(self, person_id: int, alias: str) -> None:
        alias = " ".join(alias.split())
        self.db.execute(
            "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
            [person_id, alias, fold(alias)],
        )

    def count_article(self, article_id: str) -> None:
        """Add a newly linked article's attributions to its identities' counts.

        Cheap however often a person is named in the corpus; identities merged while
        linking it are counted afresh (``refresh_counts``).
        """
        for person_id, count in self.db.execute(
            "SELECT person_id, COUNT(*) FROM attributions WHERE article_id = ? "
            "AND person_id IS NOT NULL GROUP BY person_id ORDER BY person_id",
            [article_id],
        ).fetchall():
            if person_id not in self.recount:
                self.db.execute(
                    "UPDATE people SET attributions = attributions + ?, "
                    "articles = articles + 1 WHERE id = ?",
                    [count, person_id],
                )
        self.refresh_counts(self.recount)
        self.recount.clear()
        self.touched.clear()

    def refresh_counts(self, ids: Iterable[int] | None = None) -> None:
        """Recount the attributions and articles of the identities touched (or ``ids``)."""
        targets = sorted(set(ids) if ids is not None else self.touched)
        for person_id in targets:
            self.db.execute(
                "UPDATE people SET attributions = (SELECT COUNT(*) FROM attributions "
                "WHERE person_id = :id), articles = (SELECT COUNT(DISTINCT article_id) "
                "FROM attributions WHERE person_id = :id) WHERE id = :id",
                {"id": person_id},
            )
        if ids is None:
            self.touched.clear()

    # ------------------------------------------------------------------ internals

    def _by_key(self, key: str, kind: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM people WHERE key = ? AND kind = ? ORDER BY id LIMIT 1", [key, kind]
        ).fetchone()
        return None if row is None else int(row[0])

    def _create(self, form: NameForm) -> int:
        cursor = self.db.execute(
            "INSERT INTO people (name, kind, attributions, articles, key, surname) "
            "VALUES (?, ?, 0, 0, ?, ?)",
            [form.display, form.kind, form.key, form.surname],
        )
        person_id = int(cursor.lastrowid or 0)
        self.add_alias(person_id, form.display)
        if form.kind == "person" and form.words > 1:
            self._absorb_surname_only(person_id, form)
        return person_id

    def _absorb_surname_only(self, person_id: int, form: NameForm) -> None:
        others = self.db.execute(
            "SELECT COUNT(*) FROM people WHERE surname = ? AND kind = 'person' "
            "AND key != surname AND id != ?",
            [form.surname, person_id],
        ).fetchone()[0]
        old = self._by_key(form.surname or "", "person")
        if others or old is None:
            return
        merge_person(self.db, old, person_id)
        self.touched.discard(old)
        self.recount.discard(old)
        self.recount.add(person_id)

    def _prefer_name(self, person_id: int, form: NameForm) -> None:
        self.db.execute(
            "UPDATE people SET name = ? WHERE id = ? AND kind = 'person' "
            "AND length(name) - length(replace(name, ' ', '')) + 1 < ?",
            [form.display, person_id, form.words],
        )


def merge_person(db: Database, old: int, new: int) -> None:
    """Move everything of identity ``old`` onto ``new`` and drop ``old``."""
    db.execute(
        "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) "
        "SELECT ?, alias, alias_key FROM aliases WHERE person_id = ?",
        [new, old],
    )
    db.execute("DELETE FROM aliases WHERE person_id = ?", [old])
    db.execute("UPDATE attributions SET person_id = ? WHERE person_id = ?", [new, old])
    db.execute("UPDATE clusters SET person_id = ? WHERE person_id = ?", [new, old])
    prefix = f"{old}|"
    rows = db.execute(
        "SELECT key, cluster_id FROM cluster_keys WHERE key >= ? AND key < ?",
        [prefix, f"{old}}}"],
    ).fetchall()
    db.execute("DELETE FROM cluster_keys WHERE key >= ? AND key < ?", [prefix, f"{old}}}"])
    db.conn.executemany(
        "INSERT OR IGNORE INTO cluster_keys (key, cluster_id) VALUES (?, ?)",
        [(f"{new}|{key[len(prefix) :]}", cluster_id) for key, cluster_id in rows],
    )
    db.execute("DELETE FROM people WHERE id = ?", [old])
