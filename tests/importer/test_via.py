"""The outlet a quotation went through (all text invented for these tests)."""

from __future__ import annotations

import pytest

from articles.importer import FoundQuote, find_quotes


def _one(paragraphs: list[str]) -> FoundQuote:
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("paragraph", "via"),
    [
        ("“The border stays shut,” Anna Sild told Estonian radio ERR.", "ERR"),
        ("Mayor Lin Ode told the state news agency Lusa it was “a good day.”", "Lusa"),
        ("“We will appeal,” Karl Berg told business daily Handelsblatt.", "Handelsblatt"),
    ],
)
def test_outlet_after_its_description(paragraph: str, via: str) -> None:
    assert _one([paragraph]).via == via


def test_outlet_named_by_according_to_covers_the_paragraphs_quote() -> None:
    paragraph = (
        "According to Interfax, the transport ministry wants new rules. "
        "“The draft is ready,” a ministry official told the agency."
    )
    quote = _one([paragraph])
    assert quote.via == "Interfax"
    assert quote.speaker_kind == "person"


def test_outlet_that_reported_the_story_covers_its_quote() -> None:
    paragraph = (
        "Reuters reported on Monday that the mill would close. "
        "“Nobody has told the staff,” said Ida Moen, a union steward."
    )
    assert _one([paragraph]).via == "Reuters"


def test_according_to_a_body_that_is_no_outlet_gives_no_via() -> None:
    paragraph = (
        "According to the county auditor, the levy raises $2 million. "
        "“It is a fair price,” said council member Rob Tarr."
    )
    assert _one([paragraph]).via is None


def test_outlet_named_for_one_speaker_does_not_pass_to_a_reply() -> None:
    paragraphs = [
        "“Rents are too high,” Mia Holm told Reuters.",
        "“Rents are fair,” landlord Per Dahl said at a news conference.",
    ]
    quotes = find_quotes(paragraphs)
    assert [q.via for q in quotes] == ["Reuters", None]
