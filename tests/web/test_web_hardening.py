"""The explorer against hostile requests and a changing corpus file, in-process (FastAPI's
TestClient over a real SQLite corpus) unless a real server is needed: hosts, cross-site
posts, /analyze's bounds, ids and every parameter of every route, the read-only open,
highlights, schema changes while serving, permanent errors, links, the OpenAPI document."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import sqlite3
import stat
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from fastapi.routing import APIRoute

from reportedly.web import create_app
from reportedly.web.analysis import AnalyzeLimits, nesting_depth

LOCAL = "http://127.0.0.1"


def client_for(db: Path, **options: Any) -> TestClient:
    return TestClient(create_app(db, **options), base_url=LOCAL, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with client_for(corpus_db) as answer:
        yield answer


# --------------------------------------------------------------------------- hosts


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_unknown_host_gets_400_and_no_corpus(client: TestClient, host: str) -> None:
    for path in ("/", "/api/v1/overview", "/api/v1/articles"):
        answer = client.get(path, headers={"host": host})
        assert answer.status_code == 400 and "--allow-host" in answer.text
        assert "Articles" not in answer.text and "items" not in answer.text


def test_loopback_bound_and_allowed_hosts_answer(corpus_db: Path) -> None:
    with client_for(corpus_db, bound_host="10.0.0.5", allow_hosts=["News.Example"]) as app:
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "10.0.0.5:80",
                     "news.example", "NEWS.example:443"):  # fmt: skip
            assert app.get("/", headers={"host": host}).status_code == 200, host
        assert app.get("/", headers={"host": "other.example"}).status_code == 400


def test_redirects_are_relative(client: TestClient) -> None:
    for path in ("/search/", "/articles?q=x"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 307
        location = answer.headers["location"]
        assert location.startswith("/") and not location.startswith("//")
        assert not urlsplit(location).netloc


# --------------------------------------------------------------------------- posts


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1.evil.example"},
        {"referer": "https://evil.example/page"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": LOCAL},
    ],
)
def test_cross_site_posts_get_403(client: TestClient, headers: dict[str, str]) -> None:
    answer = client.post("/analyze", data={"text": "x"}, headers=headers)
    assert answer.status_code == 403 and "refused" in answer.text


def test_posts_must_be_forms(client: TestClient) -> None:
    for kind in ("text/plain", "multipart/form-data; boundary=x", "application/json"):
        answer = client.post("/analyze", content=b"text=hello", headers={"content-type": kind})
        assert answer.status_code == 415, kind
    # the same site, said by Origin or Sec-Fetch-Site: the form is read (empty: asked again)
    # (a browser's own form under Referrer-Policy no-referrer says Origin: null)
    same = [{"origin": LOCAL}, {"sec-fetch-site": "same-origin"}, {}]
    same.append({"origin": "null", "sec-fetch-site": "same-origin"})
    for headers in same:
        answer = client.post("/analyze", data={"text": "  "}, headers=headers)
        assert answer.status_code == 400 and "Paste a text in the box" in answer.text
        assert '<textarea id="text"' in answer.text  # the form again, not a bare error page


# --------------------------------------------------------------------------- /analyze bounds


def test_body_cap_counts_characters_not_bytes(client: TestClient) -> None:
    """100,000 characters of any script get past the body cap (a form sends a 4-byte
    character as 12 bytes); what refuses them then says characters. Brackets nested too deep
    stop the text before any analysis (422), which shows the cap let it through."""
    for char in ("漢", "😀"):
        deep = "(" * 101 + char * (100_000 - 101)
        answer = client.post("/analyze", data={"text": deep})
        assert answer.status_code == 422 and "nested 101 deep" in answer.text, char
        too_long = client.post("/analyze", data={"text": char * 100_001})
        assert too_long.status_code == 413 and "100,001 characters" in too_long.text
    form = {"content-type": "application/x-www-form-urlencoded"}
    huge = client.post("/analyze", content=b"text=" + b"a" * 1_300_000, headers=form)
    assert huge.status_code == 413


def test_deep_nesting_is_refused_at_once(client: TestClient) -> None:
    text = "(" * 50_000 + ")" * 50_000
    assert nesting_depth(text) == 50_000
    answer = client.post("/analyze", data={"text": text})
    assert answer.status_code == 422 and "Brackets are nested 50,000 deep" in answer.text
    assert nesting_depth("a (b [c] d) e)") == 2


@pytest.mark.slow
def test_analysis_busy_cancelled_timed_out_and_memory_capped() -> None:
    """Worker processes: one more analysis than allowed is 503 with Retry-After at once; a
    client that leaves stops its worker; an analysis past its time is 503; one past its
    memory is 413 (each of these with a real worker loading the real models)."""
    import asyncio

    from reportedly.web.analysis import AnalysisRefused, AnalyzePool, ClientLeft

    text = 'The mayor said "the bridge will open in May." ' * 2000
    pool = AnalyzePool(AnalyzeLimits(concurrency=1, timeout_s=600))

    async def leave_once_running() -> None:
        state = {"ready_at": None}

        async def left() -> bool:
            worker_ready = bool(pool._busy) and state["ready_at"] is not None
            if state["ready_at"] is None:
                state["ready_at"] = asyncio.get_running_loop().time()
            return worker_ready and asyncio.get_running_loop().time() - state["ready_at"] > 1

        running = asyncio.create_task(pool.analyze(text, left))
        await asyncio.sleep(0.2)
        with pytest.raises(AnalysisRefused) as busy:
            await pool.analyze("short text", _never)
        assert busy.value.status == 503 and busy.value.headers["Retry-After"]
        with pytest.raises(ClientLeft):
            await running
        assert pool._busy == 0 and not pool._idle  # the worker was killed, not kept

    run_apart(leave_once_running())
    timed = AnalyzePool(AnalyzeLimits(timeout_s=0.05, start_timeout_s=600))
    with pytest.raises(AnalysisRefused) as late:
        run_apart(timed.analyze(text, _never))
    assert late.value.status == 503 and "took longer than 0.05 s" in late.value.message
    small = AnalyzePool(AnalyzeLimits(max_memory_mib=20))
    with pytest.raises(AnalysisRefused) as heavy:
        run_apart(small.analyze("The mayor said so.", _never))
    assert heavy.value.status == 413 and "more than 20 MiB" in heavy.value.message


async def _never() -> bool:
    return False


def run_apart(coroutine: Any) -> Any:
    """``asyncio.run`` in a thread of its own (the browser tests keep a loop in this one)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# --------------------------------------------------------------------------- ids and params

