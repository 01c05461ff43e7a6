"""Embeds on a story's page: a placeholder first, the player's origin in its policy only."""

from __future__ import annotations

import re

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.media.models import Document
from newsletter.emails import render_issue
from newsletter.models import IssueItem
from tests.support.xss import executable_markup

pytestmark = pytest.mark.django_db

VIDEO = "dQw4w9WgXcQ"
YOUTUBE_LINK = f"https://youtu.be/{VIDEO}"
PLAYER = f"https://www.youtube-nocookie.com/embed/{VIDEO}"
PLAYER_ORIGIN = "https://www.youtube-nocookie.com"


def _policy(response) -> dict[str, list[str]]:
    directives = response["Content-Security-Policy"].split(";")
    return {name: values for name, *values in (d.split() for d in directives if d.strip())}


def _body(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def embed_story(make_article):
    body = _body(
        "Dilijan's new music school opened on Monday.",
        f'<a href="{YOUTUBE_LINK}">Տալին Մարտիրոսյան plays the opening concert</a>',
        "The school takes forty pupils this year.",
    )
    return make_article("A school for Dilijan", body=body)


def test_an_embed_is_a_placeholder_until_the_reader_loads_it(client, embed_story):
    html = client.get(embed_story.get_absolute_url()).content.decode()

    assert '<figure class="embed embed--16x9">' in html
    assert '<p class="embed__provider">YouTube</p>' in html
    assert "Տալին Մարտիրոսյան plays the opening concert" in html
    assert f'<button type="button" class="embed__load" data-embed-src="{PLAYER}"' in html
    assert "shares data with YouTube" in html
    # Readers without JavaScript still reach the video.
    assert f'<a href="{YOUTUBE_LINK}" rel="noopener noreferrer">Open on YouTube</a>' in html
    assert "<iframe" not in html
    assert 'src="/static/js/embeds.js" defer' in html


def test_the_story_page_may_frame_its_players_origin_and_no_other_page_may(
    client, embed_story, make_article
):
    plain = make_article("No embeds here")

    assert _policy(client.get(embed_story.get_absolute_url()))["frame-src"] == [PLAYER_ORIGIN]
    assert "frame-src" not in _policy(client.get(plain.get_absolute_url()))
    assert "frame-src" not in _policy(client.get("/"))


def test_a_cached_story_page_keeps_its_frame_src(client, embed_story):
    url = embed_story.get_absolute_url()
    client.get(url)

    hit = client.get(url)
    not_modified = client.get(url, headers={"if-none-match": hit["ETag"]})

    assert hit["X-Page-Cache"] == "hit"
    assert _policy(hit)["frame-src"] == [PLAYER_ORIGIN]
    assert not_modified.status_code == 304
    assert _policy(not_modified)["frame-src"] == [PLAYER_ORIGIN]


def test_each_origin_is_allowed_once_for_several_embeds(client, make_article):
    story = make_article(
        body=_body(
            f'<a href="{YOUTUBE_LINK}">{YOUTUBE_LINK}</a>',
            f'<a href="https://www.youtube.com/watch?v={VIDEO}">Again</a>',
            '<a href="https://vimeo.com/76979871">A film</a>',
        )
    )

    policy = _policy(client.get(story.get_absolute_url()))

    assert policy["frame-src"] == [PLAYER_ORIGIN, "https://player.vimeo.com"]


@pytest.mark.parametrize(
    "paragraph",
    [
        '<a href="https://example.org/report">https://example.org/report</a>',
        '<a href="https://maps.app.goo.gl/AbCdEf123">The venue</a>',
        f'Watch <a href="{YOUTUBE_LINK}">the concert</a> tonight.',
    ],
)
def test_an_unknown_link_or_a_link_in_a_sentence_stays_a_link(client, make_article, paragraph):
    story = make_article(body=_body("First.", paragraph))

    response = client.get(story.get_absolute_url())
    html = response.content.decode()

    assert 'class="embed' not in html
    assert "embeds.js" not in html
    assert "frame-src" not in _policy(response)
    assert paragraph.split(">", 1)[0] in html


@pytest.mark.parametrize(
    "link",
    [
        f'<a href="{YOUTUBE_LINK}">&lt;script&gt;window.__xss=1&lt;/script&gt;</a>',
        f'<a href="{YOUTUBE_LINK}">" onfocus="window.__xss=1" x="</a>',
        f'<a href="https://www.youtube.com/watch?v={VIDEO}&amp;t=&quot;&gt;&lt;script&gt;">x</a>',
        '<a href="javascript:window.__xss=1//youtu.be/dQw4w9WgXcQ">video</a>',
    ],
)
def test_hostile_embed_addresses_and_titles_stay_inert(client, make_article, link):
    story = make_article(body=_body("First.", link))

    html = client.get(story.get_absolute_url()).content.decode()

    assert executable_markup(html) == []
    assert "javascript:" not in html
    assert "<script>window" not in html


def test_the_dateline_runs_into_the_first_paragraph_of_text(client, make_article):
    story = make_article(
        dateline="Gyumri", body=_body(f'<a href="{YOUTUBE_LINK}">A video</a>', "The text.")
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert re.search(r'<p><span class="dateline">Gyumri &mdash;</span>\s*The text\.</p>', html)
    assert html.index('class="embed') < html.index('<span class="dateline">')


def test_a_library_pdf_is_framed_from_the_site_itself(client, make_article, settings):
    settings.SERVE_MEDIA = True
    document = Document.objects.create(
        title="Budget",
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    story = make_article(body=_body(f'<a href="{document.file.url}">Budget 2027, in full</a>'))

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    pdf = client.get(document.file.url)

    assert f'data-embed-src="{document.file.url}"' in html
    assert f'<a href="{document.file.url}" download>Download the PDF</a>' in html
    assert _policy(response)["frame-src"] == ["'self'"]
    # The story page may show the PDF; other sites still may not.
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert _policy(pdf)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("with_embeds", [False, True])
def test_embeds_cost_no_query(
    client, make_article, signup_block, with_embeds, django_assert_max_num_queries
):
    link = f'<a href="{YOUTUBE_LINK}">A video</a>' if with_embeds else "Plain."
    story = make_article(quotes=2, tags=2, body=_body("One.", link, "Two.", "Three."))

    # The same as a story without embeds (test_article_detail.py): eight,
    # and its bylines.
    with django_assert_max_num_queries(9):
        response = client.get(story.get_absolute_url())

    assert response.status_code == 200


def test_feeds_and_ninjs_carry_an_embed_as_its_plain_link(client, embed_story):
    feed = feedparser.parse(client.get(reverse("articles:feed")).content)
    ninjs = client.get(reverse("articles:article_ninjs", args=[embed_story.slug]))
    entry_text = " ".join(str(entry) for entry in feed.entries)
    body = ninjs.json()["bodies"][0]["value"]

    assert feed.entries and "data-embed-src" not in entry_text and "iframe" not in entry_text
    assert f'<a href="{YOUTUBE_LINK}"' in body
    assert "data-embed-src" not in body


def test_the_newsletter_never_carries_an_embeds_player(make_issue, embed_story):
    issue = make_issue(stories=0)
    IssueItem.objects.create(issue=issue, article=embed_story, order=0)

    rendered = render_issue(issue)

    assert "data-embed-src" not in rendered.html and "<iframe" not in rendered.html
    assert "youtube-nocookie" not in rendered.text
