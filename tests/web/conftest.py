"""Fixtures for the explorer tests: a corpus made by `reportedly ingest`, a real server on
127.0.0.1, and Debian's Chromium driven by Playwright.

The corpus holds PolNeAR dev articles (every fourth file of the split, so every outlet is in),
the seed article, one hostile article whose text, title, outlet and URL are made to break out
of HTML, a syndicated copy of one PolNeAR article (trimmed, re-headlined, another outlet), and
an NTREX news story in English with its German translation (two articles: the German one's
quotes are found by quotation marks only); `reportedly ingest` links it (people, copies,
translations, quote clusters). It is built once per session (about 30 s on 2 cores). A second,
small corpus is ingested with ``--no-link``, for the
explorer's fallbacks when linking has not run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
POLNEAR_DEV = (
    Path(os.environ.get("REPORTEDLY_POLNEAR", REPO.parent / "shared" / "datasets" / "polnear"))
    / "data"
    / "dev"
    / "text"
)
SEED = REPO / "examples" / "seed-article.txt"
NTREX = Path(os.environ.get("REPORTEDLY_NTREX", REPO.parent / "shared" / "datasets" / "ntrex"))
# a short NTREX story with quotes (a Geiger counter almanac), in English and German
NTREX_DOCUMENT = "cbsnews.248484"
NTREX_OUTLETS = {"eng": "CBS News", "deu": "Deutsche Rundschau"}
# which PolNeAR sample article is syndicated, and by whom
SYNDICATED_INDEX = 6
SYNDICATED_OUTLET = "Wire Reprints"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# every fourth dev article: 21 of 84, all outlets
SAMPLE_STEP = 4
# the first few of them make the corpus ingested without linking
UNLINKED_ARTICLES = 3
# Hostile metadata and text: each would run a script if the page did not escape it.
XSS_TITLE = 'Mayor </title><script>window.__xss = "title"</script> resigns'
XSS_OUTLET = "<img src=x onerror=\"window.__xss = 'outlet'\">Daily</span>"
XSS_URL = "javascript:window.__xss = 'url'"
XSS_TEXT = (
    "Mayor resigns over bridge </div></span></textarea>\n\n"
    "\"<script>window.__xss = 'text'</script> The bridge <img src=x onerror=\"window.__xss "
    "= 'img'\"> is finished,\" said Mayor Jane Doe on Monday.\n\n"
    'Critics said the plan, posted at javascript:alert(1) and <a href="javascript:'
    "window.__xss='link'\">here</a>, would cost $40 million.\n"
)


def polnear_metadata(path: Path) -> dict[str, str]:
    """Outlet and date from a PolNeAR file name (``outlet_YYYY-MM-DD_slug.txt``)."""
    outlet, published, slug = path.stem.split("_", 2)
    names = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
             "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
             "west-journal": "Western Journal"}  # fmt: skip
    return {
        "outlet": names.get(outlet, outlet),
        "published": published,
        "url": f"https://{outlet}.example/{published}/{slug}",
        "language": "en",
    }


def ingest(work: Path, lines: list[dict[str, str]], *options: str) -> Path:
    """Run `reportedly ingest` on ``lines`` (JSON Lines) into ``work/corpus.db``."""
    source = work / "articles.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = work / "corpus.db"
    done = subprocess.run(
        [sys.executable, "-m", "reportedly", "ingest", str(source), "--db", str(db), "--json",
         *options],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["new"] == len(lines), summary
    return db


def ntrex_story(language: str) -> dict[str, str]:
    """One NTREX document in ``language`` (``eng``, ``deu``) as an article: title and text."""
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (NTREX / f"newstest2019.{language}.txt").read_text(encoding="utf-8").splitlines()
    story = [line for doc, line in zip(ids, lines, strict=True) if doc == NTREX_DOCUMENT]
    return {
        "title": story[0],
        "text": "\n\n".join(story[1:]) + "\n",
        "outlet": NTREX_OUTLETS[language],
        "published": "2018-09-30" if language == "eng" else "2018-10-02",
        "language": language[:2],
        "url": f"https://{language}.example/{NTREX_DOCUMENT}",
    }


def syndicated(path: Path) -> dict[str, str]:
    """A wire copy of a PolNeAR article: its first two thirds, re-headlined, a week later."""
    paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    kept = paragraphs[: max(2, 2 * len(paragraphs) // 3)]
    return {
        "text": "\n\n".join(["(Reprinted from the wire)", *kept]) + "\n",
        "title": "From the wire: " + kept[0].strip().split("\n")[0][:80],
        "outlet": SYNDICATED_OUTLET,
        "published": "2016-11-30",
        "url": "https://wire.example/reprint",
        "language": "en",
    }


def polnear_sample() -> list[Path]:
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {POLNEAR_DEV}")
    return sorted(POLNEAR_DEV.glob("*.txt"))[::SAMPLE_STEP]


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as `reportedly ingest` makes it, linking included."""
    lines = []
    sample = polnear_sample()
    for path in sample:
        text = path.read_text(encoding="utf-8")
        lines.append({"text": text} | polnear_metadata(path))
    lines.append(syndicated(sample[SYNDICATED_INDEX]))
    if not NTREX.is_dir():
        pytest.skip(f"NTREX not found at {NTREX}")
    lines += [ntrex_story("eng"), ntrex_story("deu")]
    lines.append({"text": SEED.read_text(encoding="utf-8"), "outlet": "Seed", "language": "en"})
    lines.append(
        {
            "text": XSS_TEXT,
            "title": XSS_TITLE,
            "outlet": XSS_OUTLET,
            "url": XSS_URL,
            "published": "2016-10-01",
            "language": "en",
        }
    )
    return ingest(tmp_path_factory.mktemp("explorer"), lines, "--jobs", "2")


