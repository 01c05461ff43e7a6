import pytest
from taggit.models import Tag

from articles.importer.matching import SourceBook, match_tags, normalize_name
from articles.models import Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Armen Grigoryan", "armen grigoryan"),
        ("ARMEN  GRIGORYAN", "armen grigoryan"),
        ("Armen Grigoryán", "armen grigoryan"),
        ("The Hayastan Alliance", "hayastan alliance"),
        ("Armenia’s Foreign Ministry", "armenia foreign ministry"),
        ("RFE / RL", "rfe rl"),
    ],
)
def test_names_compare_without_case_accents_or_punctuation(name, normal):
    assert normalize_name(name) == normal


def test_a_speaker_matches_an_existing_source_by_name_or_alias(make_source):
    ministry = make_source(
        "Armenian Defense Ministry", kind=Source.Kind.ORGANIZATION, aliases="Ministry of Defense"
    )
    book = SourceBook.load()
    assert book.match("armenian defense ministry", "organization").source == ministry
    assert book.match("the Ministry of Defense", "organization").source == ministry
    assert not book.match("Ministry of Defense", "organization").is_new


def test_an_unknown_speaker_is_proposed_as_a_new_source_with_its_role(db):
    match = SourceBook.load().match("Lilit Avagyan", "person", "Head librarian")
    assert match.is_new
    assert (match.name, match.kind, match.role) == ("Lilit Avagyan", "person", "Head librarian")


def test_suggested_tags_use_the_spelling_of_existing_tags(db):
    Tag.objects.create(name="Nagorno-Karabakh", slug="nagorno-karabakh")
    assert match_tags(["nagorno karabakh", "Yerevan", "Yerevan"]) == ["Nagorno-Karabakh", "Yerevan"]
