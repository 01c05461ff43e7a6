import feedparser
import pytest

from articles.models import Article, Section, Source
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def wire_story(make_article, make_source, section):
    wire = make_source("RFE/RL", kind=Source.Kind.OUTLET)
    speaker = make_source("Armen Hakobyan")
    article = make_article(
        "Talks Resume & Go On",
        dek="Both sides agree to a new round, in full.",
        byline="Ani Staff",
        credit=wire,
        section=section,
        tags=["Armenia", "Diplomacy"],
        photo=image_upload(),
        quotes=0,
    )
    article.quotes.create(speaker=speaker, text="We appeal for calm")
    make_article("A Draft", status=Article.Status.DRAFT, section=section, tags=["Armenia"])
    return article


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("kind", ["", "atom/"])
@pytest.mark.parametrize("prefix", ["/", "/sections/armenia/", "/tags/armenia/", "source"])
def test_feeds_are_valid_and_carry_dek_image_and_categories(client, wire_story, prefix, kind):
    if prefix == "source":
        prefix = wire_story.quotes.first().speaker.get_absolute_url()
    feed = _parse(client, f"{prefix}feed/{kind}")
    assert [entry.title for entry in feed.entries] == ["Talks Resume & Go On"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver" + wire_story.get_absolute_url()
    assert entry.summary == "Both sides agree to a new round, in full."
    assert {"Armenia", "Diplomacy"} <= {tag.term for tag in entry.tags}
    assert "armenia" in entry.tags[0].term.lower()
    image = next(link for link in entry.links if link.rel == "enclosure")
    assert image.type == "image/jpeg"
    assert image.href.endswith(wire_story.hero.file.url)
    assert int(image.length) == wire_story.hero.file.size


def test_outlet_feed_lists_stories_credited_to_it(client, wire_story):
    feed = _parse(client, f"{wire_story.credit.get_absolute_url()}feed/")
    assert [entry.title for entry in feed.entries] == ["Talks Resume & Go On"]


def test_feed_for_an_unknown_tag_is_404(client, db):
    assert client.get("/tags/nothing/feed/").status_code == 404


def test_pages_advertise_the_feeds(client, wire_story):
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/feed/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/feed/atom/"' in html


def test_feed_query_count_is_flat(client, make_article, django_assert_max_num_queries):
    for _ in range(30):
        make_article(tags=5)
    # stories with section and credit, their bylines, tags, corrections
    with django_assert_max_num_queries(4):
        assert client.get("/feed/").status_code == 200


def test_a_corrected_story_carries_its_correction_in_the_feeds(client, make_article):
    from articles.models import Correction

    article = make_article("Ferry Timetable Changes", dek="Winter sailings cut.")
    Correction.objects.create(article=article, text="The first ferry leaves at nine.")
    entry = feedparser.parse(client.get("/feed/").content).entries[0]
    assert entry.title == "Ferry Timetable Changes"
    assert "The first ferry leaves at nine." in entry.summary


def test_a_control_character_pasted_into_a_name_does_not_take_the_feeds_down(
    client, make_article, make_source
):
    # Word writes a line break inside a paragraph as a vertical tab (\x0b);
    # XML 1.0 cannot carry it, not even as a character reference.
    section = Section.objects.create(name="Lake\x0bSevan", slug="lake-sevan")
    wire = make_source("Sevan\x1fRadio", kind=Source.Kind.OUTLET)
    make_article(
        "Fishermen\x0bwait for the ice",
        dek="The season\x0cis late.",
        byline="Ani\x08Staff",
        credit=wire,
        section=section,
        tags=["Ice\x0bfishing"],
    )
    for prefix in ["/", "/sections/lake-sevan/", "/tags/ice-fishing/", wire.get_absolute_url()]:
        for kind in ["", "atom/"]:
            feed = _parse(client, f"{prefix}feed/{kind}")
            [entry] = feed.entries
            assert entry.title == "Fishermen wait for the ice"
            assert {tag.term for tag in entry.tags} == {"Lake Sevan", "Ice fishing"}
