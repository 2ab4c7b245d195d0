"""German word lists: speech-report cues, Konjunktiv I forms, quotation marks.

The cue lexicon is a data file (``data/cues.txt``) so that it can be read and
extended without touching code; everything else here is small and closed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ... import marks as m

MONTHS = frozenset(
    {
        "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli",
        "August", "September", "Oktober", "November", "Dezember",
    }
)  # fmt: skip

ABBREVIATIONS = frozenset(
    {
        "dr", "prof", "ca", "st", "bzw", "nr", "vgl", "etc", "usw", "inkl", "evtl",
        "mio", "mrd", "bzgl", "ggf", "hl", "jh", "jr", "sen", "abs", "art", "min",
        "max", "mr", "mrs", "ms", "dipl", "ing", "str", "tel", "zzgl", "gen",
    }
)  # fmt: skip

# Marks that open a quotation, close one, or may do either (straight quotes; "“"
# closes a German „…“ but opens an English “…”).
OPENING_MARKS = frozenset(
    {m.LOW_DOUBLE, m.RIGHT_GUILLEMET, m.LOW_SINGLE, m.LEFT_GUILLEMET, m.ASCII_OPEN}
)
CLOSING_MARKS = frozenset(
    {m.RIGHT_DOUBLE, m.LEFT_GUILLEMET, m.LEFT_SINGLE, m.RIGHT_GUILLEMET, m.RIGHT_SINGLE}
)
AMBIGUOUS_MARKS = frozenset({m.STRAIGHT_DOUBLE, m.ASCII_CLOSE, m.LEFT_DOUBLE, m.STRAIGHT_SINGLE})
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS | AMBIGUOUS_MARKS
# the partner of an opening mark (German and French guillemets both occur: »…« and «…»)
CLOSER_OF = {
    m.LOW_DOUBLE: m.LEFT_DOUBLE,
    m.RIGHT_GUILLEMET: m.LEFT_GUILLEMET,
    m.LEFT_GUILLEMET: m.RIGHT_GUILLEMET,
    m.LOW_SINGLE: m.LEFT_SINGLE,
    m.LEFT_DOUBLE: m.RIGHT_DOUBLE,
    m.STRAIGHT_DOUBLE: m.STRAIGHT_DOUBLE,
    m.ASCII_CLOSE: m.ASCII_CLOSE,
    m.ASCII_OPEN: m.ASCII_CLOSE,
}

# Konjunktiv I (and the Konjunktiv II that stands in for it) of the verbs that carry
# most reported speech: "er sei", "sie habe", "es werde", "man könne"
SUBJUNCTIVE_FORMS = frozenset(
    {
        "sei", "seien", "seiest", "habe", "habest", "werde", "werdest", "könne",
        "könnest", "müsse", "müssest", "solle", "sollest", "wolle", "wollest",
        "dürfe", "möge", "wisse", "gebe", "gehe", "komme", "stehe", "liege",
        "wäre", "wären", "hätte", "hätten", "würde", "würden", "könnte", "könnten",
        "müsste", "müssten", "sollte", "sollten", "gäbe", "brauche", "bleibe",
        "lasse", "sehe", "halte", "mache", "plane", "arbeite", "handle", "fehle",
    }
)  # fmt: skip
# Pronouns and articles after which a verb in -e is read as Konjunktiv I ("er plane")
THIRD_PERSON = frozenset({"er", "sie", "es", "man", "dies", "das", "dieser", "diese"})
# Words that introduce a source without a verb: "laut X", "X zufolge", "nach Angaben von X"
SOURCE_PREPOSITIONS = frozenset({"laut", "zufolge", "gemäß", "demnach", "wonach", "nach"})
SOURCE_NOUNS = frozenset(
    {
        "angaben", "aussage", "aussagen", "ansicht", "meinung", "worten", "informationen",
        "berichten", "bericht", "einschätzung", "darstellung", "auffassung", "schätzungen",
        "medienberichten", "polizeiangaben", "erkenntnissen", "mitteilung", "sprecher",
    }
)  # fmt: skip
# Nouns that name people by role: likely heads of a speaker phrase
ROLE_NOUNS = frozenset(
    {
        "sprecher", "sprecherin", "präsident", "präsidentin", "minister", "ministerin",
        "kanzler", "kanzlerin", "chef", "chefin", "polizei", "regierung", "behörde",
        "behörden", "experten", "experte", "vorsitzende", "vorsitzender", "direktor",
        "leiter", "leiterin", "bürgermeister", "agentur", "zeitung",
        "ministerium", "staatsanwaltschaft", "gericht", "unternehmen", "partei",
    }
)  # fmt: skip


# Heads of German compounds that name a person or body by role: "Regierungssprecher",
# "Außenministerin", "Parteichef", "Staatsanwaltschaft" (a token ending in one)
ROLE_HEADS = (
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin",
    "kanzler", "kanzlerin", "chef", "chefin", "vorsitzende", "vorsitzender", "leiter",
    "leiterin", "experte", "experten", "abgeordnete", "abgeordneter", "vertreter",
    "vertreterin", "direktor", "direktorin", "anwalt", "anwältin", "anwaltschaft",
    "richter", "trainer", "sekretär", "botschafter", "führer", "polizei", "behörde",
    "behörden", "regierung", "ministerium", "agentur", "zeitung", "medien", "kritiker",
    "forscher", "wissenschaftler", "beobachter", "zeugen", "professor", "gewerkschaft",
    "verband", "partei", "fraktion", "amt", "gericht", "bürgermeister", "magazin",
)  # fmt: skip


@cache
def cue_lexicon() -> dict[str, str]:
    """Cue word forms (lowercase) to their lemma, from ``data/cues.txt``.

    Each line is ``lemma: form form ...``; ``#`` starts a comment.
    """
    forms: dict[str, str] = {}
    text = resources.files(__package__).joinpath("data", "cues.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        lemma, _, rest = line.partition(":")
        for form in [lemma, *rest.split()]:
            forms.setdefault(form.strip().lower(), lemma.strip().lower())
    return forms


def is_subjunctive(word: str, previous: str | None) -> bool:
    """Konjunktiv I (or its Konjunktiv II stand-in) by form, or a verb in -e after a
    third-person subject ("er plane", "sie wolle")."""
    lower = word.lower()
    if lower in SUBJUNCTIVE_FORMS:
        return True
    return (
        previous is not None
        and previous.lower() in THIRD_PERSON
        and word.islower()
        and lower.endswith("e")
        and len(lower) > 3
    )
