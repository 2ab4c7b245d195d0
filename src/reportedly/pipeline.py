"""One article end to end: repair -> nlp -> attribution -> claims -> signals.

Everything below works on the repaired text; the last step maps every span back
to the input with the repair's :class:`~reportedly.offsets.OffsetMap`.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any, Literal, overload

from .attribution.syntax import remember_text
from .claims.extract import extract_claims
from .config import DEFAULT_ANALYSIS, AnalysisConfig, Mode, analysis_version
from .errors import AnalysisTimeout, ArticleTooLongError
from .failures import FATAL, AnalysisFailure, isolate_failures
from .languages import LanguageChoice, choose_language
from .nlp import CHUNK_CHARS, load_nlp, start_sentence_after
from .records import Analysis, Attribution, Claim, Span, SpanMapper
from .repair import RepairResult, repair, title_in_input
from .signal_records import Signals
from .signals.compute import compute_signals, merge_signals
from .workers import stop_pool, watch_parent

if TYPE_CHECKING:
    from spacy.tokens import Doc


# the version of the shipped analysis (the default AnalysisConfig); see config.analysis_version
ANALYSIS_VERSION = analysis_version(DEFAULT_ANALYSIS)
# Articles handed to a worker process at a time by analyze_many.
BATCH_SIZE = 8
# The longest text analyzed, in characters: twice the readers' limit of one article
# (ReaderConfig.max_article_chars). Memory grows with the text (1,000,000 characters
# of news: 3.2 GiB at peak), so a longer "article" is a dump to split, not to parse.
MAX_ARTICLE_CHARS = 2_000_000
# The default time limit of one article: every stage is near-linear, and an article
# is analyzed at about 20,000 characters a second here, so this is many times what
# a sound article takes; it stops a pathological one rather than a slow machine.
BASE_TIME_LIMIT_S = 60.0
CHARS_PER_SECOND_AT_LEAST = 2_000


def time_limit_for(text: str) -> float:
    """Seconds an article of this length may take by default."""
    return BASE_TIME_LIMIT_S + len(text) / CHARS_PER_SECOND_AT_LEAST


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A piece of one repaired article that spaCy parses on its own."""

    article: int
    start: int  # offset of the chunk in the repaired text
    text: str


