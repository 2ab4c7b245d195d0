# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages, second round (issue 23), part d: two long
pages dense in pronoun sources (a court case, a film interview). Same conventions as
:mod:`annotations`."""

from __future__ import annotations

from annotations import UNKNOWN, Page

PAGES: list[Page] = [
    (
        "c58aa507",  # USA Today, crime: prison officers charged over a death in custody
        [
            (
                None,
                "stating",
                "they had checked on accused sex trafficker Jeffrey Epstein in the hours before he hanged himself in his Manhattan cell",
                None,
            ),
            (
                "Federal prosecutors",
                "alleged",
                'that Tova Noel and Michael Thomas, assigned to Epstein\'s special housing unit at Metropolitan Correctional Center, "browsed the Internet," lingered in an office common area and appeared to sleep for two hours when they should have been conducting inmate checks',
                None,
            ),
            (
                "court records",
                "according to",
                'Noel and Thomas signed "false certifications" attesting they had made their required rounds',
                None,
            ),
            (
                "Prosecutors",
                "alleged",
                "that no inmate checks were made from 10:30 p.m. Aug. 9 to 6:30 a.m. the following morning, when the officers discovered Epstein's body",
                None,
            ),
            (
                "court documents",
                "according to",
                "A review of surveillance video allegedly showed the two officers asleep at their desks at one point during the night",
                None,
            ),
            (
                "Geoffrey Berman, the U.S. attorney for the Southern District of New York",
                "said",
                [
                    "“As alleged, the defendants had a duty to ensure the safety and security of federal inmates in their care at the Metropolitan Correctional Center,”",
                    "“Instead, they repeatedly failed to conduct mandated checks on inmates, and lied on official forms to hide their dereliction.”",
                ],
                None,
            ),
            (
                "Sen. Ben Sasse, R-Neb.",
                "called",
                'his death "a crisis of public trust" within the prison system',
                None,
            ),
            (
                "Sasse",
                "told",
                [
                    '"You are in this job because of this crisis,"',
                    '"That bastard now won\'t be able to testify against his other co-conspirators."',
                ],
                "Ben Sasse",
            ),
            (
                "Prosecutors",
                "alleged",
                'that Epstein "sexually exploited and abused dozens of minor girls" at his homes in Manhattan and Palm Beach, Florida, and at other locations from at least 2002 to 2005',
                None,
            ),
            ("Sasse", "said", "the charges against the two staffers are overdue", "Ben Sasse"),
            (
                "he",
                "said",
                [
                    '"Heads needed to roll the day Jeffrey Epstein died,"',
                    '"The Bureau of Prisons and the Department of Justice need to start giving the public some answers. These arrests are important, but they’re not the end of this.',
                ],
                "Ben Sasse",
            ),
            (
                "Sasse",
                "said",
                '"These guards aren’t the only ones who should stand trial – every one of Jeffrey Epstein’s co-conspirators should be spending the rest of their lives behind bars,”',
                "Ben Sasse",
            ),
            (
                "Hawk Sawyer",
                "said",
                "she couldn't comment on the ongoing criminal investigation and a review by the Justice Department's inspector general",
                "Kathleen Hawk Sawyer",
            ),
            (
                "she",
                "acknowledged",
                'that prison authorities discovered at least "a couple of other instances" in which officers failed to conduct required checks on inmates and falsified records to show that they had',
                "Kathleen Hawk Sawyer",
            ),
            (
                "she",
                "said",
                [
                    '"We don\'t want those people" working in federal prisons,',
                    '"This incident was a black eye on the entire Bureau of Prisons. We have some bad staff; we want to get rid of bad staff. The only time we ever noticed is when something bad happens."',
                ],
                "Kathleen Hawk Sawyer",
            ),
            (
                "Sen. Ted Cruz, R-Texas",
                "said",
                "Epstein's death is a symptom of deeper problems within the prison system",
                None,
            ),
            ("Cruz", "called", 'the suicide a "profound indictment of the system."', "Ted Cruz"),
            (
                "representatives of Epstein's family",
                "suggested",
                "the disgraced financier may have been murdered",
                None,
            ),
            (
                "Hawk Sawyer",
                "told",
                "no evidence supports anything other than suicide",
                "Kathleen Hawk Sawyer",
            ),
            (
                "New York's chief medical examiner",
                "concluded",
                "that Epstein hanged himself with a bedsheet",
                UNKNOWN,
            ),
            ("conspiracy theories", "suggesting", "he had been murdered", None),
            (
                "prosecutors",
                "asserted",
                "that Noel and Thomas were the only officers assigned to Epstein's housing unit, and no inmate checks were conducted for at least eight hours",
                None,
            ),
            (
                "prosecutors",
                "alleged",
                "that Noel and Thomas both acknowledged to supervisors that they had not made their required checks",
                None,
            ),
            (
                "Thomas",
                "told",
                ['"We messed up; I messed up,"', '"We didn\'t do any rounds."'],
                "Michael Thomas",
            ),
            ("Defense attorneys", "said", "the two were prepared to fight the charges", None),
            (
                "Jason Foy, who represents Noel",
                "said",
                "“It is our hope that we’ll be able to reach a reasonable agreement in this case,”",
                "Jason Foy",
            ),
            (
                "Montell Figgins, who represents Thomas",
                "said",
                "his client chose not to accept a plea agreement offered by prosecutors",
                "Montell Figgins",
            ),
            (
                "He",
                "said",
                "Thomas is a single father of three children, and a guilty plea would “ruin his life.”",
                "Montell Figgins",
            ),
            (
                "Figgins",
                "said",
                "“We had hoped that the U.S. Attorney’s Office would try to make an effort to address the systematic failures with respect to the Bureau of Prisons,”",
                "Montell Figgins",
            ),
            (
                "he",
                "said",
                [
                    "Sometimes employees don't follow the rules,",
                    '"But does that mean that they’re going to be indicted and put into a position like this where they’re going to face going to jail and losing their whole career?”',
                ],
                "Montell Figgins",
            ),
            (
                "he",
                "said",
                [
                    '“When all the evidence is presented about how the system was ran and how they were severely short-staffed at all times,"',
                    '"maybe you’ll have a different appreciation for what was going on.”',
                ],
                "Montell Figgins",
            ),
            (
                "Prison union representatives",
                "have long warned",
                "that staff shortages and frequent overtime shifts have taken their toll on officers and compromised security at the Manhattan facility",
                None,
            ),
            (
                "Serene Gregg, local president of the prison workers' union",
                "said",
                "At the time of Epstein's suicide, there were more than 30 staff vacancies at the facility",
                None,
            ),
            (
                "she",
                "said",
                "Prison officials regularly assigned civilian staffers to work guard duty to plug unfilled officer positions",
                "Serene Gregg",
            ),
            (
                "federal prison records",
                "according to",
                "Ten of the 18 staffers who reported for duty on the midnight-to-8 a.m. shift, the one on which Epstein was found dead, were working overtime",
                None,
            ),
            (
                "prison records",
                "according to",
                [
                    "One of the officers,",
                    "had worked multiple overtime shifts before reporting to duty on Epstein's unit",
                ],
                None,
            ),
            (
                "Hawk Sawyer",
                "acknowledged",
                "significant staffing shortages",
                "Kathleen Hawk Sawyer",
            ),
            (
                None,
                "telling",
                "that prison officials are working to fill 3,000 vacancies across the system",
                None,
            ),
            (
                "she",
                "said",
                ["Many of the prisons,", "are aging and need to be repaired"],
                "Kathleen Hawk Sawyer",
            ),
            (
                "Hawk Sawyer",
                "saying",
                '"I am committed to this agency and am confident we will restore the public’s trust in us.”',
                "Kathleen Hawk Sawyer",
            ),
            (
                "Experts on jail suicide",
                "told",
                "that an inmate can be removed from suicide watch only if a licensed mental health professional concludes the inmate is no longer at risk for attempting suicide",
                None,
            ),
            (
                "Lisa Boesky, a clinical psychologist and jail suicide expert from San Diego",
                "said",
                '“When removing such a high-risk individual from suicide watch, it would be critical to do it in a step-down fashion so that there is still some extra monitoring,"',
                None,
            ),
            (
                "Boesky",
                "said",
                'Epstein was still "a high risk for suicide" because of the nature of his crimes, the humiliation he experienced after his arrest and his prior suicide attempt',
                "Lisa Boesky",
            ),
            (
                "Jack Scarola, who represents some of Epstein’s accusers",
                "said",
                "he's pleased to see authorities investigate the circumstances of his death",
                "Jack Scarola",
            ),
            (
                "he",
                "said",
                [
                    '“Forty-five years of practicing law,"',
                    '"has convinced me that there are no coincidences.”',
                ],
                "Jack Scarola",
            ),
            (
                "A review of surveillance video",
                "showed",
                "the two officers asleep at their desks at one point during the night",
                None,
            ),
        ],
    ),
    (
        "3d8f3404",  # IndieWire, film: how an actress came to write a song
        [
            (
                "Steenburgen",
                "said",
                [
                    "“I felt strange as soon as the anesthesia started to wear off,”",
                    "“The best way I can describe it is that it just felt like my brain was only music, and that everything anybody said to me became musical. All of my thoughts became musical. Every street sign became musical. I couldn’t get my mind into any other mode.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "the late neurologist",
                "wrote about",
                "similar, potentially stroke-inspired symptoms",
                "Oliver Sacks",
            ),
            (
                "she",
                "said",
                [
                    "“I couldn’t focus, I couldn’t have acted,”",
                    "“I couldn’t have learned any lines. My husband [actor Ted Danson] and I were kind of frightened about it.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "Steenburgen’s son, filmmaker Charlie McDowell (“The Discovery,” “The One I Love”)",
                "remembers",
                "it as a trying time",
                None,
            ),
            (
                "he",
                "said",
                "“If your mom comes to you after surgery and says that her head is now full of music, I think it’s totally fair to think that she’s gone crazy and has major psychological problems,”",
                "Charlie McDowell",
            ),
            (
                "McDowell",
                "laughed",
                "“All of a sudden she was referencing these obscure indie bands and picking up random instruments — I’m not gonna lie, the accordion playing drives me nuts,”",
                "Charlie McDowell",
            ),
            (
                "she",
                "said",
                [
                    "“I had been somebody who really liked music,”",
                    "“but I had never been obsessed with it; I was obsessed with acting, and that felt like a big enough subject for me.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "she",
                "said",
                "“I called a very talented friend of mine on Martha’s Vineyard and I said: ‘Look, if I come over every day and sing what I hear in my head, could you help me make them into songs?’”",
                "Mary Steenburgen",
            ),
            (
                "she",
                "said",
                "“He wanted to work with ‘Nellie Wall,’ but then I showed up instead,”",
                "Mary Steenburgen",
            ),
            (
                "Harper",
                "remembered",
                "the anxiety of moving forward without that crucial missing piece",
                "Tom Harper",
            ),
            (
                "Harper",
                "said",
                [
                    "“The script just said something along the lines of, ‘Rose-Lynn sings an incredible song and it conveys everything that she wants to express to her mom and kids and everyone’s uplifted. The end,’”",
                    "“I had faith that we could figure it out, but it was really worrying.”",
                ],
                "Tom Harper",
            ),
            (
                "he",
                "said",
                ["“It grabbed me by the heart the moment I heard it,”", "“It just connected.”"],
                "Tom Harper",
            ),
            (
                "she",
                "said",
                [
                    "“It was terrifying,”",
                    "“The first session I did was a total disaster, and I literally went back to my hotel room in tears, cried my eyes out, and thought ‘Why would anyone be so stupid at age 54 to think they could do something so new?’”",
                ],
                "Mary Steenburgen",
            ),
            (
                "she",
                "said",
                [
                    "“I was back at it by the next morning,”",
                    "“I just told myself: ‘I’m going to go right up and sing the bleeping song if it kills me!’”",
                ],
                "Mary Steenburgen",
            ),
            (
                "she",
                "said",
                [
                    "“It could have been really easy for Mary Steenburgen to just put her name on something and get a pass on many of the usual steps in some new creative thing, but she didn’t do that,”",
                    "“She put in the time to learn the craft, and I respect that. And I have to admit, she’s gotten really good at the accordion.”",
                ],
                None,
            ),
            (
                "she",
                "said",
                [
                    "“I fought to get the full script, because I just felt like I was looking at such a small part of the story without it,”",
                    "“Where does Rose-Lynn live? What does her apartment look like? I needed to think of imagery that might be cohesive with what the production designer, the cinematographer, and the composer would be doing; there are all these people you haven’t met yet who are telling the same story. And as soon as I read the whole thing, I understood what we were writing.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "York",
                "said",
                [
                    "“It’s a totally different muscle,”",
                    "“You have to take yourself out of it a little bit — it’s kind of like acting, I guess.”",
                ],
                "Kate York",
            ),
            (
                "Smith",
                "agreed",
                "“It’s a different job altogether. If you’re just writing a song for someone else, it’s wide open and sometimes hard to figure out. And if you’re writing for yourself, you’re really digging into your own heart.”",
                "Caitlyn Smith",
            ),
            (
                "Smith",
                "said",
                "“I feel like we could get into the guts of this song because we’ve all lived a similar crazy dream story,”",
                "Caitlyn Smith",
            ),
            (
                "Steenburgen",
                "said",
                [
                    "“Anything we wrote had to have a fond hint of Scotland,”",
                    "“So I called one of my best friends, a Scottish woman who started out as a nanny and ended up like a sister,”",
                ],
                "Mary Steenburgen",
            ),
            (
                "Steenburgen",
                "said",
                [
                    "“It may sound shallow or like it’s a factory when I talk about how fast we write these things,”",
                    "“but I always think of it like this: ‘I can’t take days to do a scene.’ I can’t say ‘I don’t know what the emotion is for the character, so can you give me until tomorrow?’ I’m always having to tell stories on a time limit.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "Buckley, who hadn’t sung in a long time before the production",
                "worried about",
                "doing justice to a song like “Glasgow,” especially given that she had no background in country music",
                "Jessie Buckley",
            ),
            (
                "she",
                "said",
                [
                    "“But the story of it really moved me,”",
                    "“so I sat down with a guitarist in a room and sang it really badly and just tried to attach some emotional feeling to it before we started filming.”",
                ],
                "Jessie Buckley",
            ),
            (
                "she",
                "said",
                "“It made sense, because it clearly came from someone with a complex understanding of character — someone who was able to kind of go right to the root of what this woman’s story is about, and managed to write lyrics that exposed the cracks under the surface,”",
                "Jessie Buckley",
            ),
            (
                "she",
                "said",
                [
                    "“I told her my secrets and she told me hers and we built a different person together,”",
                    "“‘Glasgow’ is a song of belonging. It’s about stretching yourself to places that you don’t know are within yourself.”",
                ],
                "Jessie Buckley",
            ),
            ("she", "said", "“This song was such a gift to me,”", "Jessie Buckley"),
            ("Steenburgen", "called", "Buckley’s performance “stunning,”", "Mary Steenburgen"),
            (
                "she",
                "said",
                [
                    "“Music is in my genes thanks to the women in my family, and I just think I was somehow granted access to it,”",
                    "“It was so overwhelming for me in the beginning because I didn’t grow up with having that voice in my head, like Kate and Caitlyn did.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "she",
                "sings",
                [
                    "“Had to find my own way, make my own mistakes, but you know that I had to go,”",
                    "“Ain’t no yellow brick road running through Glasgow, but I found one that’s stronger than stone.”",
                ],
                "Rose-Lynn Harlan",
            ),
            (
                "Steenburgen",
                "said",
                [
                    "“I didn’t fall out of love with acting when this happened,”",
                    "“and I still haven’t. But there’s so much more capability in our brains than we probably realize, and agreeing to diminishment and shutting down doors is a choice that we all make for ourselves. It turns out you don’t really have to do that.”",
                ],
                "Mary Steenburgen",
            ),
            (
                "Steenburgen",
                "realized",
                "that she had to do something with it — if only for her sanity — even though she didn’t know how to play an instrument",
                "Mary Steenburgen",
            ),
            ("Harper", "knew", "that she was perfect for the part", "Tom Harper"),
            ("she", "also felt like", "she didn’t have much of a choice", "Mary Steenburgen"),
            (
                "the three writers",
                "knew",
                "they had to craft something with classic country DNA",
                None,
            ),
        ],
    ),
]
