"""Faults around the commands: closed pipes, full disks, killed ingests, racing ingests,
foreign and damaged databases, odd arguments. Each ends in a clean result or one line."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportedly.cli import cli

# the real CLI in subprocesses, end to end: left out of the fast loop
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-article.txt"
ARTICLES = {
    "a.txt": "Mayor pledges bridge\n\n“We will build it by 2026,” said Mayor Jane Doe on Monday.\n",
    "b.txt": "Taxes\n\nThe governor said taxes would rise next year, according to a statement.\n",
    "c.jsonl": json.dumps(
        {
            "text": "Officials said the port would close on Friday.",
            "published": "November 19, 2019",
            "outlet": "Daily Planet",
            "title": "Port to close",
        }
    )
    + "\n",
}


def reportedly(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "reportedly", *args],
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    proc = reportedly("ingest", str(folder), "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    return db


def articles_of(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, text, title, outlet, published, url, language FROM articles ORDER BY id"
        ).fetchall()


# --------------------------------------------------------------------------- output faults


def test_a_closed_pipe_is_one_line_and_a_non_zero_exit() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    proc = reportedly("analyze", str(SEED), "--format", "json", stdout=write_end)
    os.close(write_end)
    assert "went away" in one_line_error(proc)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", str(SEED), "--format", "json"],
        ["claims", str(SEED), "--format", "json"],
        ["export", "--format", "jsonl"],
    ],
)
def test_a_full_disk_is_one_line_and_a_non_zero_exit(
    args: list[str], corpus: Path, tmp_path: Path
) -> None:
    if args[0] == "export":
        args = [*args, "--db", str(corpus)]
    with (tmp_path / "out").open("wb") as out:
        proc = reportedly(*args, stdout=out, preexec_fn=_limited)
    assert "File too large" in one_line_error(proc)


def test_export_to_a_full_disk_names_the_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    proc = reportedly(
        "export", "--db", str(corpus), "--format", "jsonl", "--output", str(target),
        preexec_fn=_limited,
    )  # fmt: skip
    assert "out.jsonl: cannot write" in one_line_error(proc)


# --------------------------------------------------------------------------- databases


def test_export_ingests_back_into_an_equal_corpus(corpus: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.jsonl"
    assert (
        reportedly(
            "export", "--db", str(corpus), "--format", "jsonl", "--output", str(exported)
        ).returncode
        == 0
    )
    again = tmp_path / "again.db"
    proc = reportedly("ingest", str(exported), "--db", str(again), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert articles_of(again) == articles_of(corpus)
    assert len(articles_of(corpus)) == len(ARTICLES)


def test_foreign_and_damaged_databases_are_refused_untouched(corpus: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
    damaged = tmp_path / "damaged.db"
    data = bytearray(corpus.read_bytes())
    data[4096 : 4096 * 6] = b"\xab" * (4096 * 5)
    damaged.write_bytes(bytes(data))
    text_file = tmp_path / "text.db"
    text_file.write_text("not a database", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLES["a.txt"], encoding="utf-8")
    for db, expected in ((foreign, "another application"), (damaged, "integrity_check"),
                         (text_file, "not a SQLite database")):  # fmt: skip
        before = sha(db)
        for args in (
            ["quotes", "--db", str(db)],
            ["search", "--db", str(db), "bridge"],
            ["export", "--db", str(db), "--format", "jsonl"],
            ["ingest", str(article), "--db", str(db), "--jobs", "1"],
        ):
            # in process (these refusals come before any model is loaded)
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
            errors = [
                line for line in result.stderr.splitlines() if line.lower().startswith("error")
            ]
            assert len(errors) == 1 and expected in errors[0], (db, args, result.stderr)
        assert sha(db) == before
    with sqlite3.connect(foreign) as connection:
        assert [r[0] for r in connection.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_read_commands_write_nothing_and_count_undated_articles(corpus: Path) -> None:
    before = sha(corpus)
    proc = reportedly(
        "quotes", "--db", str(corpus), "--since", "2019-01-01", "--format", "json",
        "--limit", "99999999999999999999",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    [row] = json.loads(proc.stdout)
    assert row["published"] == "2019-11-19"  # "November 19, 2019" as read from JSONL
    assert "2 quote(s) from articles without a publication date" in proc.stderr
    assert sha(corpus) == before


@pytest.mark.slow
def test_two_ingests_into_a_new_database_equal_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    together = tmp_path / "together.db"
    command = [sys.executable, "-m", "reportedly", "ingest", str(folder), "--db", str(together)]
    runs = [
        subprocess.Popen([*command, "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    alone = tmp_path / "alone.db"
    assert reportedly("ingest", str(folder), "--db", str(alone), "--jobs", "1").returncode == 0
    assert articles_of(together) == articles_of(alone)
    # both processes linked; each article was linked once (no doubled people or quotes)
    assert links_of(together) == links_of(alone)
    with sqlite3.connect(together) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def links_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            "linked": connection.execute(
                "SELECT article_id, language FROM link_state ORDER BY article_id"
            ).fetchall(),
            "people": connection.execute(
                "SELECT name, attributions FROM people ORDER BY name"
            ).fetchall(),
            "quotes": connection.execute(
                "SELECT article_id, origin, COUNT(*) FROM attributions "
                "GROUP BY article_id, origin ORDER BY article_id, origin"
            ).fetchall(),
        }


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02}.txt").write_text(SEED.read_text(encoding="utf-8") + f"\n\nPart {i}.")
    db = tmp_path / "k.db"
    run = subprocess.Popen(
        [sys.executable, "-m", "reportedly", "ingest", str(folder), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers) >= 2, "the ingest started no worker processes"
    time.sleep(3)  # the workers are loading the model or analyzing
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while (
        alive := {w for w in workers if Path(f"/proc/{w}").exists()}
    ) and time.monotonic() < deadline:
        time.sleep(0.2)
    for worker in alive:  # zombies only: reaped by init, holding no memory
        assert "Z" in Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[0]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --------------------------------------------------------------------------- odd inputs


def test_a_fifo_and_an_odd_file_name_beside_good_inputs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    odd.write_text(ARTICLES["b.txt"], encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLES["a.txt"], encoding="utf-8")
    proc = reportedly("analyze", "--format", "jsonl", str(fifo), str(odd), str(good))
    assert "not a regular file" in one_line_error(proc)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["caf\ufffd.txt", "good.txt"]
    assert all(r["attributions"] for r in records)


def test_the_api_analyzes_text_with_lone_surrogates() -> None:
    from reportedly import analyze

    text = "“We will win \ud800,” the senator said.\udfff"
    analysis = analyze(text)
    assert analysis.text == text
    [attribution] = analysis.attributions
    assert attribution.source is not None and attribution.source.text == "the senator"
    surrogates = [r for r in analysis.repairs if r.kind == "surrogates"]
    assert [(r.spans, r.after) for r in surrogates] == [
        (((13, 14),), "\ufffd"),
        (((34, 35),), "\ufffd"),
    ]
    json.dumps(analysis.to_dict())


def test_outlets_match_in_any_case_and_common_form(tmp_path: Path) -> None:
    records = [
        {"text": "Officials said the port would close.", "outlet": "The New York Times",
         "url": "https://www.nytimes.com/2019/port.html", "published": "2019-11-19"},
        {"text": "The mayor said the bridge would open.", "outlet": "Daily Planet",
         "published": "2019-11-20"},
    ]  # fmt: skip
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "o.db"
    assert reportedly("ingest", str(source), "--db", str(db), "--jobs", "1").returncode == 0
    for given, outlet in [
        *((g, "The New York Times") for g in ("new york times", "nytimes.com", "NYTimes")),
        ("The New York Times", "The New York Times"),
        ("daily-planet", "Daily Planet"),
    ]:
        args = ["quotes", "--db", str(db), "--outlet", given, "--format", "json"]
        result = CliRunner().invoke(cli, args)
        assert [r["outlet"] for r in json.loads(result.stdout)] == [outlet], given


def test_ingest_records_articles_past_the_time_limit_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "corpus.db"
    args = ("ingest", str(folder), "--db", str(db), "--jobs", "1", "--no-link", "--json")
    proc = reportedly(*args, "--time-limit", "0.0001")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["new"] == 0
    reasons = [failure["reason"] for failure in summary["failures"]]
    assert len(reasons) == 3 and all("passed the time limit" in r for r in reasons), reasons
    proc = reportedly(*args)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["new"] == 3


@pytest.mark.parametrize("command", ["analyze", "claims", "ingest"])
def test_an_unreadable_input_is_one_error_after_the_good_ones(tmp_path: Path, command: str) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)  # stat fails (ELOOP) as a file without read permission does
    good = tmp_path / "good.txt"
    good.write_text(ARTICLES["a.txt"], encoding="utf-8")
    extra = ["--db", str(tmp_path / "o.db"), "--jobs", "1"] if command == "ingest" else []
    proc = reportedly(command, str(loop), str(good), *extra)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "loop.txt: cannot read" in proc.stderr + proc.stdout
    if command == "ingest":
        with sqlite3.connect(tmp_path / "o.db") as connection:
            assert connection.execute("SELECT origin FROM articles").fetchall() == [(str(good),)]
    else:
        assert "Jane Doe" in proc.stdout


def test_a_folder_with_a_file_name_that_is_not_utf8_is_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt")).write_text(ARTICLES["b.txt"], "utf-8")
    (folder / "good.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    db = tmp_path / "o.db"
    proc = reportedly("ingest", str(folder), "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    with sqlite3.connect(db) as connection:
        origins = sorted(Path(o).name for (o,) in connection.execute("SELECT origin FROM articles"))
    # the undecodable byte of the name is shown as U+FFFD in what is stored
    assert origins == ["caf\ufffd.txt", "good.txt"]


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_deeply_nested_parentheses_give_no_numeric_warnings() -> None:
    from reportedly import analyze

    text = "The minister said " + "(" * 2000 + "x" + ")" * 2000 + " the bridge would reopen."
    analysis = analyze(text)
    assert analysis.text == text
    sentence = "“The bridge (" + "(" * 300 + "will" + ")" * 300 + ") reopen,” the minister said."
    [attribution] = analyze(sentence).attributions
    assert attribution.source is not None and attribution.source.text == "the minister"
