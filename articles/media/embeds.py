"""Which pasted addresses become embeds, and the player each one gets.

A story body holds an embed as a paragraph with only a link in it (see
`references.py`); `find_embed()` tells whether the link's address is one
of the providers below and, if so, returns the player address made from
it. Nothing is fetched: an address that can only be resolved over the
network (a short link such as ``maps.app.goo.gl``) stays a link. The
player address is always built from the parts matched here, never copied
from what was pasted, so a title or query string cannot smuggle markup
or a script address into the page. Imports go one way: the reader's
layout and the admin's pasted-code check use this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, quote, unquote_plus, urlsplit

from django.conf import settings

# Sandbox for third-party players: their scripts run in their own origin,
# may open the provider's site in a new tab, and nothing else (no top
# navigation, no forms posted on the reader's behalf outside the frame).
THIRD_PARTY_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation"


@dataclass(frozen=True)
class Provider:
    """A site whose links become embeds: how to spot them and make the player.

    `player` takes the URL match (a `re.Match` on ``host + path``) and the
    parsed query, and returns the player address, or None when the address
    has the provider's shape but not enough in it (no video id).
    """

    name: str
    hosts: frozenset[str]
    path: re.Pattern[str]
    player: Callable[[re.Match[str], dict[str, list[str]]], str | None]
    # What the page's frame-src needs for the player.
    origin: str
    # Width / height of the player; tall players (posts) are narrower.
    aspect_ratio: str = "16 / 9"
    allow: str = ""
    sandbox: str = THIRD_PARTY_SANDBOX


@dataclass(frozen=True)
class Embed:
    """A link the page shows as a player, once the reader asks for it."""

    provider: str
    src: str
    url: str
    title: str
    origin: str
    aspect_ratio: str
    allow: str = ""
    sandbox: str = ""

    @property
    def shape(self) -> str:
        """Return the aspect ratio as a CSS class suffix: "16x9" for "16 / 9"."""
        return self.aspect_ratio.replace(" / ", "x")

    @property
    def is_document(self) -> bool:
        """Tell whether this is a library document (a PDF on the site itself)."""
        return self.provider == DOCUMENT_PROVIDER


DOCUMENT_PROVIDER = "PDF document"

_YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"


def _youtube(match: re.Match[str], query: dict[str, list[str]]) -> str | None:
    video = match.group("id") or next(iter(query.get("v", [])), "")
    if not re.fullmatch(_YOUTUBE_ID, video):
        return None
    src = f"https://www.youtube-nocookie.com/embed/{video}"
    start = next(iter(query.get("t", []) + query.get("start", [])), "").removesuffix("s")
    return f"{src}?start={start}" if start.isdigit() else src


def _by_id(template: str) -> Callable[[re.Match[str], dict[str, list[str]]], str | None]:
    def player(match: re.Match[str], query: dict[str, list[str]]) -> str | None:
        return template.format(**match.groupdict())

    return player


def _facebook(match: re.Match[str], query: dict[str, list[str]]) -> str | None:
    if match["watch"]:
        video = next(iter(query.get("v", [])), "")
        if not video.isdigit():
            return None
        address = f"https://www.facebook.com/watch/?v={video}"
    else:
        address = f"https://www.facebook.com{match['path']}"
    kind = "post" if match["kind"] == "posts" else "video"
    return f"https://www.facebook.com/plugins/{kind}.php?href={quote(address, safe='')}"


# Google's "Embed a map" code holds the whole map in `pb`: a run of
# `!<field number><type letter><value>` tokens, the values (place names,
# coordinates, ids) percent-encoded text.
_MAPS_PB = re.compile(r"(?:![0-9]{1,4}[a-zA-Z][^!<>\x00-\x1f\x7f]*)+")
# Google's own codes are a few hundred characters.
MAPS_PB_MAX = 4000


def _google_maps_embed(query: dict[str, list[str]]) -> str | None:
    pb = next(iter(query.get("pb", [])), "")
    if len(pb) > MAPS_PB_MAX or not _MAPS_PB.fullmatch(pb):
        return None
    # Encoded again, all but the token marks: the value can neither end
    # the attribute nor add a parameter to the player's address.
    return f"https://www.google.com/maps/embed?pb={quote(pb, safe='!')}"


def _google_maps(match: re.Match[str], query: dict[str, list[str]]) -> str | None:
    if match.group("embed") is not None:
        return _google_maps_embed(query)
    place = match.group("place")
    where = unquote_plus(place) if place else next(iter(query.get("q", [])), "")
    where = where.strip()
    if not where:
        return None
    return f"https://www.google.com/maps?q={quote(where, safe='')}&output=embed"


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        name="YouTube",
        hosts=frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}),
        path=re.compile(
            r"(?:youtu\.be/|(?:www\.|m\.)?youtube\.com/(?:shorts|embed|live)/)"
            r"(?P<id>[A-Za-z0-9_-]{11})/?|(?:www\.|m\.)?youtube\.com/watch"
        ),
        player=_youtube,
        origin="https://www.youtube-nocookie.com",
        allow="encrypted-media; picture-in-picture; fullscreen",
    ),
    Provider(
        name="Vimeo",
        hosts=frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        path=re.compile(
            # An unlisted video's address carries its key after the number.
            r"(?:www\.)?vimeo\.com/(?:channels/[\w-]+/)?(?P<id>\d+)(?:/(?P<key>[0-9a-f]+))?/?"
            r"|player\.vimeo\.com/video/(?P<player_id>\d+)/?"
        ),
        player=lambda m, q: (
            f"https://player.vimeo.com/video/{m['id'] or m['player_id']}?"
            + (f"h={m['key']}&" if m["key"] else "")
            + "dnt=1"
        ),
        origin="https://player.vimeo.com",
        allow="fullscreen; picture-in-picture",
    ),
    Provider(
        name="X",
        hosts=frozenset(
            {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"}
        ),
        path=re.compile(
            r"(?:www\.|mobile\.)?(?:x|twitter)\.com/\w{1,15}/status(?:es)?/(?P<id>\d{1,20})/?"
        ),
        player=_by_id("https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true"),
        origin="https://platform.twitter.com",
        aspect_ratio="4 / 5",
    ),
    Provider(
        name="Facebook",
        hosts=frozenset({"facebook.com", "www.facebook.com", "m.facebook.com"}),
        path=re.compile(
            r"(?:www\.|m\.)?facebook\.com"
            r"(?:(?P<path>/[\w.-]+/(?P<kind>posts|videos)/[\w.-]+/?)|/(?P<watch>watch)/?)"
        ),
        player=_facebook,
        origin="https://www.facebook.com",
        aspect_ratio="4 / 5",
        allow="encrypted-media; picture-in-picture; fullscreen",
    ),
    Provider(
        name="Instagram",
        hosts=frozenset({"instagram.com", "www.instagram.com"}),
        path=re.compile(r"(?:www\.)?instagram\.com/(?P<kind>p|reel)/(?P<id>[\w-]{5,40})/?"),
        player=_by_id("https://www.instagram.com/{kind}/{id}/embed/"),
        origin="https://www.instagram.com",
        aspect_ratio="4 / 5",
    ),
    Provider(
        name="TikTok",
        hosts=frozenset({"tiktok.com", "www.tiktok.com", "m.tiktok.com"}),
        path=re.compile(r"(?:www\.|m\.)?tiktok\.com/@[\w.-]+/video/(?P<id>\d{5,25})/?"),
        player=_by_id("https://www.tiktok.com/embed/v2/{id}"),
        origin="https://www.tiktok.com",
        aspect_ratio="9 / 16",
        allow="encrypted-media; fullscreen",
    ),
    Provider(
        name="SoundCloud",
        hosts=frozenset(
            {"soundcloud.com", "www.soundcloud.com", "m.soundcloud.com", "api.soundcloud.com"}
        ),
        # An artist's track or set, or a track's number as SoundCloud's own
        # player code names it; on.soundcloud.com short links need the network.
        path=re.compile(
            r"(?:www\.|m\.)?(?P<page>soundcloud\.com/(?!(?:discover|search|stream|you|pages)/)"
            r"[\w-]+/(?:sets/)?[\w-]+)/?"
            r"|(?P<api>api\.soundcloud\.com/(?:tracks|playlists)/\d+)/?"
        ),
        player=lambda m, q: (
            "https://w.soundcloud.com/player/?url="
            + quote(f"https://{m['page'] or m['api']}", safe="")
        ),
        origin="https://w.soundcloud.com",
        aspect_ratio="3 / 1",
    ),
    Provider(
        name="Spotify",
        hosts=frozenset({"open.spotify.com"}),
        path=re.compile(
            r"open\.spotify\.com/(?:intl-[\w-]+/)?"
            r"(?P<kind>track|album|playlist|episode|show)/(?P<id>[A-Za-z0-9]{22})/?"
        ),
        player=_by_id("https://open.spotify.com/embed/{kind}/{id}"),
        origin="https://open.spotify.com",
        aspect_ratio="3 / 2",
        allow="encrypted-media",
    ),
    Provider(
        name="Google Maps",
        hosts=frozenset({"google.com", "www.google.com", "maps.google.com"}),
        path=re.compile(
            r"(?:www\.)?google\.com/maps/place/(?P<place>[^/@?#]+)(?:/.*)?"
            # The player address of Google's "Embed a map" code.
            r"|(?:www\.|maps\.)?google\.com/maps/embed/?(?P<embed>)"
            r"|(?:www\.)?google\.com/maps/?(?P<search>)|maps\.google\.com/(?:maps)?/?"
        ),
        player=_google_maps,
        origin="https://www.google.com",
        aspect_ratio="4 / 3",
    ),
)


def _document_embed(url: str, title: str) -> Embed | None:
    # The library's files live under MEDIA_URL, which is a path on this site
    # or the address of another host (object storage, a CDN).
    media_url = settings.MEDIA_URL
    own = [media_url] if "://" in media_url else [media_url, settings.SITE_URL + media_url]
    for prefix in own:
        rest = url.removeprefix(prefix)
        if rest != url and re.fullmatch(r"documents/[\w./-]+\.pdf", rest, re.ASCII | re.I):
            if ".." in rest:
                return None
            media_origin = _origin(media_url) if "://" in media_url else "'self'"
            name = rest.rsplit("/", 1)[-1]
            # A site-relative address: the page may be reached by a host
            # other than SITE_URL (staff previews), and 'self' follows it.
            return Embed(
                provider=DOCUMENT_PROVIDER,
                src=media_url + rest,
                url=media_url + rest,
                title=title or name,
                origin=media_origin,
                aspect_ratio="3 / 4",
            )
    return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def find_embed(url: str, title: str = "") -> Embed | None:
    """Return the embed `url` makes, or None when it stays a plain link.

    `url` is a link's address as stored in the body (entities allowed);
    `title` is the link's text when that is not the address itself. Only
    http and https addresses on a provider's own hosts count: a lookalike
    host (``youtube.com.evil.example``), another scheme (``javascript:``)
    or a page of the provider that is not a player (a channel) is no embed.
    Plain http addresses are accepted, but the player is always https.
    """
    url = unescape(url or "").strip()
    title = title.strip()
    if title == url:
        title = ""
    document = _document_embed(url, title)
    if document is not None:
        return document
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or port or parts.username or parts.password:
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    for provider in PROVIDERS:
        if host not in provider.hosts:
            continue
        match = provider.path.fullmatch(f"{host}{parts.path}")
        if match is None:
            continue
        src = provider.player(match, query)
        if src is None:
            continue
        return Embed(
            provider=provider.name,
            src=src,
            url=url,
            title=title,
            origin=provider.origin,
            aspect_ratio=provider.aspect_ratio,
            allow=provider.allow,
            sandbox=provider.sandbox,
        )
    return None


_LINK_PARAGRAPH = re.compile(
    r'<p>\s*<a\b[^>]*?\bhref="(?P<href>[^"]*)"[^>]*>(?P<text>[^<]*)</a>\s*</p>', re.S
)


def embed_in_paragraph(html: str) -> Embed | None:
    """Return the embed a sanitised body paragraph holds, or None.

    Only a paragraph holding nothing but one link is an embed; a link with
    words around it, or with markup inside it, stays a link.
    """
    match = _LINK_PARAGRAPH.fullmatch(html.strip())
    if match is None:
        return None
    return find_embed(match["href"], unescape(match["text"]))


def frame_origins(embeds: list[Embed]) -> list[str]:
    """Return the `frame-src` sources `embeds` need, each once, in order."""
    return list(dict.fromkeys(embed.origin for embed in embeds))
