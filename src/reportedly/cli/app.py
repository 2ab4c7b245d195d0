"""The click group every ``reportedly`` command hangs on."""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import signal
import sqlite3
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

from .._version import __version__
from ..errors import ReportedlyError
from ..failures import AnalysisFailure

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import AnalysisConfig
    from ..ingest.sources import RawArticle, ReaderConfig
    from ..records import Analysis

# Loggers of the extraction libraries: their messages would break progress bars and
# reports, and every failure they cause is reported with its reason.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")
# write errors on the output that end a command with one line, not a traceback
OUTPUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT})


class ReportedlyCliError(click.ClickException):
    """A library error shown as one line on stderr, exit status 2."""

    exit_code = 2


class Interrupted(click.ClickException):
    """Ctrl-C: one line on stderr (what was done), exit status 130 as a shell reports it."""

    exit_code = 130

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


# ctx.meta key of a function saying what an interrupted command had done
INTERRUPT_SUMMARY = "reportedly.interrupt_summary"


def on_interrupt(summary: Callable[[], str]) -> None:
    """Register what the running command says when it is interrupted (after "interrupted: ")."""
    click.get_current_context().meta[INTERRUPT_SUMMARY] = summary


def _first_interrupt(signum: int, frame: object) -> None:
    # a second Ctrl-C while the first one's clean-up runs (workers stopping, a
    # transaction rolling back) is ignored: it would only print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupted(ctx: click.Context) -> Interrupted:
    summary = ctx.meta.get(INTERRUPT_SUMMARY)
    try:
        said = summary() if summary is not None else ""
    except Exception:  # the summary must not hide the interrupt
        said = ""
    return Interrupted(f"interrupted: {said}" if said else "interrupted")


class ReportedlyGroup(click.Group):
    """Turns library errors into one-line CLI errors (exit status 2), never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        # with a file-size limit (ulimit -f) a write past it fails with EFBIG, reported
        # below, instead of killing the process without a word
        if hasattr(signal, "SIGXFSZ"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.getsignal(signal.SIGINT) if main else None
        if previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, _first_interrupt)
        _check_stdout_writes()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except KeyboardInterrupt:
            raise _interrupted(ctx) from None
        except ReportedlyError as exc:
            raise ReportedlyCliError(str(exc)) from exc
        except OSError as exc:
            if exc.errno not in OUTPUT_ERRNOS:
                raise
            _silence_stdout()
            raise ReportedlyCliError(
                f"cannot write the output ({exc.strerror or exc})"
                + ("; the reader of the output went away" if exc.errno == errno.EPIPE else "")
            ) from None
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise _damaged_corpus(exc) from None
            raise ReportedlyCliError(
                f"[R032] the corpus database is busy ({exc}): another process is writing "
                "to it; try again when it has finished"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise _damaged_corpus(exc) from None
        finally:
            if previous is signal.default_int_handler:
                signal.signal(signal.SIGINT, previous)


def _damaged_corpus(exc: sqlite3.DatabaseError) -> ReportedlyCliError:
    """A damaged corpus found in the middle of a query."""
    return ReportedlyCliError(
        f"[R031] the corpus database is damaged or unreadable ({exc}); check it with "
        "`sqlite3 FILE 'PRAGMA integrity_check'` and restore it from a backup"
    )


class CheckedWriter(io.RawIOBase):
    """A raw file whose writes either complete or raise.

    CPython's buffered writer takes a short write (a disk that filled up, a
    file-size limit) for a partial success and can drop the rest without an
    error; writing until every byte is out makes the next ``write(2)`` report
    ENOSPC or EFBIG as an :class:`OSError`.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self.fd, view[done:])
        return done


def checked_text_file(
    fd: int, *, encoding: str = "utf-8", errors: str = "strict"
) -> io.TextIOWrapper:
    """A text file over ``fd`` whose every failed write raises (see :class:`CheckedWriter`)."""
    return io.TextIOWrapper(io.BufferedWriter(CheckedWriter(fd)), encoding=encoding, errors=errors)


def _check_stdout_writes() -> None:
    """Standard output through a :class:`CheckedWriter` when it is a file or a pipe."""
    stdout = sys.stdout
    try:
        fd = stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test runner's capture)
    raw = getattr(getattr(stdout, "buffer", None), "raw", None)
    if fd != 1 or os.isatty(fd) or isinstance(raw, CheckedWriter):
        return
    stdout.flush()
    sys.stdout = checked_text_file(
        fd, encoding=stdout.encoding or "utf-8", errors=stdout.errors or "strict"
    )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A library warning ("the accurate mode needs the token encoder ...") as the command's
    other warnings read: one line on stderr, not Python's file, line and source."""
    click.echo(f"warning: {message}", err=True)


@click.group(cls=ReportedlyGroup)
@click.version_option(__version__, prog_name="reportedly")
def cli() -> None:
    """reportedly: who said what, through which channel, on whose authority."""
    warnings.showwarning = _one_line_warning