HOSTILE = ["9223372036854775808", "99999999999999999999", "-1", "0", "²", "٣", "1e3", "\x00",
           "a\x00b", "x" * 5_000, "%", "../../etc/passwd", "<script>", "' OR 1=1 --", "NEAR(",
           "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]  # fmt: skip


def route_cases() -> list[tuple[str, str, str]]:
    """(route path, parameter, where) for every path and query parameter of every GET route
    of the route table (the pages' router and the API's)."""
    from reportedly.web.api import api
    from reportedly.web.pages import pages

    cases = []
    for route in [*pages.routes, *api.routes]:
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        found = []
        todo = [route.dependant]
        while todo:  # the route's own parameters and its dependencies'
            dependant = todo.pop()
            found += [(route.path, p.name, "path") for p in dependant.path_params]
            found += [(route.path, p.name, "query") for p in dependant.query_params]
            todo += dependant.dependencies
        cases += found or [(route.path, "", "none")]
    return cases


def test_every_parameter_of_every_route_answers_4xx_never_500(client: TestClient) -> None:
    cases = route_cases()
    assert len(cases) > 30
    seen = 0
    for path, name, where in cases:
        for value in HOSTILE:
            target = re.sub(r"\{[^}]+\}", "1", path)
            if where == "path":
                target = path.replace("{" + name + "}", quote(value, safe=""))
            elif where == "query":
                target += "?" + name + "=" + quote(value, safe="")
            answer = client.get(target)
            seen += 1
            assert answer.status_code in (200, 400, 404), (target, answer.status_code)
            assert "Traceback" not in answer.text
    assert seen == len(cases) * len(HOSTILE)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/speakers/9223372036854775808", 404),
        ("/api/v1/speakers/9223372036854775808", 404),
        ("/speakers/%C2%B2", 404),
        ("/quotes/%C2%B2", 400),
        ("/api/v1/clusters/%C2%B2", 400),
        ("/quotes/9223372036854775808", 400),
        ("/quotes/9223372036854775807", 404),
        ("/search?speaker=99999999999999999999", 200),
        ("/api/v1/search?speaker=%C2%B2&scope=quotes", 200),
    ],
)
def test_issue_ids(client: TestClient, path: str, status: int) -> None:
    answer = client.get(path)
    assert answer.status_code == status, answer.text[:200]
    if path.startswith("/api/") and status == 200:
        assert answer.json()["total"] == 0


