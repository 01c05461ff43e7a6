"""A streaming reader for WordPress export files (WXR 1.0, 1.1 and 1.2).

An export is read element by element (`iterparse`) and each finished
author, term and item is handed on and cleared, so a 1 GB export never sits
in memory. The parser is defusedxml's: a DTD, entity declarations and
external references are refused, so a file cannot expand itself a billion
times (billion laughs) or read files off the server (XXE). Namespaces are
matched by what they name, not by their exact address: WordPress.com
writes `https://wordpress.org/export/1.2/`, self-hosted sites `http://`,
older sites 1.0 and 1.1.

`scan_export()` reads the file once to check it (well-formed, a WXR
version) and count what it holds; `read_export()` yields the records.
Both raise `WXRError` naming the line of the first fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

# Namespace address -> the prefix WordPress uses for it.
_NAMESPACES = (
    (re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$"), "excerpt"),
    (re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/$"), "wp"),
    (re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/$"), "content"),
    (re.compile(r"^https?://purl\.org/dc/elements/1\.1/$"), "dc"),
)
_VERSION = re.compile(r"^\d+\.\d+$")
# WordPress writes this for drafts that were never dated.
_NO_DATE = "0000-00-00 00:00:00"
# Read in pieces this big: memory stays flat, and a record's line number
# (known per piece) is close to where it is.
CHUNK = 64 * 1024

Source = str | IO[bytes]


class WXRError(ValueError):
    """The file is not a WordPress export this reader can take."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass(frozen=True)
class WXRAuthor:
    """A user of the old site (`wp:author`), by login."""

    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    # WordPress's user id, which `/?author=ID` names; 0 when the file has
    # none (exports before WXR 1.1).
    author_id: int = 0

    @property
    def name(self) -> str:
        """Return the name bylines print: display name, else first and last, else login."""
        full = " ".join(part for part in (self.first_name, self.last_name) if part)
        return self.display_name or full or self.login


@dataclass(frozen=True)
class WXRTerm:
    """A category, tag or other taxonomy term declared at the top of the file."""

    taxonomy: str  # "category", "post_tag", or a custom taxonomy
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    # WordPress's term id, which `/?cat=ID` and `/?tag_id=ID` name; 0 when
    # the file has none.
    term_id: int = 0


@dataclass(frozen=True)
class WXRItemTerm:
    """A term an item is filed under (`<category domain=... nicename=...>`)."""

    domain: str
    slug: str
    name: str


@dataclass(frozen=True)
class WXRComment:
    comment_id: int
    author: str
    email: str
    url: str
    date_gmt: datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash"
    parent: int
    comment_type: str = ""


@dataclass
class WXRItem:
    """One post, page, attachment or other post type."""

    post_id: int
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    post_name: str = ""
    status: str = ""
    parent: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    terms: list[WXRItemTerm] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[WXRComment] = field(default_factory=list)
    line: int = 0

    def meta_value(self, key: str) -> str:
        """Return the first value of post meta `key`, or an empty string."""
        values = self.meta.get(key)
        return values[0] if values else ""


@dataclass
class WXRSummary:
    """What a first pass over the file found: its site and how much it holds."""

    version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: int = 0
    terms: int = 0
    items: int = 0
    item_types: dict[str, int] = field(default_factory=dict)

    @property
    def site_url(self) -> str:
        """Return the old site's address, without a trailing slash."""
        return (self.base_blog_url or self.link or self.base_site_url).rstrip("/")


Record = WXRAuthor | WXRTerm | WXRItem


def _name(tag: str) -> str:
    # "{https://wordpress.org/export/1.2/}post_id" -> "wp:post_id"
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    for pattern, prefix in _NAMESPACES:
        if pattern.match(uri):
            return f"{prefix}:{local}"
    return f"?:{local}"


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _children(element: Element) -> dict[str, str]:
    # First value of each child, by prefixed name.
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(_name(child.tag), child.text or "")
    return found


