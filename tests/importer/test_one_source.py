"""One person, one record: every short form of a name goes to the full name.

A story names a person in full once, then by surname, nickname or title; the
quote finder must give each quotation the full name a Source record holds.
Participles after the speech verb are never a role, "said X of Y" names X,
and an outlet named as the channel goes with the quotations it covers.
All text is invented for these tests.
"""

from __future__ import annotations

import pytest

from articles.importer import find_quotes


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in find_quotes(paragraphs)]


@pytest.mark.parametrize(
    "intro",
    [
        "Winger Mateus 'Teo' Albuquerque scored twice for Lanford on Sunday.",
        "Winger Mateus “Teo” Albuquerque scored twice for Lanford on Sunday.",
        'Winger Mateus "Teo" Albuquerque scored twice for Lanford on Sunday.',
        "Winger Mateus Albuquerque, known in the dressing room as Teo, scored twice on Sunday.",
        "Mateus Albuquerque, whom the fans call Teo, scored twice for Lanford on Sunday.",
    ],
)
def test_nickname_goes_to_the_full_name(intro: str) -> None:
    quotes = find_quotes(
        [
            intro,
            "“I just kept running,” Teo said.",
            "“Nobody marked me,” Albuquerque said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Mateus Albuquerque", "Mateus Albuquerque"]
    assert all(q.speaker_kind == "person" for q in quotes)


def test_nickname_in_marks_inside_a_name_is_not_a_quotation() -> None:
    quotes = find_quotes(['Mayor Edwin "Eddie" Marlowe opened the bridge on Friday.'])
    assert quotes == []


@pytest.mark.parametrize(
    ("intro", "later"),
    [
        ("Lanford manager Petra Quill watched from the stand.", "the manager"),
        ("Chief executive Tomas Ilves announced the results.", "the chief executive"),
        ("The club’s head coach, Yusuf Demir, was pleased.", "the coach"),
        ("The charity’s senior hydrologist, Aino Rask, led the survey.", "the hydrologist"),
        ("The county's leader, Cllr Harriet Moss, chaired the meeting.", "the county leader"),
        ("Finance Minister Lior Batsheva presented the budget.", "the minister"),
    ],
)
def test_title_goes_back_to_the_person_who_holds_it(intro: str, later: str) -> None:
    speaker = intro.split(", ")[1] if ", " in intro else None
    quotes = find_quotes([intro, f"“We did what we set out to do,” {later} said."])
    assert len(quotes) == 1
    full = speaker or " ".join(intro.split()[2:4]).rstrip(".")
    assert quotes[0].speaker == full.replace("Cllr ", "")


@pytest.mark.parametrize(
    "attribution",
    [
        "Brannock said, grinning",
        "said Brannock, laughing",
        "Brannock added, shaking his head",
        "said Brannock, adding that the club would appeal",
        "said Brannock, his voice rising",
        "Brannock said, visibly moved",
    ],
)
def test_participle_after_the_verb_is_never_a_role(attribution: str) -> None:
    quotes = find_quotes(
        [
            "Referee Sian Brannock sent off two players in the first half.",
            f"“I would do the same again,” {attribution}.",
        ]
    )
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Sian Brannock", "Referee")]


def test_appositive_after_an_inverted_verb_is_still_a_role() -> None:
    quote = find_quotes(["“We will appeal,” said Sian Brannock, a spokeswoman."])[0]
    assert (quote.speaker, quote.speaker_role) == ("Sian Brannock", "a spokeswoman")


@pytest.mark.parametrize(
    "attribution",
    [
        "said Varga of Harwick Town",
        "said Varga of the Harwick Town Supporters’ Trust",
        "said Lenke Varga of Harwick Town",
        "Varga of Harwick Town said",
    ],
)
def test_said_x_of_y_names_x_with_y_as_affiliation(attribution: str) -> None:
    quotes = find_quotes(
        [
            "Lenke Varga has run the club shop for nine years.",
            f"“We sold out of scarves by noon,” {attribution}.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Lenke Varga"]
    assert quotes[0].speaker_kind == "person"
    assert "Harwick Town" in (quotes[0].speaker_role or "")


def test_full_name_first_given_with_of_is_the_one_record_for_the_surname() -> None:
    quotes = find_quotes(
        ["“We sold out,” said Lenke Varga of Harwick Town.", "“Again,” Varga said."]
    )
    assert [q.speaker for q in quotes] == ["Lenke Varga", "Lenke Varga"]


def test_body_of_a_place_stays_one_organisation() -> None:
    quotes = find_quotes(["“Rates will hold,” said the Bank of Harwick."])
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [("Bank of Harwick", "organization")]


def test_inverted_attribution_with_a_time_clause_keeps_the_quotation() -> None:
    quotes = find_quotes(
        [
            "Lenke Varga has run the club shop for nine years.",
            "“Not again,” said Varga when she heard the news. “Not this season.”",
        ]
    )
    assert [(q.text, q.speaker) for q in quotes] == [("Not again. Not this season.", "Lenke Varga")]


@pytest.mark.parametrize(
    ("sentence", "outlet"),
    [
        ("Dorsey told Kanal Norte on Monday that the talks had stalled.", "Kanal Norte"),
        ("In a post on X on Monday, Dorsey said the talks had stalled.", "X"),
        ("In a video posted via Facebook, Dorsey said the talks had stalled.", "Facebook"),
        ("Dorsey told the Harwick Courier that the talks had stalled.", "Harwick Courier"),
    ],
)
def test_channel_is_carried_to_each_quote_it_covers(sentence: str, outlet: str) -> None:
    quotes = find_quotes(
        [
            "Union negotiator Abel Dorsey left the building at noon.",
            f"{sentence} “They are not listening,” he said.",
            "“We will be back on Thursday,” Dorsey added.",
            "“The negotiator is right,” said employer Wendell Cray. “We need a pause.”",
            "“We are still here,” the negotiator said.",
        ]
    )
    assert [(q.speaker, q.via) for q in quotes] == [
        ("Abel Dorsey", outlet),
        ("Abel Dorsey", outlet),
        ("Wendell Cray", None),
        ("Abel Dorsey", None),
    ]


def test_outlet_called_the_something_is_not_a_person() -> None:
    quotes = find_quotes(
        ["“We are closing the plant,” Priit Saar told the Lanford Echo. “It is over.”"]
    )
    assert [(q.speaker, q.via) for q in quotes] == [("Priit Saar", "Lanford Echo")]
