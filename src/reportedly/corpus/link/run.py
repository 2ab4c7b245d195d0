"""``link``: bring identities, copies and quote clusters up to date with the articles stored.

Articles are linked one at a time in the order they were stored, each in ONE
transaction together with its ``link_state`` row, so a process killed at any
moment leaves either all of an article's links or none; re-running links the
rest, and a corpus linked in several runs gets the same tables as one linked in
one run. An article already linked at its analysis version is skipped, so a
re-run adds nothing. Per article, in order:

1. its language (py3langid), stored in ``articles.language``;
2. its speakers' identities (``people``, ``aliases``, ``attributions.person_id``);
3. direct quotes found by quotation marks that the analysis did not attribute
   (all quotes of an article not in English), with a speaker named nearby;
4. same-language copies (MinHash LSH) and, in a corpus of several languages,
   translated copies (encoder), stored in ``links``;
5. its quotes' clusters.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ...errors import StoreError
from ...languages.detect import detect_language
from ..store import write_transaction
from .people import NameForm, People, article_forms, name_form
from .quotemarks import capitalised_runs, marked_quotes
from .text import ANALYSED_LANGUAGES, ENCODER_LANGUAGES

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .evidence import Decision
    from .translations import VectorIndex

# copies (datasketch, scipy), clusters and translations (numpy) are imported where an
# article is linked: a run that finds every article linked starts in a fraction of a second

MARKED_ORIGIN = "quote-marks"
CACHE_KIB = 64 * 1024  # SQLite page cache while linking
# an article shorter than this keeps its language but does not make the corpus multilingual
MIN_MIXING_CHARS = 200
MARKED_POSITION = 100_000  # positions of quote-mark attributions start here
MAX_TRANSLATED = 20  # translated copies (and their copies each) a quote is matched against
MAX_COPIES_OF_COPIES = 4
LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "ru": "Russian",
    "uk": "Ukrainian", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """``translations``: look for translated copies (loads the encoder when languages mix);
    ``strict``: store only links of high confidence (``evidence.STRICT_CONFIDENCE``)."""

    translations: bool = True
    strict: bool = False


@dataclass(frozen=True, slots=True)
class LinkEvent:
    article_id: str
    language: str | None
    links: int
    joined: int
    warning: str = ""


@dataclass(frozen=True, slots=True)
class LinkSummary:
    linked: int
    unchanged: int
    people: int
    links: dict[str, int]
    clusters: int
    clustered_quotes: int
    warnings: tuple[str, ...]
    seconds: float
    rejected: int = 0  # translation candidates whose evidence did not hold (not linked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "linked": self.linked,
            "unchanged": self.unchanged,
            "people": self.people,
            "links": self.links,
            "clusters": self.clusters,
            "clustered_quotes": self.clustered_quotes,
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
            "rejected_candidates": self.rejected,
        }


def link(
    db: Database,
    options: LinkOptions = LinkOptions(),
    *,
    on_event: Callable[[LinkEvent], None] | None = None,
) -> LinkSummary:
    """Link every article not linked yet (see the module docstring)."""
    started = time.perf_counter()
    try:
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        # the linker's lookups land all over its indexes: keep more of them in memory
        db.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        try:
            run = _Run(db, options, on_event or (lambda event: None))
            linked = run.all()
        finally:
            db.execute(f"PRAGMA cache_size = {int(cache)}")
        return _summary(db, linked, run, time.perf_counter() - started)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot link the corpus ({exc})") from None


@dataclass
class _Run:
    db: Database
    options: LinkOptions
    on_event: Callable[[LinkEvent], None]
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: int = 0  # translation candidates the evidence did not hold up
    vectors: VectorIndex | None = None
    main_language: str | None = None

    def all(self) -> int:
        # read from the index (id, analysis_version), not the articles' rows and texts, and
        # sorted here: an ORDER BY rowid would make SQLite scan the table
        pending = sorted(
            self.db.execute(
                "SELECT articles.rowid, articles.id, articles.analysis_version, "
                "link_state.article_id IS NOT NULL FROM articles LEFT JOIN link_state "
                "ON link_state.article_id = articles.id WHERE link_state.article_id IS NULL "
                "OR link_state.analysis_version != articles.analysis_version"
            ).fetchall()
        )
        total = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        self.unchanged = total - len(pending)
        languages = self._languages([row[1] for row in pending])
        if self.options.translations and len(languages) > 1:
            self.vectors = self._vectors()
        linked = 0
        for rowid, article_id, version, relink in pending:
            with write_transaction(self.db):
                # another process linking the same corpus may have done this one meanwhile
                if self._linked_at(article_id, version):
                    self.unchanged += 1
                    continue
                if self.vectors is not None:
                    self.vectors.catch_up(self.db)
                event = self._article(rowid, article_id, version, bool(relink))
            linked += 1
            self.on_event(event)
        return linked

    def _linked_at(self, article_id: str, version: str) -> bool:
        row = self.db.execute(
            "SELECT analysis_version FROM link_state WHERE article_id = ?", [article_id]
        ).fetchone()
        return row is not None and row[0] == version

    # ------------------------------------------------------------------ languages

    def _languages(self, pending: list[str]) -> set[str]:
        """The languages of the corpus, counting only articles of ``MIN_MIXING_CHARS`` or more:
        one short text read as another language ("Follow Pam Key on Twitter", read as
        Nigerian Pidgin) must not make an English corpus encode all its articles."""
        found = {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT language FROM link_state WHERE language IS NOT NULL"
            ).fetchall()
            if self.db.execute(
                "SELECT 1 FROM link_state JOIN articles ON articles.id = link_state.article_id "
                "WHERE link_state.language = ? AND articles.length >= ? LIMIT 1",
                [row[0], MIN_MIXING_CHARS],
            ).fetchone()
        }
        self.detected: dict[str, str | None] = {}
        counts: Counter[str] = Counter()
        for language, count in self.db.execute(
            "SELECT language, COUNT(*) FROM link_state WHERE language IS NOT NULL GROUP BY 1"
        ):
            counts[language] += count
        for article_id in pending:
            text = self._text(article_id)
            language, _ = detect_language(text)
            self.detected[article_id] = language
            if language:
                counts[language] += 1
            if language and len(text) >= MIN_MIXING_CHARS:
                found.add(language)
        # the corpus's main language: an undated quote cluster is labelled in it
        self.main_language = counts.most_common(1)[0][0] if counts else None
        return found

    def _vectors(self) -> VectorIndex:
        """Load document vectors, first making those of articles linked before languages mixed."""
        from .translations import VectorIndex, document_vector, numbers_of, vector_blob

        missing = self.db.execute(
            "SELECT link_state.article_id, link_state.language FROM link_state LEFT JOIN "
            "link_vectors ON link_vectors.article_id = link_state.article_id "
            "WHERE link_vectors.article_id IS NULL ORDER BY link_state.rowid"
        ).fetchall()
        for article_id, language in missing:
            text = self._text(article_id)
            vector = document_vector(text)
            if vector is not None:
                with write_transaction(self.db):
                    self.db.execute(
                        "INSERT OR REPLACE INTO link_vectors VALUES (?, ?, ?, ?)",
                        [
                            article_id,
                            language,
                            vector_blob(vector),
                            " ".join(sorted(numbers_of(text))),
                        ],
                    )
        return VectorIndex.load(self.db)

    # ------------------------------------------------------------------ one article

    def _text(self, article_id: str) -> str:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0] or "") if row else ""

    def _article(self, rowid: int, article_id: str, version: str, relink: bool) -> LinkEvent:
        if relink:
            self._forget(rowid, article_id)
        meta = self.db.execute(
            "SELECT text, language, published, outlet FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        text, declared, published, outlet = meta
        language = self.detected.get(article_id) or None
        warning = ""
        if not (text or "").strip():
            warning = f"{article_id}: the article has no text; nothing to link"
        elif language is None:
            warning = f"{article_id}: too little text to tell its language"
        elif language not in ANALYSED_LANGUAGES:
            name = LANGUAGE_NAMES.get(language, language)
            read = " and ".join(
                sorted(LANGUAGE_NAMES.get(code, code) for code in ANALYSED_LANGUAGES)
            )
            warning = (
                f"{article_id}: in {name} ({language}), which the analysis does not read "
                f"({read} only); its direct quotes are found by their quotation marks"
            )
            if language not in ENCODER_LANGUAGES:
                warning += ", and translated copies less reliably (the encoder does not cover it)"
        if warning:
            self.warnings.append(warning)
        self.db.execute(
            "UPDATE articles SET language = ? WHERE id = ?", [language or declared, article_id]
        )
        links = joined = 0
        if (text or "").strip():
            people = People(self.db, text)
            forms = self._identities(people, article_id, language, text)
            self._marked_quotes(people, article_id, text, language, forms)
            if relink:
                people.refresh_counts()
            else:
                people.count_article(article_id)
            links = self._copies(rowid, article_id, text, language, published, outlet)
            joined = self._clusters(article_id, text, language, published)
        self.db.execute(
            "INSERT OR REPLACE INTO link_state VALUES (?, ?, ?, ?, ?)",
            [
                article_id,
                version,
                language,
                declared,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        )
        return LinkEvent(article_id, language, links, joined, warning)

    def _forget(self, rowid: int, article_id: str) -> None:
        """Undo an earlier linking of an article re-analyzed since (its attributions changed)."""
        self.db.execute("DELETE FROM cluster_members WHERE article_id = ?", [article_id])
        self.db.execute(
            "DELETE FROM attributions WHERE article_id = ? AND origin = ?",
            [article_id, MARKED_ORIGIN],
        )
        self.db.execute("DELETE FROM link_bands WHERE article = ?", [rowid])
        self.db.execute("DELETE FROM link_families WHERE article = ?", [rowid])
        self.db.execute(
            "DELETE FROM cluster_keys WHERE cluster_id IN (SELECT id FROM clusters WHERE size <= 0)"
        )
        self.db.execute("DELETE FROM clusters WHERE size <= 0")

    # ------------------------------------------------------------------ people

    def _identities(
        self, people: People, article_id: str, language: str | None, text: str
    ) -> list[tuple[NameForm, int]]:
        if language not in (None, *ANALYSED_LANGUAGES):
            return []  # the English pipeline's speakers of a foreign text are not names
        rows = self.db.execute(
            "SELECT id, speaker, source_text, source_type FROM attributions "
            "WHERE article_id = ? AND origin IS NOT ? ORDER BY position",
            [article_id, MARKED_ORIGIN],
        ).fetchall()
        forms = article_forms(rows, text)
        named = [form for _, form in forms]
        resolved: list[tuple[NameForm, int]] = []
        # full names first, so that "Smith" finds the article's "John Smith"
        for row, form in sorted(forms, key=lambda item: -item[1].words):
            person_id = people.resolve(form, named)
            people.add_alias(person_id, form.display)
            source_form = name_form(row[2], row[3], text)
            if source_form is not None and (
                source_form.key == form.key
                or (form.kind == "person" and source_form.surname == form.surname)
            ):
                people.add_alias(person_id, source_form.display)
            self.db.execute(
                "UPDATE attributions SET person_id = ?, person_role = ? WHERE id = ?",
                [person_id, form.role, row[0]],
            )
            resolved.append((form, person_id))
        return resolved

    def _marked_quotes(
        self,
        people: People,
        article_id: str,
        text: str,
        language: str | None,
        forms: list[tuple[NameForm, int]],
    ) -> None:
        analysed = language in (None, *ANALYSED_LANGUAGES)
        covered = (
            self.db.execute(
                "SELECT content_start, content_end FROM attributions WHERE article_id = ? "
                "AND content_start IS NOT NULL",
                [article_id],
            ).fetchall()
            if analysed
            else []
        )
        article_forms = [form for form, _ in forms]
        rows = []
        for position, quote in enumerate(marked_quotes(text)):
            if any(s < quote.end and quote.start < e for s, e in covered):
                continue
            mention, person_id = self._speaker_near(people, text, quote, article_forms)
            rows.append(
                {
                    "article_id": article_id,
                    "position": MARKED_POSITION + position,
                    "kind": "direct",
                    "speaker": mention,
                    "source_text": mention,
                    "source_type": "person" if person_id else None,
                    "content": quote.text,
                    "content_start": quote.start,
                    "content_end": quote.end,
                    "origin": MARKED_ORIGIN,
                    "spans": json.dumps({"content": [[quote.start, quote.end]]}),
                    "person_id": person_id,
                }
            )
            if person_id and mention:
                people.touched.add(person_id)
                people.add_alias(person_id, mention)
        if rows:
            self.db.table("attributions").insert_all(rows)

    def _speaker_near(
        self, people: People, text: str, quote: Any, article_forms: list[NameForm]
    ) -> tuple[str | None, int | None]:
        """A known identity named in the quote's paragraph (nearest first); headlines look
        at the next two lines too."""
        end = quote.line_end
        if quote.line_start < 300 and quote.line_end - quote.line_start < 150:
            for _ in range(2):  # a headline: its deck and first paragraph name the speaker
                following = text.find("\n", end + 1)
                end = len(text) if following < 0 else following
        context = [
            (start, stop, run)
            for start, stop, run in capitalised_runs(text[quote.line_start : end])
            if not (quote.start - quote.line_start <= start < quote.end - quote.line_start)
        ]
        anchor = quote.end - quote.line_start
        context.sort(key=lambda item: abs(item[0] - anchor))
        for _, _, run in context:
            tokens = run.split()
            for size in range(min(3, len(tokens)), 0, -1):
                for i in range(len(tokens) - size + 1):
                    form = name_form(" ".join(tokens[i : i + size]), "person")
                    if form is None:
                        continue
                    found = people.find(form, article_forms)
                    if found is not None:
                        return " ".join(tokens[i : i + size]), found
        return None, None

    # ------------------------------------------------------------------ copies

    def _copies(
        self,
        rowid: int,
        article_id: str,
        text: str,
        language: str | None,
        published: str | None,
        outlet: str | None,
    ) -> int:
        from . import copies
        from .evidence import Decision, copy_confidence, copy_rule

        mine = copies.shingles(text)
        found = copies.find_copies(self.db, rowid, mine, copies.band_keys(mine))
        made = 0
        for match in found.matches:
            comparison = match.comparison
            kind = copies.copy_kind(comparison, (outlet, match.outlet))
            evidence = {
                "method": "minhash-lsh",
                "bands_shared": match.bands_shared,
                "jaccard": round(comparison.jaccard, 4),
                "containment": round(comparison.containment, 4),
                "shingles": list(comparison.sizes),
                "family": match.role,
            }
            jaccard, contained = comparison.jaccard, comparison.containment
            decision = Decision(
                True,
                copy_rule(jaccard, contained, (copies.MIN_JACCARD, copies.MIN_CONTAINMENT)),
                copy_confidence(jaccard, contained),
                evidence,
            )
            made += self._store_link(
                (match.article_id, match.published), (article_id, published), kind,
                comparison.jaccard, evidence, decision,
            )  # fmt: skip
        copies.store_bands(self.db, rowid, found)
        if self.vectors is not None:
            made += self._translations(article_id, text, language, published)
        return made

    def _translations(
        self, article_id: str, text: str, language: str | None, published: str | None
    ) -> int:
        from .evidence import align, judge_translation
        from .translations import document_vector, numbers_of, vector_blob

        assert self.vectors is not None
        vector = document_vector(text)
        if vector is None:
            return 0
        made = 0
        numbers = numbers_of(text)
        for match in self.vectors.matches(article_id, language, vector, numbers):
            other_text, other_published = self.db.execute(
                "SELECT text, published FROM articles WHERE id = ?", [match.other]
            ).fetchone()
            other_text = other_text or ""
            covered = {language, match.language} <= ENCODER_LANGUAGES
            decision = judge_translation(
                match, align(other_text, text, covered), (len(other_text), len(text))
            )
            if not decision.accepted:
                self.rejected += 1
                continue
            evidence = {**decision.evidence, "languages": [match.language, language]}
            made += self._store_link(
                (match.other, other_published), (article_id, published), "translation",
                match.cosine, evidence, decision,
            )  # fmt: skip
        self.db.execute(
            "INSERT OR REPLACE INTO link_vectors VALUES (?, ?, ?, ?)",
            [article_id, language, vector_blob(vector), " ".join(sorted(numbers))],
        )
        self.vectors.add(article_id, language, vector, numbers)
        return made

    def _store_link(
        self,
        earlier: tuple[str, str | None],
        later: tuple[str, str | None],
        kind: str,
        similarity: float,
        evidence: dict[str, Any],
        decision: Decision,
    ) -> int:
        """Store a link, the earlier published first (else the one stored first), with the
        rule that accepted it and its confidence (also in ``evidence``)."""
        from .evidence import is_strict

        (a, a_date), (b, b_date) = earlier, later
        if a_date and b_date and b_date < a_date:
            a, b = b, a
        evidence["dates"] = "known" if a_date and b_date else "unknown: stored order"
        evidence["rule"] = decision.rule
        evidence["confidence"] = decision.confidence
        if self.options.strict and not is_strict(decision.confidence):
            self.rejected += 1
            return 0
        for pair in ((a, b), (b, a)):  # two lookups of the primary key
            if self.db.execute("SELECT 1 FROM links WHERE a = ? AND b = ?", pair).fetchone():
                return 0
        self.db.execute(
            "INSERT INTO links (a, b, kind, similarity, evidence, confidence, rule) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [a, b, kind, round(similarity, 4), json.dumps(evidence, ensure_ascii=False),
             decision.confidence, decision.rule],
        )  # fmt: skip
        return 1

    # ------------------------------------------------------------------ clusters

    def _clusters(
        self, article_id: str, text: str, language: str | None, published: str | None
    ) -> int:
        from .clusters import Clusterer, article_quotes

        analysed = language in (None, *ANALYSED_LANGUAGES)
        # the analysis's attributions of an analysed language, else its quotation marks' only
        origins = None if analysed else (MARKED_ORIGIN,)
        quotes = article_quotes(self.db, (article_id, text, language, published), origins)
        linked = self.db.execute(
            "SELECT b, kind = 'translation', confidence FROM links WHERE a = ? UNION "
            "SELECT a, kind = 'translation', confidence FROM links WHERE b = ?",
            [article_id, article_id],
        ).fetchall()
        translated = {other: confidence for other, translation, confidence in linked if translation}
        copy_of = [other for other, translation, _ in linked if not translation]
        translated.update(self._copies_of(translated, article_id, MAX_TRANSLATED))
        # a copy's own copies, a few: the cost per article stays flat in a story of 100 copies
        more = self._copies_of(dict.fromkeys(copy_of), article_id, MAX_COPIES_OF_COPIES)
        copy_of += [c for c in more if c not in copy_of]
        return Clusterer(self.db, self.main_language).add_article(quotes, translated, copy_of)

    def _copies_of(
        self, linked: dict[str, float | None], article_id: str, limit: int
    ) -> dict[str, float | None]:
        """The same-language copies of the articles ``linked`` to an article (each with
        that link's confidence): a new article links to one or two copies of a story in
        each language (NTREX's Indian English, say), whose quotes may be worded apart from
        the other copies' (or missing); their clusters hold the rest."""
        found: dict[str, float | None] = {}
        for other, confidence in list(linked.items())[:MAX_TRANSLATED]:
            for (copy,) in self.db.execute(
                "SELECT b FROM links WHERE a = ? AND kind != 'translation' UNION "
                f"SELECT a FROM links WHERE b = ? AND kind != 'translation' LIMIT {int(limit)}",
                [other, other],
            ):
                if copy != article_id and copy not in linked:
                    found[copy] = confidence
        return found


def _summary(db: Database, linked: int, run: _Run, seconds: float) -> LinkSummary:
    links = dict(db.execute("SELECT kind, COUNT(*) FROM links GROUP BY kind ORDER BY kind"))
    clusters, members = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM clusters WHERE size > 1"
    ).fetchone()
    return LinkSummary(
        linked=linked,
        unchanged=run.unchanged,
        people=db.execute("SELECT COUNT(*) FROM people").fetchone()[0],
        links=links,
        clusters=clusters,
        clustered_quotes=members,
        warnings=tuple(run.warnings),
        seconds=seconds,
        rejected=run.rejected,
    )
