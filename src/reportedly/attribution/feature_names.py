"""The names of the tagger's features: their strings when training, their rows in
the model's weights at inference.

:mod:`.features` builds every feature of a token once, in one place, and names it
through a :class:`FeatureNames`: with :data:`FEATURE_STRINGS` each feature is the
string crfsuite trains on ("t=NNP"); with :func:`feature_rows` it is that string's row
in a model's weights, so that tagging never builds a string twice nor looks one up
(issue 10's sixth round: the attribution stage over PolNeAR dev about 2.2 -> 1.5 s).
Each family of names (one feature template: tags, words, tag bigrams, ...) makes a
value's name once and keeps it, within a budget shared by all of a model's families.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

# what a feature is named by: its string (training) or its row in a model (inference)
T = TypeVar("T", str, int)

# how many names all the families of one FeatureNames keep together: past it they are
# all forgotten and made again as needed, so that a long run over a corpus stays small
# (about 100 bytes a name; PolNeAR dev's 84 articles need about 150,000)
CACHED_NAMES = 1 << 18


class NameBudget:
    """How many names a set of families keeps in all (:data:`CACHED_NAMES`)."""

    __slots__ = ("families", "kept", "limit")

    def __init__(self, limit: int | None = None) -> None:
        self.families: list[dict[Any, Any]] = []
        self.kept = 0
        self.limit = CACHED_NAMES if limit is None else limit

    def values(self, prefix: str, make: Callable[[str], T]) -> Names[T]:
        """A family of names ``prefix + value`` kept under this budget."""
        family = Names(prefix, make, self)
        self.families.append(family)
        return family

    def pairs(self, prefix: str, make: Callable[[str], T], separator: str = "|") -> NamePairs[T]:
        """A family of names ``prefix + first + separator + second`` under this budget."""
        family = NamePairs(prefix, make, separator, self)
        self.families.append(family)
        return family

    def keep_one(self) -> None:
        """Count a name about to be kept; past the limit, every family first forgets all
        of its names."""
        if self.kept >= self.limit:
            self.kept = 0
            for family in self.families:
                family.clear()
        self.kept += 1


class Names(dict[Any, T]):
    """The name of each value of one feature family, made once and kept.

    A feature is ``prefix + value`` ("t=NNP"). When training, its name is that
    string; at inference it is the feature's row in the model's weights
    (:func:`feature_rows`), so that the tagger never builds the string again for a
    value it has seen, and never looks it up. The same code builds both
    (:func:`.features.sequence_features`, :func:`.features.sequence_rows`), so they
    cannot disagree.
    """

    __slots__ = ("budget", "make", "prefix")
    prefix: str
    make: Callable[[str], T]
    budget: NameBudget

    def __init__(
        self, prefix: str, make: Callable[[str], T], budget: NameBudget | None = None
    ) -> None:
        super().__init__()
        self.prefix = prefix
        self.make = make
        if budget is None:
            budget = NameBudget()
            budget.families.append(self)
        self.budget = budget

    def __missing__(self, value: Any) -> T:
        name = self.make(self.prefix + str(value))
        self.budget.keep_one()
        self[value] = name
        return name


class NamePairs(dict[str, Names[T]]):
    """The names of a family of value pairs: ``prefix + first + separator + second``,
    looked up as ``pairs[first][second]``."""

    __slots__ = ("budget", "make", "prefix", "separator")
    prefix: str
    separator: str
    make: Callable[[str], T]
    budget: NameBudget

    def __init__(
        self,
        prefix: str,
        make: Callable[[str], T],
        separator: str = "|",
        budget: NameBudget | None = None,
    ) -> None:
        super().__init__()
        self.prefix = prefix
        self.separator = separator
        self.make = make
        if budget is None:
            budget = NameBudget()
            budget.families.append(self)
        self.budget = budget

    def __missing__(self, first: str) -> Names[T]:
        # the second values' names count against the same budget, and go with this one
        self.budget.keep_one()
        names = self[first] = Names(self.prefix + first + self.separator, self.make, self.budget)
        return names


# the window's neighbours: offset and the name it has in a feature
WINDOW_OFFSETS = ((-2, "-2"), (-1, "-1"), (1, "1"), (2, "2"))


@dataclass(frozen=True, slots=True)
class FeatureNames(Generic[T]):
    """Every feature family of :func:`.features.sequence_features`, by what it describes.

    ``flag`` names the features without a value ("b" for bias, "sq", "sent_start",
    "sent_end"); the ``neighbour_*`` families hold one family per window offset
    (-2, -1, +1, +2).
    """

    flag: Names[T]
    word: Names[T]
    lemma: Names[T]
    tag: Names[T]
    dep: Names[T]
    shape: Names[T]
    suffix: Names[T]
    entity: Names[T]
    tag_dep: NamePairs[T]
    share: Names[T]
    head_lemma: Names[T]
    head_pos_dep: NamePairs[T]
    head_share: Names[T]
    kid: Names[T]
    cue_kid: Names[T]
    lemma_kid: NamePairs[T]
    subject: Names[T]
    governor: Names[T]
    governor_side: Names[T]
    governor_depth: Names[T]
    governor_lemma: NamePairs[T]
    weak_governor: NamePairs[T]
    edge_start: Names[T]
    edge_end: Names[T]
    quote: Names[T]
    quote_tag: NamePairs[T]
    left_cue: Names[T]
    right_cue: Names[T]
    paragraph: Names[T]
    iob: Names[T]
    word_class: Names[T]
    word_class_before: Names[T]
    word_class_after: Names[T]
    neighbour_word: tuple[Names[T], ...]
    neighbour_tag: tuple[Names[T], ...]
    neighbour_quote: tuple[Names[T], ...]
    neighbour_share: tuple[Names[T], ...]
    word_bigram_before: NamePairs[T]
    tag_bigram_before: NamePairs[T]
    dep_before: Names[T]
    word_bigram_after: NamePairs[T]
    tag_bigram_after: NamePairs[T]
    dep_after: Names[T]


# each family's prefix, or (prefix, separator) for a family of pairs; the names the
# shipped model was trained with, so they must not change
_PREFIXES: dict[str, str | tuple[str, str]] = {
    "flag": "",
    "word": "w=",
    "lemma": "l=",
    "tag": "t=",
    "dep": "d=",
    "shape": "sh=",
    "suffix": "suf=",
    "entity": "e=",
    "tag_dep": ("t|d=", "|"),
    "share": "cr=",
    "head_lemma": "hl=",
    "head_pos_dep": ("hp|d=", "|"),
    "head_share": "hcr=",
    "kid": "k=",
    "cue_kid": "ck=",
    "lemma_kid": ("l|k=", "|"),
    "subject": "subj=",
    "governor": "gov=",
    "governor_side": "gov|s=",
    "governor_depth": "gov|dd=",
    "governor_lemma": ("gov|l=", "|"),
    "weak_governor": ("gw=", "|"),
    "edge_start": "as=",
    "edge_end": "ae=",
    "quote": "q=",
    "quote_tag": ("q|t=", ""),  # "q|t=0NNP", as trained
    "left_cue": "lc=",
    "right_cue": "rc=",
    "paragraph": "p=",
    "iob": "ei=",
    "word_class": "wc=",
    "word_class_before": "wc-1=",
    "word_class_after": "wc+1=",
    "word_bigram_before": ("w-1|w=", "|"),
    "tag_bigram_before": ("t-1|t=", "|"),
    "dep_before": "d-1=",
    "word_bigram_after": ("w|w+1=", "|"),
    "tag_bigram_after": ("t|t+1=", "|"),
    "dep_after": "d+1=",
}
_NEIGHBOUR_PREFIXES = {
    "neighbour_word": "w{}=",
    "neighbour_tag": "t{}=",
    "neighbour_quote": "q{}=",
    "neighbour_share": "cr{}=",
}


def feature_names(make: Callable[[str], T]) -> FeatureNames[T]:
    """Every family, each feature named ``make(feature string)``."""
    budget = NameBudget()
    families: dict[str, Any] = {}
    for field, prefix in _PREFIXES.items():
        if isinstance(prefix, tuple):
            families[field] = budget.pairs(prefix[0], make, prefix[1])
        else:
            families[field] = budget.values(prefix, make)
    for field, template in _NEIGHBOUR_PREFIXES.items():
        families[field] = tuple(
            budget.values(template.format(name), make) for _offset, name in WINDOW_OFFSETS
        )
    return FeatureNames(**families)


def feature_rows(rows: Mapping[str, int], unknown: int) -> FeatureNames[int]:
    """Every family, each feature named by its row in a model's weights (``rows``;
    ``unknown`` for a feature the model does not know)."""
    return feature_names(row_lookup(rows, unknown))


def row_lookup(rows: Mapping[str, int], unknown: int) -> Callable[[str], int]:
    """A feature string's row in ``rows``, ``unknown`` for a string not there."""
    table = _RowTable(rows)
    table.unknown = unknown
    # a bound dict method: no Python call for each name made
    return table.__getitem__


class _RowTable(dict[str, int]):
    """A model's rows by feature name; a name it does not know is ``unknown``'s row."""

    __slots__ = ("unknown",)
    unknown: int

    def __missing__(self, name: str) -> int:
        return self.unknown


# the feature strings themselves (training, and models read by crfsuite)
FEATURE_STRINGS: FeatureNames[str] = feature_names(str)
