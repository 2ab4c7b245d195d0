"""What the repair stage does: one frozen config with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RepairConfig:
    """What :func:`repair` does; every default is the setting the pipeline uses.

    - ``fix_mojibake``: repair mis-decoded UTF-8, one suspicious segment at a time.
    - ``normalize_newlines``: ``\\r\\n``, ``\\r``, ``\\v``, ``\\f``, U+2028 and
      U+2029 become ``\\n``.
    - ``remove_control_characters``: drop C0/C1 controls other than tab and line
      breaks, and invisible format characters (BOM, zero-width space, soft hyphen,
      bidi embedding controls).
    - ``normalize_spaces``: no-break and other Unicode spaces become ``" "``.
    - ``drop_boilerplate``: drop whole lines of page furniture.
    - ``drop_duplicate_headlines``: drop kicker/subtitle lines that repeat the title.
    - ``flag_mt_breaks``: flag likely machine-translation breaks (nothing is edited).
    - ``title_max_words``: the longest first line still taken as a headline.
    - ``headline_window``: how many non-blank lines after the title may repeat it
      (the search also stops at the first line longer than the title that does not
      repeat it: the body has begun).
    - ``headline_similarity``: rapidfuzz ``ratio`` (0–100) from which a line
      repeats the title or one part of it (parts are split at ``:`` ``;`` ``|``
      and dashes).
    - ``headline_partial_similarity``: rapidfuzz ``partial_ratio`` from which a
      shorter line of at least three words repeats a stretch of the title.
    - ``boilerplate_max_words``: longer lines are never taken for furniture.
    - ``max_mojibake_segment``: longest run of characters handed to ftfy at once;
      longer suspicious words are repaired run by run.
    - ``flag_furniture``: flag datelines ("WASHINGTON (AP) —") and teasers ("MORE: ...")
      inside paragraphs (nothing is edited).
    - ``reflow_hard_wraps``: join the lines of paragraphs hard-wrapped at a fixed
      width (e-mail, newsletters, PDF extractions) with spaces; see :mod:`.reflow`.
    - ``reflow_min_lines``: the fewest non-blank lines a text needs before its
      line lengths are taken as evidence of hard wrapping.
    """

    fix_mojibake: bool = True
    normalize_newlines: bool = True
    remove_control_characters: bool = True
    normalize_spaces: bool = True
    drop_boilerplate: bool = True
    drop_duplicate_headlines: bool = True
    flag_mt_breaks: bool = True
    title_max_words: int = 30
    headline_window: int = 4
    headline_similarity: float = 85.0
    headline_partial_similarity: float = 90.0
    boilerplate_max_words: int = 30
    max_mojibake_segment: int = 40
    flag_furniture: bool = True
    reflow_hard_wraps: bool = True
    reflow_min_lines: int = 6


DEFAULT_CONFIG = RepairConfig()
