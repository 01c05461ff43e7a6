"""Who the quote finder says is speaking: names, titles and person or organisation.

All text is invented for these tests.
"""

from __future__ import annotations

import pytest

from articles.importer import FoundQuote, find_quotes


def _one(paragraphs: list[str]) -> FoundQuote:
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Prosecutor Dana Whitcombe said the ledger was “a work of fiction.”", "Dana Whitcombe"),
        ("Cllr Omar Baig said: “The bins will be collected weekly.”", "Omar Baig"),
        ("“The vote is Tuesday,” Assemblymember Rita Osei said.", "Rita Osei"),
        ("Barrister Hugh Lamb told the court it was “a mistake.”", "Hugh Lamb"),
    ],
)
def test_title_before_a_name_is_not_part_of_the_speaker(paragraph: str, speaker: str) -> None:
    quote = _one([paragraph])
    assert quote.speaker == speaker
    assert quote.speaker_kind == "person"


def test_official_of_a_body_is_a_person() -> None:
    quote = _one(["“Tariffs will rise in May,” a finance ministry official said."])
    assert quote.speaker_kind == "person"


def test_team_name_without_an_organisation_word_is_an_organisation() -> None:
    quote = _one(["“Away fans will get 2,000 seats,” Dunmore Rangers said in a statement."])
    assert quote.speaker == "Dunmore Rangers"
    assert quote.speaker_kind == "organization"


def test_descriptor_before_a_named_body_is_left_out_of_its_name() -> None:
    paragraphs = [
        "Tenant group Housing First United held a rally on Sunday.",
        "“We are not going away,” the group said.",
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Housing First United"
    assert quote.speaker_kind == "organization"


def test_the_authority_is_the_authority_named_before() -> None:
    paragraphs = [
        "The Coastal Water Authority raised prices by 4%. “Costs have doubled,” the authority said."
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Coastal Water Authority"


def test_a_countrys_ministry_is_the_ministry_not_the_country() -> None:
    paragraphs = [
        "Norway’s fisheries ministry set a lower cod quota on Friday. “Stocks need a rest,” "
        "the ministry said."
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Norway’s fisheries ministry"
    assert quote.speaker_kind == "organization"


def test_owned_body_is_not_mistaken_for_the_body_quoted_before() -> None:
    paragraphs = [
        "“Exports will recover,” the Baltic Grain Council said.",
        "Latvia’s state customs committee told reporters it was “clearing trucks daily.”",
    ]
    quotes = find_quotes(paragraphs)
    assert [q.speaker for q in quotes] == [
        "Baltic Grain Council",
        "Latvia’s state customs committee",
    ]


def test_a_persons_campaign_manager_is_a_person() -> None:
    quote = _one(["Lee’s campaign manager, Rosa Blum, said the race was “tight.”"])
    assert quote.speaker == "Rosa Blum"
    assert quote.speaker_kind == "person"


def test_one_of_the_sources_is_a_source() -> None:
    quote = _one(["“The deal is off,” said one of the sources, a banker in Oslo."])
    assert quote.text == "The deal is off"
    assert quote.speaker == "source"
    assert quote.speaker_kind == "person"
    assert quote.speaker_role == "a banker in Oslo"


def test_quotation_paragraphs_after_a_profile_are_the_profiled_persons() -> None:
    paragraphs = [
        "Marta Ilves, now 84, ran the village shop for forty years. She still opens it on Sundays.",
        "“People came for bread and stayed for the news. Nobody had a phone then.",
        "“Now they come to tell me the news.”",
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Marta Ilves"
    assert quote.text.endswith("Now they come to tell me the news.")
    assert (quote.paragraph, quote.last_paragraph) == (1, 2)


def test_quotation_paragraph_after_a_place_gets_no_invented_speaker() -> None:
    paragraphs = [
        "The village shop has stood on the square since 1902.",
        "“People came for bread and stayed for the news.”",
    ]
    assert find_quotes(paragraphs) == []


def test_quote_inside_a_sentence_after_a_profile_is_not_given_to_that_person() -> None:
    paragraphs = [
        "Marta Ilves, now 84, ran the village shop for forty years.",
        "The “bread club” meets there on Fridays.",
    ]
    assert find_quotes(paragraphs) == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["A spokesman for Nordic Rail declined to comment.", "“Fares stay,” Nordic Rail said."],
        ["Nordic Rail chief executive Eva Lind spoke first. “Fares stay,” Nordic Rail said."],
        ["Nordic Rail, which runs the night trains, was fined. “Fares stay,” Nordic Rail said."],
        ["Shares in Nordic Rail fell 4%. “Fares stay,” Nordic Rail said."],
    ],
)
def test_company_name_without_an_organisation_word_is_an_organisation(
    paragraphs: list[str],
) -> None:
    quote = _one(paragraphs)
    assert quote.speaker == "Nordic Rail"
    assert quote.speaker_kind == "organization"


def test_a_politicians_spokesman_does_not_make_the_politician_a_body() -> None:
    paragraphs = [
        "President Vera Holm met the envoys. Holm spokesman Ari Dahl said talks went well.",
        "“We are ready,” Holm said.",
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Vera Holm"
    assert quote.speaker_kind == "person"


def test_spokeswoman_for_a_body_is_the_speaker_not_the_body() -> None:
    quote = _one(["“No decision yet,” said Ana Ruiz, a spokeswoman for the Westport Museum."])
    assert quote.speaker == "Ana Ruiz"
    assert quote.speaker_kind == "person"


def test_a_body_named_like_a_surname_does_not_turn_the_person_into_one() -> None:
    paragraphs = ["Shares in Marsh fell again. “We lost,” Daniel Marsh told the meeting."]
    quote = _one(paragraphs)
    assert quote.speaker == "Daniel Marsh"
    assert quote.speaker_kind == "person"


def test_spokeswoman_for_a_body_speaks_not_the_company_named_before() -> None:
    paragraphs = [
        "“We will build the plant,” Corvel Energy said.",
        "A spokeswoman for the transport ministry said talks were “at an early stage.”",
    ]
    quotes = find_quotes(paragraphs)
    assert quotes[1].speaker == "transport ministry spokeswoman"
    assert quotes[1].speaker_kind == "person"
