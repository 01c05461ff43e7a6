"""The quote finder, one pattern per test (all text invented for these tests)."""

from __future__ import annotations

import pytest

from articles.importer import FoundQuote, find_quotes


def _one(paragraphs: list[str]) -> FoundQuote:
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The bridge will reopen in May,” engineer Tomas Brandt said.",
        '"The bridge will reopen in May," engineer Tomas Brandt said.',
        "“The bridge will reopen in May,’’ engineer Tomas Brandt said.",
    ],
)
def test_straight_curly_and_doubled_single_marks(paragraph: str) -> None:
    quote = _one([paragraph])
    assert quote.text == "The bridge will reopen in May"
    assert quote.speaker == "Tomas Brandt"


def test_mismatched_closing_mark_still_closes_the_quote() -> None:
    quote = _one(["“We will not sell the farm, “Edith Carrow told the court."])
    assert quote.text == "We will not sell the farm"
    assert quote.speaker == "Edith Carrow"


def test_stray_mark_inside_a_quote_is_ignored() -> None:
    paragraph = "“The levy is too high. “Families cannot pay it,” the Tenants Union said."
    quote = _one([paragraph])
    assert quote.text == "The levy is too high. Families cannot pay it"
    assert quote.speaker == "Tenants Union"
    assert quote.speaker_kind == "organization"


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (
            "“The pool is full,” lifeguard Amy Stroud said. “Come back after lunch.”",
            "The pool is full. Come back after lunch.",
        ),
        (
            "“The pool is full,” lifeguard Amy Stroud said, “come back after lunch.”",
            "The pool is full, come back after lunch.",
        ),
    ],
)
def test_quote_split_by_its_attribution_is_one_quote(paragraph: str, text: str) -> None:
    # Two sentences stay two sentences; one sentence split by "she said" stays one.
    quote = _one([paragraph])
    assert quote.text == text
    assert quote.speaker == "Amy Stroud"


def test_quote_running_over_paragraphs_is_one_quote() -> None:
    paragraphs = [
        "“The first winter was the hardest,” farmer Ivo Marek said. “We lost half the flock.",
        "“The second winter we were ready.”",
    ]
    quote = _one(paragraphs)
    assert quote.text == (
        "The first winter was the hardest. We lost half the flock. The second winter we were ready."
    )
    assert (quote.paragraph, quote.last_paragraph) == (0, 1)


def test_attribution_before_the_quote() -> None:
    quote = _one(["Principal Rhea Moss said: “Every pupil will get a laptop.”"])
    assert quote.text == "Every pupil will get a laptop."
    assert quote.speaker == "Rhea Moss"


def test_inverted_attribution_with_a_description() -> None:
    quote = _one(["“Prices will settle,” said Omar Haddad, an economist at Westfield Bank."])
    assert quote.speaker == "Omar Haddad"
    assert quote.speaker_role == "an economist at Westfield Bank"


def test_according_to_names_the_speaker() -> None:
    quote = _one(["The tunnel was “years behind schedule,” according to auditor Grace Lin."])
    assert quote.text == "years behind schedule"
    assert quote.speaker == "Grace Lin"


def test_title_before_a_name_becomes_the_role() -> None:
    quote = _one(["Transport Minister Bela Novak said the plan was “not negotiable.”"])
    assert quote.speaker == "Bela Novak"
    assert quote.speaker_role == "Transport Minister"


def test_pronoun_resolves_to_the_person_named_before() -> None:
    paragraphs = [
        "Fire chief Dana Ortiz arrived at the scene before dawn.",
        "“The roof could go at any minute,” she said.",
    ]
    assert _one(paragraphs).speaker == "Dana Ortiz"


def test_surname_resolves_to_the_full_name() -> None:
    paragraphs = [
        "Harbour pilot Jonas Lindqvist has guided ships here for 30 years.",
        "“Fog is the real enemy,” Lindqvist said.",
    ]
    assert _one(paragraphs).speaker == "Jonas Lindqvist"


def test_the_ministry_resolves_to_the_organisation_named_before() -> None:
    paragraphs = [
        "The Ministry of Public Works published the tender on Friday.",
        "“All bids will be made public,” the ministry said.",
    ]
    quote = _one(paragraphs)
    assert quote.speaker == "Ministry of Public Works"
    assert quote.speaker_kind == "organization"


def test_partial_quote_inside_a_sentence() -> None:
    quote = _one(["Councillor Ada Price said the budget was “a bit of a stretch” this year."])
    assert quote.text == "a bit of a stretch"
    assert quote.speaker == "Ada Price"


def test_two_partial_quotes_in_one_sentence_stay_two() -> None:
    paragraph = (
        "Coach Lena Fox said the result was “a warning” and that the team “must defend better.”"
    )
    texts = [q.text for q in find_quotes([paragraph])]
    assert texts == ["a warning", "must defend better."]


@pytest.mark.parametrize(
    ("paragraph", "via"),
    [
        ("Mayor Paul Ekwueme told Radio Northside that the plan was “dead in the water.”", None),
        ("Mayor Paul Ekwueme wrote on Twitter that the plan was “dead in the water.”", "Twitter"),
        ("Mayor Paul Ekwueme told the Daily Ledger the plan was “dead in the water.”", None),
    ],
)
def test_via_names_the_outlet(paragraph: str, via: str | None) -> None:
    quote = _one([paragraph])
    expected = via or paragraph.split(" told ")[1].split(" that")[0].split(" the plan")[0]
    assert quote.via == expected.removeprefix("the ")


