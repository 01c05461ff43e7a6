"""Embed code pasted into a story body, turned into embeds before sanitising.

Providers hand editors code to paste: an ``<iframe>``, or a block quote
(``<blockquote class="twitter-tweet">``, ``instagram-media``,
``tiktok-embed``) with a ``<script>`` that swaps it for the player. The
sanitiser would drop all of it without a word, so `replace_embed_code()`
runs first: code whose address is a provider's becomes the embed
paragraph (`embeds.py`), an iframe from anywhere else becomes a plain link
to its address, and a script goes (the site never runs pasted scripts).
Each change is returned as an `EmbedCodeChange`, for the form to tell the
editor what was removed and what it became. Nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from .embeds import find_embed

# Block quotes the providers' scripts turn into players.
_EMBED_QUOTE_CLASSES = ("twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed")

_IFRAME = r"<iframe\b[^>]*?(?:/>|>.*?</iframe\s*>)"
_QUOTE = (
    r"<blockquote\b[^>]*\bclass=[\"']?[^\"'>]*\b(?:"
    + "|".join(re.escape(c) for c in _EMBED_QUOTE_CLASSES)
    + r")\b[^>]*>.*?</blockquote\s*>"
)
_SCRIPT = r"<script\b[^>]*?(?:/>|>.*?</script\s*>)"
_CODE = f"(?P<code>{_IFRAME}|{_QUOTE}|{_SCRIPT})"
# A paragraph holding only the code is replaced whole, so no empty or
# nested paragraph is left behind.
_PASTED = re.compile(rf"<p>\s*{_CODE}\s*</p>|{_CODE.replace('code', 'bare')}", re.I | re.S)
_HREF = re.compile(r"<a\b[^>]*?\bhref=[\"']([^\"']+)[\"']", re.I)


@dataclass(frozen=True)
class EmbedCodeChange:
    """One piece of pasted code taken out of a body, and what replaced it."""

    removed: str
    became: str

    def __str__(self) -> str:
        return f"Removed {self.removed}; it became {self.became}."


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tag = ""
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.tag:
            self.tag = tag
            self.attrs = {name: value or "" for name, value in attrs}


def _start_tag(code: str) -> tuple[str, dict[str, str]]:
    parser = _StartTag()
    parser.feed(code)
    parser.close()
    return parser.tag, parser.attrs


def _absolute(url: str) -> str:
    # Embed code often leaves out the scheme ("//www.instagram.com/...").
    url = url.strip()
    return f"https:{url}" if url.startswith("//") else url


def _page_address(src: str) -> str:
    """Return the page a player address shows, where the player says it."""
    parts = urlsplit(src)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host.endswith("youtube-nocookie.com"):
        return f"https://www.youtube.com{parts.path}"
    if host == "www.facebook.com" and parts.path.startswith("/plugins/"):
        return next(iter(query.get("href", [])), src)
    if host == "w.soundcloud.com":
        return next(iter(query.get("url", [])), src)
    if host == "open.spotify.com" and parts.path.startswith("/embed/"):
        return f"https://open.spotify.com/{parts.path.removeprefix('/embed/')}"
    return src


def _quote_address(code: str, attrs: dict[str, str]) -> str:
    # Instagram names the post in an attribute, TikTok in `cite`; a tweet's
    # own address is its last link (the first ones are in its text).
    for name in ("data-instgrm-permalink", "cite"):
        if attrs.get(name):
            return attrs[name]
    links = _HREF.findall(code)
    return links[-1] if links else ""


def _embed_paragraph(url: str, title: str) -> str:
    return f'<p><a href="{escape(url)}">{escape(title or url)}</a></p>'


def _host(url: str) -> str:
    return urlsplit(url).hostname or "an unknown address"


def _replace(code: str) -> tuple[str, EmbedCodeChange]:
    tag, attrs = _start_tag(code)
    if tag == "script":
        src = _absolute(attrs.get("src", ""))
        where = f" from {_host(src)}" if src else ""
        return "", EmbedCodeChange(
            f"a <script>{where}", "nothing: the site never runs pasted scripts"
        )
    if tag == "iframe":
        address = _page_address(_absolute(attrs.get("src", "")))
        what = f"an <iframe> from {_host(address)}"
    else:
        address = _absolute(_quote_address(code, attrs))
        what = f'the embed code <blockquote class="{attrs.get("class", "").split()[0]}">'
    embed = find_embed(address)
    if embed is not None:
        # The address the editor would have pasted: the player's own page.
        return _embed_paragraph(embed.url, attrs.get("title", "")), EmbedCodeChange(
            what, f"an embed from {embed.provider}"
        )
    if urlsplit(address).scheme in {"http", "https"}:
        return _embed_paragraph(address, ""), EmbedCodeChange(
            what, f"a plain link to {address} (not a site the stories embed)"
        )
    return "", EmbedCodeChange(what, "nothing: it had no address to link to")


def replace_embed_code(html: str) -> tuple[str, list[EmbedCodeChange]]:
    """Return `html` with pasted embed code replaced, and what was changed.

    Call before the body is sanitised (the sanitiser would drop the code
    silently). Provider code becomes the embed paragraph, an unknown
    iframe a plain link to its address, and scripts are removed; a body
    without such code comes back unchanged with no changes.
    """
    changes: list[EmbedCodeChange] = []

    def swap(match: re.Match[str]) -> str:
        replacement, change = _replace(match["code"] or match["bare"])
        changes.append(change)
        return replacement

    return _PASTED.sub(swap, html or ""), changes
