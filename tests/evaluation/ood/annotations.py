# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages of the article-extraction benchmark (eight
here, seventeen more in ``annotations_round2_*.py``).

Following PolNeAR's annotation guidelines (source, cue, content; a direct quote's
content keeps its marks; a token belongs to one attribution, so a second cue of the
same subject, "... and added that ...", has no source; content keeps "that").
Each attribution names its parts by their text; ``build_gold.py`` finds them in the
page (the content is unique in its page; the cue and source are searched near it)
and writes ``ood-gold.jsonl`` (``reportedly eval jsonl``) and ``ood-speakers.jsonl``
(speaker names for pronoun, role-noun and surname sources).

A content or cue given as a list is discontinuous (a quote its cue interrupts). A
name ``UNKNOWN`` marks a pronoun or role-noun source the article never names: the
reference expects it left unnamed rather than given a nearby name.

Annotated by one annotator (the author of issue 10's changes) before measuring; two
pages that are on the article set's HELDOUT-PAGES.txt were replaced in issue 23.
"""

from __future__ import annotations

# the name of a source the article does not name
UNKNOWN = "?"

# (source or None, cue or [cue fragments], content or [content fragments], full name or None)
Attribution = tuple[str | None, str | list[str], str | list[str], str | None]
# (page id prefix, its attributions)
Page = tuple[str, list[Attribution]]

PAGES: list[Page] = [
    (
        "432362af",  # New York Post, health: plague in China
        [
            (
                "the state-run Xinhua News Agency",
                "according to",
                "The new patient from Xilingol in Inner Mongolia hunted and ate a wild rabbit on Nov. 5",
                None,
            ),
            (
                "the news agency",
                "said",
                "The person, who was not identified, was hospitalized in the county of Huade in north China’s Inner Mongolia Autonomous Region",
                "Xinhua News Agency",
            ),
            ("the commission", "said", "No one has shown symptoms such as fever, so far", None),
            ("Authorities", "say", "that the cases appear to be unrelated", None),
        ],
    ),
    (
        "4a44ab3e",  # RT, international: Bolivia
        [
            (
                "Bolivia’s public defender’s office",
                "said",
                "another 30 people had been injured in the skirmishes",
                None,
            ),
            (
                None,
                "added",
                "the exact circumstances of the deaths and injuries remained unclear",
                None,
            ),
            (
                "Public Ombudsman Nadia Cruz’s office",
                "said",
                "the deaths were caused by gunshot wounds",
                None,
            ),
            (
                None,
                "called on",
                "the “interim” government to withdraw military units from all policing operations in order to reduce the violence",
                None,
            ),
            (
                "An Associated Press journalist in the area",
                "reported",
                "hearing gunfire near the fuel facility in Senkata, which protesters have tried to block over the last five days in an attempt to shut down operations, as well as seeing a military helicopter flying over the plant",
                None,
            ),
            (
                "A doctor on the scene",
                "told",
                "that he tried to save one of the wounded demonstrators, but failed to do so",
                None,
            ),
            (
                "the doctor",
                "said",
                "“It’s a shame to see a comrade die in this way, because he died in my hands. Seeing it was a shot in the heart, how sad to see something like that,”",
                None,
            ),
        ],
    ),
    (
        "b37be353",  # CTV News, science: hibernating astronauts
        [
            (
                "The European Space Agency",
                "says",
                "putting astronauts into a state of suspended animation could make it easier to reach other planets",
                None,
            ),
            (
                "The agency",
                "said",
                "that its researchers examined how hibernation would affect the design of a crewed mission to Mars and concluded that it could help to significantly shrink the size of spacecraft",
                "European Space Agency",
            ),
            (
                "research team head Jennifer Ngo-Anh",
                "says",
                'the idea "is actually not so crazy."',
                None,
            ),
            (
                "She",
                "noted",
                "that similar methods are already used to save trauma victims",
                "Jennifer Ngo-Anh",
            ),
        ],
    ),
    (
        "c467d507",  # CBS Detroit / AP, health: encephalitis
        [
            (
                "Michigan health authorities",
                "are reporting",
                "a 6th fatality linked to Eastern Equine Encephalitis",
                None,
            ),
            (
                "Berrien County Health Department officials",
                "said",
                "the victim was one of two people who contracted the mosquito borne virus",
                None,
            ),
            (
                "Dr. Joneigh Khaldun of the Michigan Department of Health and Human Services",
                "says",
                "the risk from the virus continues because there hasn’t been a sustained period of freezing temperatures",
                None,
            ),
            (
                "He",
                "says",
                "residents in the affected areas should continue to take precautions against mosquito bites",
                "Joneigh Khaldun",
            ),
        ],
    ),
    (
        "65ce3a45",  # Detroit News / AP, sport: college football
        [
            (
                "Coach P.J. Fleck",
                "said",
                "Morgan has made progress this week, but the Big Ten’s leading passer has not been cleared",
                None,
            ),
            (
                "Fleck",
                "would prefer",
                "to keep at the four-game limit to preserve their redshirt status",
                "P.J. Fleck",
            ),
            (
                "Penn State quarterback Sean Clifford",
                "said",
                "he received death threats on social media after the Nittany Lions’ Nov. 9 loss at Minnesota",
                None,
            ),
            (
                "Vanderbilt athletic director Malcolm Turner",
                "said",
                "Derek Mason has his full support as the Commodores coach and they’ll be working together to give the football program the resources and support needed to succeed",
                None,
            ),
        ],
    ),
    (
        "70cb2d5b",  # BBC Newsbeat, UK, entertainment: Taylor Swift
        [
            (
                "The group that owns most of her music, Big Machine",
                "says",
                "she will be allowed to play her old tracks at the American Music Awards on Sunday",
                None,
            ),
            (None, "accusing", "them of trying to stop her performing her back catalogue", None),
            (
                "the company",
                "says",
                "she didn't need their permission in the first place",
                "Big Machine",
            ),
            ("she", "described", 'this as the "worst case scenario"', "Taylor Swift"),
            (None, "accused", 'him of years of "incessant, manipulative bullying"', None),
            ("He", "has consistently denied", "being unfair to her", "Scooter Braun"),
            (
                "Taylor Swift",
                "posted on Twitter accusing",
                "Big Machine of trying to stop her performing tracks from her first six albums at the AMAs",
                None,
            ),
            (
                "She",
                "claimed",
                "the label thought the performance would amount to a re-recording",
                "Taylor Swift",
            ),
            ("she", "said", '"I just want to be able to perform my own music,"', "Taylor Swift"),
            (
                "She",
                "also accused",
                "Big Machine of holding back permission to use any music in an upcoming Netflix documentary about her life",
                "Taylor Swift",
            ),
            (
                "They",
                "criticised",
                "Scooter Braun's company and the effect big businesses can have when they buy up smaller ones",
                None,
            ),
            ("Big Machine", "have twice denied", "doing anything wrong", None),
            (
                "they",
                "said in a statement",
                '"At no point did we say Taylor could not perform on the AMAs or block her Netflix special,"',
                "Big Machine",
            ),
            (
                "it",
                "says",
                '"[We] have agreed to grant all licenses of [our] artists\' performances to stream post show and for re-broadcast on mutually agreed platforms,"',
                None,
            ),
            (
                "The company that runs the AMAs, Dick Clark Productions",
                "denies",
                "that anything has been definitely sorted",
                None,
            ),
            (
                "they",
                "said",
                '"Any final agreement on this matter needs to be made directly with Taylor Swift\'s management team. We have no further comment,"',
                "Dick Clark Productions",
            ),
        ],
    ),
    (
        "776a1c04",  # USA Today / Argus Leader, US politics: an anti-meth campaign
        [
            (
                "Noem",
                "told",
                '"The mission of the campaign is to raise awareness – to get people talking about how they can be part of the solution and not just the problem,"',
                "Kristi Noem",
            ),
            (
                "Noem",
                "said in",
                'South Dakota\'s meth crisis is "growing at an alarming rate" and affects every community in the state',
                "Kristi Noem",
            ),
            (
                "Noem",
                "said",
                '"This is our problem, and together, we need to get on it,"',
                "Kristi Noem",
            ),
            (
                "Noem",
                "called",
                'the new campaign a "bold, innovative effort like the nation has never before seen."',
                "Kristi Noem",
            ),
            (
                "Noem",
                "said",
                "The goal is to reach everyone in the state and educate them on signs of addiction, resources available to fight addiction and strategies to engage communities in recovery",
                "Kristi Noem",
            ),
            (
                "the state's finances website",
                "according to",
                "The state's Department of Social Services paid a Minnesota ad agency just short of $449,000 this fall for their work on the campaign",
                None,
            ),
            (
                "Noem",
                "said",
                '"I am confident South Dakota can lead the country in this effort and demonstrate ways we can aggressively combat addiction and spark opportunities for recovery,"',
                "Kristi Noem",
            ),
        ],
    ),
    (
        "db6b0816",  # Houston Chronicle / AP, international: Vietnam
        [
            (
                "U.S. Defense Secretary Mark Esper",
                "accused",
                "China of using coercion and intimidation against smaller Asian nations to impose its will in the South China Sea",
                None,
            ),
            ("He", "urged", "Vietnam and others in the region to push back", "Mark Esper"),
            (
                "Esper",
                "said in",
                "“We will not accept attempts to assert unlawful maritime claims at the expense of law-abiding nations,”",
                "Mark Esper",
            ),
            ("Vietnam", "has accused", "Beijing of encroaching into its waters", None),
            (
                "Esper",
                "said",
                "“The United States firmly opposes intimidation by any claimant to assert its territorial or maritime claims, and we call for an end to the bullying and unlawful activities,”",
                "Mark Esper",
            ),
            (
                "Esper",
                "said",
                "“We strongly oppose violations of international law by China and excessive claims in the South China Sea.”",
                "Mark Esper",
            ),
            (
                "Esper",
                "announced",
                "that the U.S. will provide Vietnam’s coast guard with a surplus American ship",
                "Mark Esper",
            ),
            ("He", "said", "it would be provided next year", "Mark Esper"),
            ("he", "gave no details on", "payment or exact timing", "Mark Esper"),
        ],
    ),
]
