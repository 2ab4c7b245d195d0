# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages, second round (issue 23), part b: science, markets, law, business, space, opinion, sport.
Same conventions as :mod:`annotations`."""

from __future__ import annotations

from annotations import UNKNOWN, Page

PAGES: list[Page] = [
    (
        "f344ca5f",  # Hawaii News Now, science: water vapour on Europa
        [
            (
                "scientists",
                "believe",
                "that there’s a liquid water ocean on Europa beneath a miles-thick ice shell that has twice as much water as all of the oceans on Earth",
                None,
            ),
            (
                "Lucas Paganini, a NASA planetary scientist who led the water detection investigation",
                "said",
                "two of the three requirements for life ― essential chemical elements and sources of energy ― are found all over the solar systems",
                None,
            ),
            (
                "he",
                "said",
                '"But the third — liquid water — is somewhat hard to find beyond Earth,”',
                "Lucas Paganini",
            ),
            (
                "he",
                "said",
                ["Finding water vapor on Europa,", "is the “next best thing” to liquid water"],
                "Lucas Paganini",
            ),
            (
                "Paganini and his team",
                "reported",
                "that they detected 5,200 pounds of water vapor being released from Europa per second",
                None,
            ),
            (
                "NASA scientists using a telescope atop Mauna Kea",
                "have confirmed",
                "the presence of water vapor on the surface of Europa, one of Jupiter’s 79 moons",
                None,
            ),
        ],
    ),
    (
        "f8ff621a",  # Barron's, markets: Home Depot results
        [
            (
                "Wall Street",
                "according to",
                "its lowered forecast isn’t a problem for the overall market",
                None,
            ),
            (
                "Company management",
                "said",
                "comparable-store sales growth in 2019 will be 3.5%, compared with prior guidance of 4.0%",
                None,
            ),
            (
                "CEO Craig Menear",
                "said",
                [
                    "“Our third-quarter results reflected broad-based growth across our business, yet sales were below our expectations driven by the timing of certain benefits associated with our One Home Depot strategic investments,”",
                    "“We are largely on track with these investments and have seen positive results, but some of the benefits anticipated for fiscal 2019 will take longer to realize than our initial assumptions.”",
                ],
                None,
            ),
            (
                "Jefferies analyst Jonathan Matuszewski",
                "said",
                "the market is misinterpreting the results",
                None,
            ),
            (
                "the analyst",
                "according to",
                "That creates a buying opportunity",
                "Jonathan Matuszewski",
            ),
            (
                "Matuszewski",
                "wrote",
                [
                    "“Comp sales were light, though operating margins in-line with expectations,”",
                    "“We interpret lighter [second-half] results to be more tied to timing of returns on strategic investments versus a softer macro picture.”",
                ],
                "Jonathan Matuszewski",
            ),
            (
                "Wells Fargo analyst Zachary Fadem",
                "points out",
                "a couple of additional reasons investors shouldn’t fret",
                None,
            ),
            (
                "Fadem",
                "wrote",
                [
                    "“While certainly a disappointing result, we note that [the company] faced a [0.6% to 0.7%] hurricane headwind in Q3, lumber remains deeply deflationary and Canada a net headwind,”",
                    "“Excluding these items, we believe Q3 comps would have been closer to 5%.”",
                ],
                "Zachary Fadem",
            ),
            (
                "Home Depot (ticker: HD)",
                "reported",
                "$2.53 in per-share earnings for the third quarter",
                None,
            ),
            ("Wall Street", "predicted", "$2.52 a share", None),
        ],
    ),
    (
        "dc7ccccc",  # Al Bawaba, law: Sweden drops the Assange investigation
        [
            (
                "Sweden’s deputy director of public prosecutions, Eva-Marie Persson",
                "said",
                "“After conducting a comprehensive assessment of what has emerged during the course of the preliminary investigation, I then make the assessment that the evidence is not strong enough to form the basis for filing an indictment,”",
                None,
            ),
            (
                "Persson",
                "explained",
                "that the complainant’s evidence had initially been deemed credible and reliable, but after additional investigations, it had been made clear that the oral testimony given in support of the woman had weakened, primarily because a long time had passed and the witnesses’ memories had faded for natural reasons",
                "Eva-Marie Persson",
            ),
            (
                "She",
                "added",
                "that an appeal against the decision could be made to the office of Sweden’s attorney general",
                "Eva-Marie Persson",
            ),
            (
                "which",
                "accuses",
                "him of publishing secret documents related to his WikiLeaks work",
                None,
            ),
            (
                "a lawyer for the woman involved in the case",
                "asked for",
                "the investigation to be resumed",
                UNKNOWN,
            ),
            ("Assange", "has denied", "both allegations", None),
            (
                "The US",
                "wants",
                "the UK to extradite Assange, 47, over his alleged role in the release of classified military and diplomatic material in 2010",
                None,
            ),
        ],
    ),
    (
        "06e5123e",  # VentureBeat / Reuters, business: WeWork under investigation
        [
            (
                "two people familiar with the matter",
                "according to",
                "The New York State Attorney General (NYAG) is investigating WeWork",
                None,
            ),
            (
                "The company, which is expected to lay off thousands of employees beginning this week as it faces ballooning losses",
                "confirmed",
                "that it had been contacted by the office of the NYAG, Letitia James",
                "WeWork",
            ),
            (
                "a WeWork spokesperson",
                "said",
                "“We received an inquiry from the office of the New York State Attorney General and are cooperating in the matter,”",
                None,
            ),
            (
                "The We Company’s recently named executive chair Marcelo Claure",
                "said",
                "Job cuts will be announced later this week in areas that do not support WeWork’s core business goals",
                None,
            ),
            ("The New York Times", "reported", "that WeWork is preparing to cut 4,000 jobs", None),
            (
                "Claure",
                "said",
                "Next steps to shape the company’s future will be divulged in an all-company meeting on Friday",
                "Marcelo Claure",
            ),
            (
                "He",
                "said",
                "WeWork needs a more efficient and more customer-centric organization to grow",
                "Marcelo Claure",
            ),
            (
                "Claure, who is also an executive at SoftBank",
                "added",
                "“We are going to eliminate and scale back certain functions and responsibilities,”",
                "Marcelo Claure",
            ),
            (
                "An October 11 presentation to bondholders",
                "indicated",
                "administrative jobs would be cut, along with jobs in WeWork’s venture capital arm and in so-called growth-related functions, a possible reference to design and construction units",
                None,
            ),
            (
                "Bloomberg News",
                "reported",
                "that WeWork is facing scrutiny from the U.S. Securities and Exchange Commission over whether it violated financial rules as it sought its public listing",
                None,
            ),
            (
                "data from MarketAxess",
                "according to",
                "WeWork’s 2025 bond has weakened sharply in the past week, hitting 16.057% on Monday",
                None,
            ),
            (
                "Neumann",
                "had also planned",
                "to charge WeWork almost $6 million to use his trademark of the word “We” after the company rebranded itself The We Company",
                "Adam Neumann",
            ),
            (
                "He",
                "also agreed",
                "to return the cash he received from the use of “We.”",
                "Adam Neumann",
            ),
            (
                "WeWork",
                "agreed",
                "to a rescue by its largest shareholder, Japanese technology investment company SoftBank Group Corp, last month",
                None,
            ),
            (
                "SoftBank",
                "agreed",
                "to inject $6.5 billion in debt and equity into WeWork and to fund a $3 billion buyout of existing shareholders, including $1 billion for some of Neumann’s shares",
                None,
            ),
        ],
    ),
    (
        "d1c57d78",  # SpaceNews, space industry: NASA's lunar lander contracts
        [
            (
                "NASA",
                "announced",
                "that it was adding five companies to a contract to perform commercial deliveries of payloads to the surface of the moon, a group that ranges from small ventures to Blue Origin and SpaceX",
                None,
            ),
            (
                "NASA",
                "said",
                "the five companies — Blue Origin, Ceres Robotics, Sierra Nevada Corporation (SNC), SpaceX and Tyvak Nano-Satellite Systems — had been selected to join the nine companies with Commercial Lunar Payload Services (CLPS) contracts",
                None,
            ),
            (
                "Steve Clarke, deputy associate administrator for exploration in NASA’s science mission directorate",
                "said",
                "“We were actually looking to do this a little bit later, but we saw the need to accelerate that,”",
                None,
            ),
            (
                "he",
                "said",
                [
                    "The larger landers,",
                    "could deliver tools needed by astronauts ahead of their landing missions, in addition to delivering science payloads",
                ],
                "Steve Clarke",
            ),
            (
                "Gwynne Shotwell, president and chief operating officer of SpaceX",
                "said",
                "that Starhip will be able to deliver up to 100 metric tons of cargo to the surface of the moon and return an unspecified amount back to Earth",
                None,
            ),
            (
                "Shotwell",
                "said",
                "“We do think this is a really neat program. It reminds us a bit of the COTS program,”",
                "Gwynne Shotwell",
            ),
            (
                "Shotwell",
                "said",
                "Starship lunar lander missions could begin in 2022",
                "Gwynne Shotwell",
            ),
            (
                "she",
                "said",
                [
                    "Such missions would be cargo only,",
                    "could serve as a “nice stepping stone” to later crewed missions",
                ],
                "Gwynne Shotwell",
            ),
            (
                "She",
                "said",
                "SpaceX would fly Starship “a lot” before flying any missions with people on board",
                "Gwynne Shotwell",
            ),
            (
                "Brent Sherwood, vice president of advanced development programs at Blue Origin",
                "said",
                "“It has a lot of payload capacity, power to get through the lunar night, a very large, open payload deck,”",
                None,
            ),
            (
                "He",
                "saying",
                "it would depend on the specifics of each individual CLPS task order",
                "Brent Sherwood",
            ),
            (
                "John Roth, vice president of business development at SNC",
                "said",
                "“Our company is in a great position not only to bid on smaller payloads going to the Moon because we build our own satellite systems,”",
                None,
            ),
            (
                "Roth",
                "said",
                "the company could take larger payloads leveraging technologies developed for its Dream Chaser vehicle",
                "John Roth",
            ),
            ("he", "said", "SNC would be able to start lunar lander missions in 2022", "John Roth"),
            (
                "Michael Sims, chief executive of Ceres Robotics",
                "said",
                "his company’s CLPS award was a sign small companies like his had a role in NASA’s broader plans",
                None,
            ),
            (
                "he",
                "said",
                [
                    "“Space exploration and, especially, humans becoming multiplanetary requires an entire ecosystem of companies,”",
                    "“Small player being an agility and a creativity that adds to the mix.”",
                ],
                "Michael Sims",
            ),
            (
                "He",
                "said",
                "his company’s lander should be available for missions starting in 2023",
                "Michael Sims",
            ),
            (
                "Marco Villa, the company’s chief operating officer",
                "said",
                "Tyvak would leverage that experience in its lunar landers",
                None,
            ),
            (
                "he",
                "said",
                [
                    "“We’re going to start with something smaller,”",
                    "“Our flexibility and ability to scale up is going to lead us to fulfill more and more complex missions in the near future.”",
                ],
                "Marco Villa",
            ),
            (None, "citing", "internal business issues", None),
            (
                "Clarke",
                "said",
                "NASA is developing a new task order companies that should be released “sometime soon” for the CLPS companies to bid on, as well as one for the VIPER rover",
                "Steve Clarke",
            ),
            (
                "NASA",
                "plans",
                "to fly in 2022 to look for evidence of water ice at the south pole of the moon",
                None,
            ),
        ],
    ),
    (
        "ef4e67b6",  # CNN, opinion: the President's health
        [
            (
                "the White House",
                "according to",
                [
                    "President Donald Trump,",
                    'made an unscheduled trip to Walter Reed hospital on Saturday for a "quick exam and labs" as the first stage of his annual physical',
                ],
                None,
            ),
            (
                "CNN's chief medical correspondent Dr. Sanjay Gupta",
                "noted",
                "Trump's heart disease meant that the President had a moderate risk of a heart attack in the following 3-5 years",
                None,
            ),
            (
                "Dr. Ronny Jackson, who was then serving as the President's physician",
                "suggested",
                "that the President change his diet and get on a regular exercise regimen",
                "Ronny Jackson",
            ),
            (
                "Sources",
                "told",
                "that a year later, Trump had made only minor changes to his food intake and exercise habits",
                None,
            ),
            (
                "Hogan Gidley, the principal deputy White House press secretary",
                "said",
                '"The President received a diet and exercise plan last year after his annual physical, but the President admits he has not followed it religiously,"',
                "Hogan Gidley",
            ),
            ("the President", "admits", "he has not followed it religiously", "Donald Trump"),
            (
                "White House press secretary Stephanie Grisham",
                "said",
                "the trip was simply Trump getting a jump on his annual physical",
                None,
            ),
            (
                "Bornstein",
                "wrote",
                [
                    '"His physical strength and stamina are extraordinary,"',
                    '"If elected, Mr. Trump, I can state unequivocally, will be the healthiest individual ever elected to the presidency."',
                ],
                "Harold Bornstein",
            ),
            (
                "Bornstein",
                "told",
                'that Trump "dictated that whole letter. I didn\'t write that letter. I just made it up as I went along."',
                "Harold Bornstein",
            ),
            (
                "The Washington Post's Fact Checker",
                "according to",
                "Trump has made more than 13,000 false or misleading claims since taking office",
                None,
            ),
            (
                "Grisham",
                "told",
                [
                    "\"We're not going to get into security and movement protocols when it comes to the President, but as my statements said he's in good health and it was a routine checkup as part of his annual physical,\"",
                    '"I\'ve given plenty of on-the-record statements that were truthful and accurate -- actively trying to find and report conspiracy theories really needs to stop."',
                ],
                "Stephanie Grisham",
            ),
            (
                "guidance from the Mayo Clinic",
                "according to",
                "Trump's heart disease meant that the President had a moderate risk of a heart attack in the following 3-5 years",
                None,
            ),
        ],
    ),
    (
        "57d46c9d",  # Reuters, markets: oil and stocks
        [
            (
                "Traders",
                "cited",
                "the lingering uncertainty over whether the United States and China could agree to end a near 1-1/2 year trade war as a reason for stocks to drift and bond prices to go higher",
                None,
            ),
            (
                "U.S. President Donald Trump",
                "said",
                "he would raise tariffs on Chinese imports if no deal is reached with Beijing to end the trade war",
                None,
            ),
            (
                "sources",
                "told",
                "that Russia is unlikely to agree to cut its oil output further at a meeting with fellow exporters next month",
                None,
            ),
            (
                "Commerzbank analyst Carsten Fritsch",
                "said",
                "“Moreover, Russia also failed to fulfill its agreed cuts in November so far,”",
                None,
            ),
            (
                "Juan Perez, senior foreign exchange trader and strategist at Tempus Inc.",
                "said",
                "While the dollar was supported by recent U.S. economic data meeting lowered expectations, the greenback may be in for some weakness",
                None,
            ),
            (
                "Perez",
                "said",
                "“Central banks cannot provide that much to incentivize stocks any higher, thus risk-appetite is muted and the buck may continue to lose based on the fact that the American economy is indeed slower and the Fed’s ability to satisfy anyone is in question,”",
                "Juan Perez",
            ),
        ],
    ),
    (
        "9e8c9f08",  # PolitiFact, fact check: drugs at the border
        [
            (
                "Rep. David McKinley, R-W.Va.",
                "argued",
                "that the United States needs stronger border security, including more border patrol agents",
                None,
            ),
            (
                "McKinley",
                "said",
                [
                    "A major part of the reason that additional resources are needed,",
                    "is the flow of drugs into the country",
                ],
                "David McKinley",
            ),
            (
                "he",
                "said",
                'Border agents "say you’ve got to pay attention to this — $53 million a week is coming across the border in drugs,"',
                "David McKinley",
            ),
            (
                "an agency spokesman",
                "told",
                "The official and most consistent way that Customs and Border Protection measures seizures is by pounds, not by value",
                UNKNOWN,
            ),
            (
                "Bruce Bagley, a professor of international studies at the University of Miami who has studied the drug trade",
                "said",
                '"There are no hard data, but I find the statistics cited to be consistent and certainly reasonable,"',
                None,
            ),
            (
                "the DEA",
                "says",
                'that the southwestern border with Mexico "remains the primary entry point for heroin into the United States" and that "Mexico remains the most significant foreign source for marijuana available in the United States."',
                None,
            ),
            (
                "McKinley",
                "said",
                'that "$53 million a week is coming across the border in drugs."',
                "David McKinley",
            ),
        ],
    ),
    (
        "ecb46e3e",  # Times Union / AP, sport: ice hockey results (no attributions: actions only)
        [],
    ),
]
