# ruff: noqa: E501  (the annotated texts are quoted whole)
"""Hand annotations of real news pages, second round (issue 23), part c: games, energy, an interview.
Same conventions as :mod:`annotations`."""

from __future__ import annotations

from annotations import Page

PAGES: list[Page] = [
    (
        "8267acac",  # The Hollywood Reporter, games: Google's Stadia launch
        [
            (
                "Jack Buser, director for games at the tech giant",
                "says",
                '"You’re going to see a number of things that Stadia can do that is not possible on other platforms,"',
                None,
            ),
            (
                "Jack Buser, director for games at Google",
                "tells",
                [
                    '"Stadia has been built from the ground up to be a cloud platform,"',
                    '"You’re going to see a number of things that Stadia can do that is not possible on other platforms."',
                ],
                None,
            ),
            (
                "Buser",
                "says",
                ["The key to Stadia's success,", "is Google's built-in infrastructure"],
                "Jack Buser",
            ),
            (
                "he",
                "says",
                '"We have one of the largest private networks in the world,"',
                "Jack Buser",
            ),
            (
                None,
                "boasting",
                'that Google\'s servers can "deliver extremely high fidelity content all over the world."',
                None,
            ),
            (
                "Ward",
                "says",
                [
                    '"They need to ramp up the game catalog ASAP,"',
                    "\"Google’s planned 'free' base tier (you still have to buy the games outright) is its ace in the hole, as is its ability to promote Stadia through the YouTube Gaming community...and that should seed interest in the Founder’s Edition bundle and Pro service. I think that conversion will be tough, however, since the games catalog will probably stay fairly thin and there’s a lot of other gaming options out there.\"",
                ],
                "Lewis Ward",
            ),
            (
                "Lewis Ward, research director of gaming VR/AR at tech market research firm IDC",
                "sees",
                'Stadia\'s lineup as its "Achilles heel."',
                None,
            ),
            (
                "Chris Early, senior vp partnerships and revenue at Ubisoft",
                "says",
                [
                    '"Google offers an extension of the market of people who can play our games,"',
                    '"They help extend our reach by letting people who maybe don’t own a console or PC join in."',
                ],
                None,
            ),
            (
                "Strauss Zelnick, CEO of Take-Two",
                "adds",
                [
                    '"Our strategy is to be where the consumer is,"',
                    '"Generally speaking, in the entertainment business, broader distribution is a good thing for consumers and customers. We’re excited by the opportunity and we’ll see how it goes."',
                ],
                None,
            ),
            (
                "Ward",
                "says",
                [
                    'For the nascent game streaming industry, "2020 will be about getting these services in good working order and cautiously testing out how gamers respond,"',
                    '"I think 2021 and 2022 will begin to see more of a muscular push by several of the large cloud-streamed gaming service providers."',
                ],
                "Lewis Ward",
            ),
            (
                "Early",
                "says",
                [
                    '"Streaming is somewhat binary,"',
                    '"You are either in a place with adequate bandwidth or you’re not."',
                ],
                "Chris Early",
            ),
            (
                "Early",
                "says",
                'Ubisoft are "believers" in game streaming as a viable future for the industry',
                "Chris Early",
            ),
            (
                "Buser",
                "says",
                [
                    '"The groundwork is there,"',
                    '"In terms of running games and having an experience that feels as good as or better than best consoles that exist today. The creativity that is coming from the game development community will break the boundaries of what was previously possible. It\'s just staggering."',
                ],
                "Jack Buser",
            ),
            (
                "Early",
                "says",
                "there is a possibility that future Ubisoft games could be built and launched specifically for the platform",
                "Chris Early",
            ),
            (
                "he",
                "says",
                [
                    '"Our objective is to make the best game and get it in front of as many people as possible,"',
                    '"I think the interesting question is if we’re getting to a place that requires a game to be run in the cloud, does that become Stadia exclusive? While the intent may not be that, because [the game] may be exclusive to services that operate with a cloud base, whether that’s xCloud or Stadia or whatever else, that does become something we\'d look at."',
                ],
                "Chris Early",
            ),
            (
                "Ward",
                "says",
                '"I think if [Google] gets to over 100 games by the time the free tier launches next year that will be a big improvement, slow and painful as it is,"',
                "Lewis Ward",
            ),
            (
                "he",
                "says",
                [
                    '"This is where you’ll see the next big jump in what games can be,"',
                    '"You’ll never download a game or have to download an update. We’re already used to this in movies and TV, we just haven’t seen it in games yet. It’s tough to go back to console."',
                ],
                "Jack Buser",
            ),
        ],
    ),
    (
        "b0cf2bbf",  # pv magazine, energy: South Korea's solar roadmap
        [
            (
                "the Department of Energy",
                "announced",
                "the $0.06/kWh benchmark of that ambition had been achieved three years early",
                None,
            ),
            (
                "A recent report by the International Energy Agency’s Photovoltaic Power Systems Program",
                "stated",
                "the South Korean solar module industry had an annual production capacity of around 8.69 GW at the end of 2017",
                None,
            ),
            (
                "the report",
                "according to",
                ["A further 17 manufacturers,", "had production operations ranging from 30-600 MW"],
                None,
            ),
            (
                "data released by MOTIE in August",
                "According to",
                "newly installed capacity for the first seven months of the year reached 1.64 GW",
                None,
            ),
            (
                "the SunShot Initiative launched by the U.S. government in 2011",
                "aims",
                "to reduce the price of the solar electricity generated by large scale projects to $0.03/kWh by 2030",
                None,
            ),
            (
                "The South Korean government",
                "also wants",
                "to help manufacturers increase solar module efficiency from around 20% now to 24% by the end of the next decade",
                None,
            ),
            (
                "Seoul",
                "expects",
                "PV cell producers to increase the average efficiency of multi-junction devices from 23% to 35%",
                None,
            ),
            (
                "which",
                "aimed",
                "to introduce carbon footprint certification rules, minimum efficiency levels and industrial standards for solar and wind power",
                None,
            ),
            ("Seoul", "plans", "to install 30.8 GW of solar by 2030", None),
        ],
    ),
    (
        "87bf6057",  # Washington Examiner, opinion: Prince Andrew's interview
        [
            (
                "Maitlis",
                "repeatedly demanded",
                "how Andrew, Queen Elizabeth II's third child, could be so sure what he was doing on the night of March 10, during which he allegedly raped 17-year-old Virginia Giuffre, a victim of Epstein’s alleged sex trafficking ring",
                "Emily Maitlis",
            ),
            ("he", "definitely remembers", "going to get pizza that night", "Prince Andrew"),
            (
                "he",
                "said",
                [
                    '"Going to Pizza Express in Woking is an unusual thing for me to do,"',
                    '"I remember it weirdly, distinctly."',
                ],
                "Prince Andrew",
            ),
            (
                "Andrew",
                "explaining",
                "how he couldn’t have been with Giuffre, because she described him as sweating, and at that point in time, he had a medical condition in which he couldn’t sweat",
                "Prince Andrew",
            ),
            ("she", "described", "him as sweating", "Virginia Giuffre"),
            (
                "he",
                "assures",
                ["“Oh, actually? Yes,”", "“I didn’t sweat at the time.”"],
                "Prince Andrew",
            ),
            ("he", "explained", "that he can sweat now", "Prince Andrew"),
            (
                "Andrew",
                "said",
                [
                    "“There was no indication, absolutely no indication,”",
                    "“And if there was, you have to remember that at the time, I was the patron of the [National Society for the Prevention of Cruelty to Children’s] ‘Full Stop’ campaign, so I was close-up with what was going on in those — time about getting rid of abuse to children, so I knew what was, what the things were to look for but I never saw them.”",
                ],
                "Prince Andrew",
            ),
            (
                "Andrew",
                "said",
                'he doesn’t regret his relationship with Epstein because of "the opportunities I was given to learn" about business',
                "Prince Andrew",
            ),
            (
                "Giuffre",
                "said",
                ['"He knows exactly what he\'s done,"', '"And I hope he comes clean about it."'],
                "Virginia Giuffre",
            ),
        ],
    ),
]
