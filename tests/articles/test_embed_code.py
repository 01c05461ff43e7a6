"""Embed code pasted into a story: turned into embeds, and the editor told."""

from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse

from articles.media.embed_code import replace_embed_code
from articles.models import Article
from tests.support.admin_forms import ADD
from tests.support.admin_forms import article_form as _article_form

VIDEO = "dQw4w9WgXcQ"
YOUTUBE_IFRAME = (
    f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{VIDEO}?si=x1" '
    'title="Çağrı Öztürk at the festival" frameborder="0" allowfullscreen></iframe>'
)
TWEET = (
    '<blockquote class="twitter-tweet"><p lang="hy">Բարև <a href="https://t.co/abc">'
    "pic</a></p>&mdash; Someone (@someone) "
    '<a href="https://twitter.com/someone/status/1234567890123">1 December 2026</a>'
    '</blockquote> <script async src="https://platform.twitter.com/widgets.js"></script>'
)


def test_a_providers_iframe_becomes_its_embed_paragraph():
    body, changes = replace_embed_code(f"<p>Before.</p><p>{YOUTUBE_IFRAME}</p><p>After.</p>")

    assert body == (
        "<p>Before.</p>"
        f'<p><a href="https://www.youtube.com/embed/{VIDEO}?si=x1">'
        "Çağrı Öztürk at the festival</a></p><p>After.</p>"
    )
    assert [str(c) for c in changes] == [
        "Removed an <iframe> from www.youtube.com; it became an embed from YouTube."
    ]


def test_a_tweets_code_becomes_its_embed_and_the_script_is_named():
    body, changes = replace_embed_code(TWEET)

    assert '<a href="https://twitter.com/someone/status/1234567890123">' in body
    assert "<script" not in body and "blockquote" not in body
    assert [str(c) for c in changes] == [
        'Removed the embed code <blockquote class="twitter-tweet">; it became an embed from X.',
        "Removed a <script> from platform.twitter.com; "
        "it became nothing: the site never runs pasted scripts.",
    ]


@pytest.mark.parametrize(
    ("code", "address"),
    [
        (
            '<blockquote class="instagram-media" data-instgrm-permalink='
            '"https://www.instagram.com/reel/CxYz123abc/"><div></div></blockquote>',
            "https://www.instagram.com/reel/CxYz123abc/",
        ),
        (
            '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@someone/video/'
            '7234567890123456789"><section></section></blockquote>',
            "https://www.tiktok.com/@someone/video/7234567890123456789",
        ),
        (
            '<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2F'
            'www.facebook.com%2Fsomeone%2Fposts%2Fpfbid02abc&amp;show_text=true"></iframe>',
            "https://www.facebook.com/someone/posts/pfbid02abc",
        ),
        (
            '<iframe src="https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC'
            '?utm_source=generator"></iframe>',
            "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
        ),
        (
            '<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/'
            'tracks/123456&amp;color=%23ff5500"></iframe>',
            "https://api.soundcloud.com/tracks/123456",
        ),
        (
            '<iframe src="https://player.vimeo.com/video/76979871?h=abc"></iframe>',
            "https://player.vimeo.com/video/76979871?h=abc",
        ),
    ],
)
def test_each_providers_code_becomes_a_link_to_what_it_shows(code, address):
    body, changes = replace_embed_code(code)

    assert body == f'<p><a href="{escape(address)}">{escape(address)}</a></p>'
    assert "it became an embed from" in str(changes[0])


def test_an_unknown_iframe_becomes_a_plain_link_and_the_editor_is_told():
    body, changes = replace_embed_code('<iframe src="https://evil.example/widget"></iframe>')

    assert body == '<p><a href="https://evil.example/widget">https://evil.example/widget</a></p>'
    assert "not a site the stories embed" in str(changes[0])


@pytest.mark.parametrize(
    "code",
    [
        "<script>window.__xss=1</script>",
        '<iframe src="javascript:window.__xss=1"></iframe>',
        '<iframe srcdoc="&lt;script&gt;window.__xss=1&lt;/script&gt;"></iframe>',
    ],
)
def test_code_with_no_address_goes_and_is_named(code):
    body, changes = replace_embed_code(f"<p>Text.</p>{code}")

    assert body == "<p>Text.</p>"
    assert len(changes) == 1 and str(changes[0]).startswith("Removed a")


