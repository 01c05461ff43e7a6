"""Which pasted addresses become embeds, and the players they get."""

from __future__ import annotations

import pytest

from articles.media.embeds import embed_in_paragraph, find_embed, frame_origins

VIDEO = "dQw4w9WgXcQ"
SPOTIFY_ID = "4uLU6hMCjMI75M1A2tKUQC"
# The shape of Google's "Embed a map" code: a made-up map of Gyumri's
# centre, its place name in Armenian (percent-encoded, as Google writes it).
MAP_PB = (
    "!1m18!1m12!1m3!1d3040.1!2d43.84!3d40.78!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1"
    "!3m3!1m2!1s0x4041fb0a1b2c3d4e%3A0x1a2b3c4d5e6f7a8b!2s%D4%B3%D5%B5%D5%B8%D6%82%D5%B4%D6%80%D5%AB"
    "!5e0!3m2!1shy!2sam!4v1764800000000!5m2!1shy!2sam"
)


@pytest.mark.parametrize(
    ("url", "provider", "src"),
    [
        (
            f"https://www.youtube.com/watch?v={VIDEO}",
            "YouTube",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}",
        ),
        (
            f"https://www.youtube.com/watch?v={VIDEO}&t=42s",
            "YouTube",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}?start=42",
        ),
        (f"https://youtu.be/{VIDEO}", "YouTube", f"https://www.youtube-nocookie.com/embed/{VIDEO}"),
        (
            f"https://youtube.com/shorts/{VIDEO}",
            "YouTube",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}",
        ),
        (
            f"https://m.youtube.com/embed/{VIDEO}",
            "YouTube",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}",
        ),
        ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://vimeo.com/76979871/a1b2c3d4e5",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&dnt=1",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        (
            "https://x.com/someone/status/1234567890123",
            "X",
            "https://platform.twitter.com/embed/Tweet.html?id=1234567890123&dnt=true",
        ),
        (
            "https://twitter.com/someone/status/1234567890123",
            "X",
            "https://platform.twitter.com/embed/Tweet.html?id=1234567890123&dnt=true",
        ),
        (
            "https://www.facebook.com/someone/posts/pfbid02abc",
            "Facebook",
            "https://www.facebook.com/plugins/post.php?href="
            "https%3A%2F%2Fwww.facebook.com%2Fsomeone%2Fposts%2Fpfbid02abc",
        ),
        (
            "https://www.facebook.com/someone/videos/123456789/",
            "Facebook",
            "https://www.facebook.com/plugins/video.php?href="
            "https%3A%2F%2Fwww.facebook.com%2Fsomeone%2Fvideos%2F123456789%2F",
        ),
        (
            "https://www.instagram.com/p/CxYz123abc/",
            "Instagram",
            "https://www.instagram.com/p/CxYz123abc/embed/",
        ),
        (
            "https://www.instagram.com/reel/CxYz123abc/",
            "Instagram",
            "https://www.instagram.com/reel/CxYz123abc/embed/",
        ),
        (
            "https://www.tiktok.com/@someone/video/7234567890123456789",
            "TikTok",
            "https://www.tiktok.com/embed/v2/7234567890123456789",
        ),
        (
            "https://soundcloud.com/some-artist/a-track",
            "SoundCloud",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fsome-artist%2Fa-track",
        ),
        *(
            (
                f"https://open.spotify.com/{kind}/{SPOTIFY_ID}",
                "Spotify",
                f"https://open.spotify.com/embed/{kind}/{SPOTIFY_ID}",
            )
            for kind in ("track", "album", "playlist", "episode")
        ),
        (
            f"https://open.spotify.com/intl-tr/track/{SPOTIFY_ID}",
            "Spotify",
            f"https://open.spotify.com/embed/track/{SPOTIFY_ID}",
        ),
        (
            "https://www.google.com/maps/place/Cascade+Complex/@40.19,44.51,17z",
            "Google Maps",
            "https://www.google.com/maps?q=Cascade%20Complex&output=embed",
        ),
        (
            "https://www.google.com/maps?q=Republic+Square,+Yerevan",
            "Google Maps",
            "https://www.google.com/maps?q=Republic%20Square%2C%20Yerevan&output=embed",
        ),
        (
            f"https://www.google.com/maps/embed?pb={MAP_PB}",
            "Google Maps",
            f"https://www.google.com/maps/embed?pb={MAP_PB}",
        ),
        (
            f"https://maps.google.com/maps/embed?pb={MAP_PB}&amp;utm_source=x",
            "Google Maps",
            f"https://www.google.com/maps/embed?pb={MAP_PB}",
        ),
    ],
)
def test_a_providers_address_becomes_its_player(url, provider, src):
    embed = find_embed(url)

    assert embed is not None
    assert (embed.provider, embed.src) == (provider, src)
    assert embed.src.startswith(embed.origin + "/")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/channel/UCabcdefghijk",
        "https://www.youtube.com/watch?v=short",
        f"https://youtube.com.evil.example/watch?v={VIDEO}",
        f"https://evil.example/youtu.be/{VIDEO}",
        f"https://notyoutube.com/watch?v={VIDEO}",
        f"javascript:alert(1)//youtu.be/{VIDEO}",
        f"https://user:pass@youtu.be/{VIDEO}",
        f"https://youtu.be:8443/{VIDEO}",
        "https://vimeo.com/channels/staffpicks",
        "https://x.com/someone",
        "https://www.facebook.com/someone",
        "https://www.instagram.com/someone/",
        "https://www.tiktok.com/@someone",
        "https://open.spotify.com/artist/4uLU6hMCjMI75M1A2tKUQC",
        # Short links are resolved only over the network, which a save never uses.
        "https://maps.app.goo.gl/AbCdEf123",
        "https://www.google.com/maps/@40.19,44.51,17z",
        # A map embed without a map in it, or with something else in `pb`.
        "https://www.google.com/maps/embed",
        "https://www.google.com/maps/embed?pb=",
        "https://www.google.com/maps/embed?pb=hello",
        "https://www.google.com/maps/embed?pb=!1m2%3Cscript%3E",
        "https://www.google.com/maps/embed?pb=!1m2%0A!2sx",
        "https://www.google.com/maps/embed?pb=1m2!2sx",
        "https://www.google.com/maps/embed?pb=!m2!2sx",
        "https://www.google.com/maps/embed?pb=!1m" + "x" * 4000,
        "https://evil.example/maps/embed?pb=!1m2!2sx",
        "https://soundcloud.com/discover/sets",
        "https://youtu.be:notaport/dQw4w9WgXcQ",
        "https://example.org/some/page",
        "/media/images/2026/12/picture.jpg",
        "/media/documents/../settings.pdf",
    ],
)
def test_a_near_miss_stays_a_plain_link(url):
    assert find_embed(url) is None