jobs_option = click.option(
    "--jobs",
    default=0,
    type=click.IntRange(min=0),
    help="Analysis processes  [default: 0, one per CPU core, never more than the articles need].",
)
time_limit_option = click.option(
    "--time-limit",
    "time_limit",
    default=None,
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Seconds one article's analysis may take before it is given up as failed  "
    "[default: 60 plus 1 per 2,000 characters; 0: no limit].",
)
mode_option = click.option(
    "--mode",
    type=click.Choice(["accurate", "fast"]),
    default="fast",
    show_default=True,
    help="accurate: the tagger also reads a small transformer's token vectors and draws "
    "span edges as PolNeAR's annotators do; fast: parse features only (the tagger of "
    "0.3.0), the default while the accurate model does not beat it; docs/model.md.",
)
fetch_option = click.option(
    "--fetch/--no-fetch",
    default=True,
    show_default=True,
    help="Fetch the page of each feed entry (else, or when that fails, use the feed's content).",
)


def analysis_config(
    time_limit: float | None = None, lang: str | None = None, mode: str = "fast"
) -> AnalysisConfig:
    """The analysis a command runs: the shipped one, with its ``--time-limit``, ``--lang``
    and ``--mode``."""
    from ..config import AnalysisConfig

    return AnalysisConfig(time_limit=time_limit, language=lang, mode=mode)  # type: ignore[arg-type]


def resolve_jobs(jobs: int, articles: int | None = None) -> int:
    """``--jobs`` as processes: 0 means one per CPU core, but no more processes than
    there are batches of articles to give them (one article: no worker process)."""
    if jobs > 0:
        return jobs
    cores = os.cpu_count() or 1
    if articles is None:
        return cores
    from ..pipeline import BATCH_SIZE

    return max(1, min(cores, -(-articles // BATCH_SIZE)))


def quiet_extraction_logs() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def read_cli_inputs(
    paths: Iterable[str], config: ReaderConfig | None = None
) -> tuple[list[RawArticle], int]:
    """Read the inputs of a command, as ``ingest`` reads them (every format, folders,
    globs, ``-``); print their warnings and one-line errors on stderr.

    Returns the articles read and how many inputs failed (the command then exits 2).
    """
    from ..ingest.files import InputFailure
    from ..ingest.sources import ReaderConfig, read_sources

    quiet_extraction_logs()
    articles: list[RawArticle] = []
    failed = 0
    for item in read_sources(paths, config or ReaderConfig()):
        if isinstance(item, InputFailure):
            click.echo(f"error: {item.name}: {item.reason}", err=True)
            failed += 1
            continue
        for warning in item.warnings:
            click.echo(f"warning: {warning}", err=True)
        articles.append(item)
    return articles, failed


def report_console() -> Console:
    """A rich console: the terminal's width, or 110 columns when piped."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 110)


@contextlib.contextmanager
def json_documents(as_array: bool) -> Iterator[Callable[[dict[str, Any]], None]]:
    """``emit(record)`` prints one indented JSON document, or, when ``as_array``, the
    records as the elements of one JSON array (streamed, so memory stays flat)."""
    import json

    count = 0

    def emit(record: dict[str, Any]) -> None:
        nonlocal count
        document = json.dumps(record, ensure_ascii=False, indent=2)
        if not as_array:
            click.echo(document)
        else:
            indented = "\n".join("  " + line for line in document.splitlines())
            click.echo(("[\n" if count == 0 else ",\n") + indented, nl=False)
        count += 1

    yield emit
    if as_array:
        click.echo("\n]" if count else "[]")


@contextlib.contextmanager
def progress_bar(
    total: int, description: str, *, output_after: bool = False
) -> Iterator[Callable[[], None]]:
    """A bar with the total and the time left, on stderr when it is a terminal and there is
    more than one article, and when the output goes elsewhere (a file, a pipe) unless
    all of it comes ``output_after`` the bar; ``advance()`` counts one article done."""
    if total < 2 or not sys.stderr.isatty() or (sys.stdout.isatty() and not output_after):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(
        "{task.description}",
        *columns,
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)


def analyze_inputs(
    inputs: Sequence[RawArticle], jobs: int, config: AnalysisConfig
) -> Iterator[tuple[RawArticle, Analysis | None]]:
    """Analyze the inputs in order; one article that breaks the analysis fails alone
    (:mod:`reportedly.failures`): its reason on stderr, ``None`` in its place. A missing
    model concerns them all and is raised."""
    from .. import analyze_many

    done = 0
    on_interrupt(lambda: f"{done} of {len(inputs)} articles analyzed")
    texts = (item.text for item in inputs)
    results = analyze_many(texts, config, n_process=jobs, failures="isolate")
    with progress_bar(len(inputs), "analyzing") as advance:
        for item, result in zip(inputs, results, strict=True):
            advance()
            done += 1  # counted before it is handed on: an interrupt may come meanwhile
            if isinstance(result, AnalysisFailure):
                click.echo(f"error: {item.origin}: {result.reason}", err=True)
                yield item, None
            else:
                yield item, result
