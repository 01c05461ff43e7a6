import html
from io import StringIO
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from taggit.models import Tag

from articles.addresses import slug_url
from articles.models import Article, Quote, Section, Source
from newsletter.export import export_issue
from newsletter.models import Issue, NewsletterList, SignupBlock

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_creates_a_readable_site_and_prints_the_admin_login(client):
    output = _load()
    assert "user 'admin', password 'newsroom-demo'" in output
    assert get_user_model().objects.get(username="admin").check_password("newsroom-demo")
    live = Article.objects.live()
    assert live.count() >= 4
    featured = live.get(is_featured=True)
    assert featured.hero_image and featured.quotes.exists() and featured.tags.exists()
    assert SignupBlock.objects.current() is not None
    html = client.get(featured.get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 2
    assert client.get("/").status_code == 200


def test_load_demo_twice_changes_nothing():
    _load()
    counts = (Article.objects.count(), Quote.objects.count(), SignupBlock.objects.count())
    output = _load()
    assert (Article.objects.count(), Quote.objects.count(), SignupBlock.objects.count()) == counts
    assert "0 new stories" in output


def test_load_demo_creates_a_newsletter_to_try_at_once():
    _load()
    newsletter = NewsletterList.objects.get(slug="weekly")
    assert newsletter.from_email
    assert newsletter.subscribers.confirmed().count() == 3
    issue = Issue.objects.get(newsletter=newsletter)
    assert issue.status == Issue.Status.DRAFT
    live = set(Article.objects.live().values_list("pk", flat=True))
    assert {item.article_id for item in issue.items.all()} == live
    # The demo issue, hero images and all, is far below Gmail's clipping size.
    assert len(export_issue(issue).html.encode()) < 40 * 1024
    _load()
    assert Issue.objects.count() == 1
    assert issue.items.count() == len(live)
    assert newsletter.subscribers.count() == 3


# Names the demo writes in Armenian (with և), Russian, Greek and Turkish.
DEMO_TAGS = ["Երևան", "Краснодар", "Αθήνα", "Kurtuluş", "Ağrı Dağı"]
DEMO_SOURCES = [
    "Լուսինե Սարգսյան",
    "Արարատ մշակութային հիմնադրամ",
    "Ирина Мелконян",
    "Кавказский вестник",
    "Σοφία Αβετισιάν",
    "Δήμος Νέας Σμύρνης",
    "Barış Yağmurlu",
    "Boğaziçi Haber Ajansı",
]
ARMENIAN_HEADLINE = "Երևանում բացվեց սփյուռքահայ նկարիչների ցուցահանդես"


def test_load_demo_names_in_every_script_have_pages_that_answer(client):
    _load()
    story = Article.objects.live().get(headline=ARMENIAN_HEADLINE)
    # The ligature և is kept as its two letters, as every slug keeps it.
    assert story.slug == "երեւանում-բացվեց-սփյուռքահայ-նկարիչների-ցուցահանդես"
    assert story.section.name == "Հայերէն"
    assert Tag.objects.get(name="Երևան").slug == "երեւան"
    tags = Tag.objects.filter(name__in=DEMO_TAGS)
    sources = Source.objects.filter(name__in=DEMO_SOURCES)
    assert {tag.name for tag in tags} == set(DEMO_TAGS)
    assert {source.name for source in sources} == set(DEMO_SOURCES)
    assert all(source.role for source in sources if source.kind != Source.Kind.ORGANIZATION)
    pages = [
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        *(slug_url("articles:tag_detail", tag.slug) for tag in tags),
        *(source.get_absolute_url() for source in sources),
    ]
    for url in pages:
        # Percent-encoded UTF-8 on the wire, as browsers send it.
        assert url.isascii() and "%" in url, url
        assert client.get(url).status_code == 200, unquote(url)
    assert html.escape(ARMENIAN_HEADLINE) in client.get("/").content.decode()


def test_load_demo_twice_keeps_one_of_each_name():
    _load()
    _load()
    assert Article.objects.filter(headline=ARMENIAN_HEADLINE).count() == 1
    assert Section.objects.filter(name="Հայերէն").count() == 1
    assert Tag.objects.filter(name__in=DEMO_TAGS).count() == len(DEMO_TAGS)
    assert Source.objects.filter(name__in=DEMO_SOURCES).count() == len(DEMO_SOURCES)
