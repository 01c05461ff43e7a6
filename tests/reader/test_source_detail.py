import pytest

from articles.models import Article, Quote, Source

pytestmark = pytest.mark.django_db


def test_source_page_shows_what_they_said_across_stories(client, make_article, make_source):
    ministry = make_source("Foreign Ministry", kind=Source.Kind.ORGANIZATION)
    speaker = make_source("Anahit Minasyan", role="Deputy Minister", affiliation=ministry)
    tass = make_source("TASS", kind=Source.Kind.OUTLET)
    first = make_article("First Story")
    second = make_article("Second Story")
    draft = make_article("Draft Story", status=Article.Status.DRAFT)
    Quote.objects.create(article=first, speaker=speaker, text="We will talk")
    Quote.objects.create(article=second, speaker=speaker, via=tass, text="Talks went well")
    Quote.objects.create(article=draft, speaker=speaker, text="Unpublished words")
    response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Anahit Minasyan</h1>" in html
    assert "Deputy Minister" in html
    assert 'href="/sources/foreign-ministry/">Foreign Ministry</a>' in html
    assert "We will talk" in html and "Talks went well" in html
    assert "Via TASS" in html
    assert "Unpublished words" not in html
    assert 'href="/articles/first-story/"' in html


def test_outlet_page_lists_the_stories_it_is_credited_on(client, make_article, make_source):
    wire = make_source("RFE/RL", kind=Source.Kind.OUTLET)
    make_article("Wire Story", credit=wire)
    html = client.get(wire.get_absolute_url()).content.decode()
    assert "Stories from RFE/RL" in html
    assert "Wire Story" in html


def test_source_pages_name_the_kind_in_one_word(client, make_source):
    wire = make_source("RFE/RL", kind=Source.Kind.OUTLET)
    person = make_source("Anahit Minasyan")
    assert '<p class="kicker">Outlet</p>' in client.get(wire.get_absolute_url()).content.decode()
    assert '<p class="kicker">Person</p>' in client.get(person.get_absolute_url()).content.decode()


def test_unknown_source_is_404(client, db):
    assert client.get("/sources/nobody/").status_code == 404


def test_source_page_query_count_is_flat(
    client, make_article, make_source, django_assert_max_num_queries
):
    speaker = make_source("Prolific Speaker")
    outlet = make_source("Outlet", kind=Source.Kind.OUTLET)
    for _ in range(20):
        article = make_article(credit=outlet)
        Quote.objects.create(article=article, speaker=speaker, via=outlet, text="Again")
    # sections menu, source + affiliation, quote count, page of quotes
    with django_assert_max_num_queries(4):
        assert client.get(speaker.get_absolute_url()).status_code == 200
    # ... and for an outlet, its credited stories
    with django_assert_max_num_queries(5):
        assert client.get(outlet.get_absolute_url()).status_code == 200
