import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from articles.models import Article, Quote, Source
from newsletter.models import SignupBlock
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article, make_source, section, signup_block):
    wire = make_source("RFE/RL", kind=Source.Kind.OUTLET)
    tv = make_source("Today Public Television", kind=Source.Kind.OUTLET)
    speaker = make_source("Armen Hakobyan", role="Security Council Secretary")
    article = make_article(
        "Talks Resume on the Border",
        dek="Both sides agree to a new round.",
        byline="Ani Staff",
        dateline="YEREVAN",
        credit=wire,
        section=section,
        photo=image_upload(),
        hero_caption="Negotiators arrive in the capital",
        hero_credit="Photo Desk",
        hero_alt="Two cars outside a grey building",
        body="<p>One.</p><p>Two.</p><h2>Next Steps</h2><p>Three.</p><p>Four.</p><p>Five.</p>"
        "<p>Six.</p>",
        tags=["Armenia", "Diplomacy"],
    )
    Quote.objects.create(
        article=article,
        speaker=speaker,
        via=tv,
        text="We appeal for calm",
        position=2,
        is_pull_quote=True,
    )
    return article


def test_article_page_shows_the_story(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story__headline">Talks Resume on the Border</h1>' in html
    assert html.count("<h1") == 1
    assert "Both sides agree to a new round." in html
    assert "By Ani Staff" in html
    assert 'alt="Two cars outside a grey building"' in html
    assert "Negotiators arrive in the capital" in html
    assert "Photo: Photo Desk" in html
    # The dateline and credit run into the first paragraph.
    flat = " ".join(html.split())
    credit = '<a href="/sources/rferl/">RFE/RL</a>'
    dateline = f'<span class="dateline">YEREVAN ({credit}) &mdash;</span>'
    assert f"<p>{dateline} One.</p>" in flat
    assert "<h2>Next Steps</h2>" in html


def test_pull_quote_is_set_apart_and_speaker_is_linked(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<figure class="pull-quote">' in html
    assert "We appeal for calm" in html
    assert 'href="/sources/armen-hakobyan/">Armen Hakobyan</a>' in html
    assert "via Today Public Television" in html


def test_tags_are_linked(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'href="/tags/armenia/" rel="tag">Armenia</a>' in html
    assert 'href="/tags/diplomacy/" rel="tag">Diplomacy</a>' in html


def test_two_signup_blocks_inside_and_after_the_story(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 2
    assert html.count("Get the Mirror in your inbox") == 2
    inline = html.index('class="signup signup--inline"')
    assert html.index("<p>Three.</p>") < inline < html.index("<p>Four.</p>")
    assert html.index("</article>") < html.index('class="signup signup--end"')
    # Each form's label points at its own field.
    assert 'for="signup-inline-email"' in html and 'id="signup-inline-email"' in html
    assert 'for="signup-end-email"' in html and 'id="signup-end-email"' in html


def test_a_three_paragraph_story_asks_once_after_the_story(client, make_article, signup_block):
    article = make_article(paragraphs=3)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('action="/newsletter/signup/"') == 1
    assert 'class="signup signup--inline"' not in html
    assert html.index("</article>") < html.index('class="signup signup--end"')


def test_no_signup_block_when_editors_turned_them_all_off(client, story):
    SignupBlock.objects.update(is_active=False)
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'action="/newsletter/signup/"' not in html


def test_reader_visit_is_counted_but_staff_visits_are_not(client, editor, story):
    # The page's script posts to the beacon, so cached pages are counted too.
    html = client.get(story.get_absolute_url()).content.decode()
    beacon = f"/articles/{story.slug}/viewed/"
    assert f'data-view-beacon="{beacon}"' in html
    assert "/static/js/view-beacon.js" in html
    assert client.post(beacon).status_code == 204
    assert client.post(beacon).status_code == 204
    staff = Client()
    staff.force_login(editor)
    staff.post(beacon)
    story.refresh_from_db()
    assert story.view_count == 2


def test_an_editors_save_keeps_views_counted_since_the_story_was_opened(client, story):
    opened = Article.objects.get(pk=story.pk)
    client.post(f"/articles/{story.slug}/viewed/")
    client.post(f"/articles/{story.slug}/viewed/")
    opened.headline = "A corrected headline"
    opened.save()
    story.refresh_from_db()
    assert (story.headline, story.view_count) == ("A corrected headline", 2)


def test_beacon_counts_nothing_for_a_story_readers_cannot_see(client, make_article):
    draft = make_article("Secret", status=Article.Status.DRAFT)
    assert client.post(f"/articles/{draft.slug}/viewed/").status_code == 204
    assert client.get(f"/articles/{draft.slug}/viewed/").status_code == 405
    draft.refresh_from_db()
    assert draft.view_count == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"publish_at": timezone.now() + timedelta(hours=3)},
    ],
    ids=["draft", "in-review", "future"],
)
def test_unpublished_story_is_404_for_readers_but_staff_can_preview(
    client, editor, make_article, fields
):
    article = make_article("Not Yet", **fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Readers cannot see it yet" in response.content.decode()
    assert response.context["is_preview"]


@pytest.mark.parametrize(
    ("fields", "banner"),
    [
        ({"status": Article.Status.DRAFT, "publish_at": None}, "this story is a draft."),
        ({"status": Article.Status.IN_REVIEW, "publish_at": None}, "this story is in review."),
        ({"status": Article.Status.UNPUBLISHED}, "this story is unpublished."),
        (
            {
                "status": Article.Status.SCHEDULED,
                "publish_at": datetime(2031, 3, 5, 14, 30, tzinfo=UTC),
            },
            # In the site's time zone.
            "this story is scheduled for 5 March 2031, 18:30.",
        ),
    ],
    ids=["draft", "in-review", "unpublished", "scheduled"],
)
def test_the_preview_banner_names_the_status_in_words(
    client, editor, make_article, settings, fields, banner
):
    settings.TIME_ZONE = "Asia/Yerevan"
    client.force_login(editor)
    html = client.get(make_article(**fields).get_absolute_url()).content.decode()
    assert f"Preview: {banner} Readers cannot see it yet." in html


def test_unknown_slug_is_404(client, db):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("size", [1, 50])
def test_article_page_query_count_is_flat(
    client, make_article, signup_block, size, django_assert_max_num_queries
):
    article = make_article(quotes=size, tags=size, paragraphs=size, photo=image_upload())
    for _ in range(size):
        make_article(tags=["Topic 0"], photo=image_upload())
    # sections menu, article + section + credit, bylines + authors, quotes +
    # speakers + vias, tags, corrections, sign-up block + list, related
    # stories and their bylines, most read (the first page after a save
    # loads the furniture)
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["related"]) == min(size, 4)


BROWSERS = {
    "firefox": "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "chrome": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "safari-iphone": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
}
BOTS = {
    "googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "bingbot": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "yahoo": "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "baidu-spider": "Mozilla/5.0 (compatible; Baiduspider/2.0)",
    "facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "headless": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36",
    "curl": "curl/8.5.0",
    "python": "python-requests/2.32.3",
}


@pytest.mark.parametrize("agent", BROWSERS.values(), ids=BROWSERS)
def test_browsers_are_counted(client, make_article, agent):
    article = make_article()
    client.post(f"/articles/{article.slug}/viewed/", HTTP_USER_AGENT=agent)
    article.refresh_from_db()
    assert article.view_count == 1


@pytest.mark.parametrize("agent", BOTS.values(), ids=BOTS)
def test_obvious_bots_are_not_counted(client, make_article, agent):
    article = make_article()
    response = client.post(f"/articles/{article.slug}/viewed/", HTTP_USER_AGENT=agent)
    assert response.status_code == 204
    article.refresh_from_db()
    assert article.view_count == 0


ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="SQLite runs one writer at a time, so it cannot show lost updates; "
    "run with DATABASE_URL=postgres://...",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_are_all_counted(make_article):
    article = make_article()
    url = f"/articles/{article.slug}/viewed/"
    threads, visits = 25, 2
    start = threading.Barrier(threads)
    failures = []

    def read() -> None:
        # Each thread has its own database connection, closed when it is done.
        try:
            client = Client(HTTP_USER_AGENT=BROWSERS["firefox"])
            start.wait(timeout=30)
            for _ in range(visits):
                if client.post(url).status_code != 204:
                    failures.append(url)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=read) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert failures == []
    article.refresh_from_db()
    assert article.view_count == threads * visits
