"""Each mender of the cascade run alone on a Doc parsed by hand and triples written by
hand: what it changes, and what it must leave (no model loads; see :mod:`.handmade`)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from reportedly.attribution.menders import MENDERS
from reportedly.records import AttributionSpans

from .handmade import context, mender, named_in, parsed, parts_of, triple, unparsed


def mended(
    name: str, doc: Doc, triples: list[AttributionSpans], body_start: int = 0
) -> list[AttributionSpans]:
    """``triples`` as the mender called ``name`` leaves them."""
    return mender(name).mend(context(doc, body_start), triples)


def test_every_mender_is_tested_alone() -> None:
    assert named_in(Path(__file__), "mended") == {m.name for m in MENDERS}


# --- filters -----------------------------------------------------------------------------


def test_whole_headline_keeps_a_whole_headline_and_drops_a_quoted_phrase() -> None:
    text = "“Share their pain”: Putin meets mothers\n\nThe minister said more."
    body_start = text.index("The minister")
    phrase = triple(text, cue="meets", content="“Share their pain”")
    body = triple(text, cue="said", content="more")  # no source, but in the body
    assert mended("whole-headline", unparsed(text), [phrase, body], body_start) == [body]

    text = "Trump says he will win\n\nHe spoke."
    whole = triple(text, source="Trump", cue="says", content="he will win")
    assert mended("whole-headline", unparsed(text), [whole], text.index("He")) == [whole]


def test_not_a_cue_drops_a_verb_of_causing() -> None:
    text = "The mobilization sparked an exodus, officials said."
    doc = parsed(
        text,
        "The           det    mobilization  DET    DT",
        "mobilization  nsubj  sparked       NOUN   NN",
        "sparked       ccomp  said          VERB   VBD  spark",
        "an            det    exodus        DET    DT",
        "exodus        dobj   sparked       NOUN   NN",
        ",             punct  said          PUNCT  ,",
        "officials     nsubj  said          NOUN   NNS  official",
        "said          ROOT   -             VERB   VBD  say",
        ".             punct  said          PUNCT  .",
    )
    caused = triple(text, source="The mobilization", cue="sparked", content="an exodus")
    said = triple(
        text, source="officials", cue="said", content="The mobilization sparked an exodus"
    )
    assert mended("not-a-cue", doc, [caused, said]) == [said]


def test_no_comment_drops_an_unanswered_request_for_comment() -> None:
    text = "Apple did not respond to a request for comment. It said it would comment later."
    silent = triple(text, source="Apple", cue="did not respond", content="to a request for comment")
    # a comment that was made stays
    said = triple(text, source="It", cue="said", content="it would comment later")
    assert mended("no-comment", unparsed(text), [silent, said]) == [said]


def test_cue_adverbs_drops_two_adverbs_of_frequency_but_not_one() -> None:
    text = "They usually rarely mention taxes. She often says no."
    habitual = triple(text, source="They", cue="usually rarely mention", content="taxes")
    often = triple(text, source="She", cue="often says", content="no")
    first, second = mended("cue-adverbs", unparsed(text), [habitual, often])
    assert parts_of(text, first) == (["They"], ["mention"], ["taxes"])
    assert first.origin == "model+cue-adverbs"
    assert second == often


def test_usable_drops_no_content_and_a_relay_of_a_statement_found() -> None:
    text = "He said little, according to an attendee."
    doc = parsed(
        text,
        "He         nsubj  said       PRON   PRP  he",
        "said       ROOT   -          VERB   VBD  say",
        "little     dobj   said       ADJ    JJ",
        ",          punct  said       PUNCT  ,",
        "according  prep   said       VERB   VBG  accord",
        "to         prep   according  ADP    IN",
        "an         det    attendee   DET    DT",
        "attendee   pobj   to         NOUN   NN",
        ".          punct  said       PUNCT  .",
    )
    relay = triple(text, source="an attendee", cue="according to", content="He said little")
    statement = triple(text, source="He", cue="said", content="little")
    # the model found what he said: its attribution names the attendee as channel
    assert mended("usable", doc, [relay, statement]) == [statement]
    # it did not: the attendee's attribution is all there is, and stays
    assert mended("usable", doc, [relay]) == [relay]
    assert mended("usable", doc, [triple(text, source="He", cue="said")]) == []


def test_usable_keeps_according_to_beside_a_plan() -> None:
    # a plan is no statement that "according to" could relay: both stay
    text = "He plans to leave, according to an attendee."
    doc = parsed(
        text,
        "He         nsubj  plans      PRON   PRP  he",
        "plans      ROOT   -          VERB   VBZ  plan",
        "to         aux    leave      PART   TO",
        "leave      xcomp  plans      VERB   VB",
        ",          punct  plans      PUNCT  ,",
        "according  prep   plans      VERB   VBG  accord",
        "to         prep   according  ADP    IN",
        "an         det    attendee   DET    DT",
        "attendee   pobj   to#2       NOUN   NN",
        ".          punct  plans      PUNCT  .",
    )
    relay = triple(text, source="an attendee", cue="according to", content="He plans to leave")
    plan = triple(text, source="He", cue="plans", content="to leave")
    assert mended("usable", doc, [relay, plan]) == [relay, plan]


# --- the model's triples -----------------------------------------------------------------


def test_quote_to_cue_gives_a_quote_back_to_the_cue_beside_it() -> None:
    text = "That worries environmentalists. “It's all I can afford,” he said."
    worry = triple(
        text, source="That", cue="worries", content="“It's all I can afford,”", origin="model"
    )
    said = triple(text, source="he", cue="said")
    worry_after, said_after = mended("quote-to-cue", unparsed(text), [worry, said])
    assert parts_of(text, said_after) == (["he"], ["said"], ["“It's all I can afford,”"])
    assert parts_of(text, worry_after) == (["That"], ["worries"], [])
    assert said_after.origin == worry_after.origin == "model+quote-to-cue"


def test_quote_to_cue_leaves_a_quote_in_another_paragraph() -> None:
    text = "That worries environmentalists. “It's all I can afford.”\nHe said so."
    worry = triple(text, source="That", cue="worries", content="“It's all I can afford.”")
    said = triple(text, source="He", cue="said")
    assert mended("quote-to-cue", unparsed(text), [worry, said]) == [worry, said]


MINISTER_SAID_TAXES_WILL_RISE = (
    "The       det    minister  DET    DT",
    "minister  nsubj  said      NOUN   NN",
    "said      ROOT   -         VERB   VBD  say",
    "that      mark   rise      SCONJ  IN",
    "taxes     nsubj  rise      NOUN   NNS  tax",
    "will      aux    rise      AUX    MD",
    "rise      ccomp  said      VERB   VB",
    ".         punct  said      PUNCT  .",
)


def test_filled_content_gives_a_cue_its_reported_clause() -> None:
    text = "The minister said that taxes will rise."
    doc = parsed(text, *MINISTER_SAID_TAXES_WILL_RISE)
    [filled] = mended("filled-content", doc, [triple(text, source="The minister", cue="said")])
    assert parts_of(text, filled) == (["The minister"], ["said"], ["that taxes will rise"])
    assert filled.origin == "model+filled-content"


def test_filled_content_gives_according_to_the_rest_of_its_sentence() -> None:
    text = "Taxes will rise next year, according to the agency."
    doc = parsed(
        text,
        "Taxes      nsubj     rise       NOUN   NNS  tax",
        "will       aux       rise       AUX    MD",
        "rise       ROOT      -          VERB   VB",
        "next       amod      year       ADJ    JJ",
        "year       npadvmod  rise       NOUN   NN",
        ",          punct     rise       PUNCT  ,",
        "according  prep      rise       VERB   VBG  accord",
        "to         prep      according  ADP    IN",
        "the        det       agency     DET    DT",
        "agency     pobj      to         NOUN   NN",
        ".          punct     rise       PUNCT  .",
    )
    agency = triple(text, source="the agency", cue="according to")
    [filled] = mended("filled-content", doc, [agency])
    assert parts_of(text, filled)[2] == ["Taxes will rise next year"]


def test_filled_content_drops_an_attribution_inside_the_content_it_fills() -> None:
    # PolNeAR annotates only the outermost of nested attributions
    text = "A campaign operative decided to leave, a source said."
    doc = parsed(
        text,
        "A          det       operative  DET    DT",
        "campaign   compound  operative  NOUN   NN",
        "operative  nsubj     decided    NOUN   NN",
        "decided    ccomp     said       VERB   VBD  decide",
        "to         aux       leave      PART   TO",
        "leave      xcomp     decided    VERB   VB",
        ",          punct     said       PUNCT  ,",
        "a          det       source     DET    DT",
        "source     nsubj     said       NOUN   NN",
        "said       ROOT      -          VERB   VBD  say",
        ".          punct     said       PUNCT  .",
    )
    inner = triple(text, source="A campaign operative", cue="decided", content="to leave")
    outer = triple(text, source="a source", cue="said")
    [filled] = mended("filled-content", doc, [inner, outer])
    assert parts_of(text, filled) == (
        ["a source"],
        ["said"],
        ["A campaign operative decided to leave"],
    )


def test_inherited_source_gives_adding_the_speaker_of_said() -> None:
    text = "Putin said taxes rose, adding that prices fell."
    doc = parsed(
        text,
        "Putin   nsubj  said    PROPN  NNP",
        "said    ROOT   -       VERB   VBD  say",
        "taxes   nsubj  rose    NOUN   NNS  tax",
        "rose    ccomp  said    VERB   VBD  rise",
        ",       punct  said    PUNCT  ,",
        "adding  advcl  said    VERB   VBG  add",
        "that    mark   fell    SCONJ  IN",
        "prices  nsubj  fell    NOUN   NNS  price",
        "fell    ccomp  adding  VERB   VBD  fall",
        ".       punct  said    PUNCT  .",
    )
    [added] = mended(
        "inherited-source", doc, [triple(text, cue="adding", content="that prices fell")]
    )
    assert parts_of(text, added) == (["Putin"], ["adding"], ["that prices fell"])
    assert added.origin == "model+inherited-source"


ASKED_ABOUT_TAXES = (
    "Asked  advcl  said   VERB   VBN  ask",
    "about  prep   Asked  ADP    IN",
    "taxes  pobj   about  NOUN   NNS  tax",
    ",      punct  said   PUNCT  ,",
    "Putin  nsubj  said   PROPN  NNP",
    "said   ROOT   -      VERB   VBD  say",
    "no     dobj   said   INTJ   UH",
    ".      punct  said   PUNCT  .",
)


def test_inherited_source_does_not_make_the_one_asked_a_speaker() -> None:
    text = "Asked about taxes, Putin said no."
    asked = triple(text, cue="Asked", content="taxes")
    assert mended("inherited-source", parsed(text, *ASKED_ABOUT_TAXES), [asked]) == [asked]


def test_subject_source_gives_a_cue_its_verbs_subject() -> None:
    text = "Aaron Kall, the director, compared Trump to a coach."
    doc = parsed(
        text,
        "Aaron     compound  Kall      PROPN  NNP",
        "Kall      nsubj     compared  PROPN  NNP",
        ",         punct     Kall      PUNCT  ,",
        "the       det       director  DET    DT",
        "director  appos     Kall      NOUN   NN",
        ",         punct     Kall      PUNCT  ,",
        "compared  ROOT      -         VERB   VBD  compare",
        "Trump     dobj      compared  PROPN  NNP",
        "to        prep      compared  ADP    IN",
        "a         det       coach     DET    DT",
        "coach     pobj      to        NOUN   NN",
        ".         punct     compared  PUNCT  .",
    )
    compared = triple(text, cue="compared", content="Trump to a coach")
    [sourced] = mended("subject-source", doc, [compared])
    # without the appositive
    assert parts_of(text, sourced) == (["Aaron Kall"], ["compared"], ["Trump to a coach"])
    assert sourced.origin == "model+subject-source"


def test_subject_source_does_not_make_whoever_was_told_a_speaker() -> None:
    text = "He was told that taxes rose."
    doc = parsed(
        text,
        "He     nsubjpass  told  PRON   PRP  he",
        "was    auxpass    told  AUX    VBD  be",
        "told   ROOT       -     VERB   VBN  tell",
        "that   mark       rose  SCONJ  IN",
        "taxes  nsubj      rose  NOUN   NNS  tax",
        "rose   ccomp      told  VERB   VBD  rise",
        ".      punct      told  PUNCT  .",
    )
    told = triple(text, cue="was told", content="that taxes rose")
    assert mended("subject-source", doc, [told]) == [told]
    text = "Asked about taxes, Putin said no."
    asked = triple(text, cue="Asked", content="taxes")
    assert mended("subject-source", parsed(text, *ASKED_ABOUT_TAXES), [asked]) == [asked]


def test_quote_only_ends_a_content_with_its_quote() -> None:
    text = "Blige sang: “Promise you’ll keep your hands in sight,” to Clinton before leaving."
    sang = triple(
        text,
        source="Blige",
        cue="sang",
        content="“Promise you’ll keep your hands in sight,” to Clinton before leaving",
    )
    [cut] = mended("quote-only", unparsed(text), [sang])
    assert parts_of(text, cut)[2] == ["“Promise you’ll keep your hands in sight,”"]
    assert cut.origin == "model+quote-only"
    # a word or two after the quote stay
    text = "She wrote: “We will win” again."
    again = triple(text, source="She", cue="wrote", content="“We will win” again")
    assert mended("quote-only", unparsed(text), [again]) == [again]


PUTIN_QUOTED = (
    "“        punct  {verb}  PUNCT  ``",
    "We       nsubj  win     PRON   PRP  we",
    "will     aux    win     AUX    MD",
    "win      ccomp  {verb}  VERB   VB",
    ",        punct  win     PUNCT  ,",
    "”        punct  {verb}  PUNCT  ''",
    "Putin    nsubj  {verb}  PROPN  NNP",
    "{verb}   ROOT   -       VERB   VBD  {lemma}",
    "at       prep   {verb}  ADP    IN",
)


def putin_quoted(verb: str, lemma: str) -> list[str]:
    """The rows of "“We will win,” Putin {verb} at"."""
    return [row.format(verb=verb, lemma=lemma) for row in PUTIN_QUOTED]


def test_cue_adjunct_drops_where_the_words_were_said() -> None:
    text = "“We will win,” Putin said at the meeting."
    doc = parsed(
        text,
        *putin_quoted("said", "say"),
        "the      det    meeting  DET    DT",
        "meeting  pobj   at       NOUN   NN",
        ".        punct  said     PUNCT  .",
    )
    said = triple(text, source="Putin", cue="said", content=("“We will win,”", "the meeting"))
    [kept] = mended("cue-adjunct", doc, [said])
    assert parts_of(text, kept)[2] == ["“We will win,”"]
    assert kept.origin == "model+cue-adjunct"


def test_cue_adjunct_keeps_a_person_the_words_were_said_to() -> None:
    text = "“We will win,” Putin tweeted at Trump."
    doc = parsed(
        text,
        *putin_quoted("tweeted", "tweet"),
        "Trump    pobj   at       PROPN  NNP",
        ".        punct  tweeted  PUNCT  .",
        ents=[("Trump", "PERSON")],
    )
    tweeted = triple(text, source="Putin", cue="tweeted", content=("“We will win,”", "Trump"))
    assert mended("cue-adjunct", doc, [tweeted]) == [tweeted]


def test_passive_agent_makes_the_agent_of_a_passive_cue_its_source() -> None:
    text = "He was accused by a woman of lying."
    doc = parsed(
        text,
        "He       nsubjpass  accused  PRON   PRP  he",
        "was      auxpass    accused  AUX    VBD  be",
        "accused  ROOT       -        VERB   VBN  accuse",
        "by       agent      accused  ADP    IN",
        "a        det        woman    DET    DT",
        "woman    pobj       by       NOUN   NN",
        "of       prep       woman    ADP    IN",
        "lying    pcomp      of       VERB   VBG  lie",
        ".        punct      accused  PUNCT  .",
    )
    accused = triple(text, cue="was accused by a woman", content="of lying")
    [sourced] = mended("passive-agent", doc, [accused])
    assert parts_of(text, sourced) == (["a woman"], ["was accused"], ["of lying"])
    assert sourced.origin == "model+passive-agent"
    # a cue with a source already is left alone
    sourced_already = triple(text, source="He", cue="was accused by a woman", content="of lying")
    assert mended("passive-agent", doc, [sourced_already]) == [sourced_already]


def test_noun_cue_content_ends_a_reports_content_with_the_nouns_phrase() -> None:
    text = "Reports of underequipped recruits have been piling up."
    doc = parsed(
        text,
        "Reports        nsubj  piling    NOUN   NNS  report",
        "of             prep   Reports   ADP    IN",
        "underequipped  amod   recruits  ADJ    JJ",
        "recruits       pobj   of        NOUN   NNS  recruit",
        "have           aux    piling    AUX    VBP",
        "been           aux    piling    AUX    VBN  be",
        "piling         ROOT   -         VERB   VBG  pile",
        "up             prt    piling    ADP    RP",
        ".              punct  piling    PUNCT  .",
    )
    reports = triple(text, cue="Reports of", content="underequipped recruits have been piling up")
    [cut] = mended("noun-cue-content", doc, [reports])
    assert parts_of(text, cut) == ([], ["Reports of"], ["underequipped recruits"])
    assert cut.origin == "model+noun-cue-content"


def test_noun_cue_content_leaves_the_content_of_another_noun() -> None:
    text = "Claims of fraud have been piling up."
    doc = parsed(
        text,
        "Claims  nsubj  piling  NOUN   NNS  claim",
        "of      prep   Claims  ADP    IN",
        "fraud   pobj   of      NOUN   NN",
        "have    aux    piling  AUX    VBP",
        "been    aux    piling  AUX    VBN  be",
        "piling  ROOT   -       VERB   VBG  pile",
        "up      prt    piling  ADP    RP",
        ".       punct  piling  PUNCT  .",
    )
    claims = triple(text, cue="Claims of", content="fraud have been piling up")
    assert mended("noun-cue-content", doc, [claims]) == [claims]


# --- after the merge ---------------------------------------------------------------------


def test_dateline_takes_a_dateline_out_of_a_source() -> None:
    text = "HANOI, Vietnam (AP) — The company said it would leave."
    said = triple(
        text, source="HANOI, Vietnam (AP) — The company", cue="said", content="it would leave"
    )
    [cut] = mended("dateline", unparsed(text), [said])
    assert parts_of(text, cut) == (["The company"], ["said"], ["it would leave"])
    assert cut.origin == "model+dateline"
    # a name with a hyphen is no dateline
    text = "AP-GfK Poll — most voters say no."
    poll = triple(text, source="AP-GfK Poll", cue="say", content="no")
    assert mended("dateline", unparsed(text), [poll]) == [poll]


def test_quotes_stay_gives_a_quote_paragraph_back_to_its_quotation() -> None:
    text = (
        "Kane wrote: “I am leaving.\n"
        "“I will speak to the board.”\n"
        "Tottenham said that he was leaving."
    )
    kane = triple(text, source="Kane", cue="wrote", content="“I am leaving.")
    tottenham = triple(
        text,
        source="Tottenham",
        cue="said",
        content=("“I will speak to the board.”", "that he was leaving"),
    )
    kane_after, tottenham_after = mended("quotes-stay", unparsed(text), [kane, tottenham])
    assert parts_of(text, kane_after)[2] == ["“I am leaving.", "“I will speak to the board.”"]
    assert parts_of(text, tottenham_after)[2] == ["that he was leaving"]
    assert kane_after.origin == tottenham_after.origin == "model+quotes-stay"
    # a cue with no content of its own in its paragraph keeps the quotation
    quoted = triple(
        text,
        source="Tottenham",
        cue="said",
        content=("“I am leaving.", "“I will speak to the board.”"),
    )
    assert mended("quotes-stay", unparsed(text), [quoted]) == [quoted]


def test_split_quote_gives_the_speaker_the_quote_after_their_cue() -> None:
    text = "“We are close,” Graham said. “We will vote soon.”"
    said = triple(text, source="Graham", cue="said", content="“We are close,”")
    [joined] = mended("split-quote", unparsed(text), [said])
    assert parts_of(text, joined)[2] == ["“We are close,”", "“We will vote soon.”"]
    assert joined.origin == "model+split-quote"
    # not across a paragraph break
    text = "“We are close,” Graham said.\n“We will vote soon.”"
    said = triple(text, source="Graham", cue="said", content="“We are close,”")
    assert mended("split-quote", unparsed(text), [said]) == [said]


def test_continued_quotes_give_a_quote_with_no_cue_to_the_speaker_before_it() -> None:
    text = "“We will win,” he said.\n\n“Nobody can stop us.”"
    said = triple(text, source="he", cue="said", content="“We will win,”")
    [continued] = mended("continued-quotes", unparsed(text), [said])
    assert parts_of(text, continued)[2] == ["“We will win,”", "“Nobody can stop us.”"]
    assert continued.origin == "model+continued-quotes"
    # not past a paragraph of narration
    text = "“We will win,” he said.\n\nThe crowd left.\n\n“Nobody can stop us.”"
    said = triple(text, source="he", cue="said", content="“We will win,”")
    assert mended("continued-quotes", unparsed(text), [said]) == [said]


def test_interrupted_gives_a_content_the_rest_of_the_sentence_past_its_cue() -> None:
    text = "The museum, Mr. Obama said, would make visitors face the truth."
    doc = parsed(
        text,
        "The       det        museum    DET    DT",
        "museum    nsubj      make      NOUN   NN",
        ",         punct      make      PUNCT  ,",
        "Mr.       compound   Obama     PROPN  NNP",
        "Obama     nsubj      said      PROPN  NNP",
        "said      parataxis  make      VERB   VBD  say",
        ",         punct      make      PUNCT  ,",
        "would     aux        make      AUX    MD",
        "make      ROOT       -         VERB   VB",
        "visitors  nsubj      face      NOUN   NNS  visitor",
        "face      ccomp      make      VERB   VB",
        "the       det        truth     DET    DT",
        "truth     dobj       face      NOUN   NN",
        ".         punct      make      PUNCT  .",
    )
    said = triple(text, source="Mr. Obama", cue="said", content="The museum")
    [whole] = mended("interrupted", doc, [said])
    assert parts_of(text, whole)[2] == ["The museum", "would make visitors face the truth"]
    assert whole.origin == "model+interrupted"


def test_interrupted_takes_no_apposition_for_the_rest_of_a_content() -> None:
    text = "The museum, Mr. Obama said, a place of memory."
    doc = parsed(
        text,
        "The     det        museum  DET    DT",
        "museum  ROOT       -       NOUN   NN",
        ",       punct      museum  PUNCT  ,",
        "Mr.     compound   Obama   PROPN  NNP",
        "Obama   nsubj      said    PROPN  NNP",
        "said    parataxis  museum  VERB   VBD  say",
        ",       punct      museum  PUNCT  ,",
        "a       det        place   DET    DT",
        "place   appos      museum  NOUN   NN",
        "of      prep       place   ADP    IN",
        "memory  pobj       of      NOUN   NN",
        ".       punct      museum  PUNCT  .",
    )
    said = triple(text, source="Mr. Obama", cue="said", content="The museum")
    assert mended("interrupted", doc, [said]) == [said]