@pytest.fixture(scope="session")
def unlinked_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small corpus ingested with ``--no-link``: UNLINKED_ARTICLES PolNeAR articles."""
    lines = [
        {"text": path.read_text(encoding="utf-8")} | polnear_metadata(path)
        for path in polnear_sample()[:UNLINKED_ARTICLES]
    ]
    return ingest(tmp_path_factory.mktemp("unlinked"), lines, "--jobs", "1", "--no-link")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reportedly",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"server exited: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("server did not start within 60 s")


def stop_server(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(corpus_db: Path) -> Iterator[str]:
    process, base = start_server(corpus_db)
    try:
        yield base
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def unlinked_server(unlinked_db: Path) -> Iterator[str]:
    """`reportedly serve` on the corpus ingested with ``--no-link``."""
    process, base = start_server(unlinked_db)
    try:
        yield base
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); CI installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``docs/`` when REPORTEDLY_SCREENSHOTS=docs (to refresh the docs), else a temporary folder."""
    if os.environ.get("REPORTEDLY_SCREENSHOTS") == "docs":
        return REPO / "docs"
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def copy_db(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    def make(name: str) -> Path:
        target = tmp_path_factory.mktemp(name) / "corpus.db"
        shutil.copy(corpus_db, target)
        for suffix in ("-wal", "-shm"):
            extra = corpus_db.with_name(corpus_db.name + suffix)
            if extra.exists():
                shutil.copy(extra, target.with_name(target.name + suffix))
        return target

    return make


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    """The hostile article's title, outlet, URL and text, as ingested."""
    return {"title": XSS_TITLE, "outlet": XSS_OUTLET, "url": XSS_URL, "text": XSS_TEXT}


@pytest.fixture
def serve_db() -> Iterator[Any]:
    """Start `reportedly serve` on another database; stopped after the test."""
    started: list[subprocess.Popen[str]] = []

    def start(db: Path, *options: str) -> str:
        process, base = start_server(db, *options)
        started.append(process)
        return base

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)