def parse_gmt(value: str) -> datetime | None:
    """Return a WXR `YYYY-MM-DD HH:MM:SS` GMT time as an aware datetime, or None."""
    value = (value or "").strip()
    if not value or value == _NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _int(value: str) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() else 0


def _author(element: Element) -> WXRAuthor:
    values = _children(element)
    return WXRAuthor(
        login=values.get("wp:author_login", "").strip(),
        email=values.get("wp:author_email", "").strip(),
        display_name=" ".join(values.get("wp:author_display_name", "").split()),
        first_name=" ".join(values.get("wp:author_first_name", "").split()),
        last_name=" ".join(values.get("wp:author_last_name", "").split()),
        author_id=_int(values.get("wp:author_id", "")),
    )


def _term(kind: str, element: Element) -> WXRTerm:
    values = _children(element)
    term_id = _int(values.get("wp:term_id", ""))
    if kind == "wp:category":
        return WXRTerm(
            "category",
            values.get("wp:category_nicename", "").strip(),
            values.get("wp:cat_name", "").strip(),
            values.get("wp:category_parent", "").strip(),
            values.get("wp:category_description", "").strip(),
            term_id,
        )
    if kind == "wp:tag":
        return WXRTerm(
            "post_tag",
            values.get("wp:tag_slug", "").strip(),
            values.get("wp:tag_name", "").strip(),
            "",
            values.get("wp:tag_description", "").strip(),
            term_id,
        )
    return WXRTerm(
        values.get("wp:term_taxonomy", "").strip(),
        values.get("wp:term_slug", "").strip(),
        values.get("wp:term_name", "").strip(),
        values.get("wp:term_parent", "").strip(),
        values.get("wp:term_description", "").strip(),
        term_id,
    )


def _comment(element: Element) -> WXRComment:
    values = _children(element)
    return WXRComment(
        comment_id=_int(values.get("wp:comment_id", "")),
        author=" ".join(values.get("wp:comment_author", "").split()),
        email=values.get("wp:comment_author_email", "").strip(),
        url=values.get("wp:comment_author_url", "").strip(),
        date_gmt=parse_gmt(values.get("wp:comment_date_gmt", "")),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "").strip(),
        parent=_int(values.get("wp:comment_parent", "")),
        comment_type=values.get("wp:comment_type", "").strip(),
    )


