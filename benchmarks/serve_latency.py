"""Latency of the explorer (`reportedly serve`) on a 100,000-article corpus, 8 clients at once.

    python benchmarks/serve_latency.py [--articles 100000] [--clients 8] [--requests 400]
                                       [--work DIR] [--json PATH]

1. A base corpus: `reportedly ingest` of PolNeAR dev (84 articles), made once in --work.
2. The big corpus: the base articles copied in SQL until there are --articles of them, each
   copy with its own id, outlet (40 made-up ones), date (over three years), URL and language
   (metadata only: 80% en, 10% de, 10% fr), with the copy's attributions, speakers and stored
   analysis (claims, signals, repairs and flags are left out: the explorer reads them from the
   stored analysis). Both full-text indexes and the explorer's facet tables (migration m007)
   are made at the end. Made once, reused (brought up to date first if an older release made
   it).
3. `reportedly serve` on it (a real server process on 127.0.0.1), then --clients threads each
   sending requests one after another, of three kinds in turn:
   - search: the search page, `/search?q=WORD` (hits, total and facets in one HTML page), over
     a fixed list of words from rare to very common, in both scopes;
   - facets: `/api/v1/search?q=WORD&FILTER=VALUE&per_page=1` (facet counts with one filter);
   - article: the article page, `/articles/ID`, of a random article.
   Latency is wall clock per request as the client sees it. Prints p50/p95/max per kind.

Figures depend on what else the machine runs; the clients share its cores with the server.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = REPO.parent / "shared" / "datasets" / "polnear" / "data" / "dev" / "text"
WORDS = [
    "Caddell",
    "Scalia",
    "Pence",
    "debate",
    "Putin",
    "emails",
    "poll",
    "campaign",
    "Clinton",
    "Trump",
    "said",
    "the",
]
FILTERS = [
    ("outlet", "outlet-07"),
    ("language", "de"),
    ("kind", "direct"),
    ("stance", "assertive"),
    ("source_type", "anonymous"),
    ("since", "2017"),
]
OUTLETS = 40
DAYS = 3 * 365


def build_base(work: Path) -> Path:
    base = work / "base.db"
    if base.exists():
        return base
    tmp = work / "base.tmp.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reportedly",
            "ingest",
            str(POLNEAR_DEV),
            "--db",
            str(tmp),
            "--jobs",
            "2",
        ],
        check=True,
    )
    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.rename(base)
    return base


def build_big(work: Path, base: Path, articles: int) -> Path:
    big = work / f"explorer-{articles}.db"
    if big.exists():
        return big
    from reportedly.corpus.migrations import FILL_EXPLORER_SPEED_SQL
    from reportedly.corpus.store import open_db

    tmp = work / "big.tmp.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    open_db(tmp).conn.close()  # the schema, every migration applied
    started = time.monotonic()
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("ATTACH DATABASE ? AS base", (str(base),))
    n_base = conn.execute("SELECT COUNT(*) FROM base.articles").fetchone()[0]
    copies = -(-articles // n_base)
    max_speaker = conn.execute("SELECT MAX(id) FROM base.speakers").fetchone()[0]
    max_attr = conn.execute("SELECT MAX(id) FROM base.attributions").fetchone()[0]
    # full-text and m007 triggers off while copying; the indexes and m007's tables are
    # made once at the end
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'trigger' AND name NOT LIKE 'article_facets%'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(
        "CREATE TEMP TABLE base_order AS "
        "SELECT rowid AS r, id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM base.articles"
    )
    for copy in range(copies):
        keep = min(n_base, articles - copy * n_base)
        params = {"copy": copy, "keep": keep, "outlets": OUTLETS, "days": DAYS}
        new_id = "printf('%06x', :copy) || substr(a.id, 7)"
        conn.execute(
            f"""
            INSERT INTO articles (id, title, outlet, published, url, language, text, length,
                                  origin, analysis_version, analyzed_at, warnings)
            SELECT {new_id}, a.title, printf('outlet-%02d', (o.n * 7 + :copy) % :outlets),
                   date('2015-01-01', printf('+%d days', (o.n * 37 + :copy * 11) % :days)),
                   printf('https://outlet-%02d.example/%s', (o.n * 7 + :copy) % :outlets, {new_id}),
                   CASE (o.n + :copy) % 10 WHEN 0 THEN 'de' WHEN 1 THEN 'fr' ELSE 'en' END,
                   a.text, a.length, 'benchmark copy', a.analysis_version, a.analyzed_at, a.warnings
            FROM base.articles a JOIN base_order o ON o.id = a.id WHERE o.n < :keep
            """,
            params,
        )
        conn.execute(
            f"""
            INSERT INTO analyses (article_id, record)
            SELECT {new_id}, r.record
            FROM base.analyses r JOIN base.articles a ON a.id = r.article_id
            JOIN base_order o ON o.id = a.id WHERE o.n < :keep
            """,
            params,
        )
        conn.execute(
            f"""
            INSERT INTO speakers (id, article_id, name, name_key, type, attributions)
            SELECT s.id + :copy * {max_speaker}, {new_id}, s.name, s.name_key, s.type,
                   s.attributions
            FROM base.speakers s JOIN base.articles a ON a.id = s.article_id
            JOIN base_order o ON o.id = a.id WHERE o.n < :keep
            """,
            params,
        )
        conn.execute(
            f"""
            INSERT INTO attributions (id, article_id, position, kind, speaker, speaker_id,
                source_text, source_type, cue, cue_lemma, stance, content, channel,
                content_start, content_end, origin, spans)
            SELECT t.id + :copy * {max_attr}, {new_id}, t.position, t.kind, t.speaker,
                   t.speaker_id + :copy * {max_speaker}, t.source_text, t.source_type, t.cue,
                   t.cue_lemma, t.stance, t.content, t.channel, t.content_start, t.content_end,
                   t.origin, t.spans
            FROM base.attributions t JOIN base.articles a ON a.id = t.article_id
            JOIN base_order o ON o.id = a.id WHERE o.n < :keep
            """,
            params,
        )
        if copy % 100 == 0:
            conn.commit()
            print(f"  copy {copy + 1}/{copies} ({time.monotonic() - started:.0f} s)", flush=True)
    conn.commit()
    print("  rebuilding the full-text indexes", flush=True)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild')")
    print("  filling the explorer's facet tables (migration m007)", flush=True)
    for sql in FILL_EXPLORER_SPEED_SQL:
        conn.execute(sql)
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    tmp.rename(big)
    print(
        f"  built {big} in {time.monotonic() - started:.0f} s "
        f"({big.stat().st_size / 2**20:.0f} MiB)",
        flush=True,
    )
    return big


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(db: Path, clients: int, requests: int, cache: bool = True) -> dict[str, Any]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reportedly", "serve", "--db", str(db), "--port", str(port)]
        + ([] if cache else ["--search-cache", "0"])
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/v1", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            ids = [
                r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")
            ]
        started = time.monotonic()
        overview = httpx.get(base + "/", timeout=300)
        cold_overview = time.monotonic() - started
        assert overview.status_code == 200
        timings: dict[str, list[float]] = {"search": [], "facets": [], "article": []}
        statuses: dict[int, int] = {}
        lock = threading.Lock()

        def client(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=base, timeout=60) as http:
                for i in range(requests // clients):
                    kind = ("search", "facets", "article")[i % 3]
                    word = rng.choice(WORDS)
                    if kind == "search":
                        scope = rng.choice(["articles", "quotes"])
                        url = "/search"
                        params = {"q": word, "scope": scope}
                    elif kind == "facets":
                        name, value = rng.choice(FILTERS)
                        url = "/api/v1/search"
                        params = {
                            "q": word,
                            name: value,
                            "per_page": "1",
                            "scope": rng.choice(["articles", "quotes"]),
                        }
                    else:
                        url = f"/articles/{rng.choice(ids)}"
                        params = {}
                    t0 = time.perf_counter()
                    answer = http.get(url, params=params)
                    elapsed = time.perf_counter() - t0
                    with lock:
                        timings[kind].append(elapsed)
                        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1

        threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    result: dict[str, Any] = {"cold_overview_ms": round(cold_overview * 1000), "statuses": statuses}
    for kind, values in timings.items():
        result[kind] = {
            "requests": len(values),
            "p50_ms": round(percentile(values, 0.5) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1),
            "mean_ms": round(statistics.mean(values) * 1000, 1),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=600, help="in all, over the clients")
    parser.add_argument("--work", type=Path, default=Path("/tmp/reportedly-explorer-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build the big corpus again")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve with --search-cache 0 (every search computed, none answered from the cache)",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = build_base(args.work)
    if args.rebuild:
        shutil.rmtree(args.work / f"explorer-{args.articles}.db", ignore_errors=True)
        (args.work / f"explorer-{args.articles}.db").unlink(missing_ok=True)
    big = build_big(args.work, base, args.articles)
    # a corpus built by an older release is brought up to date first, as `reportedly` would
    # (migration m007 adds the explorer's facet tables: about 20 s on 100,000 articles)
    from reportedly.corpus.store import open_db

    started = time.monotonic()
    open_db(big).conn.close()
    print(f"  corpus up to date ({time.monotonic() - started:.1f} s)", flush=True)
    with sqlite3.connect(big) as conn:
        counts = {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "attributions", "speakers")
        }
    result = {
        "corpus": counts,
        "db_mib": round(big.stat().st_size / 2**20),
        "clients": args.clients,
        "search_cache": not args.no_cache,
    } | run(big, args.clients, args.requests, cache=not args.no_cache)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
