"""People across articles: one identity per real speaker, with every alias it was named by.

A speaker name becomes a :class:`NameForm` (its core name, titles stripped:
"Kremlin chief Vladimir Putin" -> "Vladimir Putin") or nothing at all when it
is a pronoun, relative pronoun or bare role noun ("he", "who", "the senator").
:class:`People` resolves forms against the corpus, in this order:

1. two words or more: the person with the same first and last name;
2. a surname alone: the person of that surname named in full in the same
   article (the most often named, when several are); else the only person of
   that surname in the corpus (or one with 90% of its attributions); else a
   surname-only identity ("Smith"), so that two different Smiths stay apart;
3. organisations: the same name, case and a leading "the" folded.

When a full name arrives after its surname-only identity, and no other full
name shares the surname, the surname-only identity is merged into it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from .text import fold, word_list

PersonKind = str  # 'person' | 'organisation'
ORGANISATION_TYPES = frozenset({"organization", "media"})
UNNAMED_TYPES = frozenset({"vague", "anonymous"})
DETERMINERS = frozenset({"the", "a", "an"})
PARTICLES = frozenset({"de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "du", "del"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# a surname alone joins the corpus's dominant holder of it only above this share
DOMINANT_SHARE = 0.9
MAX_NAME_WORDS = 5
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.-]*$")


def non_identities() -> frozenset[str]:
    return word_list("non-identities.txt")


def titles() -> frozenset[str]:
    return word_list("titles.txt")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A speaker name reduced to what identifies it."""

    display: str
    key: str
    kind: PersonKind
    surname: str | None
    words: int


def name_form(name: str | None, source_type: str | None = None) -> NameForm | None:
    """The identity-bearing form of a speaker name, or None for an unnamed source."""
    if not name or source_type in UNNAMED_TYPES:
        return None
    name = " ".join(name.replace("’", "'").split())
    if source_type not in ORGANISATION_TYPES:
        # an apposition or relative clause follows the name: "Chad Bown, an expert on trade"
        head = re.split(r",| who | of the ", name, maxsplit=1)[0]
        if head != name:
            found = name_form(head, source_type)
            if found is not None:
                return found
    tokens = re.sub(r"'s\b", "", name).split()
    while tokens and tokens[0].casefold() in DETERMINERS:
        tokens = tokens[1:]
    stop = non_identities()
    if not tokens or all(t.casefold().strip(".,") in stop | titles() for t in tokens):
        return None
    if not any(NAME_TOKEN.match(t) for t in tokens):
        return None  # a bare role noun: "officials", "the senator"
    if source_type in ORGANISATION_TYPES:
        display = " ".join(tokens)
        return NameForm(display, fold(display), "organisation", None, len(tokens))
    core: list[str] = []
    for token in reversed(tokens):  # the trailing run of capitalised words and particles
        if NAME_TOKEN.match(token) or (core and token.casefold() in PARTICLES):
            core.insert(0, token)
        else:
            break
    while core and core[-1].casefold().strip(",") in SUFFIXES:
        core = core[:-1]
    titled = [i for i, t in enumerate(core[:-1]) if t.casefold() in titles()]
    if titled:  # "Russian President Vladimir Putin"; but "Martin Luther King" keeps "King"
        core = core[titled[-1] + 1 :]
    if not core or len(core) > MAX_NAME_WORDS:
        return None
    if len(core) == 1 and core[0].casefold() in stop:
        return None
    named = [t for t in core if not re.fullmatch(r"[A-Z]\.?", t)] or core
    if len(named) == 2 and named[0].casefold() in PARTICLES:
        named = named[1:]  # "De Blasio", "Bin Laden": a surname with its particle
    surname = fold(named[-1].strip(".,"))
    key = surname if len(named) == 1 else f"{fold(named[0].strip('.,'))} {surname}"
    return NameForm(" ".join(core), key, "person", surname, len(named))


class People:
    """Identities in the corpus database; ``resolve`` finds or makes the one of a name."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.touched: set[int] = set()

    def resolve(self, form: NameForm, article_forms: Sequence[NameForm] = ()) -> int:
        """The id of ``form``'s identity (made if new); ``article_forms``: names in the article."""
        found = self.find(form, article_forms)
        if found is None:
            found = self._create(form)
        elif form.words > 1:
            self._prefer_name(found, form)
        self.touched.add(found)
        return found

    def find(self, form: NameForm, article_forms: Sequence[NameForm] = ()) -> int | None:
        """The id of ``form``'s identity, or None (nothing is made)."""
        if form.kind == "organisation" or form.words > 1:
            return self._by_key(form.key, form.kind)
        # "Smith" after "John Smith" in the same article (the most named, if several)
        fuller = Counter(
            other.key
            for other in article_forms
            if other.kind == "person" and other.words > 1 and other.surname == form.surname
        ).most_common(2)
        if fuller and (len(fuller) == 1 or fuller[0][1] > fuller[1][1]):
            found = self._by_key(fuller[0][0], "person")
            if found is not None:
                return found
        holders = self.db.execute(
            "SELECT id, COALESCE(attributions, 0) FROM people "
            "WHERE surname = ? AND kind = 'person' AND key != surname ORDER BY id",
            [form.surname],
        ).fetchall()
        if len(holders) == 1:
            return int(holders[0][0])
        total = sum(count for _, count in holders)
        for person_id, count in holders:
            if total and count / total >= DOMINANT_SHARE:
                return int(person_id)
        return self._by_key(form.key, "person")

    def add_alias(self, person_id: int, alias: str) -> None:
        alias = " ".join(alias.split())
        self.db.execute(
            "INSERT OR IGNORE INTO aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
            [person_id, alias, fold(alias)],
        )

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
