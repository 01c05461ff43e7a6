"""Reading people out of free-text bylines, and matching their names."""

from __future__ import annotations

import pytest

from authors.names import BylineName, name_key, split_byline

OUTLETS = ["Reuters", "RFE/RL", "Azatutyun", "Armenpress"]


def _names(text: str) -> list[str] | None:
    found = split_byline(text, outlets=OUTLETS)
    return None if found is None else [person.name for person in found]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Talin Mardirossian", ["Talin Mardirossian"]),
        ("By Talin Mardirossian", ["Talin Mardirossian"]),
        ("by Talin Mardirossian.", ["Talin Mardirossian"]),
        ("Anna Petrosyan and Levon Ter-Grigoryan", ["Anna Petrosyan", "Levon Ter-Grigoryan"]),
        (
            "Ani Avagyan, Mark Dunn and Sona Hovsepyan",
            ["Ani Avagyan", "Mark Dunn", "Sona Hovsepyan"],
        ),
        (
            "Ani Avagyan, Mark Dunn, and Sona Hovsepyan",
            ["Ani Avagyan", "Mark Dunn", "Sona Hovsepyan"],
        ),
        ("Ani Avagyan & Mark Dunn", ["Ani Avagyan", "Mark Dunn"]),
        ("  By   Ani   Avagyan  ", ["Ani Avagyan"]),
        ("Տաթև Հակոբյան և Արամ Սարգսյան", ["Տաթև Հակոբյան", "Արամ Սարգսյան"]),
        ("Тигран Мелконян и Ольга Смирнова", ["Тигран Мелконян", "Ольга Смирнова"]),
        ("Ελένη Παπαδοπούλου και Νίκος Γεωργίου", ["Ελένη Παπαδοπούλου", "Νίκος Γεωργίου"]),
        ("Çağrı Öztürk ve Işık Aydoğan", ["Çağrı Öztürk", "Işık Aydoğan"]),
        ("Ludwig van Dam", ["Ludwig van Dam"]),
        ("O'Neill Ray", ["O'Neill Ray"]),
    ],
)
def test_bylines_naming_people_are_read_as_their_names(text, names):
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "RFE/RL's Armenian Service",
        "Staff and agencies",
        "Mirror staff",
        "Associated Press",
        "Armenpress News Agency",
        "Reuters",
        "By Reuters",
        "reuters",
        "AZATUTYUN",
        "Our Yerevan bureau",
        "The foreign desk",
        "Ani Avagyan and agencies",
        "Ani Avagyan with Reuters",
        "a long sentence that is not a name at all",
        "Ani Avagyan, reporting from the border town at night",
        "Room 101",
        "news@example.com",
    ],
)
def test_credits_naming_no_person_stay_text(text):
    assert _names(text) is None


def test_roles_are_read_from_their_clauses():
    found = split_byline("Reporting by Ani Avagyan; photos by Mark Dunn and Sona Hovsepyan")
    assert found == [
        BylineName("Ani Avagyan", "Reporting by"),
        BylineName("Mark Dunn", "Photos by"),
        BylineName("Sona Hovsepyan", "Photos by"),
    ]


def test_blank_text_names_nobody():
    assert split_byline("") == []
    assert split_byline("   ") == []


def test_punctuation_alone_is_not_a_name():
    assert split_byline(", and ,") is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Çağrı Öztürk", "cagri ozturk"),
        ("TALIN MARDIROSSIAN", "Talin  Mardirossian"),
        ("Tatev Hakobyan", " tatev hakobyan "),
        ("Տաթև Հակոբյան", "տաթեւ հակոբյան"),
        ("Ελένη Παπαδοπούλου", "ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ"),
        ("Ольга Смирнова", "ольга смирнова"),
    ],
)
def test_spellings_of_one_name_share_a_key(one, other):
    assert name_key(one) == name_key(other)


def test_different_names_have_different_keys():
    assert name_key("Ani Avagyan") != name_key("Ana Avagyan")
