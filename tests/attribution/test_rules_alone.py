"""Each rule of the cascade run alone on a Doc parsed by hand: what it finds, and what
it must not (no model loads; see :mod:`.handmade` for how the Docs are written)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from reportedly.attribution.rules import RULES
from reportedly.records import AttributionSpans

from .handmade import context, named_in, parsed, parts_of, rule, unparsed

Parts = tuple[list[str], list[str], list[str]]


def found(name: str, doc: Doc, body_start: int = 0) -> list[Parts]:
    """What the rule called ``name`` finds in ``doc``: each triple's source, cue and
    content as text."""
    ctx = context(doc, body_start)
    triples: list[AttributionSpans] = list(rule(name).find(ctx))
    assert all(t.origin == name for t in triples)
    return [parts_of(ctx.text, t) for t in triples]


def test_every_rule_is_tested_alone() -> None:
    assert named_in(Path(__file__), "found") == {r.name for r in RULES}


# --- before the model --------------------------------------------------------------------


def test_headline_rule_credits_a_poll_before_the_colon() -> None:
    text = "Poll: Clinton and Trump in dead heat\n\nThe race is close."
    doc = unparsed(text)
    assert found("headline-rule", doc, text.index("The race")) == [
        (["Poll"], [":"], ["Clinton and Trump in dead heat"])
    ]
    # no headline, no headline credit
    assert found("headline-rule", doc, 0) == []


def test_headline_rule_takes_no_kicker_for_a_source() -> None:
    text = "ANALYSIS: Clinton and Trump in dead heat\n\nThe race is close."
    assert found("headline-rule", unparsed(text), text.index("The race")) == []


def test_headline_rule_credits_the_name_closing_a_headline() -> None:
    text = "Clinton Hid Health Problems From Public, Former White House Doctor Says\n\nHe did."
    assert found("headline-rule", unparsed(text), text.index("He did")) == [
        (["Former White House Doctor"], ["Says"], ["Clinton Hid Health Problems From Public"])
    ]


CADDELL_HEADLINE = (
    # word     dep         head        pos    tag  lemma
    "Pat       compound    Caddell#1   PROPN  NNP",
    "Caddell   npadvmod    worried     PROPN  NNP",
    ":         punct       worried     PUNCT  :",
    "Democrat  compound    voters      PROPN  NNP",
    "voters    nsubjpass   worried     NOUN   NNS  voter",
    "are       auxpass     worried     AUX    VBP  be",
    "worried   ROOT        -           VERB   VBN  worry",
)


def test_headline_rule_credits_whoever_speaks_in_the_body() -> None:
    text = "Pat Caddell: Democrat voters are worried\n\nCaddell said so."
    doc = parsed(
        text,
        *CADDELL_HEADLINE,
        "Caddell   nsubj       said        PROPN  NNP",
        "said      ROOT        -           VERB   VBD  say",
        "so        advmod      said        ADV    RB",
        ".         punct       said        PUNCT  .",
        ents=[("Pat Caddell", "PERSON")],
    )
    assert found("headline-rule", doc, text.index("Caddell said")) == [
        (["Pat Caddell"], [":"], ["Democrat voters are worried"])
    ]


def test_headline_rule_does_not_credit_the_subject_of_the_story() -> None:
    # the body names Caddell, but not as a speaker
    text = "Pat Caddell: Democrat voters are worried\n\nVoters like Caddell."
    doc = parsed(
        text,
        *CADDELL_HEADLINE,
        "Voters    nsubj       like        NOUN   NNS  voter",
        "like      ROOT        -           VERB   VBP",
        "Caddell   dobj        like        PROPN  NNP",
        ".         punct       like        PUNCT  .",
        ents=[("Pat Caddell", "PERSON")],
    )
    assert found("headline-rule", doc, text.index("Voters")) == []


def test_transcript_rule_gives_each_turn_to_its_label() -> None:
    text = (
        "UPDATE: This story was updated.\n"
        "PENCE: Well, look, we will win.\n"
        "WALLACE: Are you sure?\n"
        "PENCE: I am sure.\n"
        "We have the votes.\n"
        "(CROSSTALK)\n"
        "WALLACE: Thank you.\n"
        "UPDATE: A correction was added."
    )
    # "UPDATE" is no speaker, however often it comes
    assert found("transcript-rule", unparsed(text)) == [
        (["PENCE"], [":"], ["Well, look, we will win."]),
        (["WALLACE"], [":"], ["Are you sure?"]),
        # the turn goes on over an unlabelled paragraph, up to a stage direction
        (["PENCE"], [":"], ["I am sure.", "We have the votes."]),
        (["WALLACE"], [":"], ["Thank you."]),
    ]


def test_transcript_rule_wants_a_label_to_recur_or_be_named_in_the_text() -> None:
    assert found("transcript-rule", unparsed("SMITH: I was there.\nThe end.")) == []
    assert found("transcript-rule", unparsed("SMITH: I was there.\nSmith left.")) == [
        (["SMITH"], [":"], ["I was there."])
    ]


def test_dash_rule_credits_a_quote_to_the_name_after_a_dash() -> None:
    text = "“He represents our greatest shame.” ― Sonya Herridge\n“We will win.” ― 2016 rally"
    doc = unparsed(text, ents=[("Sonya Herridge", "PERSON")])
    # the second dash is followed by no person or organisation
    assert found("dash-rule", doc) == [
        (["Sonya Herridge"], ["―"], ["“He represents our greatest shame.”"])
    ]


def test_inverted_rule_credits_a_quote_after_said_and_a_name() -> None:
    text = "The crowd cheered. Said Ellis: “We will be back.” Then Ellis said: “Goodbye.”"
    # only the inverted "Said Ellis:", not the ordinary "Ellis said:"
    assert found("inverted-rule", unparsed(text)) == [(["Ellis"], ["Said"], ["“We will be back.”"])]


ACCORDING_TO_THE_AGENCY = (
    "according prep       {head}    VERB   VBG  accord",
    "to        prep       according ADP    IN",
    "the       det        agency    DET    DT",
    "agency    pobj       to        NOUN   NN",
    ".         punct      {head}    PUNCT  .",
)


def test_according_to_rule_gives_the_rest_of_the_sentence_to_its_source() -> None:
    text = "Taxes will rise next year, according to the agency."
    doc = parsed(
        text,
        "Taxes     nsubj      rise      NOUN   NNS  tax",
        "will      aux        rise      AUX    MD",
        "rise      ROOT       -         VERB   VB",
        "next      amod       year      ADJ    JJ",
        "year      npadvmod   rise      NOUN   NN",
        ",         punct      rise      PUNCT  ,",
        *(row.format(head="rise") for row in ACCORDING_TO_THE_AGENCY),
    )
    assert found("according-to-rule", doc) == [
        (["the agency"], ["according to"], ["Taxes will rise next year"])
    ]


def test_according_to_rule_leaves_a_channel_of_someones_words() -> None:
    # the minister said it; the agency only relays it
    text = "The minister said taxes will rise, according to the agency."
    doc = parsed(
        text,
        "The       det        minister  DET    DT",
        "minister  nsubj      said      NOUN   NN",
        "said      ROOT       -         VERB   VBD  say",
        "taxes     nsubj      rise      NOUN   NNS  tax",
        "will      aux        rise      AUX    MD",
        "rise      ccomp      said      VERB   VB",
        ",         punct      said      PUNCT  ,",
        *(row.format(head="said") for row in ACCORDING_TO_THE_AGENCY),
    )
    assert found("according-to-rule", doc) == []


def test_per_rule_gives_the_sentence_to_the_source_after_per() -> None:
    text = "Unemployment fell to 4 percent, per the Labor Department."
    doc = parsed(
        text,
        "Unemployment nsubj   fell        NOUN   NN",
        "fell         ROOT    -           VERB   VBD  fall",
        "to           prep    fell        ADP    IN",
        "4            nummod  percent     NUM    CD",
        "percent      pobj    to          NOUN   NN",
        ",            punct   fell        PUNCT  ,",
        "per          prep    fell        ADP    IN",
        "the          det     Department  DET    DT",
        "Labor        compound Department PROPN  NNP",
        "Department   pobj    per         PROPN  NNP  department",
        ".            punct   fell        PUNCT  .",
    )
    assert found("per-rule", doc) == [
        (["the Labor Department"], ["per"], ["Unemployment fell to 4 percent"])
    ]


def test_per_rule_takes_no_agreement_for_a_source() -> None:
    text = "The agency will pay the fee, per the agreement."
    doc = parsed(
        text,
        "The        det     agency     DET    DT",
        "agency     nsubj   pay        NOUN   NN",
        "will       aux     pay        AUX    MD",
        "pay        ROOT    -          VERB   VB",
        "the        det     fee        DET    DT",
        "fee        dobj    pay        NOUN   NN",
        ",          punct   pay        PUNCT  ,",
        "per        prep    pay        ADP    IN",
        "the        det     agreement  DET    DT",
        "agreement  pobj    per        NOUN   NN",
        ".          punct   pay        PUNCT  .",
    )
    assert found("per-rule", doc) == []


# --- after the model ---------------------------------------------------------------------


def senator_says_we_will_win() -> Doc:
    """ "“We will win,” the senator said." parsed."""
    return parsed(
        "“We will win,” the senator said.",
        "“         punct   said     PUNCT  ``",
        "We        nsubj   win      PRON   PRP  we",
        "will      aux     win      AUX    MD",
        "win       ccomp   said     VERB   VB",
        ",         punct   win      PUNCT  ,",
        "”         punct   said     PUNCT  ''",
        "the       det     senator  DET    DT",
        "senator   nsubj   said     NOUN   NN",
        "said      ROOT    -        VERB   VBD  say",
        ".         punct   said     PUNCT  .",
    )


def test_quote_rule_gives_a_quote_to_the_reporting_verb_beside_it() -> None:
    assert found("quote-rule", senator_says_we_will_win()) == [
        (["the senator"], ["said"], ["“We will win,”"])
    ]


def test_quote_rule_leaves_a_quote_inside_a_reported_clause() -> None:
    # a mixed quote: the clause, not the quoted phrase, is what she said
    text = "She said the year was marked by a “feeling of deep and lasting anxiety” for all."
    doc = parsed(
        text,
        "She       nsubj      said     PRON   PRP  she",
        "said      ROOT       -        VERB   VBD  say",
        "the       det        year     DET    DT",
        "year      nsubjpass  marked   NOUN   NN",
        "was       auxpass    marked   AUX    VBD  be",
        "marked    ccomp      said     VERB   VBN  mark",
        "by        agent      marked   ADP    IN",
        "a         det        feeling  DET    DT",
        "“         punct      feeling  PUNCT  ``",
        "feeling   pobj       by       NOUN   NN",
        "of        prep       feeling  ADP    IN",
        "deep      amod       anxiety  ADJ    JJ",
        "and       cc         deep     CCONJ  CC",
        "lasting   conj       deep     ADJ    JJ",
        "anxiety   pobj       of       NOUN   NN",
        "”         punct      feeling  PUNCT  ''",
        "for       prep       marked   ADP    IN",
        "all       pobj       for      PRON   DT",
        ".         punct      said     PUNCT  .",
    )
    assert len(context(doc).quotes) == 1  # a direct quote, not a scare quote
    assert found("quote-rule", doc) == []


COMPLAIN = (
    "Critics   nsubj  complain  NOUN   NNS  critic",
    "complain  ROOT   -         VERB   VBP",
    "that      mark   rose      SCONJ  IN",
    "taxes     nsubj  rose      NOUN   NNS  tax",
    "rose      ccomp  complain  VERB   VBD  rise",
)


def test_parse_rule_gives_a_reported_clause_to_the_verbs_subject() -> None:
    doc = parsed("Critics complain that taxes rose.", *COMPLAIN, ".  punct  complain  PUNCT  .")
    assert found("parse-rule", doc) == [(["Critics"], ["complain"], ["that taxes rose"])]


def test_parse_rule_leaves_a_reporting_verb_inside_a_quotation() -> None:
    doc = parsed(
        "“Critics complain that taxes rose.”",
        "“  punct  complain  PUNCT  ``",
        *COMPLAIN,
        ".  punct  complain  PUNCT  .",
        "”  punct  complain  PUNCT  ''",
    )
    assert len(context(doc).quotes) == 1
    assert found("parse-rule", doc) == []


def test_intention_rule_gives_what_someone_wants_to_do_to_them() -> None:
    doc = parsed(
        "Trump wants to build a wall.",
        "Trump   nsubj  wants  PROPN  NNP",
        "wants   ROOT   -      VERB   VBZ  want",
        "to      aux    build  PART   TO",
        "build   xcomp  wants  VERB   VB",
        "a       det    wall   DET    DT",
        "wall    dobj   build  NOUN   NN",
        ".       punct  wants  PUNCT  .",
    )
    assert found("intention-rule", doc) == [(["Trump"], ["wants"], ["to build a wall"])]


def test_intention_rule_takes_no_belief_for_an_intention() -> None:
    doc = parsed(
        "Voters fear to lose their jobs.",
        "Voters  nsubj  fear   NOUN   NNS  voter",
        "fear    ROOT   -      VERB   VBP",
        "to      aux    lose   PART   TO",
        "lose    xcomp  fear   VERB   VB",
        "their   poss   jobs   PRON   PRP$",
        "jobs    dobj   lose   NOUN   NNS  job",
        ".       punct  fear   PUNCT  .",
    )
    assert found("intention-rule", doc) == []


def passive(verb: str, lemma: str) -> Doc:
    """ "The bill was {verb} by Congress." parsed."""
    return parsed(
        f"The bill was {verb} by Congress.",
        "The       det        bill    DET    DT",
        f"bill     nsubjpass  {verb}  NOUN   NN",
        f"was      auxpass    {verb}  AUX    VBD  be",
        f"{verb}   ROOT       -       VERB   VBN  {lemma}",
        f"by       agent      {verb}  ADP    IN",
        "Congress  pobj       by      PROPN  NNP",
        f".        punct      {verb}  PUNCT  .",
    )


def test_passive_agent_rule_gives_what_an_agent_criticized_to_the_agent() -> None:
    assert found("passive-agent-rule", passive("criticized", "criticize")) == [
        (["Congress"], ["was criticized"], ["The bill"])
    ]
    doc = parsed(
        "He opposed policies criticized by Trump.",
        "He          nsubj  opposed     PRON   PRP  he",
        "opposed     ROOT   -           VERB   VBD  oppose",
        "policies    dobj   opposed     NOUN   NNS  policy",
        "criticized  acl    policies    VERB   VBN  criticize",
        "by          agent  criticized  ADP    IN",
        "Trump       pobj   by          PROPN  NNP",
        ".           punct  opposed     PUNCT  .",
    )
    assert found("passive-agent-rule", doc) == [(["Trump"], ["criticized"], ["policies"])]


def test_passive_agent_rule_leaves_a_verb_of_doing() -> None:
    assert found("passive-agent-rule", passive("built", "build")) == []


def test_report_noun_rule_finds_what_reports_are_of() -> None:
    doc = parsed(
        "Reports of underequipped recruits have been piling up.",
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
    assert found("report-noun-rule", doc) == [([], ["Reports of"], ["underequipped recruits"])]


def test_report_noun_rule_gives_a_report_that_to_its_owner() -> None:
    doc = parsed(
        "The agency's report that taxes rose surprised nobody.",
        "The        det    agency     DET    DT",
        "agency     poss   report     NOUN   NN",
        "'s         case   agency     PART   POS",
        "report     nsubj  surprised  NOUN   NN",
        "that       mark   rose       SCONJ  IN",
        "taxes      nsubj  rose       NOUN   NNS  tax",
        "rose       acl    report     VERB   VBD  rise",
        "surprised  ROOT   -          VERB   VBD  surprise",
        "nobody     dobj   surprised  PRON   NN",
        ".          punct  surprised  PUNCT  .",
    )
    assert found("report-noun-rule", doc) == [(["The agency's"], ["report"], ["that taxes rose"])]


def test_report_noun_rule_leaves_the_verb_report() -> None:
    doc = parsed(
        "They report that taxes rose.",
        "They    nsubj  report  PRON   PRP  they",
        "report  ROOT   -       VERB   VBP",
        "that    mark   rose    SCONJ  IN",
        "taxes   nsubj  rose    NOUN   NNS  tax",
        "rose    ccomp  report  VERB   VBD  rise",
        ".       punct  report  PUNCT  .",
    )
    assert found("report-noun-rule", doc) == []