# --------------------------------------------------------------------------- the corpus file


def side_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name != db.name)


def test_read_only_folder_and_no_side_files(copy_db: Any) -> None:
    db = copy_db("ro")
    folder = db.parent
    conn = sqlite3.connect(db)  # the copy as ingest leaves a corpus: WAL mode, closed cleanly
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert side_files(db) == []
    digest, mtime = hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns
    db.chmod(0o444)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with client_for(db) as app:
            for path in ("/", "/search?q=clinton", "/speakers", "/quotes", "/api/v1/articles"):
                assert app.get(path).status_code == 200, path
            assert side_files(db) == []
    finally:
        folder.chmod(0o755)
    assert side_files(db) == []
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert db.stat().st_mtime_ns == mtime


def test_control_characters_do_not_fake_highlights(copy_db: Any) -> None:
    db = copy_db("highlights")
    with sqlite3.connect(db) as conn:
        rowid = conn.execute("SELECT rowid FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
        conn.execute(
            "UPDATE articles SET text = ? || text WHERE rowid = ?",
            ("Zebrafinch \x02faked\x03 words and \ue000more\ue001 zebrafinch. ", rowid),
        )
    conn.close()
    with client_for(db) as app:
        found = app.get("/api/v1/search", params={"q": "zebrafinch"}).json()
        (hit,) = found["items"]
        snippet = hit["snippet"]
        marked = [snippet["text"][s:e] for s, e in snippet["matches"]]
        assert marked and all(m.lower() == "zebrafinch" for m in marked)
        assert "\x02" not in snippet["text"] and "faked" in snippet["text"]
        page = app.get("/search", params={"q": "zebrafinch"}).text
        assert "<mark>faked</mark>" not in page and "<mark>more</mark>" not in page
        assert page.count("<mark>") == 2


def test_kept_search_answers_follow_the_file(copy_db: Any) -> None:
    """Search answers and pages are kept per state of the file: a write shows at once."""
    db = copy_db("kept")
    with client_for(db) as app:
        asks = [("/search", {"q": "okapi"}), ("/api/v1/search", {"q": "okapi"})]
        first = [app.get(path, params=params).text for path, params in asks]
        assert first == [app.get(path, params=params).text for path, params in asks]
        assert "No articles found" in first[0] and '"total":0' in first[1]
        with sqlite3.connect(db) as conn:
            conn.execute(
                "UPDATE articles SET text = text || ' An okapi was seen.' WHERE rowid = "
                "(SELECT MIN(rowid) FROM articles)"
            )
        conn.close()
        page = app.get("/search", params={"q": "okapi"}).text
        assert "No articles found" not in page and "<mark>okapi</mark>" in page
        assert app.get("/api/v1/search", params={"q": "okapi"}).json()["total"] == 1


def test_schema_changes_seen_without_restart(copy_db: Any) -> None:
    db = copy_db("migrated")
    search = ("/api/v1/search", {"q": "the", "outlet": "Politico"})
    with client_for(db) as app:
        before = app.get(search[0], params=search[1]).json()
        with sqlite3.connect(db) as conn:  # a writer changes the schema while serving
            conn.execute("CREATE INDEX while_serving ON articles(title)")
        conn.close()
        after = app.get(search[0], params=search[1])
        assert after.status_code == 200, after.text
        assert after.json()["total"] == before["total"] > 0
        assert app.get("/api/v1/overview").status_code == 200
        # the file replaced by a corpus of an older schema: said, never queried by fallbacks
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_explorer_filters'")
            conn.execute("CREATE INDEX older_schema ON articles(published)")
        conn.close()
        older = app.get(search[0], params=search[1])
        assert older.status_code == 500
        message = older.json()["error"]["message"]
        assert "older schema" in message and "m009_explorer_filters" in message


def test_a_look_alike_file_is_a_permanent_error(copy_db: Any, tmp_path: Path) -> None:
    db = copy_db("lookalike")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    with client_for(db) as app:
        assert app.get("/").status_code == 200
        os.replace(other, db)
        for path in ("/", "/api/v1/articles"):
            answer = app.get(path)
            assert answer.status_code == 500 and "Retry-After" not in answer.headers
            assert "not a reportedly corpus" in answer.text and "permanent" in answer.text
        db.write_text("not a database at all\n" * 200)
        answer = app.get("/api/v1/overview")
        assert answer.status_code == 500 and "not a SQLite database" in answer.text


def test_links_the_app_builds_are_links_it_accepts(copy_db: Any) -> None:
    db = copy_db("links")
    long_outlet = "The " + "Very " * 60 + "Long Gazette\x00"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE articles SET outlet = ?, language = ? WHERE rowid IN "
            "(SELECT rowid FROM articles ORDER BY rowid LIMIT 2)",
            (long_outlet, "x-" + "long" * 20),
        )
        conn.execute("UPDATE articles SET outlet = NULL WHERE rowid = "
                     "(SELECT rowid FROM articles ORDER BY rowid DESC LIMIT 1)")  # fmt: skip
    conn.close()
    with client_for(db) as app:
        checked = set()
        for start in ("/", "/search?q=the", "/search?q=the&scope=quotes", "/speakers"):
            page = app.get(start)
            assert page.status_code == 200
            for href in re.findall(r'href="(/[^"#]*)', page.text):
                href = href.replace("&amp;", "&")
                if href in checked or href.startswith("/static"):
                    continue
                checked.add(href)
                assert app.get(href).status_code == 200, href
        assert any("Long+Gazette%00" in href for href in checked)
        found = app.get("/api/v1/search", params={"outlet": long_outlet}).json()
        assert found["total"] == 2


