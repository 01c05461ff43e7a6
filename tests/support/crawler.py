"""A small crawler for the test client: follow every internal link, report the broken.

`Crawler(client, ...).crawl(start)` requests each page once, reads the
links of HTML pages (`href`, `src`, `srcset`, and OpenGraph addresses) and
the absolute addresses in XML, text and JSON (sitemaps, feeds, robots.txt,
ninjs), and follows those on the site's own hosts. It never stops at the
first problem: the report lists every 5xx, every link to a 404 and every
redirect that does not land on a 200, each with the pages that link it.

Links are compared and requested as URIs (non-ASCII letters
percent-encoded as UTF-8, which is what the pages write), and reported
decoded, so an Armenian tag reads as Armenian in a failure message.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponseBase
from django.test import Client
from django.utils.encoding import iri_to_uri

# Attributes whose value is one address, and OpenGraph/Twitter properties
# whose `content` is one.
LINK_ATTRIBUTES = {"href", "src", "poster"}
ADDRESS_PROPERTIES = {"og:url", "og:image", "twitter:image"}
# Absolute addresses in XML, plain text and JSON (after entities are decoded).
ABSOLUTE = re.compile(r"https?://[^\s\"'<>\\]+")
# Schemes that are not pages of the site.
NOT_PAGES = ("mailto:", "tel:", "javascript:", "data:", "#")
# A redirect chain longer than this is itself a fault (or a loop).
MAX_REDIRECTS = 5


@dataclass
class Broken:
    """A link that does not lead to a 200, and the pages that link it."""

    url: str
    problem: str
    referrers: list[str]

    def __str__(self) -> str:
        linked = ", ".join(unquote(r) for r in self.referrers[:3]) or "(a start page)"
        more = f" and {len(self.referrers) - 3} more" if len(self.referrers) > 3 else ""
        return f"{unquote(self.url)}: {self.problem}; linked from {linked}{more}"


@dataclass
class CrawlReport:
    """What a crawl saw: the pages it fetched and the broken links."""

    fetched: list[str] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    unvisited: int = 0

    def __str__(self) -> str:
        lines = [f"{len(self.broken)} broken of {len(self.fetched)} addresses:"]
        lines += [f"  {broken}" for broken in self.broken]
        return "\n".join(lines)


class _LinkReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value for name, value in attr_list if value}
        for name in LINK_ATTRIBUTES & attrs.keys():
            self.links.append(attrs[name])
        if "srcset" in attrs:
            # "url 480w, url 960w": the address is each candidate's first word.
            self.links += [c.split()[0] for c in attrs["srcset"].split(",") if c.strip()]
        if tag == "meta" and attrs.get("property", attrs.get("name")) in ADDRESS_PROPERTIES:
            self.links.append(attrs.get("content", ""))


def links_in(body: str, content_type: str) -> list[str]:
    """Return the addresses a page links, as written (relative ones too)."""
    if content_type.startswith("text/html"):
        reader = _LinkReader()
        reader.feed(body)
        reader.close()
        return reader.links
    if content_type.startswith("text/csv"):
        # A report's cells: the ones that are whole addresses are links.
        rows = csv.reader(io.StringIO(body))
        return [cell for row in rows for cell in row if ABSOLUTE.fullmatch(cell)]
    # Feeds carry HTML escaped inside XML: decode entities, then look.
    return [match.rstrip(".,;)") for match in ABSOLUTE.findall(html.unescape(body))]


class Crawler:
    """Walk the site through a test client from a few start pages.

    `expand(url)` says whether a fetched page's own links are followed
    (else it is only checked); `skip(url)` leaves an address out entirely.
    `max_pages` bounds the walk: a crawl that hits it says so in the report
    (`unvisited`), so a test can fail rather than pass on half a site.
    """

    def __init__(
        self,
        client: Client,
        *,
        skip: Callable[[str], bool] = lambda url: False,
        expand: Callable[[str], bool] = lambda url: True,
        max_pages: int = 500,
    ) -> None:
        self.client = client
        # A server error is reported like any other broken link, not raised.
        self.client.raise_request_exception = False
        self.skip = skip
        self.expand = expand
        self.max_pages = max_pages
        self.hosts = {"testserver", urlsplit(settings.SITE_URL).netloc}

    def _internal(self, link: str, base: str) -> str | None:
        # The link as a path and query on this site, or None for other hosts.
        link = link.strip()
        if not link or link.startswith(NOT_PAGES):
            return None
        absolute = urldefrag(urljoin(f"http://testserver{base}", link)).url
        parts = urlsplit(iri_to_uri(absolute))
        if parts.scheme not in {"http", "https"} or parts.netloc not in self.hosts:
            return None
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        return None if self.skip(url) else url

    def _check_static(self, url: str) -> str | None:
        # The test server does not serve collected static files; what a
        # static link needs is a file behind it, which the finders find.
        name = unquote(url.split("?")[0]).removeprefix(settings.STATIC_URL)
        return None if finders.find(name) else "no such static file"

    def crawl(self, start: list[str]) -> CrawlReport:
        """Fetch `start` and everything they lead to; return the report."""
        report = CrawlReport()
        referrers: dict[str, list[str]] = {}
        queue: deque[str] = deque()
        for url in start:
            internal = self._internal(url, "/")
            if internal and internal not in referrers:
                referrers[internal] = []
                queue.append(internal)
        problems: dict[str, str] = {}
        while queue:
            if len(report.fetched) >= self.max_pages:
                report.unvisited = len(queue)
                break
            url = queue.popleft()
            report.fetched.append(url)
            if url.startswith(settings.STATIC_URL):
                problem = self._check_static(url)
                if problem:
                    problems[url] = problem
                continue
            response, page, problem = self._fetch(url)
            if problem:
                problems[url] = problem
                continue
            content_type = response.get("Content-Type", "")
            if page is None or not self.expand(page) or not _readable(content_type):
                continue
            body = response.content.decode(response.charset or "utf-8", errors="replace")
            for link in links_in(body, content_type):
                target = self._internal(link, page)
                if target is None:
                    continue
                if target not in referrers:
                    referrers[target] = []
                    queue.append(target)
                if url not in referrers[target]:
                    referrers[target].append(url)
        report.broken = [
            Broken(url, problem, referrers.get(url, [])) for url, problem in problems.items()
        ]
        return report

    def _fetch(self, url: str) -> tuple[HttpResponseBase, str | None, str | None]:
        # Follow redirects by hand, so a chain is reported whole. Returns the
        # response, the page it is (None off the site) and the problem.
        chain = [url]
        response = self.client.get(url)
        while response.status_code in {301, 302, 303, 307, 308}:
            target = self._internal(response["Location"], chain[-1])
            if target is None:
                # A redirect off the site, or to a page skipped on purpose.
                return response, None, None
            chain.append(target)
            if len(chain) > MAX_REDIRECTS + 1:
                return response, None, "redirect loop: " + " -> ".join(map(unquote, chain))
            response = self.client.get(target)
        if response.status_code != 200:
            via = " after " + " -> ".join(map(unquote, chain)) if len(chain) > 1 else ""
            return response, None, f"answered {response.status_code}{via}"
        return response, chain[-1], None


def _readable(content_type: str) -> bool:
    # Pages that may carry links: HTML, XML, plain text and JSON, not images.
    return content_type.startswith("text/") or "xml" in content_type or "json" in content_type


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_addresses(client) -> list[str]:
    """Return the sitemap index, each sitemap it lists, and every page in them."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sitemaps = [loc.text for loc in ElementTree.fromstring(index.content).iter(f"{SITEMAP}loc")]
    sitemaps.append("/sitemap-news.xml")
    pages = []
    for sitemap in sitemaps:
        response = client.get(urlsplit(sitemap).path)
        assert response.status_code == 200, sitemap
        pages += [
            loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")
        ]
    return ["/sitemap.xml", *sitemaps, *pages]
