"""A CDN in front of the page cache: surrogate keys on pages, purges by key.

Each cached page names what it shows in its ``Surrogate-Key`` (Fastly,
Varnish with xkey) and ``Cache-Tag`` (Cloudflare) headers: `SITE_KEY`,
which every page carries, and the names it depends on (`dependencies`,
such as ``comments:12``). When something changes, the same names are
purged at the CDN after the transaction commits, in a background job
(`tasks.purge_cdn`) so a slow CDN never slows an editor's save: a touch
purges its names, a new content version purges `SITE_KEY`. The CDN then
keeps pages exactly as long as this server's own cache does.

The CDN is chosen by ``CDN_URL``, as the database is by ``DATABASE_URL``:

- ``fastly://API_TOKEN@SERVICE_ID``
- ``cloudflare://API_TOKEN@ZONE_ID``
- ``varnish://HOST:PORT[,HOST:PORT...]`` (a ``PURGE`` with ``xkey-purge``)

``?api=URL`` points a purger at another address (a test's fake, a proxy).
Another CDN is one `Purger` subclass away: `register_purger("scheme", cls)`.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from collections.abc import Iterable, Iterator
from functools import cache
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

logger = logging.getLogger(__name__)

# The key every cached page carries: purged when every page is stale.
SITE_KEY = "pages"
# Seconds a purge request may take before it is retried.
PURGE_TIMEOUT = 10


def page_keys(depends: Iterable[str]) -> list[str]:
    """Return the surrogate keys of a page that depends on `depends`."""
    return [SITE_KEY, *sorted(set(depends))]


class Purger:
    """Purges pages by surrogate key at one CDN. Subclasses send `request()`."""

    # Most keys one request may name (the CDN's own limit).
    batch = 256
    default_api = ""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.token = unquote(parts.username or "")
        # As written: service and zone ids are case-sensitive (`hostname` is not).
        self.netloc = parts.netloc.rpartition("@")[2]
        self.target = self.netloc
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        self.api = options.get("api", self.default_api).rstrip("/")

    def purge(self, keys: list[str]) -> None:
        """Purge every page carrying any of `keys`; raise if the CDN refuses."""
        for start in range(0, len(keys), self.batch):
            for request in self.requests(keys[start : start + self.batch]):
                with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as response:
                    response.read()

    def requests(self, keys: list[str]) -> Iterator[urllib.request.Request]:
        """Yield the HTTP requests that purge `keys`."""
        raise NotImplementedError


class FastlyPurger(Purger):
    """Fastly's purge by surrogate key (one request, keys in a header)."""

    default_api = "https://api.fastly.com"

    def requests(self, keys: list[str]) -> Iterator[urllib.request.Request]:
        yield urllib.request.Request(
            f"{self.api}/service/{self.target}/purge",
            method="POST",
            headers={"Fastly-Key": self.token, "Surrogate-Key": " ".join(keys)},
        )


class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag (JSON, 30 tags a request)."""

    batch = 30
    default_api = "https://api.cloudflare.com"

    def requests(self, keys: list[str]) -> Iterator[urllib.request.Request]:
        yield urllib.request.Request(
            f"{self.api}/client/v4/zones/{self.target}/purge_cache",
            method="POST",
            data=json.dumps({"tags": keys}).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )


class VarnishPurger(Purger):
    """Varnish with the xkey module: a PURGE to each server naming the keys.

    The VCL copies ``Surrogate-Key`` into ``xkey`` on the way in and calls
    ``xkey.purge(req.http.xkey-purge)`` for a PURGE (README, "A CDN in front").
    """

    def requests(self, keys: list[str]) -> Iterator[urllib.request.Request]:
        servers = [self.api] if self.api else [f"http://{host}" for host in self.netloc.split(",")]
        for server in servers:
            yield urllib.request.Request(
                f"{server}/", method="PURGE", headers={"xkey-purge": " ".join(keys)}
            )


_PURGERS: dict[str, type[Purger]] = {
    "fastly": FastlyPurger,
    "cloudflare": CloudflarePurger,
    "varnish": VarnishPurger,
}


def register_purger(scheme: str, purger: type[Purger]) -> None:
    """Make ``CDN_URL=scheme://...`` use `purger`."""
    _PURGERS[scheme] = purger
    _purger_for.cache_clear()


@cache
def _purger_for(url: str) -> Purger | None:
    if not url:
        return None
    scheme = urlsplit(url).scheme
    if scheme not in _PURGERS:
        raise ImproperlyConfigured(f"CDN_URL scheme {scheme!r} is not supported")
    return _PURGERS[scheme](url)


def configured_purger() -> Purger | None:
    """Return the purger ``CDN_URL`` names, or None when no CDN is in front."""
    return _purger_for(settings.CDN_URL)


def purge_after_commit(keys: Iterable[str]) -> None:
    """Purge `keys` at the CDN once the current transaction commits (at once outside one)."""
    if configured_purger() is None:
        return
    names = sorted(set(keys))
    if not names:
        return

    def queue() -> None:
        from .tasks import purge_cdn

        purge_cdn(names)

    transaction.on_commit(queue)