# --------------------------------------------------------------------------- OpenAPI


def test_openapi_documents_the_statuses_answered(client: TestClient, corpus_db: Path) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert '"422"' not in str(spec).replace("'", '"')
    with sqlite3.connect(corpus_db) as conn:
        article = conn.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
        person = conn.execute("SELECT id FROM people LIMIT 1").fetchone()[0]
        cluster = conn.execute("SELECT id FROM clusters LIMIT 1").fetchone()[0]
    conn.close()
    good = {"article_id": article, "speaker_id": str(person), "cluster": str(cluster)}
    unknown = {"article_id": "f" * 16, "speaker_id": "999999999", "cluster": "999999999"}
    for path, operations in spec["paths"].items():
        documented = {int(code) for code in operations["get"]["responses"]}
        names = re.findall(r"\{([^}]+)\}", path)
        tries = [
            path.format(**good),
            path.format(**{n: "x" * 2000 for n in names}) + "?page=0&per_page=1000",
            path.format(**good) + "?page=abc",
        ]
        if names:
            tries.append(path.format(**unknown))
        seen = {client.get(url).status_code for url in tries}
        seen.add(client.get(path.format(**good), headers={"host": "evil.example"}).status_code)
        assert 200 in seen and seen <= documented, (path, seen, documented)
        assert (404 in documented) == bool(names), path
        assert {400, 500, 503} <= documented


# --------------------------------------------------------------------------- slow clients


def closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> float | None:
    """Seconds until the server closes ``sock`` (sending ``trickle`` a byte every 0.5 s)."""
    started = time.monotonic()
    sock.settimeout(0.5)
    sent = 0
    while time.monotonic() - started < seconds:
        try:
            if sent < len(trickle):
                sock.send(trickle[sent : sent + 1])
                sent += 1
            if sock.recv(1024) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except OSError:  # reset by the server
            return time.monotonic() - started
    return None


def test_idle_and_slow_header_connections_are_closed(corpus_db: Path, serve_db: Any) -> None:
    base = serve_db(corpus_db, "--header-timeout", "2")
    host, port = urlsplit(base).hostname or "", urlsplit(base).port or 0
    with socket.create_connection((host, port)) as idle:
        took = closed_within(idle, 8)
    assert took is not None and took < 4, took
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
    with socket.create_connection((host, port)) as slow:
        took = closed_within(slow, 8, request)
    assert took is not None and took < 4, took
    # a client that sends its request at once is answered as ever
    assert httpx.get(base + "/api/v1", timeout=10).status_code == 200