def _item(element: Element, line: int) -> WXRItem:
    item = WXRItem(post_id=0, post_type="", line=line)
    for child in element:
        name = _name(child.tag)
        text = child.text or ""
        if name == "title":
            item.title = " ".join(text.split())
        elif name == "link":
            item.link = text.strip()
        elif name == "guid":
            item.guid = text.strip()
        elif name == "dc:creator":
            # Logins never hold angle brackets; stray ones are typos (the
            # theme unit test export has `>themereviewteam`).
            item.creator = text.strip().strip("<>").strip()
        elif name == "content:encoded":
            item.content = text
        elif name == "excerpt:encoded":
            item.excerpt = text
        elif name == "wp:post_id":
            item.post_id = _int(text)
        elif name == "wp:post_type":
            item.post_type = text.strip()
        elif name == "wp:post_date_gmt":
            item.date_gmt = parse_gmt(text)
        elif name == "wp:post_modified_gmt":
            item.modified_gmt = parse_gmt(text)
        elif name == "wp:post_name":
            item.post_name = text.strip()
        elif name == "wp:status":
            item.status = text.strip()
        elif name == "wp:post_parent":
            item.parent = _int(text)
        elif name == "wp:menu_order":
            item.menu_order = _int(text)
        elif name == "wp:attachment_url":
            item.attachment_url = text.strip()
        elif name == "category":
            item.terms.append(
                WXRItemTerm(
                    child.get("domain", "").strip(),
                    child.get("nicename", "").strip(),
                    " ".join(text.split()),
                )
            )
        elif name == "wp:postmeta":
            values = _children(child)
            key = values.get("wp:meta_key", "")
            item.meta.setdefault(key, []).append(values.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(_comment(child))
    return item


class _Reader:
    """One pass over the file, yielding records and filling in the summary."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.summary = WXRSummary()
        self.line = 0

    def records(self) -> Iterator[Record]:
        try:
            yield from self._records()
        except DefusedXmlException as refused:
            raise WXRError(
                f"the file declares entities or a DTD, which an export never does "
                f"and which could expand or read files ({type(refused).__name__}); refused"
            ) from refused
        except ParseError as error:
            line = error.position[0] if error.position else None
            raise WXRError(f"not well-formed XML ({_reason(error)})", line) from error

    def _records(self) -> Iterator[Record]:
        depth = 0
        channel: Element | None = None
        seen_rss = seen_channel = False
        item_line = 0
        parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        pull = XMLPullParser(events=("start", "end"), _parser=parser)
        for event, element in _events(self.source, pull):
            name = _name(element.tag)
            if event == "start":
                depth += 1
                if depth == 1:
                    if name != "rss":
                        raise WXRError(f"the file is <{element.tag}>, not an RSS export", 1)
                    seen_rss = True
                elif depth == 2 and name == "channel":
                    channel, seen_channel = element, True
                elif depth == 3 and name == "item":
                    item_line = _line(parser)
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            record: Record | None = None
            if name == "item":
                record = _item(element, item_line)
                self.summary.items += 1
                types = self.summary.item_types
                types[record.post_type] = types.get(record.post_type, 0) + 1
            elif name == "wp:author":
                record = _author(element)
                self.summary.authors += 1
            elif name in {"wp:category", "wp:tag", "wp:term"}:
                record = _term(name, element)
                self.summary.terms += 1
            else:
                self._channel_value(name, element, _line(parser))
            channel.remove(element)
            if record is not None:
                if not self.summary.version:
                    raise WXRError(
                        "no WXR version (<wp:wxr_version>) before the content: "
                        "this does not look like a WordPress export",
                        _line(parser),
                    )
                yield record
        if not seen_rss or not seen_channel:
            raise WXRError("no <rss><channel>: this is not a WordPress export")
        if not self.summary.version:
            raise WXRError("no WXR version (<wp:wxr_version>): this is not a WordPress export")

    def _channel_value(self, name: str, element: Element, line: int) -> None:
        text = _text(element).strip()
        if name == "wp:wxr_version":
            if not _VERSION.match(text):
                raise WXRError(f"the WXR version is {text!r}, not a number like 1.2", line)
            self.summary.version = text
        elif name == "title":
            self.summary.title = text
        elif name == "link":
            self.summary.link = text
        elif name == "wp:base_site_url":
            self.summary.base_site_url = text
        elif name == "wp:base_blog_url":
            self.summary.base_blog_url = text


def _events(source: Source, pull: XMLPullParser) -> Iterator[tuple[str, Element]]:
    # iterparse() as the standard library writes it, with a parser of
    # defusedxml's whose position can be asked.
    stream = open(source, "rb") if isinstance(source, str) else source  # noqa: SIM115
    try:
        while chunk := stream.read(CHUNK):
            pull.feed(chunk)
            yield from pull.read_events()  # type: ignore[misc]
        pull.close()
        yield from pull.read_events()  # type: ignore[misc]
    finally:
        if isinstance(source, str):
            stream.close()


def _line(parser: object) -> int:
    # The expat parser inside iterparse knows where it is.
    inner = getattr(parser, "parser", None)
    return int(getattr(inner, "CurrentLineNumber", 0) or 0)


def _reason(error: ParseError) -> str:
    return str(error).split(":", 1)[0]


def scan_export(source: Source) -> WXRSummary:
    """Read the whole file once; return its summary or raise `WXRError`."""
    reader = _Reader(source)
    for _ in reader.records():
        pass
    return reader.summary


def read_export(source: Source) -> Iterator[Record]:
    """Yield the authors, terms and items of the export, in file order.

    Raises `WXRError` at the first fault; check with `scan_export()`
    first so nothing is done with a file that fails half-way.
    """
    yield from _Reader(source).records()
