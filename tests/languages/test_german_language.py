"""The German analysis: tokens, quotation marks, Konjunktiv I, rules, grouping,
language choice and the records it makes (offsets into the original input)."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from reportedly.config import AnalysisConfig
from reportedly.errors import InputError
from reportedly.languages import LANGUAGES, choose_language
from reportedly.languages.de.features import quote_states
from reportedly.languages.de.grouping import group_labels, label_spans
from reportedly.languages.de.lexicon import cue_lexicon, is_subjunctive
from reportedly.languages.de.quotations import find_quotations
from reportedly.languages.de.rules import rule_labels
from reportedly.languages.de.tokens import tokenize

REPO = Path(__file__).resolve().parents[2]
GERMAN_SEED = REPO / "examples" / "seed-article.de.txt"
ENGLISH = (
    "The minister said on Tuesday that the government would act quickly, and the "
    "opposition said it was too late. It is the first time that the two sides have "
    "spoken about the plan since it was announced by the prime minister in May."
)
GERMAN = (
    "Der Minister sagte am Dienstag, die Regierung werde schnell handeln. Die Opposition "
    "erklärte, es sei zu spät. Es ist das erste Mal, dass sich beide Seiten zu dem Plan "
    "äußern, seit der Regierungschef ihn im Mai vorgestellt hat und die Kritik wuchs."
)
FRENCH = (
    "Le ministre a déclaré mardi que le gouvernement allait agir rapidement, mais "
    "l'opposition a estimé qu'il était trop tard. C'est la première fois que les deux "
    "camps s'expriment sur ce plan depuis son annonce par le premier ministre en mai "
    "dernier, et les discussions doivent reprendre la semaine prochaine à Paris."
)


def test_tokens_keep_ordinals_abbreviations_and_marks_apart() -> None:
    text = "Am 20. Mai sagte Dr. Müller: „Wir bleiben.“"
    words = [t.text for t in tokenize(text)]
    assert words == [
        "Am",
        "20.",
        "Mai",
        "sagte",
        "Dr.",
        "Müller",
        ":",
        "„",
        "Wir",
        "bleiben",
        ".",
        "“",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_a_closing_mark_after_the_period_stays_in_its_sentence() -> None:
    tokens = tokenize("„Wir bleiben.“ Dann ging er.")
    assert [t.sentence for t in tokens] == [0, 0, 0, 0, 0, 1, 1, 1, 1]


@pytest.mark.parametrize(
    "text", ["„Ja“, sagte er.", "»Ja«, sagte er.", "“Ja”, sagte er.", '"Ja", sagte er.']
)
def test_quotation_marks_german_guillemets_and_english(text: str) -> None:
    states = quote_states(tokenize(text))
    assert [s.mark for s in states[:3]] == ["open", "", "close"]
    assert states[1].inside and not states[4].inside


def test_konjunktiv_one_by_form_and_after_a_pronoun() -> None:
    assert is_subjunctive("sei", None) and is_subjunctive("habe", "sie")
    assert is_subjunctive("plane", "er")
    assert not is_subjunctive("ist", "er") and not is_subjunctive("Lage", "die")


def test_cue_lexicon_maps_forms_to_lemmas() -> None:
    lexicon = cue_lexicon()
    assert lexicon["sagte"] == "sagen" and lexicon["zufolge"] == "zufolge"


def test_rules_find_indirect_speech_with_its_cue_and_speaker() -> None:
    tokens = tokenize("Merkel sagte, die Lage sei ernst.")
    labels = rule_labels(tokens)
    spans = {
        (s.role, " ".join(t.text for t in tokens[s.start : s.end])) for s in label_spans(labels)
    }
    assert spans == {("S", "Merkel"), ("C", "sagte"), ("Q", "die Lage sei ernst")}


def test_grouping_joins_an_interrupted_quote_and_shares_its_speaker() -> None:
    tokens = tokenize("„Wir bleiben“, sagte Müller, „und wir kämpfen.“")
    roles = [
        "B-Q",
        "I-Q",
        "I-Q",
        "I-Q",
        "O",
        "B-C",
        "B-S",
        "O",
        "B-Q",
        "I-Q",
        "I-Q",
        "I-Q",
        "I-Q",
        "I-Q",
    ]
    (group,) = group_labels(roles, tokens)
    assert len(group.quote) == 2
    assert [tokens[s.start].text for s in group.speaker] == ["Müller"]
    assert [tokens[s.start].text for s in group.cue] == ["sagte"]


def _labels(tokens: list, roles: dict[str, str]) -> list[str]:
    """BIO labels from a word -> role map (each run of one role is one span)."""
    labels, previous = [], "O"
    for token in tokens:
        role = roles.get(token.text, "O")
        labels.append("O" if role == "O" else ("I-" if previous == role else "B-") + role)
        previous = role
    return labels


def test_grouping_keeps_a_discontinuous_cue_whole_and_each_cue_with_its_quote() -> None:
    text = (
        "Die Polizei teilte am Montag mit, der Täter sei gefasst. "
        "Der Anwalt hatte zuvor gesagt, er sei unschuldig. Er bleibe ruhig."
    )
    tokens = tokenize(text)
    quote_words = {"der", "Täter", "sei", "gefasst", "er", "unschuldig", "Er", "bleibe", "ruhig"}
    roles = {w: "Q" for w in quote_words}
    roles |= {"teilte": "C", "mit": "C", "hatte": "C", "gesagt": "C"}
    roles |= {"Polizei": "S", "Anwalt": "S"}
    groups = group_labels(_labels(tokens, roles), tokens)
    cues = [[tokens[s.start].text for s in g.cue] for g in groups]
    assert cues[0] == ["teilte", "mit"]
    assert cues[1] == ["hatte", "gesagt"]
    # the third sentence goes on from the second: it has no cue of its own to take
    assert cues[2] == []


def test_grouping_takes_the_speaker_beside_the_cue() -> None:
    tokens = tokenize("Müller sagte nach dem Treffen mit Schmidt, der Plan sei gut.")
    roles = {"Müller": "S", "Schmidt": "S", "sagte": "C"}
    roles |= {w: "Q" for w in ("der", "Plan", "sei", "gut")}
    (group,) = group_labels(_labels(tokens, roles), tokens)
    # Schmidt stands nearer the quote; Müller is the subject of "sagte"
    assert [tokens[s.start].text for s in group.speaker] == ["Müller"]


def test_language_choice() -> None:
    assert choose_language(ENGLISH).language.code == "en"
    assert choose_language(GERMAN).language.code == "de"
    assert choose_language(GERMAN, "en").language.code == "en"
    assert choose_language(ENGLISH, "DE").language.code == "de"
    french = choose_language(FRENCH)
    assert french.language.code == "en" and french.warning and "'fr'" in french.warning
    with pytest.raises(InputError, match="no analysis for language 'xx'"):
        choose_language(ENGLISH, "xx")
    assert set(LANGUAGES) >= {"en", "de"}


def test_german_parts_are_not_imported_for_english() -> None:
    code = (
        "import sys, reportedly.pipeline\n"
        "from reportedly.languages import choose_language\n"
        f"choose_language({ENGLISH!r})\n"
        "bad = [m for m in sys.modules if m.startswith('reportedly.languages.de') "
        "or m.startswith('py3langid')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_german_analysis_offsets_index_the_original_input() -> None:
    # mojibake and a non-breaking space before the quotation: repair shifts offsets
    text = "Vorwort\u00a0Ã¼ber alles.\n\n„Wir bleiben hier und kämpfen weiter“, sagte Müller."
    from reportedly.pipeline import analyze

    analysis = analyze(text, AnalysisConfig(language="de"))
    assert analysis.attributions, analysis
    attribution = analysis.attributions[0]
    start, end = attribution.content.spans[0]
    assert text[start:end].startswith("„Wir bleiben")
    assert attribution.kind == "direct"
    assert attribution.source is not None
    assert text[slice(*attribution.source.spans[0])] == "Müller"
    assert analysis.version.split("+")[1].startswith("de.")


def test_without_the_model_rules_analyse_german_and_warn_once(tmp_path: Path) -> None:
    from reportedly.languages.de import tagger

    tagger._warn_no_model.cache_clear()
    missing = tmp_path / "absent.crfsuite"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = find_quotations("Merkel sagte, die Lage sei ernst.", model=missing)
        find_quotations("Er erklärte, es sei zu spät.", model=missing)
    assert [str(w.message) for w in caught] == [tagger.NO_MODEL_WARNING]
    assert first and first[0].kind == "indirect"


def test_german_seed_article_names_its_speakers() -> None:
    from reportedly.pipeline import analyze

    text = GERMAN_SEED.read_text("utf-8")
    analysis = analyze(text)  # detected as German
    assert analysis.version.split("+")[1].startswith("de.")
    names = [a.source.name for a in analysis.attributions if a.source is not None]
    assert names.count("Putin") >= 3, names
    kinds = {a.kind for a in analysis.attributions}
    assert {"direct", "indirect"} <= kinds
    for attribution in analysis.attributions:
        for start, end in attribution.content.spans:
            assert text[start:end] == text[start:end].strip() != ""
    direct = [a for a in analysis.attributions if a.kind == "direct"]
    assert any("Schmerz" in a.content.text for a in direct)


def test_cli_lang_overrides_detection_and_refuses_an_unknown_code(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from reportedly.cli import cli

    article = tmp_path / "de.txt"
    article.write_text(GERMAN, "utf-8")
    detected = CliRunner().invoke(cli, ["analyze", "--format", "json", str(article)])
    assert detected.exit_code == 0, detected.output
    assert "+de." in json.loads(detected.stdout)["version"]
    forced = CliRunner().invoke(cli, ["analyze", "--lang", "en", "--format", "json", str(article)])
    assert forced.exit_code == 0, forced.output
    assert "+de." not in json.loads(forced.stdout)["version"]
    unknown = CliRunner().invoke(cli, ["analyze", "--lang", "xx", str(article)])
    assert unknown.exit_code == 2 and "'xx' is not one of" in unknown.output
