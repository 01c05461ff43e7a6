"""Click and open tracking for sent issues: the links' tokens and their rewriting.

Each link in a sent issue becomes ``/newsletter/c/<token>/``, the token a
signed pair (subscriber, `IssueLink`), so the redirect leads only where
the issue itself linked, and a forged or altered token leads home. The
issue is rendered once; `TrackedLinks.apply()` rewrites its links for one
reader at a time. Opens are counted through a 1x1 pixel only when
``NEWSLETTER_TRACK_OPENS`` is on: privacy first, and Apple Mail's privacy
protection loads every pixel, so an open count is an estimate at best.

Test sends and exports carry plain links: they never come here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from newsroom.site import absolute_url

from .emails import UNSUBSCRIBE_PLACEHOLDER, RenderedEmail, article_url
from .models import Delivery, Issue, IssueLink, LinkClick, Subscriber

CLICK_SALT = "newsletter.click"
OPEN_SALT = "newsletter.open"
TRACKED_SCHEMES = ("http", "https")

_HREF = re.compile(r'href="([^"]+)"')
_TEXT_URL = re.compile(r"https?://[^\s<>\"']+")
# Sentence punctuation after an address in the text part is not part of it.
_TRAILING = ".,;:!?)"


# Stands for the token in an address reversed once (`_address`).
TOKEN_PLACEHOLDER = "newsletter-token-placeholder"


def _address(name: str) -> str:
    return absolute_url(reverse(name, args=[TOKEN_PLACEHOLDER]))


def _text_url(match: re.Match[str]) -> tuple[str, str]:
    url = match.group(0)
    stripped = url.rstrip(_TRAILING)
    return stripped, url[len(stripped) :]


def _trackable(url: str) -> bool:
    return urlsplit(url).scheme in TRACKED_SCHEMES and UNSUBSCRIBE_PLACEHOLDER not in url


def links_in(rendered: RenderedEmail) -> list[str]:
    """Return the http(s) addresses the message links to, in order, once each.

    The unsubscribe link is left out: it is the reader's own, not a link
    to count.
    """
    found = [unescape(m.group(1)) for m in _HREF.finditer(rendered.html)]
    found += [_text_url(m)[0] for m in _TEXT_URL.finditer(rendered.text)]
    return [url for url in dict.fromkeys(found) if _trackable(url)]


def _sign_pair(salt: str, first: int, second: int) -> str:
    return signing.Signer(salt=salt).sign_object([first, second])


def _read_pair(salt: str, token: str) -> tuple[int, int] | None:
    # A pair of ids signed under `salt`, or None for anything forged or altered.
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not (
        isinstance(payload, list) and len(payload) == 2 and all(type(n) is int for n in payload)
    ):
        return None
    return payload[0], payload[1]


def make_click_token(subscriber_id: int, link_id: int) -> str:
    """Return the signed token of one reader's link (never expires)."""
    return _sign_pair(CLICK_SALT, subscriber_id, link_id)


def read_click_token(token: str) -> tuple[int, int] | None:
    """Return (subscriber id, link id) from a click token, or None if forged."""
    return _read_pair(CLICK_SALT, token)


def make_open_token(subscriber_id: int, issue_id: int) -> str:
    """Return the signed token of one delivery's open pixel."""
    return _sign_pair(OPEN_SALT, subscriber_id, issue_id)


def read_open_token(token: str) -> tuple[int, int] | None:
    """Return (subscriber id, issue id) from an open token, or None if forged."""
    return _read_pair(OPEN_SALT, token)


