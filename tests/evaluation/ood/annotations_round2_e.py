# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages, second round (issue 23), part e: the
impeachment hearings as two more outlets reported them (a wire story, a foreign
paper). Same conventions as :mod:`annotations`."""

from __future__ import annotations

from annotations import Page

PAGES: list[Page] = [
    (
        "82b6d780",  # Berkshire Eagle / AP, US politics: an ambassador's testimony
        [
            ("he", "said", "“I now do recall,”", "Gordon Sondland"),
            (
                "Trump",
                "has recently tried to suggest",
                "that he barely knows his hand-picked ambassador",
                "Donald Trump",
            ),
            (
                "Sondland",
                "has said",
                "he has spoken several times with the president and was acting on his direction",
                "Gordon Sondland",
            ),
            (
                "State Department official David Holmes",
                "revealed",
                "one of those interactions to impeachment investigators",
                None,
            ),
            (None, "saying", "he recalled it “vividly.”", None),
            (
                "Holmes",
                "testified",
                [
                    "“I then heard President Trump ask, quote, ‘So he’s going to do the investigation?’”",
                    "“Ambassador Sondland replied that ‘He’s going to do it,’ adding that President Zelensky will, quote, ‘do anything you ask him to.’”",
                ],
                "David Holmes",
            ),
            (
                "another witness in the impeachment probe, former White House Russia adviser Fiona Hill",
                "said",
                'Sondland was known for telling others "he was in charge of Ukraine" despite being the U.S. envoy in Brussels',
                None,
            ),
            (
                "Hill, who will testify Thursday",
                "said",
                ['"And I asked, well, on whose authority?”', '"And he said, the President."'],
                "Fiona Hill",
            ),
            (
                "a career Army officer",
                "described",
                "Trump’s call with Zelenskiy as “improper.”",
                "Alexander Vindman",
            ),
            (
                "Lt. Col. Alexander Vindman",
                "told",
                "it was his “duty” to report his concerns about the call",
                None,
            ),
            (
                "He",
                "testified about",
                "a July 10 meeting at the White House when Sondland told visiting Ukraine officials they would need to “deliver” before the administration would agree to a meeting Zelenskiy wanted with Trump",
                "Alexander Vindman",
            ),
            (
                "Vindman",
                "testified",
                "“Ambassador Sondland referred to investigations into the Bidens and Burisma in 2016,”",
                "Alexander Vindman",
            ),
            ("Trump", "said", "he had watched part of the day’s testimony", "Donald Trump"),
            (None, "slammed", "the ongoing impeachment hearings as a “disgrace.”", None),
            (
                "Trump",
                "assailed",
                "Williams as part of the “Never Trumpers” who oppose his presidency",
                "Donald Trump",
            ),
            (
                "Former National Security Council official Timothy Morrison",
                "told",
                "that he witnessed a key September conversation in Warsaw between Sondland and a top aide to Zelenskiy",
                None,
            ),
            (
                "Morrison",
                "testified",
                "Afterward, Sondland said he had relayed to the Ukrainian that U.S. aid might be freed if the country would announce the investigations",
                "Timothy Morrison",
            ),
            (
                "Sondland",
                "said",
                "he had relayed to the Ukrainian that U.S. aid might be freed if the country would announce the investigations,",
                "Gordon Sondland",
            ),
            (
                "Another diplomat, former special envoy to Ukraine Kurt Volker",
                "say",
                "Sondland did, in fact, discuss investigations with the visiting Ukrainians",
                None,
            ),
            (
                "Volker",
                "said",
                "“I think all of us thought it was inappropriate; the conversation did not continue and the meeting concluded,”",
                "Kurt Volker",
            ),
            (
                "A series of text messages Volker provided to lawmakers",
                "showed",
                "conversations between him, Sondland and other leaders in which they discussed a need for Ukraine to launch investigations, including into Burisma",
                None,
            ),
            (
                "Volker",
                "said",
                "meeting with Giuliani was just part of the dialogue, and he had one in-person meeting with him, in which Giuliani “raised, and I rejected, the conspiracy theory that Vice President Biden would have been influenced in his duties as vice president by money paid to his son.”",
                "Kurt Volker",
            ),
            ("Sondland", "routinely bragged about", "his proximity to Trump", "Gordon Sondland"),
        ],
    ),
    (
        "c90731f0",  # Deccan Herald, international: the White House on the hearings
        [
            (
                "The Democrats",
                "are alleging",
                "that Trump's call with his Ukrainian counterpart was irregular and inappropriate and abuse of his office for political gain",
                None,
            ),
            (
                "Trump",
                "tweeted",
                '"A great day for Republicans, a great day for our Country! In the end, we will win and save our Country from certain destruction,”',
                "Donald Trump",
            ),
            ("The White House", "called", "the impeachment process a sham", None),
            (
                "White House Press Secretary Stephanie Grisham",
                "said",
                '"Today\'s second hearing is over, and the Democrats’ central allegation in this impeachment sham has again been completely debunked,"',
                None,
            ),
            (
                "she",
                "said",
                '“Specifically, Ambassador Volker confirmed under oath that he had no indication whatsoever of anything that resembled a quid-pro-quo, corroborating his previous deposition testimony that ‘there was no linkage like that,"',
                "Stephanie Grisham",
            ),
            (
                "Grisham",
                "urged",
                "the American public not to tolerate the pretense of the Democrats",
                "Stephanie Grisham",
            ),
            (
                "Grisham",
                "said",
                "“With the Democrats’ poll-tested ‘quid-pro-quo’ and ‘bribery’ narratives in shambles, the American public should not be forced to endure this charade for one more second,”",
                "Stephanie Grisham",
            ),
            (
                "she",
                "added",
                "“We have learned nothing new in today's illegitimate ‘impeachment’ proceedings. However, buried among the witnesses’ personal opinions and conjecture about a call the White House long ago released to the public, both witnesses testified the July 25 transcript was ‘accurate’ and nothing President Trump has done or said amounts to ‘bribery’ or any other crime,”",
                "Stephanie Grisham",
            ),
            (
                "Grisham",
                "accused",
                "the Democrats of being blinded by their hatred for President Trump",
                "Stephanie Grisham",
            ),
            (
                "Grisham",
                "said",
                "“Today's hearing only further exposes that Chairman Schiff and the Democrats are simply blinded by their hatred for Donald Trump and rabid desire to overturn the outcome of a free and fair election,”",
                "Stephanie Grisham",
            ),
            (
                "both Vindman and Williams",
                "told",
                "that Trump’s request to Ukrainian president to investigate Democratic rivals was inappropriate",
                None,
            ),
            (
                "Volker and Morrison",
                "said",
                "that the call with Zelensky was not in line with American national security goals",
                None,
            ),
            (
                "Vindman",
                "said",
                "“Frankly I couldn't believe what I was hearing. It was probably an element of shock that may be in certain regards my worst fear of how our Ukraine policy could play out was playing out and how this was likely to have significant implications for US national security,”",
                "Alexander Vindman",
            ),
            (
                "Williams",
                "said",
                "the phone call was unusual and inappropriate",
                "Jennifer Williams",
            ),
            (
                "she",
                "said",
                "“I believe what I found unusual or different about this call was the president's reference to specific investigations. That struck me as different than other calls I had listened to,”",
                "Jennifer Williams",
            ),
            (
                "Williams",
                "said",
                "“I thought that the references to specific individuals and investigations such as former Vice President Biden and his son struck me as political in nature given that former Vice President is a political opponent of the president,”",
                "Jennifer Williams",
            ),
            (
                "she",
                "said",
                "“I can't speak to what the president's motivation was in referencing it, but I just noted that the reference to Biden sounded political to me,”",
                "Jennifer Williams",
            ),
            (
                "Volker",
                "said",
                "that he does not think that raising 2016 elections or Vice President Biden or these things that he considers to be conspiracy theories that have been circulated by the Ukrainians, particularly the former prosecutor general, are they're not things that one should be pursuing as part of the national security strategy with Ukraine",
                "Kurt Volker",
            ),
            (
                "Volker",
                "said",
                "“We should be supporting Ukraine's democracy, reforms, and its own fight against corruption domestically, its struggle against Russia, its defense capabilities. These are the heart of what we should be doing, and I don't think pursuing these things serves a national interest,”",
                "Kurt Volker",
            ),
            ("US President Donald Trump", "has claimed", "victory", None),
        ],
    ),
]
