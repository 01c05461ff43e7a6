from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Quote
from newsletter.export import export_issue
from newsletter.models import Issue, NewsletterList, SignupBlock
from pages.models import Page

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
    assert featured.hero.file and featured.quotes.exists() and featured.tags.exists()
    assert SignupBlock.objects.current() is not None
    html = client.get(featured.get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 2
    assert client.get("/").status_code == 200


def test_load_demo_twice_changes_nothing():
    _load()
    counts = (
        Article.objects.count(),
        Quote.objects.count(),
        SignupBlock.objects.count(),
        Page.objects.count(),
    )
    output = _load()
    assert (
        Article.objects.count(),
        Quote.objects.count(),
        SignupBlock.objects.count(),
        Page.objects.count(),
    ) == counts
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


def test_demo_names_people_places_and_a_section_in_their_own_scripts(client):
    # Armenian (with և), Greek, Russian and Turkish (ı, ğ, ş) names as the paper
    # prints them: each becomes an address that answers, percent-encoded on the wire.
    _load()
    story = Article.objects.live().get(headline__startswith="Երևանում")
    section = story.section
    tags = {tag.name: tag for tag in story.tags.all()}
    sources = [quote.speaker for quote in story.quotes.all()]
    assert section.name == "Սփյուռք"
    assert {"Երևան", "Θεσσαλονίκη", "Москва", "Iğdır"} <= set(tags)
    assert {source.name for source in sources} == {
        "Անի Հակոբյան",
        "Ελένη Παπαδοπούλου",
        "Şükrü Yıldırım",
    }
    assert story.quotes.get(is_pull_quote=True).via.name == "Новости Кавказа"
    urls = [page.get_absolute_url() for page in (story, section, *sources)]
    urls += [
        reverse("articles:tag_detail", args=[tag.slug])
        for name, tag in tags.items()
        if name != "Diaspora"
    ]
    for url in urls:
        assert "%" in url, url
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Երևանում բացվեց" in client.get("/").content.decode()


def test_load_demo_writes_the_sites_own_pages(client):
    _load()
    purposes = set(Page.objects.published().values_list("purpose", flat=True))
    assert purposes == {
        Page.Purpose.ABOUT,
        Page.Purpose.CONTACT,
        Page.Purpose.ADVERTISE,
        Page.Purpose.CORRECTIONS_POLICY,
        Page.Purpose.PRIVACY_POLICY,
    }
    html = client.get("/").content.decode()
    for page in Page.objects.in_footer():
        assert f'href="{page.get_absolute_url()}">{page.title}</a>' in html
    assert client.get("/corrections-policy/").status_code == 200
    # The corrections list keeps its own address beside the policy.
    assert client.get("/corrections/").status_code == 200


def test_the_demo_about_page_shows_a_library_picture(client):
    _load()
    html = client.get("/about/").content.decode()
    assert 'class="inline-image inline-image--inset"' in html
    assert "The desk works from one of the studios" in html
    assert "<img" in html and "srcset=" in html
