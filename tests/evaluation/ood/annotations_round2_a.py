# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages of the article-extraction benchmark, second
round (issue 23): politics hearings, a campaign stop, a tech keynote, a medical case
report, a court case. Same conventions as :mod:`annotations`; a content or cue given
as a list is discontinuous (a quote the cue interrupts); a name ``UNKNOWN`` marks a
source the article never names (it must stay unnamed, not borrow a nearby name).
"""

from __future__ import annotations

from annotations import UNKNOWN, Page

PAGES: list[Page] = [
    (
        "7a664e40",  # CBS News, US politics: impeachment hearing
        [
            (
                "Volker",
                "said",
                "he had no knowledge of any efforts to urge Ukraine to investigate Joe and Hunter Biden",
                "Kurt Volker",
            ),
            (
                "He",
                "said",
                'he wasn\'t concerned about the content of the call, but he did worry there would be "political consequences" if more people had access to the call summary',
                "Tim Morrison",
            ),
            (
                "Morrison",
                "told",
                '"I feared at the time of the call on July 25 how its disclosure would play in Washington\'s political climate. My fears have been realized."',
                "Tim Morrison",
            ),
            (
                "He",
                "begged",
                'lawmakers "not to lose sight of" the ongoing Ukraine conflict or the illegal occupation by Russia of Crimea, and work to reform Ukraine',
                "Tim Morrison",
            ),
            (
                "he",
                "warned",
                '"Every day that the focus of discussion of Ukraine is centered on these proceedings instead of those matters is a day when we are not focused on the interests" mutually shared by Ukraine and the U.S.',
                "Tim Morrison",
            ),
            (
                "Volker",
                "said in his opening statement",
                [
                    '"At no time was I aware of or knowingly took part in an effort to urge Ukraine to investigate former Vice President Biden,"',
                    '"As you know from the extensive, real-time documentation I have provided, Vice President Biden was not a topic of our discussions. I was not on the July 25 phone call between President Trump and President Zelenskyy. I was not made aware of any reference to Vice President Biden or his son by President Trump until the transcript of that call was released on September 25, 2019."',
                ],
                "Kurt Volker",
            ),
            (
                "Volker",
                "said",
                'he would have "objected" to Ukraine opening an investigation into Biden and did not realize Mr. Trump saw the request to investigate Ukrainian energy company Burisma as tantamount to investigating Biden until he heard the July 25 call',
                "Kurt Volker",
            ),
            (
                "Volker",
                "said",
                '"I think the allegations against Vice President Biden are self-serving and not credible,"',
                "Kurt Volker",
            ),
            (
                "Volker",
                "reiterated",
                "that he saw the investigations into Burisma and into Biden as separate but that in retrospect, he understood how Ukrainian officials could be confused",
                "Kurt Volker",
            ),
            (
                "Volker",
                "disputed",
                'the notion that he had been a participant in what\'s been portrayed as an outside or "irregular" channel of Ukraine policy',
                "Kurt Volker",
            ),
            (
                "he",
                "told",
                '"My role was not some irregular channel, but the official channel,"',
                "Kurt Volker",
            ),
            (
                "He",
                "denied",
                'that he, U.S. Ambassador to the European Union Gordon Sondland and Energy Secretary Rick Perry formed an "irregular" channel, for which they were known as the "Three Amigos."',
                "Kurt Volker",
            ),
            ("Volker", "said", 'he never used the term "three amigos"', "Kurt Volker"),
            (None, "added", '"I frankly cringe when I hear it."', None),
            (
                "Republican counsel Steve Castor",
                "asked",
                "Morrison about concerns within the NSC about Alexander Vindman's judgment",
                None,
            ),
            (
                "He",
                "asked",
                "Morrison about concerns his predecessor, Fiona Hill, might have had",
                "Steve Castor",
            ),
            (
                "he",
                "raised questions about",
                "the judgment of another witness, Alexander Vindman, who is the White House National Security Council Ukraine expert",
                "Tim Morrison",
            ),
            (
                "Morrison's lawyer",
                "said",
                "the question was outside the scope of his testimony",
                UNKNOWN,
            ),
            (
                "he",
                "said",
                "others had raised concerns about Vindman potentially leaking information, a prospect Vindman denied earlier in the day",
                "Tim Morrison",
            ),
            (
                "Morrison",
                "said",
                "he was surprised that Vindman did not come to him about concerns regarding the July 25 call but instead went straight to the NSC legal counsel",
                "Tim Morrison",
            ),
            (
                "Morrison, Vindman's superior",
                "said",
                "\"If he had concerns about the content of the call, that's something I would've expected to be notified about,\"",
                "Tim Morrison",
            ),
            (
                "Vindman",
                "said",
                "he was told by former National Security Adviser John Bolton — Morrison's supervisor — to go straight to the NSC legal counsel with his concerns",
                "Alexander Vindman",
            ),
            (
                "Morrison",
                "testified",
                "that Vindman had become frustrated over his exclusion from some important meetings relating to Ukraine policy",
                "Tim Morrison",
            ),
            (
                "Volker",
                "said",
                '"I opposed the hold on U.S. security assistance as soon as I learned about it on July 18, and thought we could turn it around before the Ukrainians ever knew or became alarmed about it,"',
                "Kurt Volker",
            ),
            (
                "He",
                "added",
                'that he viewed the delay "as a U.S. policy problem that we needed to fix internally."',
                "Kurt Volker",
            ),
            (
                "Volker",
                "said",
                "he first discussed the delay with the Ukrainians at the end of August, after Politico reported the aid had been paused",
                "Kurt Volker",
            ),
            (
                "Volker",
                "said",
                [
                    '"Instead of telling them that they needed to do something to get the hold released, I told them the opposite - that they should not be alarmed, it was an internal U.S. problem, and we were working to get it fixed,"',
                    '"I did not know others were conveying a different message to them around that same time."',
                ],
                "Kurt Volker",
            ),
            (
                "Morrison",
                "testified",
                "that he didn't always follow through on suggestions from Sondland",
                "Tim Morrison",
            ),
            (
                "He",
                "said",
                'his predecessor, Fiona Hill, had dubbed Sondland\'s role in forming Ukraine policy as "the Gordon problem."',
                "Tim Morrison",
            ),
            (
                "Volker",
                "told",
                "the committee he tried to work with Mr. Trump's personal lawyer, Rudy Giuliani, to try to convince him, and therefore the president, that the new Ukrainian president was not corrupt",
                "Kurt Volker",
            ),
            (
                "he",
                "said",
                "the July 25 call made him realize Giuliani and the president still believed Ukraine needed to investigate Burisma and the Bidens",
                "Kurt Volker",
            ),
            (
                "Schiff",
                "asked",
                "\"So it's fair to say you have not fixed the 'Giuliani problem'?\"",
                None,
            ),
            ("Volker", "said", '"That\'s correct,"', "Kurt Volker"),
            ("Republicans", "also questioned", "Morrison about his closed-door testimony", None),
        ],
    ),
    (
        "a6968f42",  # CT Post / AP, US politics: a campaign stop in South Carolina
        [
            (
                None,
                "were told",
                "the newest 2020 Democratic presidential hopeful, Deval Patrick, would be stopping by to introduce himself",
                None,
            ),
            ("he", "told", "“Don’t mind me!”", "Deval Patrick"),
            (
                "Patrick",
                "said",
                [
                    "“I’m running for president because those values of community, that we have a stake in each other and of generational responsibility, I think, are frayed in the country,”",
                    "“I come in humbly. ... I want to be a listener.”",
                ],
                "Deval Patrick",
            ),
            (
                None,
                "Arguing",
                "that voters are just now beginning to tune in, with the first votes less than 100 days away",
                None,
            ),
            (
                "Patrick",
                "has said",
                "he will have visibility when the populace is really paying attention",
                "Deval Patrick",
            ),
            (
                "The real estate agent",
                "said",
                "she related to him as someone who was also raised in a single-parent home, and she was impressed with his status as the country’s second elected black governor",
                "Eyamba Sowers",
            ),
            (
                "Sowers, who is also considering Bernie Sanders and Joe Biden",
                "said",
                "“He has me thinking now,”",
                "Eyamba Sowers",
            ),
            (
                "She",
                "said",
                "if Patrick can get his message out, he’s someone voters could see defeating President Donald Trump in 2020 — her top priority",
                "Eyamba Sowers",
            ),
            (
                "Beth Ruffin",
                "said",
                "she didn’t know much about Patrick before Tuesday’s event, but he left her intrigued and wanting to learn more",
                None,
            ),
            (
                "Ruffin, who owns a diversity and inclusion consulting firm and headed out for Patrick’s second stop at a nearby restaurant, where he was warmly greeted by a crowd of several dozen",
                "said",
                [
                    "“It sounded like strong black women raised him,”",
                    "“I want to see how he translates that into policy.”",
                ],
                "Beth Ruffin",
            ),
            (
                "Patrick",
                "is betting",
                "that he can make his case to a broad coalition of voters, including many who remain undecided or uncommitted to anyone in the crowded field of candidates",
                "Deval Patrick",
            ),
            ("Eyamba Sowers", "saw", "his visit as a pleasant surprise", None),
        ],
    ),
    (
        "291a8bf3",  # CRN, technology: Apple and Salesforce chiefs on stage
        [
            ("CEO Tim Cook", "said", 'Apple was "pulled into the enterprise,"', None),
            (
                "Cook",
                "said",
                "After the first iPhones shipped, people began using them for business, forcing the consumer computing giant to adapt quickly",
                "Tim Cook",
            ),
            (
                "Cook",
                "told",
                'Customers "began to say we want you to do this and that,"',
                "Tim Cook",
            ),
            ("he", "said", '"We really took that challenge to heart,"', "Tim Cook"),
            (
                "Cook",
                "said",
                [
                    'While some people carry two phones, and "we love you for that,"',
                    "most do their personal and professional tasks on the same device",
                ],
                "Tim Cook",
            ),
            (
                "Cook",
                "told",
                "Apple is now in every Fortune 500 company, and eight out of ten companies are writing custom iOS apps",
                "Tim Cook",
            ),
            (
                "Cook",
                "said",
                "he's extremely proud of his company's trajectory on that front",
                "Tim Cook",
            ),
            ("Benioff", "said", 'Hosting Cook at Dreamforce "is our dream,"', "Marc Benioff"),
            (
                "Cook",
                "joked",
                "that he's not Alicia Keys, the singer who surprised the Dreamforce audience a couple hours earlier by closing out Benioff's keynote with a couple songs",
                "Tim Cook",
            ),
            (
                "Benioff",
                "said",
                [
                    "But Apple has had a place in his heart since 1984",
                    "ever since he did an internship at the company",
                ],
                "Marc Benioff",
            ),
            (
                "he",
                "told",
                [
                    '"I run my business on my phone. I have for years. I don’t even own a computer anymore and I don’t need one,"',
                    '" You guys have done such a good job."',
                ],
                "Marc Benioff",
            ),
            (
                "Salesforce's CEO",
                "marveled at",
                "Apple's ability to innovate for so many decades",
                "Marc Benioff",
            ),
            ("Cook", "said", "the admiration is mutual", "Tim Cook"),
            (
                "he",
                "told",
                '"I love the way you\'re constantly taking all the new things and quickly incorporating those, whether its Siri shortcuts, or handoffs,"',
                "Tim Cook",
            ),
            (
                "Cook",
                "remembered",
                'Jobs rehearsing there for one event and "going way off script in a way that only he could do, making everyone laugh along the way."',
                "Tim Cook",
            ),
            ("Cook", "said", '"I can feel him and his presence when I come here,"', "Tim Cook"),
            (
                "Benioff",
                "weighed in, telling",
                [
                    '"We all miss Steve so much,"',
                    'Cook, "since he passed, you\'ve been so true to him and his values."',
                ],
                "Marc Benioff",
            ),
            ("Cook", "said", "Another is stewardship of the Earth", "Tim Cook"),
            (
                "Cook",
                "said",
                'Apple employs about 450 Dreamers, and he sees "first hand their love of their country and commitment to it."',
                "Tim Cook",
            ),
            (
                "Cook",
                "said",
                [
                    'Privacy, like environmental sustainability, are not "bolt-on things,"',
                    'but instead "embedded in who we are."',
                ],
                "Tim Cook",
            ),
            (
                "Benioff",
                "introduced",
                'Cook to the Dreamforce audience as "someone who has redefined what it means to be a chief executive officer"',
                "Marc Benioff",
            ),
        ],
    ),
    (
        "bd673bd7",  # Live Science, health: a case report
        [
            (
                "a new case report",
                "according to",
                'A 43-year-old-man, after having switched to feather bedding, began feeling extreme fatigue and breathlessness, and was diagnosed with "feather-duvet lung,"',
                None,
            ),
            (
                "the patient",
                "described",
                [
                    '"Going upstairs to bed was a 30 min[ute] activity as I could only manage two stairs at a time and then needed to sit and rest,"',
                    '"I was signed off work and spent most of the time asleep."',
                ],
                UNKNOWN,
            ),
            (
                "Blood tests",
                "revealed",
                "that the man's body had created antibodies to a compound that he inhaled from duck or goose feathers",
                None,
            ),
            (
                "Dempsey",
                "said",
                '"I\'m sure it happens much more than we realize,"',
                "Owen Dempsey",
            ),
            (
                "he",
                "added",
                [
                    "there are many variations of hypersensitive pneumonitis, such as farmer's lung (where the allergen is dust from hay, corn or other crops) and wood-worker's lung (where the allergen is sawdust)",
                    '"You name it, it probably has been described."',
                ],
                "Owen Dempsey",
            ),
            (
                "Dempsey",
                "said",
                "After a year, his symptoms completely cleared and he is now fully recovered",
                "Owen Dempsey",
            ),
            (
                "the patient",
                "wrote in the case study",
                '"It doesn\'t affect me at all now and my life is pretty much as it was before,"',
                UNKNOWN,
            ),
            (
                "Dempsey",
                "said",
                [
                    'It\'s important for health care providers to "take really detailed histories" of the patients',
                    '"That way they may uncover things in the environment that trigger lung disease."',
                ],
                "Owen Dempsey",
            ),
            (
                "he",
                "added",
                'When doctors don\'t consider these triggers, they may assume the disease is "unexplained," and diagnoses are delayed, or patients are treated unnecessarily or incorrectly',
                "Owen Dempsey",
            ),
            (
                "he",
                "said",
                '"people with pillows and duvets containing feathers shouldn\'t panic or throw them out,"',
                "Owen Dempsey",
            ),
            (
                "he",
                "added",
                "But if they have chest symptoms such as cough or breathlessness, they should let their health care professional know",
                "Owen Dempsey",
            ),
            ("The scan", "revealed", "severe inflammation in the man's lungs", None),
            (
                "Dempsey and his team",
                "found",
                "a potential source: the man's feather bedding",
                None,
            ),
        ],
    ),
    (
        "7a457a4f",  # NBC News, crime: a threat against a congresswoman
        [
            (
                "prosecutors",
                "said",
                "A New York man pleaded guilty Monday to threatening to kill U.S. Rep. Ilhan Omar, D-Minn., in March",
                None,
            ),
            (
                "the U.S. Attorney’s Office for the Western District of New York",
                "said in a statement",
                "Patrick W. Carlineo Jr., 55, of Addison, a village southwest of Ithaca, pleaded guilty to threatening to assault and murder a United States official, and being a felon in possession of firearms",
                None,
            ),
            (
                "the prosecutor’s office",
                "said",
                'During the call, he asked about the Muslim Brotherhood, called Omar a “terrorist” and said, “somebody ought to put a bullet in her skull,"',
                "U.S. Attorney’s Office for the Western District of New York",
            ),
            (
                "The staff member who reported the call",
                "recalled",
                'that he said, "I\'ll put a bullet in her (expletive) skull,"',
                UNKNOWN,
            ),
            (
                "Carlineo's attorney, Sonya Zoghlin",
                "said",
                "that Carlineo never intended to harm Omar",
                None,
            ),
            (
                "Zoghlin",
                "said",
                '"He has taken responsibility for using threatening and inappropriate language to express those beliefs in this instance,"',
                "Sonya Zoghlin",
            ),
            (
                "prosecutors",
                "said",
                "Carlineo is a convicted felon and possessed a loaded .45-caliber handgun, three rifles, two shotguns and hundreds of rounds of ammunition at his home",
                None,
            ),
            (
                "James P. Kennedy Jr., the U.S. Attorney for the Western District of New York",
                "said",
                "the case highlights that rights of free speech carry responsibilities",
                None,
            ),
            (
                "Kennedy",
                "said in a statement",
                [
                    '"The First Amendment right to freedom of speech carries with it the responsibility that individuals not make threats to harm lawmakers simply because they may disagree with them,"',
                    '"The Second Amendment right to bear arms carries with it the responsibility that individuals who desire to possess firearms not commit felony crimes."',
                ],
                "James P. Kennedy Jr.",
            ),
        ],
    ),
]