def test_as_quoted_by_his_office_names_the_speakers_office() -> None:
    paragraph = "As quoted by his office, Senator Hugo Brandt said the vote was “a disgrace.”"
    assert _one([paragraph]).via == "Brandt's office"


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We are ready,” Governor Ruth Kahn told reporters.",
        "“We are ready,” Governor Ruth Kahn said at a news conference.",
        "Governor Ruth Kahn said in a statement: “We are ready.”",
    ],
)
def test_statements_and_reporters_are_not_outlets(paragraph: str) -> None:
    assert _one([paragraph]).via is None


def test_via_carries_on_until_another_speaker_is_quoted() -> None:
    paragraphs = [
        "Forester Mila Jovic told Valley Radio on Monday that the fires were contained.",
        "“The wind dropped just in time,” Jovic said.",
        "“We were lucky,” ranger Tom Bell said.",
        "“It could return,” Jovic said.",
    ]
    vias = [q.via for q in find_quotes(paragraphs)]
    assert vias == ["Valley Radio", None, None]


def test_nested_single_quotes_stay_inside_the_quote() -> None:
    quote = _one(["“My son asked me, ‘Is the river coming back?’ ” said resident Joan Pike."])
    assert quote.text == "My son asked me, ‘Is the river coming back?’"
    assert quote.speaker == "Joan Pike"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The town launched its “Shop Local First” campaign in March.",
        "Residents call the junction the “spaghetti bowl” for good reason.",
        "The account was renamed to “cityfacts” overnight.",
        "Protesters carried signs reading “Save Our Pier” along the seafront.",
        "The so-called “summer slump” hit sales again.",
        "The ferry “Morning Star” sailed at dawn.",
    ],
)
def test_names_titles_and_scare_quotes_are_not_quotes(paragraph: str) -> None:
    assert find_quotes([paragraph]) == []


def test_trailing_comma_is_dropped_and_final_full_stop_kept() -> None:
    quotes = find_quotes(
        [
            "“We open at nine,” owner Lucia Ferraro said.",
            "Ferraro said the shop would “stay open late on Fridays.”",
        ]
    )
    assert [q.text for q in quotes] == ["We open at nine", "stay open late on Fridays."]


def test_repeated_quote_is_listed_once() -> None:
    paragraph = "“Nobody was hurt,” police spokesman Karl Weiss said."
    assert len(find_quotes([paragraph, "The road reopened at noon.", paragraph])) == 1


def test_unattributed_quote_continues_the_previous_speaker() -> None:
    paragraphs = [
        "“We start digging on Monday,” site manager Nadia Okoro said.",
        "“Then we pour the concrete.”",
    ]
    assert [q.speaker for q in find_quotes(paragraphs)] == ["Nadia Okoro", "Nadia Okoro"]


def test_found_quote_as_dict_has_the_label_keys() -> None:
    quote = _one(["“It works,” inventor Pia Lund said."])
    assert quote.as_dict() == {
        "text": "It works",
        "speaker": "Pia Lund",
        "speaker_kind": "person",
        "via": None,
    }


def test_in_a_tweet_goes_through_twitter() -> None:
    quote = _one(["“This is a scandal,” Rep. Anna Vogel said in a tweet."])
    assert (quote.speaker, quote.via) == ("Anna Vogel", "Twitter")


def test_reporter_of_an_outlet_gives_the_outlet() -> None:
    quote = _one(["Senator Lou Brandt told KTVU's Maria Lopez that the vote was “rigged.”"])
    assert quote.via == "KTVU"


def test_person_spoken_to_is_not_an_outlet() -> None:
    paragraphs = [
        "Defendant Carl Mott, 58, stood as the verdict was read.",
        "“You betrayed this town,” Judge Ana Ruiz told Mott.",
    ]
    quote = _one(paragraphs)
    assert (quote.speaker, quote.via) == ("Ana Ruiz", None)


def test_the_company_resolves_to_the_organisation_speaking_before() -> None:
    paragraphs = [
        "Shares in Orbis Robotics fell after the recall.",
        "Orbis said it would replace every unit. The company said the fault was “rare.”",
    ]
    quote = _one(paragraphs)
    assert (quote.speaker, quote.speaker_kind) == ("Orbis Robotics", "organization")


def test_named_subject_before_the_quote_is_who_he_means() -> None:
    paragraphs = [
        "Coach Ray Dunn watched from the stands.",
        "Former mayor Joe Blake, who ran the city for a decade, was blunt: “We lost,” he said.",
    ]
    assert _one(paragraphs).speaker == "Joe Blake"


def test_anonymous_source_is_named_by_its_role() -> None:
    paragraphs = [
        "A nurse at the clinic, who asked not to be named, said supplies were “almost gone.”",
        "“We ration gloves now,” the nurse said.",
    ]
    speakers = [q.speaker for q in find_quotes(paragraphs)]
    assert speakers[0] is not None
    assert all(s is not None and "nurse" in s for s in speakers)


def test_agency_quoting_someone_is_the_via() -> None:
    paragraphs = [
        "Energy Minister Pia Lorentz visited the plant on Monday.",
        "The Nordic news agency quoted her as saying: “The reactor is safe.”",
    ]
    quote = _one(paragraphs)
    assert (quote.speaker, quote.via) == ("Pia Lorentz", "Nordic")


def test_descriptor_before_a_name_marks_an_organisation() -> None:
    quote = _one(["Budget carrier Skylark Air said the fares were “here to stay.”"])
    assert (quote.speaker, quote.speaker_kind) == ("Skylark Air", "organization")