def test_a_plain_http_address_still_gets_an_https_player():
    embed = find_embed(f"http://youtu.be/{VIDEO}")

    assert embed is not None
    assert embed.src == f"https://www.youtube-nocookie.com/embed/{VIDEO}"


def test_a_library_pdf_is_a_document_embed_on_the_site_itself():
    embed = find_embed("/media/documents/2026/12/budget.pdf", "Budget 2027")

    assert embed is not None
    assert embed.is_document
    assert (embed.src, embed.title, embed.origin) == (
        "/media/documents/2026/12/budget.pdf",
        "Budget 2027",
        "'self'",
    )


def test_a_full_address_of_a_library_pdf_is_framed_by_its_path(settings):
    # Staff may reach the site by another host than SITE_URL; 'self' follows.
    embed = find_embed(f"{settings.SITE_URL}/media/documents/2026/12/budget.pdf")

    assert embed is not None
    assert (embed.src, embed.origin) == ("/media/documents/2026/12/budget.pdf", "'self'")


def test_a_pdf_on_a_media_host_needs_that_host(settings):
    settings.MEDIA_URL = "https://files.example.net/media/"

    embed = find_embed("https://files.example.net/media/documents/2026/12/report.pdf")

    assert embed is not None
    assert embed.origin == "https://files.example.net"
    assert embed.title == "report.pdf"


def test_the_link_text_is_the_title_unless_it_is_the_address():
    url = f"https://youtu.be/{VIDEO}"

    assert embed_in_paragraph(f'<p><a href="{url}">{url}</a></p>').title == ""
    titled = embed_in_paragraph(f'<p><a href="{url}">Տալին Մարտիրոսյան &amp; Çağrı</a></p>')
    assert titled.title == "Տալին Մարտիրոսյան & Çağrı"


@pytest.mark.parametrize(
    "html",
    [
        f'<p>Watch <a href="https://youtu.be/{VIDEO}">this</a></p>',
        f'<p><a href="https://youtu.be/{VIDEO}"><strong>this</strong></a></p>',
        f'<h2><a href="https://youtu.be/{VIDEO}">this</a></h2>',
    ],
)
def test_only_a_paragraph_holding_just_the_link_is_an_embed(html):
    assert embed_in_paragraph(html) is None


def test_a_hostile_query_never_reaches_the_player_address():
    embed = find_embed(f'https://www.youtube.com/watch?v={VIDEO}&t="><script>alert(1)</script>')

    assert embed is not None
    assert embed.src == f"https://www.youtube-nocookie.com/embed/{VIDEO}"


def test_a_page_needs_each_origin_once():
    embeds = [find_embed(f"https://youtu.be/{VIDEO}"), find_embed(f"https://youtu.be/{VIDEO}")]

    assert frame_origins(embeds) == ["https://www.youtube-nocookie.com"]


def test_a_map_embeds_place_names_cannot_break_out_of_the_player_address():
    # Decoded, a value may hold quotes, ampersands and spaces; the player
    # address has them encoded, and no parameter but `pb`.
    embed = find_embed(
        "https://www.google.com/maps/embed?pb=!2sSaint%20Mary's%20%26%22x%22%3Dy!5e0"
        "&q=javascript:alert(1)"
    )

    assert embed is not None
    assert embed.src == (
        "https://www.google.com/maps/embed?pb=!2sSaint%20Mary%27s%20%26%22x%22%3Dy!5e0"
    )
    assert embed.origin == "https://www.google.com"
