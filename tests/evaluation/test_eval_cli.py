"""`reportedly eval` through click's runner, on small gold folders made here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reportedly.cli import cli

# a title line, then a textbook direct quote
TEXT = 'Smith vows victory.\n\n"We will win this state," Jane Smith said on Monday.\n'
SOURCE, CUE, CONTENT = (47, 57), (58, 62), (21, 46)
ANN = (
    f"T1\tSource {SOURCE[0]} {SOURCE[1]}\tJane Smith\n"
    f"T2\tCue {CUE[0]} {CUE[1]}\tsaid\n"
    f'T3\tContent {CONTENT[0]} {CONTENT[1]}\t"We will win this state,"\n'
    f"T4\tAttribution {CUE[0]} {CUE[1]}\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)
OTHER_TEXT = "Nobody said anything here.\n"


def brat_folder(root: Path) -> Path:
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "a.ann").write_text(ANN, encoding="utf-8")
    (root / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (root / "b.ann").write_text("", encoding="utf-8")
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["eval", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_example_offsets_are_right() -> None:
    assert TEXT[slice(*SOURCE)] == "Jane Smith"
    assert TEXT[slice(*CUE)] == "said"
    assert TEXT[slice(*CONTENT)] == '"We will win this state,"'


def test_brat_table(tmp_path: Path) -> None:
    code, out, err = run("brat", str(brat_folder(tmp_path / "gold")))
    assert code == 0, out + err
    assert "analyzing 2 articles" in err
    rows = {" ".join(line.split()[:2]): line.split() for line in out.splitlines() if line.strip()}
    assert rows["relation attribution"][-1] == "1/1"  # matched/gold: gold has one attribution
    assert rows["source exact"][-1].endswith("/1")
    assert "speaker name" not in out  # not PolNeAR dev


def test_brat_json_and_limit(tmp_path: Path) -> None:
    code, out, err = run("brat", str(brat_folder(tmp_path / "gold")), "--json", "--limit", "1")
    assert code == 0, out + err
    data = json.loads(out)
    assert data["articles"] == 1
    assert data["relation"]["gold"] == 1
    # a textbook direct quote: any working analyzer finds it
    assert data["relation"]["matched_gold"] == 1
    assert data["direct"]["gold"] == 1
    assert data["speakers"] is None
    assert data["misses"] == []


def test_errors_option_shows_misses(tmp_path: Path) -> None:
    root = brat_folder(tmp_path / "gold")
    # a gold attribution no analyzer finds: nothing is reported in that text
    (root / "b.ann").write_text(
        "T1\tCue 7 11\tsaid\nT2\tContent 12 25\tanything here\nE1\tCue:T1 Content:T2\n",
        encoding="utf-8",
    )
    code, out, err = run("brat", str(root), "--errors", "3", "--jobs", "1")
    assert code == 0, out + err
    assert "worst misses" in out
    assert "#1 b:" in out
    assert "anything here" in out


def test_jsonl_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    gold = {
        "id": "x",
        "text": TEXT,
        "attributions": [{"source": [SOURCE], "cue": [CUE], "content": [CONTENT]}],
    }
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    code, out, err = run("jsonl", str(path), "--json")
    assert code == 0, out + err
    assert json.loads(out)["relation"]["gold"] == 1


def test_jsonl_help_documents_the_format() -> None:
    code, out, _ = run("jsonl", "--help")
    assert code == 0
    assert '"attributions": [{"source": [[s, e]], "cue": [[s, e]]' in out
    assert "end exclusive" in out


def assert_one_line_error(code: int, out: str, err: str, message: str) -> None:
    assert code != 0
    assert "Traceback" not in out + err
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "[R020]" in lines[0]
    assert message in lines[0]


def test_bad_gold_gives_one_line_errors(tmp_path: Path) -> None:
    assert_one_line_error(*run("brat", str(tmp_path / "missing")), "is not a folder")
    root = brat_folder(tmp_path / "gold")
    assert_one_line_error(*run("polnear", str(root)), "is not a PolNeAR split")
    (root / "a.ann").write_text("T1\tCue 5 500\tsaid\n", encoding="utf-8")
    assert_one_line_error(*run("brat", str(root)), "a.ann:1: span 5-500 lies outside")
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"text": 3}\n', encoding="utf-8")
    assert_one_line_error(*run("jsonl", str(bad_jsonl)), "bad.jsonl:1: 'text' must be a string")


def test_without_switches_parts_off_and_the_table_shows_origins(tmp_path: Path) -> None:
    gold = str(brat_folder(tmp_path / "gold"))
    code, out, err = run("brat", gold, "--json")
    assert code == 0, out + err
    assert set(json.loads(out)["origins"]) >= {"model"}
    code, out, err = run("brat", gold, "--json", "--without", "model", "--without", "menders")
    assert code == 0, out + err
    assert "without menders,model" in err
    origins = json.loads(out)["origins"]
    assert "model" not in origins and origins  # the quote rule still finds the quote
    code, out, err = run("brat", gold, "--without", "rules", "--without", "model")
    assert code == 0, out + err
    assert "origin" not in out  # nothing left to find anything
    rows = {" ".join(line.split()[:2]): line.split() for line in out.splitlines() if line.strip()}
    assert rows["relation attribution"][-1] == "0/1"


def test_an_unknown_part_is_a_one_line_error(tmp_path: Path) -> None:
    code, out, err = run("brat", str(brat_folder(tmp_path / "gold")), "--without", "no-such-rule")
    assert code == 2 and "Traceback" not in out + err
    [line] = [line for line in (out + err).splitlines() if line.strip()]
    assert "unknown rule or mender 'no-such-rule'" in line
    assert "quote-rule" in line  # the known names are listed


def test_the_out_of_domain_gold_set_scores_with_its_speaker_names() -> None:
    ood = Path(__file__).with_name("ood")
    code, out, err = run(
        "jsonl",
        str(ood / "ood-gold.jsonl"),
        "--speakers",
        str(ood / "ood-speakers.jsonl"),
        "--json",
        "--limit",
        "2",
    )
    assert code == 0, out + err
    data = json.loads(out)
    assert data["articles"] == 2 and data["relation"]["gold"] == 11
    assert data["speakers"]["total"] == 1  # "the news agency" (Xinhua) on the first two pages