def split_into_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split at paragraph breaks (else line breaks, else spaces) into pieces of <= limit chars."""
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = window.rfind(sep)
            if cut > limit // 2:
                cut += len(sep)
                break
        if cut <= limit // 2:
            cut = limit
        chunks.append((start, text[start : start + cut]))
        start += cut
    chunks.append((start, text[start:]))
    return [piece for chunk in chunks for piece in _split_long_runs(*chunk)]


# spaCy's tokenizer takes quadratic time on one long whitespace-free token (a run of
# 20,000 quote marks takes minutes), so such runs are cut into pieces of this size
LONG_RUN = 1000
_LONG_RUN_RE = re.compile(rf"\S{{{2 * LONG_RUN},}}")


def _split_long_runs(start: int, text: str) -> list[tuple[int, str]]:
    cuts = [
        cut
        for match in _LONG_RUN_RE.finditer(text)
        for cut in range(match.start() + LONG_RUN, match.end(), LONG_RUN)
    ]
    if not cuts:
        return [(start, text)]
    bounds = [0, *cuts, len(text)]
    return [(start + a, text[a:b]) for a, b in pairwise(bounds) if b > a]


def analyze(
    text: str, config: AnalysisConfig = DEFAULT_ANALYSIS, *, mode: Mode | None = None
) -> Analysis:
    """Analyze one article as ``config`` says; every span of the result indexes ``text``.

    ``mode``: ``"accurate"`` or ``"fast"`` in place of ``config.mode`` (see
    :class:`~reportedly.config.AnalysisConfig`).

    ``config.time_limit``: seconds the analysis may take before it stops with
    :class:`~reportedly.errors.AnalysisTimeout` (default :func:`time_limit_for`
    the text; 0 for none). The limit is kept in the main thread of a POSIX
    process (a timer signal); elsewhere there is none. A text longer than
    :data:`MAX_ARTICLE_CHARS` is refused with
    :class:`~reportedly.errors.ArticleTooLongError`.

    ``config.language``: the text's language (ISO 639-1: "en", "de"); by default
    detected (:func:`~reportedly.languages.choose_language`).
    """
    return _analyze_batch_list([text], with_mode(config, mode))[0]


def with_mode(config: AnalysisConfig, mode: Mode | None) -> AnalysisConfig:
    """``config`` in ``mode`` (``None``: as it is)."""
    return config if mode is None or mode == config.mode else replace(config, mode=mode)


@overload
def analyze_many(
    texts: Iterable[str],
    config: AnalysisConfig = ...,
    *,
    n_process: int = ...,
    batch_size: int = ...,
    failures: Literal["raise"] = ...,
    mode: Mode | None = ...,
) -> Iterator[Analysis]: ...


@overload
def analyze_many(
    texts: Iterable[str],
    config: AnalysisConfig = ...,
    *,
    n_process: int = ...,
    batch_size: int = ...,
    failures: Literal["isolate"],
    mode: Mode | None = ...,
) -> Iterator[Analysis | AnalysisFailure]: ...


def analyze_many(
    texts: Iterable[str],
    config: AnalysisConfig = DEFAULT_ANALYSIS,
    *,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    failures: Literal["raise", "isolate"] = "raise",
    mode: Mode | None = None,
) -> Iterator[Analysis] | Iterator[Analysis | AnalysisFailure]:
    """Analyze many articles as ``config`` says, in order, on ``n_process`` processes
    (built on ``nlp.pipe``; the config travels to the workers with each batch).

    An article too long, past its time limit (``config.time_limit`` seconds each, as in
    :func:`analyze`) or breaking the analysis raises for its whole batch with
    ``failures="raise"``; with ``failures="isolate"`` that batch's articles are analysed
    one by one and a failing one is an :class:`~reportedly.failures.AnalysisFailure` in
    its place (:mod:`reportedly.failures`; a missing model is still raised). ``mode``:
    as in :func:`analyze`.
    """
    work = _analyze_batch_list if failures == "raise" else _analyze_batch_isolated
    return _analyze_many(texts, with_mode(config, mode), n_process, batch_size, work)


def _analyze_many(
    texts: Iterable[str],
    config: AnalysisConfig,
    n_process: int,
    batch_size: int,
    work: Callable[[list[str], AnalysisConfig], Sequence[Analysis | AnalysisFailure]],
) -> Iterator[Any]:
    if n_process <= 1:
        iterator = iter(texts)
        while batch := list(islice(iterator, batch_size)):
            yield from work(batch, config)
        return
    # the workers end with this process, even when it is killed (see .workers)
    pool = ProcessPoolExecutor(
        max_workers=n_process, initializer=watch_parent, initargs=(os.getpid(),)
    )
    try:
        iterator = iter(texts)
        pending: list[tuple[list[str], Future[Sequence[Analysis | AnalysisFailure]]]] = []
        # keep a bounded number of batches in flight so a huge corpus is streamed
        while True:
            while len(pending) < n_process * 2 and (batch := list(islice(iterator, batch_size))):
                pending.append((batch, pool.submit(work, batch, config)))
            if not pending:
                break
            batch, future = pending.pop(0)
            try:
                yield from future.result()
            except FATAL:
                raise
            except Exception:
                if work is _analyze_batch_list:
                    raise
                # the worker itself died (killed, out of memory): its articles one by one here
                yield from _analyze_batch_isolated(batch, config)
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: stop now
        stop_pool(pool)
        raise
    pool.shutdown()


def _analyze_batch_isolated(
    texts: list[str], config: AnalysisConfig
) -> list[Analysis | AnalysisFailure]:
    return isolate_failures(lambda batch: _analyze_batch_list(batch, config), texts)


def _analyze_batch_list(texts: list[str], config: AnalysisConfig) -> list[Analysis]:
    for text in texts:
        if len(text) > MAX_ARTICLE_CHARS:
            raise ArticleTooLongError(
                f"article too long ({len(text):,} characters; the limit is "
                f"{MAX_ARTICLE_CHARS:,}): split it into articles"
            )
    choices = [choose_language(text, config.language) for text in texts]
    english = [i for i, choice in enumerate(choices) if choice.language.analyzer is None]
    # loading the model is not the article's time; a batch with no English text needs none
    nlp = load_nlp(config=config) if english else None
    if config.time_limit is None:
        seconds = sum(time_limit_for(text) for text in texts)
    else:
        seconds = config.time_limit * len(texts)
    what = "the article" if len(texts) == 1 else f"a batch of {len(texts)} articles"
    with _time_limit(seconds, what):
        analysed: dict[int, Analysis] = {}
        if english:
            batch = _analyze_batch(nlp, [texts[i] for i in english], config)
            analysed = dict(zip(english, batch, strict=True))
        return [
            _with_warning(
                analysed[i] if i in analysed else choice.language.analyze(text, config), choice
            )
            for i, (text, choice) in enumerate(zip(texts, choices, strict=True))
        ]


def _with_warning(analysis: Analysis, choice: LanguageChoice) -> Analysis:
    if choice.warning is None:
        return analysis
    return replace(analysis, warnings=(choice.warning, *analysis.warnings))


@contextmanager
def _time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise :class:`AnalysisTimeout` in this thread once ``seconds`` have passed.

    A timer signal, so the main thread of a POSIX process only, and only when no
    timer of the caller's is running (it is left alone); elsewhere no limit.
    Python code is interrupted between two bytecodes, which is where every
    pathological case (a quadratic loop in a stage of ours) spends its time.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        shown = f"{seconds:,.0f}" if seconds >= 10 else f"{seconds:.2g}"
        raise AnalysisTimeout(f"{what} passed the time limit of {shown} s; not analyzed")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _analyze_batch(nlp: Any, texts: Sequence[str], config: AnalysisConfig) -> Iterator[Analysis]:
    repaired = [repair(text, config.repair) for text in texts]
    chunks = [
        _Chunk(i, start, piece)
        for i, result in enumerate(repaired)
        for start, piece in split_into_chunks(result.text)
    ]
    docs_in = []
    for chunk in chunks:
        doc = nlp.make_doc(chunk.text)
        remember_text(doc, chunk.text)
        title = title_in_chunk(repaired[chunk.article].title, chunk.start, len(chunk.text))
        if title is not None:
            doc._.title_span = title
            start_sentence_after(doc, title[1])
        docs_in.append(doc)
    per_article: list[list[tuple[_Chunk, Doc]]] = [[] for _ in texts]
    for chunk, doc in zip(chunks, nlp.pipe(docs_in), strict=True):
        per_article[chunk.article].append((chunk, doc))
    for text, result, parts in zip(texts, repaired, per_article, strict=True):
        yield _build_analysis(text, result, parts, analysis_version(config))


# The headline in its three coordinate systems: repair finds it in the repaired text
# (RepairResult.title); the Doc of the chunk that holds it gets it in Doc offsets
# (``doc._.title_span``, read by the attribution rules, claims and signals); the Analysis
# reports it in input offsets (Analysis.title, the canonical one). title_in_chunk and
# repair.title_in_input derive the last two from the first; nothing else does.


def title_in_chunk(title: Span | None, chunk_start: int, chunk_length: int) -> Span | None:
    """The headline (repaired-text offsets) in the offsets of the Doc of the chunk at
    ``chunk_start``, when it starts in that chunk; else None."""
    if title is None or not chunk_start <= title[0] < chunk_start + chunk_length:
        return None
    return (title[0] - chunk_start, title[1] - chunk_start)


def _build_analysis(
    text: str, result: RepairResult, parts: list[tuple[_Chunk, Doc]], version: str
) -> Analysis:
    attributions: list[Attribution] = []
    claims: list[Claim] = []
    signal_parts: list[tuple[Signals, int]] = []
    for chunk, doc in parts:
        to_input = _chunk_mapper(result, chunk.start)
        in_doc = doc._.attributions
        title = doc._.title_span
        found = extract_claims(doc, in_doc, title=title, to_input=to_input, text=chunk.text)
        # a claim's attribution index counts across all chunks of the article
        offset = len(attributions)
        claims.extend(
            c if c.attribution is None else replace(c, attribution=c.attribution + offset)
            for c in found
        )
        signals = compute_signals(
            doc,
            in_doc,
            found,
            repairs=result.repairs,
            flags=result.flags,
            title=title,
            to_input=to_input,
        )
        signal_parts.append((signals, offset))
        attributions.extend(a.to_input(to_input) for a in in_doc)
    warnings = []
    if not text.strip():
        warnings.append("empty input: nothing to analyze")
    elif not result.text.strip():
        warnings.append("nothing left to analyze: the input is all boilerplate or headline")
    return Analysis(
        text=text,
        title=title_in_input(result),
        attributions=tuple(attributions),
        repairs=result.repairs,
        flags=result.flags,
        warnings=tuple(warnings),
        claims=tuple(claims),
        signals=merge_signals(signal_parts),
        version=version,
    )


def _chunk_mapper(result: RepairResult, chunk_start: int) -> SpanMapper:
    offsets = result.offsets

    def to_input(span: Span) -> Span:
        return offsets.to_input((span[0] + chunk_start, span[1] + chunk_start))

    return to_input
