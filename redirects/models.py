"""Old addresses the site answers with a redirect: `Redirect`.

Addresses another site used (WordPress's `/2024/03/market/`, `?p=123`,
`/category/news/`), kept so that links from elsewhere keep working. A
redirect matches on its path and, when it has one, its query string:
WordPress's home page answers `/?p=123` and `/?page_id=7`. Paths are
kept decoded (letters, not percent escapes) and compared in one normal
form (`normal_path`), through a hash column, since encoded Armenian paths
outgrow what a database index takes. A redirect to a page here follows
the page when its address changes (`articles.models.address_moved`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.dispatch import receiver
from django.utils import timezone

from articles.models import address_moved

MAX_PATH = 2000


def normal_path(path: str) -> str:
    """Return `path` as redirects compare it: decoded, NFKC, no trailing slash."""
    text = unicodedata.normalize("NFKC", unquote(path or "").strip())
    text = re.sub(r"/{2,}", "/", f"/{text}")
    return text.rstrip("/") or "/"


def normal_query(query: str) -> str:
    """Return a query string in one order, blank values dropped: `p=1&x=2`."""
    pairs = sorted((k, v) for k, v in parse_qsl((query or "").lstrip("?")) if v)
    return urlencode(pairs)


def match_key(path: str, query: str = "") -> str:
    """Return the hash a path and query are looked up by."""
    text = f"{normal_path(path)}?{normal_query(query)}"
    return hashlib.sha256(text.encode()).hexdigest()


class RedirectQuerySet(models.QuerySet):
    def matching(self, path: str, query: str = "", *, fallback: str = "") -> Redirect | None:
        """Return the redirect for `path` and `query`, or None.

        One with the same query string wins, then one with the `fallback`
        query string (part of `query`); without either, a redirect of the
        path alone answers whatever query the request has.
        """
        # `/?p=123` is its own fallback: each key asked once.
        queries = dict.fromkeys(q for q in (query, fallback) if q)
        keys = [match_key(path, q) for q in queries] + [match_key(path)]
        found = {r.key: r for r in self.filter(key__in=keys)}
        return next((found[key] for key in keys if key in found), None)

    def follow(self, old: str, new: str, *, below: bool = True) -> int:
        """Point the redirects to `old`, or (`below`) to an address under it, at `new`.

        `/articles/old/` and its feed `/articles/old/feed/` become
        `/articles/new/` and `/articles/new/feed/`: a redirect to a page
        that moved since would take readers two hops. Return how many.
        """
        if old == new or not old.endswith("/"):
            return 0
        if not below:
            return self.filter(target=old).update(target=new)
        rest = Substr("target", len(old) + 1)
        return self.filter(target__startswith=old).update(target=Concat(Value(new), rest))

    def add(self, old: str, target: str, *, source: str = "", permanent: bool = True) -> str:
        """Add (or repoint) the redirect from `old` (a path, maybe with ?query).

        Return "added", "changed", "same" or "" when none is made: a
        redirect to itself, or from a path too long to keep.
        """
        parts = urlsplit(old)
        path, query = normal_path(parts.path), normal_query(parts.query)
        if len(path) > MAX_PATH or (normal_path(urlsplit(target).path) == path and not query):
            return ""
        key = match_key(path, query)
        existing = self.filter(key=key).first()
        if existing is None:
            self.create(
                key=key,
                old_path=path,
                query=query,
                target=target[:MAX_PATH],
                permanent=permanent,
                source=source,
            )
            return "added"
        if existing.target == target[:MAX_PATH] and existing.permanent == permanent:
            return "same"
        existing.target, existing.permanent = target[:MAX_PATH], permanent
        existing.save(update_fields=["target", "permanent"])
        return "changed"


class Redirect(models.Model):
    """An old address, and where readers who follow it are sent now."""

    old_path = models.CharField(
        "old path",
        max_length=MAX_PATH,
        help_text="The address on the old site, without the host: /2024/03/market-reopens/",
    )
    query = models.CharField(
        "query string",
        max_length=500,
        blank=True,
        help_text="Only for addresses like /?p=123: p=123. Leave empty to match any.",
    )
    target = models.CharField(
        max_length=MAX_PATH,
        help_text="Where to send readers: a path on this site (/articles/x/) or a full address.",
    )
    permanent = models.BooleanField(
        default=True, help_text="A permanent (301) redirect tells search engines to move."
    )
    source = models.CharField(
        max_length=40, blank=True, help_text='Where it came from: "WordPress import", "CSV".'
    )
    hit_count = models.PositiveIntegerField("hits", default=0, editable=False)
    last_hit_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    key = models.CharField(max_length=64, unique=True, editable=False)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path", "query"]

    def __str__(self) -> str:
        return f"{self.old_address} → {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.old_path = normal_path(self.old_path)
        self.query = normal_query(self.query)
        self.key = match_key(self.old_path, self.query)
        super().save(*args, **kwargs)

    @property
    def old_address(self) -> str:
        return f"{self.old_path}?{self.query}" if self.query else self.old_path

    def clean(self) -> None:
        self.old_path = normal_path(self.old_path)
        self.query = normal_query(self.query)
        if not self.target.startswith(("/", "http://", "https://")):
            raise ValidationError({"target": "Give a path starting with / or a full address."})
        if normal_path(self.target) == self.old_path and not self.query:
            raise ValidationError({"target": "This redirect would send readers to itself."})
        others = Redirect.objects.filter(key=match_key(self.old_path, self.query))
        if others.exclude(pk=self.pk).exists():
            raise ValidationError({"old_path": "There is already a redirect from this address."})

    def record_hit(self) -> None:
        """Count a reader sent on, without a read-modify-write race."""
        Redirect.objects.filter(pk=self.pk).update(
            hit_count=F("hit_count") + 1, last_hit_at=timezone.now()
        )


@receiver(address_moved, dispatch_uid="redirects-follow-moved-address")
def _follow_moved_address(
    sender: object, old_url: str, new_url: str, below: bool = True, **kwargs: object
) -> None:
    # A story, section, tag, author or site page an old address leads to
    # moved here: the redirect goes straight to where it is now.
    Redirect.objects.follow(old_url, new_url, below=below)