def test_a_body_without_code_is_left_alone():
    body = '<p>A <a href="https://youtu.be/dQw4w9WgXcQ">video</a> and <em>words</em>.</p>'

    assert replace_embed_code(body) == (body, [])


@pytest.mark.django_db
def test_pasting_an_iframe_saves_the_embed_and_tells_the_editor(editor_client, client):
    data = _article_form(
        body=f"<p>The festival opened on Friday.</p>{YOUTUBE_IFRAME}",
        status=Article.Status.PUBLISHED,
    )

    response = editor_client.post(ADD, data, follow=True)

    article = Article.objects.get()
    assert f'<a href="https://www.youtube.com/embed/{VIDEO}?si=x1"' in article.body
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "In the body: Removed an <iframe> from www.youtube.com; it became an embed from YouTube."
        in messages
    )
    # The message is shown as text, not as markup.
    assert "Removed an &lt;iframe&gt; from www.youtube.com" in response.content.decode()
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-embed-src="https://www.youtube-nocookie.com/embed/{VIDEO}"' in page


@pytest.mark.django_db
def test_a_save_without_pasted_code_says_nothing_about_embeds(editor_client):
    response = editor_client.post(ADD, _article_form(), follow=True)

    assert not any("In the body" in str(m) for m in response.context["messages"])


PASTED_CODE = reverse("admin:articles_article_pasted_code")


@pytest.mark.django_db
def test_the_editor_asks_what_pasted_code_becomes(editor_client):
    response = editor_client.post(PASTED_CODE, {"code": TWEET})

    answer = response.json()
    assert answer["html"].startswith(
        '<p><a href="https://twitter.com/someone/status/1234567890123">'
    )
    assert len(answer["changes"]) == 2
    assert "became an embed from X" in answer["changes"][0]


@pytest.mark.django_db
def test_only_staff_who_write_stories_may_ask(client, editor_client, django_user_model):
    bystander = django_user_model.objects.create_user("bystander", password="pw", is_staff=True)
    client.force_login(bystander)

    assert client.post(PASTED_CODE, {"code": TWEET}).status_code == 403
    assert editor_client.get(PASTED_CODE).status_code == 405
    client.logout()
    assert client.post(PASTED_CODE, {"code": TWEET}).status_code == 302


MAP_IFRAME = (
    '<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3047.9!2d44.51'
    "!3d40.18!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!3m3!1m2!1s0x406abd0a1b2c3d4e%3A0x0"
    '!2sRepublic%20Square!5e0!3m2!1sen!2sam!4v1764800000000!5m2!1sen!2sam" width="600" '
    'height="450" style="border:0;" allowfullscreen="" loading="lazy" '
    'referrerpolicy="no-referrer-when-downgrade"></iframe>'
)


def test_googles_embed_a_map_code_becomes_a_map_embed():
    body, changes = replace_embed_code(f"<p>Where we meet:</p>{MAP_IFRAME}")

    src = MAP_IFRAME.split('src="', 1)[1].split('"', 1)[0]
    assert body == f'<p>Where we meet:</p><p><a href="{src}">{src}</a></p>'
    assert [str(c) for c in changes] == [
        "Removed an <iframe> from www.google.com; it became an embed from Google Maps."
    ]


def test_a_map_embed_pasted_in_the_editor_shows_as_a_map_to_readers(
    editor_client, client, make_article
):
    response = editor_client.post(
        reverse("admin:articles_article_pasted_code"), {"code": MAP_IFRAME}
    )
    assert response.json()["changes"] == [
        "Removed an <iframe> from www.google.com; it became an embed from Google Maps."
    ]
    story = make_article("Rally in Republic Square", body=response.json()["html"])
    page = client.get(story.get_absolute_url())
    html = page.content.decode()
    assert 'data-embed-src="https://www.google.com/maps/embed?pb=!1m18!1m12' in html
    assert "Open on Google Maps" in html
    assert "https://www.google.com" in page["Content-Security-Policy"]