@dataclass
class TrackedLinks:
    """An issue's links by address, to rewrite its message for each reader."""

    issue_id: int
    link_ids: dict[str, int] = field(default_factory=dict)
    track_opens: bool = False
    # The click and pixel addresses with the token to fill in: reversed
    # once per send, not once per link and reader.
    click_url: str = field(default_factory=lambda: _address("newsletter:click"))
    open_url: str = field(default_factory=lambda: _address("newsletter:open"))

    def apply(self, rendered: RenderedEmail, subscriber: Subscriber) -> RenderedEmail:
        """Return the message with each link made this reader's click link."""
        return self.apply_tokens(
            rendered,
            lambda link_id: make_click_token(subscriber.pk, link_id),
            make_open_token(subscriber.pk, self.issue_id) if self.track_opens else None,
        )

    def tokens_for(self, subscriber: Subscriber) -> dict[str, str]:
        """Return this reader's tokens by slot ("click:ID", "open"), for `wire` copies."""
        tokens = {
            f"click:{link_id}": make_click_token(subscriber.pk, link_id)
            for link_id in self.link_ids.values()
        }
        if self.track_opens:
            tokens["open"] = make_open_token(subscriber.pk, self.issue_id)
        return tokens

    def apply_tokens(
        self, rendered: RenderedEmail, click_token: Callable[[int], str], open_token: str | None
    ) -> RenderedEmail:
        """Return the message with each link a click link with `click_token(link id)`.

        With `open_token` (opens tracked), the pixel is added with it.
        """
        made: dict[str, str] = {}

        def tracked(url: str) -> str | None:
            link_id = self.link_ids.get(url)
            if link_id is None:
                return None
            if url not in made:
                made[url] = self.click_url.replace(TOKEN_PLACEHOLDER, click_token(link_id))
            return made[url]

        def in_html(match: re.Match[str]) -> str:
            new = tracked(unescape(match.group(1)))
            return f'href="{new}"' if new else match.group(0)

        def in_text(match: re.Match[str]) -> str:
            url, rest = _text_url(match)
            new = tracked(url)
            return f"{new}{rest}" if new else match.group(0)

        html = _HREF.sub(in_html, rendered.html)
        if open_token is not None:
            pixel = self.open_url.replace(TOKEN_PLACEHOLDER, open_token)
            img = f'<img src="{pixel}" width="1" height="1" alt="">'
            html = html.replace("</body>", f"{img}</body>", 1) if "</body>" in html else html + img
        return RenderedEmail(rendered.subject, _TEXT_URL.sub(in_text, rendered.text), html)


def tracked_links(issue: Issue, rendered: RenderedEmail) -> TrackedLinks:
    """Record the issue's links (once; later batches find them) and return them.

    A link to one of the issue's stories is recorded as that story, for
    the report's clicks per story.
    """
    stories = {
        article_url(item.article, issue): item.article_id
        for item in issue.items.select_related("article", "article__section")
    }
    IssueLink.objects.bulk_create(
        [
            IssueLink(issue=issue, url=url, article_id=stories.get(url))
            for url in links_in(rendered)
        ],
        ignore_conflicts=True,
    )
    return TrackedLinks(
        issue_id=issue.pk,
        link_ids=dict(IssueLink.objects.filter(issue=issue).values_list("url", "pk")),
        track_opens=settings.NEWSLETTER_TRACK_OPENS,
    )


def record_click(token: str, *, count: bool = True) -> str:
    """Count a click from a reader's link; return where to send them.

    A forged, altered or unknown token, or a recorded address that is not
    http(s), leads to the site's home page. With `count` False (a HEAD
    request, as link checkers make), only say where.
    """
    home = absolute_url("/")
    read = read_click_token(token)
    if read is None:
        return home
    subscriber_id, link_id = read
    link = IssueLink.objects.filter(pk=link_id).first()
    if link is None or urlsplit(link.url).scheme not in TRACKED_SCHEMES:
        return home
    delivery = None
    if count:
        delivery = Delivery.objects.filter(
            issue_id=link.issue_id, subscriber_id=subscriber_id
        ).first()
    if delivery is not None:
        LinkClick.record(delivery, link)
    return link.url


def record_open(token: str) -> None:
    """Count a load of a delivery's pixel, if opens are tracked and the token is ours."""
    read = read_open_token(token)
    if read is None or not settings.NEWSLETTER_TRACK_OPENS:
        return
    subscriber_id, issue_id = read
    delivery = Delivery.objects.filter(issue_id=issue_id, subscriber_id=subscriber_id).first()
    if delivery is not None:
        delivery.record_open()


def record_unsubscribe(subscriber: Subscriber, issue_id: int | None) -> None:
    """Note on the issue's delivery that the reader left from its link."""
    if issue_id is None:
        return
    Delivery.objects.filter(
        issue_id=issue_id, subscriber=subscriber, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now())
