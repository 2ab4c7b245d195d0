"""Quote variants: attributions across articles (and languages) that report the same utterance.

A quote joins a cluster when

- its speaker is compatible: the same identity, or an unnamed source on either side;
- across languages: its article is a linked translated copy of an article holding
  a member (or a same-language copy of one), and the two quotes are each other's
  best match among the quotes of the two articles by encoder cosine plus the
  nearness of their places in the articles (a translation keeps the order of its
  quotes), scoring at least ``MIN_QUOTE_SCORE``; a quote of fewer than
  ``MIN_CROSS_WORDS`` words (either side) needs a cosine of ``MIN_SHORT_COSINE`` on
  its own ("So are we" is near any short phrase at the same place). When one quote
  so matches members of several clusters (one per linked article), those clusters
  report one utterance and are merged (unless their speakers differ). Across languages
  two identities of one surname are one speaker (German "Wladimir Putin" is the English
  "Vladimir Putin": the quotes already match as one utterance in linked articles);
- within a language: one quote's content stems are (almost) contained in the
  other's (``MIN_CONTAINMENT``): "Sharing their pain" and "we share this pain
  with you" share {share, pain}. Unnamed quotes need ``MIN_UNNAMED_STEMS``.

Candidate clusters are found through ``cluster_keys``: pairs of nearby content
stems, prefixed by the speaker's identity, so that a lookup costs the same
however large the corpus grows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from .text import content_stems
from .translations import encode

MIN_CONTAINMENT = 0.8
MIN_NAMED_STEMS = 2
MIN_UNNAMED_STEMS = 4
KEY_WINDOW = 3
MAX_CANDIDATES = 10
MAX_KEYS = 120
PER_KEY = 50
MAX_COMPARED_MEMBERS = 8
PLACE_WEIGHT = 0.5
# cosine + PLACE_WEIGHT * (1 - distance of places) a cross-language pair must reach
# (0.6 before split quotes were one utterance: NTREX B-cubed F1 0.950 -> 0.952, P 0.961 -> 0.982)
MIN_QUOTE_SCORE = 0.7
MIN_MERGE_SCORE = 0.9  # a second cluster matched this well is merged (calibrated: newsroom)
# across languages, a quote of fewer words joins only on a cosine of its own
MIN_CROSS_WORDS = 7
MIN_SHORT_COSINE = 0.3
MAX_UTTERANCE_GAP = 120
# between two parts of one utterance: no line break and no end of a sentence
UTTERANCE_BREAK = re.compile(r"\n|[.!?…][\"'”»“]?\s+[\"'“„«‚]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ]")
ANY = "*"
UNNAMED = "0"
# a quote's place in its article for ``utterances``: start, end, speaker, whether direct
QuotePlace = tuple[int | None, int | None, int | None, bool]


@dataclass(frozen=True, slots=True)
class Quote:
    attribution_id: int
    article_id: str
    content: str
    person_id: int | None
    language: str | None
    published: str | None
    place: float = 0.0  # where the quote starts, as a share of its article's length
    # quotes of one sentence, parts of one utterance ("…," he said, "…"), share a number
    utterance: int | None = None


def utterances(text: str, quotes: Sequence[QuotePlace]) -> list[int]:
    """Which quotes of an article are parts of one utterance: ``quotes`` in text order; a
    direct quote continues the direct quote before when only a short stretch of one
    sentence parts them (``"…," he said, "…"``: no line break, no sentence end, at most
    ``MAX_UTTERANCE_GAP`` characters) and their speakers do not differ."""
    found: list[int] = []
    for n, (start, _end, speaker, direct) in enumerate(quotes):
        if n and start is not None and direct:
            _, before_end, before_speaker, before_direct = quotes[n - 1]
            # from the last letters of the quote before (its own full stop ends a sentence)
            # to the next quote's first (a capital there starts one)
            gap = text[max(0, before_end - 2) : start + 1] if before_end is not None else "\n"
            if (
                before_direct
                and 0 <= start - (before_end or 0) <= MAX_UTTERANCE_GAP
                and not UTTERANCE_BREAK.search(gap)
                and not (speaker and before_speaker and speaker != before_speaker)
            ):
                found.append(found[-1])
                continue
        found.append(n)
    return found


def article_quotes(
    db: Database,
    article: tuple[str, str, str | None, str | None],
    origins: tuple[str, ...] | None = None,
) -> list[Quote]:
    """The quotes of ``article`` (id, text, language, published) to cluster, in the order of
    their attributions, each with its place and its utterance; ``origins``: only the
    attributions of these origins (None: all)."""
    article_id, text, language, published = article
    rows = [
        row
        for row in db.execute(
            "SELECT attributions.id, content, person_id, attributions.origin, 1.0 * "
            "COALESCE(content_start, 0) / MAX(articles.length, 1), content_start, "
            "content_end, attributions.kind = 'direct' FROM attributions JOIN articles ON "
            "articles.id = attributions.article_id WHERE article_id = ? ORDER BY position",
            [article_id],
        ).fetchall()
        if (row[1] or "").strip() and (origins is None or row[3] in origins)
    ]
    in_text = sorted(range(len(rows)), key=lambda n: (rows[n][5] is None, rows[n][5] or 0))
    parts = utterances(
        text, [(rows[n][5], rows[n][6], rows[n][2], bool(rows[n][7])) for n in in_text]
    )
    utterance = {in_text[k]: part for k, part in enumerate(parts)}
    return [
        Quote(row[0], article_id, row[1], row[2], language, published, float(row[4]),
              utterance[n])
        for n, row in enumerate(rows)
    ]  # fmt: skip


def stem_pairs(stems: Sequence[str]) -> set[str]:
    if len(stems) == 1:
        return {stems[0]}
    pairs = set()
    for i, first in enumerate(stems):
        for second in stems[i + 1 : i + 1 + KEY_WINDOW]:
            if first != second:
                pairs.add("|".join(sorted((first, second))))
    return pairs


def containment(a: set[str], b: set[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


class Clusterer:
    """Adds the quotes of one article at a time to the clusters of the corpus."""

    def __init__(self, db: Database, main_language: str | None = None) -> None:
        self.db = db
        self.merged: dict[int, int] = {}  # a cluster merged into another: the other
        # an undated cluster is labelled in the corpus's main language where it can be
        self.main_language = main_language
        self.surnames: dict[int, str | None] = {}

    def add_article(
        self,
        quotes: Sequence[Quote],
        translated_from: dict[str, float | None],
        copy_of: Sequence[str] = (),
    ) -> int:
        """Cluster ``quotes`` (one article's); returns how many joined an existing cluster.

        ``translated_from``: its translated copies, each with its link's confidence.

        ``copy_of``: the same-language articles it is a copy of; a quote worded exactly as
        one of theirs joins that one's cluster at once (no key lookups: a story with many
        copies costs no more per copy).
        """
        joined = 0
        cross = self._cross_language(quotes, translated_from) if translated_from else {}
        verbatim = self._verbatim(copy_of) if copy_of else {}
        utterances: dict[int, int] = {}  # an utterance's cluster, from its first part
        for quote in quotes:
            exact, same_speaker = self._exact(verbatim, quote)
            # clusters merged by an earlier quote of this article live on in the one kept
            matches = list(
                dict.fromkeys(self._kept(c) for c in cross.get(quote.attribution_id, []))
            )
            exact = None if exact is None else self._kept(exact)
            cluster = (matches[0] if matches else None) or exact or self._same_language(quote)
            earlier = None if quote.utterance is None else utterances.get(quote.utterance)
            if earlier is not None and self._kept(earlier) != cluster:
                # a later part of an utterance: with its first part (their clusters are one)
                if cluster is not None:
                    matches.append(cluster)
                cluster = self._kept(earlier)
            if cluster is None:
                cluster = self._new_cluster(quote)
            else:
                joined += 1
            self._join(cluster, quote, keys=not (exact == cluster and same_speaker))
            others = [c for c in matches if c != cluster]
            if others:
                self._merge(cluster, others)
            if quote.utterance is not None:
                utterances.setdefault(quote.utterance, cluster)
        return joined

    def _verbatim(self, articles: Sequence[str]) -> dict[str, list[tuple[int, int | None]]]:
        """The clustered quotes of ``articles``: content -> [(cluster, its speaker)]."""
        placeholders = ",".join("?" * len(articles))
        found: dict[str, list[tuple[int, int | None]]] = {}
        for content, cluster_id, person_id in self.db.execute(
            "SELECT attributions.content, cluster_members.cluster_id, clusters.person_id "
            "FROM attributions JOIN cluster_members ON cluster_members.attribution_id = "
            "attributions.id JOIN clusters ON clusters.id = cluster_members.cluster_id "
            f"WHERE attributions.article_id IN ({placeholders}) ORDER BY attributions.id",
            list(articles),
        ):
            found.setdefault(" ".join((content or "").split()), []).append(
                (int(cluster_id), person_id)
            )
        return found

    @staticmethod
    def _exact(
        verbatim: dict[str, list[tuple[int, int | None]]], quote: Quote
    ) -> tuple[int | None, bool]:
        """The cluster of a quote worded the same (speakers compatible), and whether its
        speaker is the quote's own."""
        for cluster_id, speaker in verbatim.get(" ".join(quote.content.split()), []):
            if not (quote.person_id and speaker and speaker != quote.person_id):
                return cluster_id, speaker == quote.person_id
        return None, False

    # ------------------------------------------------------------------ matching

    def _same_language(self, quote: Quote) -> int | None:
        stems = content_stems(quote.content, quote.language)
        need = MIN_NAMED_STEMS if quote.person_id else MIN_UNNAMED_STEMS
        if len(set(stems)) < need:
            return None
        pairs = stem_pairs(stems)
        prefixes = [str(quote.person_id), UNNAMED] if quote.person_id else [ANY]
        keys = sorted(f"{p}|{pair}" for p in prefixes for pair in pairs)[:MAX_KEYS]
        # each key reads at most PER_KEY clusters (the latest): the cost stays flat even
        # for a pair of common words that thousands of clusters share
        per_key = (
            f"SELECT * FROM (SELECT cluster_id FROM cluster_keys WHERE key = ? "
            f"ORDER BY cluster_id DESC LIMIT {PER_KEY})"
        )
        hits: Counter[int] = Counter()
        for start in range(0, len(keys), 100):
            chunk = keys[start : start + 100]
            union = " UNION ALL ".join([per_key] * len(chunk))
            hits.update(row[0] for row in self.db.execute(union, chunk))
        candidates = [
            (cluster_id,)
            for cluster_id, _ in sorted(hits.items(), key=lambda item: (-item[1], item[0]))[
                :MAX_CANDIDATES
            ]
        ]
        mine = set(stems)
        best: tuple[float, int] | None = None
        for (cluster_id,) in candidates:
            speaker = self._cluster_person(cluster_id)
            if quote.person_id and speaker and speaker != quote.person_id:
                continue
            for (content,) in self.db.execute(
                "SELECT attributions.content FROM cluster_members JOIN attributions "
                "ON attributions.id = cluster_members.attribution_id "
                "WHERE cluster_members.cluster_id = ? AND cluster_members.language IS ? "
                f"ORDER BY cluster_members.attribution_id LIMIT {MAX_COMPARED_MEMBERS}",
                [cluster_id, quote.language],
            ):
                theirs = set(content_stems(content, quote.language))
                floor = MIN_NAMED_STEMS if quote.person_id and speaker else MIN_UNNAMED_STEMS
                if min(len(theirs), len(mine)) < floor:
                    continue
                score = containment(mine, theirs)
                if score >= MIN_CONTAINMENT and (best is None or score > best[0]):
                    best = (score, cluster_id)
        return None if best is None else best[1]

    def _cross_language(
        self, quotes: Sequence[Quote], others: dict[str, float | None]
    ) -> dict[int, list[int]]:
        """Quotes of this article matched to quotes of its translated copies (mutual best);
        ``others``: each translated copy's link confidence."""
        placeholders = ",".join("?" * len(others))
        theirs = self.db.execute(
            "SELECT cluster_members.cluster_id, attributions.content, clusters.person_id, "
            "1.0 * COALESCE(attributions.content_start, 0) / MAX(articles.length, 1), "
            "cluster_members.article_id, cluster_members.language FROM cluster_members "
            "JOIN attributions ON "
            "attributions.id = cluster_members.attribution_id JOIN clusters ON clusters.id = "
            "cluster_members.cluster_id JOIN articles ON articles.id = "
            f"cluster_members.article_id WHERE cluster_members.article_id IN ({placeholders}) "
            "ORDER BY cluster_members.attribution_id",
            list(others),
        ).fetchall()
        theirs = [(*row, others[row[4]]) for row in theirs]  # ..., language, link confidence
        if not theirs or not quotes:
            return {}
        mine = encode([q.content for q in quotes])
        other = encode([row[1] for row in theirs])
        cosines = mine @ other.T
        # a short quote ("So are we") is near anything short: it needs a cosine of its own,
        # not its place in the article
        short_mine = np.array([len(q.content.split()) < MIN_CROSS_WORDS for q in quotes])
        short_theirs = np.array([len(row[1].split()) < MIN_CROSS_WORDS for row in theirs])
        short = short_mine[:, None] | short_theirs[None, :]
        cosines = np.where(short & (cosines < MIN_SHORT_COSINE), -9.0, cosines)
        # a translation keeps the order of its quotes: nearby places add to the cosine
        places = np.array([q.place for q in quotes])[:, None]
        theirs_places = np.array([float(row[3]) for row in theirs])[None, :]
        scores = cosines + PLACE_WEIGHT * (1.0 - np.abs(places - theirs_places))
        # each linked article on its own: a quote and its translation are each other's best
        # there; the clusters a quote matches in several articles are one utterance
        matched: dict[int, list[tuple[float, int]]] = {}
        columns: dict[str, list[int]] = {}
        for j, row in enumerate(theirs):
            columns.setdefault(row[4], []).append(j)
        for article_columns in columns.values():
            block = scores[:, article_columns]
            for i, quote in enumerate(quotes):
                k = int(np.argmax(block[i]))
                if block[i, k] < MIN_QUOTE_SCORE or int(np.argmax(block[:, k])) != i:
                    continue
                cluster_id, _, speaker, _, _, language, _ = theirs[article_columns[k]]
                across = language != quote.language
                if not self._same_person(quote.person_id, speaker, by_surname=across):
                    continue
                matched.setdefault(quote.attribution_id, []).append(
                    (float(block[i, k]), int(cluster_id))
                )
        # the best match joins; another merges its cluster only on a strong match
        return {
            attribution_id: list(
                dict.fromkeys(
                    c
                    for n, (score, c) in enumerate(sorted(found, reverse=True))
                    if n == 0 or score >= MIN_MERGE_SCORE
                )
            )
            for attribution_id, found in matched.items()
        }

    def _kept(self, cluster_id: int) -> int:
        while cluster_id in self.merged:
            cluster_id = self.merged[cluster_id]
        return cluster_id

    def _merge(self, keep: int, others: Sequence[int]) -> None:
        """Fold the clusters ``others`` into ``keep`` (one quote matched members of each:
        they report one utterance), unless their speakers differ."""
        speaker = self._cluster_person(keep)
        for other in others:
            if other == keep:
                continue
            theirs = self._cluster_person(other)
            if not self._same_person(speaker, theirs, by_surname=False):
                continue
            size = self.db.execute("SELECT size FROM clusters WHERE id = ?", [other]).fetchone()
            if size is None:
                continue
            self.db.execute(
                "UPDATE cluster_members SET cluster_id = ? WHERE cluster_id = ?", [keep, other]
            )
            label, language, published = self.db.execute(
                "SELECT label, language, first_published FROM clusters WHERE id = ?", [other]
            ).fetchone()
            self._relabel(keep, label, language, published)
            self.db.execute(
                "UPDATE clusters SET size = size + ?, person_id = COALESCE(person_id, ?), "
                "first_published = CASE WHEN first_published IS NULL OR (? IS NOT NULL AND "
                "? < first_published) THEN ? ELSE first_published END WHERE id = ?",
                [size[0], theirs, *[published] * 3, keep],
            )
            self.db.execute(
                "UPDATE OR IGNORE cluster_keys SET cluster_id = ? WHERE cluster_id = ?",
                [keep, other],
            )
            self.db.execute("DELETE FROM cluster_keys WHERE cluster_id = ?", [other])
            self.db.execute("DELETE FROM clusters WHERE id = ?", [other])
            self.merged[other] = keep
            speaker = speaker or theirs

    def _relabel(
        self, cluster_id: int, label: str, language: str | None, published: str | None
    ) -> None:
        """Label the cluster with ``label`` when that wording came first: it is dated
        earlier than the cluster's first date, or, no member being dated, it is in the
        corpus's main language and the label is not (before its date is stored)."""
        row = self.db.execute(
            "SELECT language, first_published FROM clusters WHERE id = ?", [cluster_id]
        ).fetchone()
        if row is None:
            return
        current_language, first = row
        earlier = published is not None and (first is None or published < first)
        main = self.main_language
        undated_main = (
            first is None
            and published is None
            and main is not None
            and language == main
            and current_language != main
        )
        if earlier or undated_main:
            self.db.execute(
                "UPDATE clusters SET label = ?, language = ? WHERE id = ?",
                [label, language, cluster_id],
            )

    # ------------------------------------------------------------------ writing

    def _same_person(self, one: int | None, other: int | None, *, by_surname: bool) -> bool:
        """Whether two speakers may be one: either unknown, the same identity, or, with
        ``by_surname`` (a quote and its translation, matched as one utterance), two persons
        of one surname (a German article's "Wladimir Putin", an English one's "Vladimir
        Putin"); never two of one surname in one language (Bill and Hillary Clinton)."""
        if not one or not other or one == other:
            return True
        if not by_surname:
            return False
        surnames = [self._surname(one), self._surname(other)]
        return surnames[0] is not None and surnames[0] == surnames[1]

    def _surname(self, person_id: int) -> str | None:
        if person_id not in self.surnames:
            row = self.db.execute(
                "SELECT surname FROM people WHERE id = ? AND kind = 'person'", [person_id]
            ).fetchone()
            self.surnames[person_id] = row[0] if row and row[0] else None
        return self.surnames[person_id]

    def _cluster_person(self, cluster_id: int) -> int | None:
        row = self.db.execute(
            "SELECT person_id FROM clusters WHERE id = ?", [cluster_id]
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def _new_cluster(self, quote: Quote) -> int:
        cursor = self.db.execute(
            "INSERT INTO clusters (person_id, label, size, first_published, language) "
            "VALUES (?, ?, 0, ?, ?)",
            [quote.person_id, " ".join(quote.content.split()), quote.published, quote.language],
        )
        return int(cursor.lastrowid or 0)

    def _join(self, cluster_id: int, quote: Quote, keys: bool = True) -> None:
        """Add ``quote`` to the cluster; ``keys``: store its keys (not needed when the cluster
        already holds a quote worded the same, whose keys are there)."""
        self.db.execute(
            "INSERT OR REPLACE INTO cluster_members "
            "(attribution_id, cluster_id, article_id, language) VALUES (?, ?, ?, ?)",
            [quote.attribution_id, cluster_id, quote.article_id, quote.language],
        )
        self._relabel(cluster_id, " ".join(quote.content.split()), quote.language, quote.published)
        self.db.execute(
            "UPDATE clusters SET person_id = COALESCE(person_id, ?), first_published = CASE "
            "WHEN first_published IS NULL OR (? IS NOT NULL AND ? < first_published) THEN ? "
            "ELSE first_published END WHERE id = ?",
            [quote.person_id, quote.published, quote.published, quote.published, cluster_id],
        )
        if not keys:
            return
        pairs = stem_pairs(content_stems(quote.content, quote.language))
        prefix = str(quote.person_id) if quote.person_id else UNNAMED
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO cluster_keys (key, cluster_id) VALUES (?, ?)",
            [(f"{p}|{pair}", cluster_id) for p in (prefix, ANY) for pair in pairs],
        )
