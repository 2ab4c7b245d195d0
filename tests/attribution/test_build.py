"""Building records from span triples: the channel a statement came through."""

from __future__ import annotations

from typing import Any

from reportedly.records import DocAttribution


def found(nlp: Any, text: str) -> list[DocAttribution]:
    return list(nlp(text)._.attributions)


def test_according_to_names_a_channel_of_a_speakers_words(nlp: Any) -> None:
    (putin,) = found(nlp, "“We will win,” Putin said, according to the Interfax news agency.")
    assert putin.source is not None and putin.source.text == "Putin"
    assert putin.channel is not None and putin.channel.text == "the Interfax news agency"


def test_the_source_of_according_to_is_not_also_its_channel(nlp: Any) -> None:
    # the "to" of "according to" once passed for the "to" of "spoke to a newspaper",
    # which made the source its own channel
    (interview,) = found(
        nlp,
        "Osman is believed to have been on the flight, according to an interview "
        "his brother gave to ITV.",
    )
    assert interview.cue is not None and interview.cue.text == "according to"
    assert interview.source is not None and interview.source.text.startswith("an interview")
    assert interview.channel is None
