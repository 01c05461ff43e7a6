"""The WordPress import: an export file into stories, pages, pictures and comments.

`import_wordpress(path, ...)` is the one workflow, used by the command and
the admin's background job alike. The file is read three times, as a
stream: once to check it (`wxr.scan_export`: nothing is saved from a file
that is malformed anywhere), then for authors, terms and attachments
(every picture a story may show is in the library before the stories),
then for posts and pages with their comments. All of it runs in one
transaction; a dry run rolls it back. Links between items are written as
placeholders while the items are made and resolved at the end, when every
item has its new address.

Imports go one way: this module uses `wxr`, `bodies`, `media`, `report`
and `items`, and the content apps' models.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from articles.addresses import slug_url
from articles.models import Article, Image, TaggedArticle
from authors.models import Byline
from comments.models import Comment, Commenter
from pagecache.signals import bulk_changes

from . import items
from .addresses import add_redirects
from .media import MediaSource, MissingFile, is_image, save_image
from .models import WordPressItem
from .report import ImportReport
from .wxr import WXRAuthor, WXRItem, WXRSummary, WXRTerm, read_export, scan_export

Progress = Callable[[int, int], None]
# Where a link to another imported item points until every item has its
# new address (`_resolve_links`).
PLACEHOLDER = "/__wordpress__/{}/"
_PLACEHOLDER = re.compile(r"/__wordpress__/(\d+)/")
# An image address with WordPress's size suffix: `market-300x200.jpg`.
_SIZED = re.compile(r"-\d+x\d+(\.\w+)$")
IMPORTED_TYPES = {"post", "page", "attachment"}
# Rows per INSERT or UPDATE; well under SQLite's 32,766 parameters.
BATCH = 250
RECORD_FIELDS = [
    "object_id",
    "title",
    "old_path",
    "fingerprint",
    "edit_mark",
    "data",
    "imported_at",
]


class _DryRun(Exception):
    pass


@dataclass
class ImportState:
    """What one run knows while it works: the old site and what became what."""

    summary: WXRSummary
    media: MediaSource
    report: ImportReport
    records: dict[tuple[str, str], WordPressItem] = field(default_factory=dict)
    authors: dict[str, WXRAuthor] = field(default_factory=dict)
    terms: dict[tuple[str, str], WXRTerm] = field(default_factory=dict)
    author_ids: dict[str, int] = field(default_factory=dict)
    section_ids: dict[str, int] = field(default_factory=dict)
    image_ids: dict[int, int] = field(default_factory=dict)
    image_paths: dict[str, int] = field(default_factory=dict)
    # Old path (and ?p=ID) -> WordPress post id, for every item in the file.
    paths: dict[str, int] = field(default_factory=dict)
    old_paths: dict[int, str] = field(default_factory=dict)
    linked_articles: set[int] = field(default_factory=set)
    linked_pages: set[int] = field(default_factory=set)
    commented_articles: set[int] = field(default_factory=set)
    tag_ids: dict[str, int] = field(default_factory=dict)
    commenter_ids: dict[str, int] = field(default_factory=dict)
    # Comment id -> the top comment of its thread.
    thread_of: dict[int, int] = field(default_factory=dict)
    commenters_to_confirm: set[int] = field(default_factory=set)
    # Story slug -> its story, for every story here: a new story's slug is
    # checked without a query.
    article_slugs: dict[str, int] = field(default_factory=dict)
    # Rows kept back and written a thousand stories at a time
    # (`save_pending`): one INSERT per few hundred rows, where one per row
    # made a 10,000-post import minutes long.
    pending_records: dict[tuple[str, str], WordPressItem] = field(default_factory=dict)
    pending_tags: list[TaggedArticle] = field(default_factory=list)
    pending_bylines: list[Byline] = field(default_factory=list)
    pending_times: list[Article] = field(default_factory=list)

    @property
    def hosts(self) -> set[str]:
        host = (urlsplit(self.summary.site_url).hostname or "").lower()
        bare = host.removeprefix("www.")
        return {host, bare, f"www.{bare}"} - {""}

    def record(self, kind: str, key: object) -> WordPressItem | None:
        """Return the import record of an item, or None when it is new."""
        return self.records.get((kind, str(key)))

    def remember(self, kind: str, key: object, object_id: int | None, **values: object) -> None:
        """Write (or rewrite) the import record of an item, saved by `save_pending`."""
        record = self.records.get((kind, str(key)))
        if record is None:
            record = WordPressItem(kind=kind, wp_key=str(key))
            self.records[(kind, str(key))] = record
        record.object_id = object_id
        for name, value in values.items():
            setattr(record, name, value)
        self.pending_records[(kind, str(key))] = record

    def save_pending(self) -> None:
        """Write the rows kept back while items were imported, in batches."""
        records = self.pending_records.values()
        # Records of items changed since the last import are few: saved
        # one by one, since bulk_update() costs more than it saves here.
        for record in [r for r in records if r.pk is not None]:
            record.save(update_fields=RECORD_FIELDS)
        WordPressItem.objects.bulk_create([r for r in records if r.pk is None], batch_size=BATCH)
        now = timezone.now()
        TaggedArticle.objects.bulk_create(self.pending_tags, batch_size=BATCH)
        Byline.objects.bulk_create(self.pending_bylines, batch_size=BATCH)
        # The stories' own times are WordPress's, not the import's.
        Article.objects.bulk_update(
            self.pending_times, ["created_at", "updated_at"], batch_size=BATCH
        )
        for ids in _batches(sorted(self.commenters_to_confirm)):
            Commenter.objects.filter(pk__in=ids, confirmed_at__isnull=True).update(confirmed_at=now)
        self.pending_records, self.pending_tags, self.pending_bylines = {}, [], []
        self.pending_times, self.commenters_to_confirm = [], set()

    def old_path(self, url: str) -> str | None:
        """Return `url` as a path and query on the old site, or None if elsewhere."""
        parts = urlsplit(url.strip())
        if parts.scheme not in {"http", "https", ""} or (
            parts.netloc and (parts.hostname or "").lower() not in self.hosts
        ):
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path

    def link_for(self, href: str) -> str | None:
        """Return the body's link `href` for the new site, or None to keep it."""
        path = self.old_path(href)
        if path is None or not urlsplit(href).netloc:
            return None
        post_id = self.paths.get(_path_key(path)) or _query_id(path)
        if post_id and post_id in self.old_paths:
            return PLACEHOLDER.format(post_id)
        # Elsewhere on the old site: the same path here, which the
        # redirects answer (a category, a tag, an archive).
        return path

    def image_for(self, src: str, attachment_id: int | None) -> int | None:
        """Return the library image of a body's picture, by WordPress id or address."""
        if attachment_id and attachment_id in self.image_ids:
            return self.image_ids[attachment_id]
        path = unquote(urlsplit(src).path)
        return self.image_paths.get(path) or self.image_paths.get(_SIZED.sub(r"\1", path))


def _batches(ids: list[int], size: int = BATCH) -> list[list[int]]:
    return [ids[n : n + size] for n in range(0, len(ids), size)]


def _path_key(path: str) -> str:
    # Paths compare decoded, lower-cased and slash-framed: WordPress links
    # percent-encode Armenian slugs in either case.
    base, _, query = path.partition("?")
    base = unquote(base).lower()
    base = base if base.endswith("/") else f"{base}/"
    return f"{base}?{query}" if query else base


def _query_id(path: str) -> int | None:
    query = parse_qs(urlsplit(path).query)
    for name in ("p", "page_id", "attachment_id"):
        value = (query.get(name) or [""])[0]
        if value.isdigit():
            return int(value)
    return None


def import_wordpress(
    path: str | Path,
    *,
    uploads: str | Path | None = None,
    media_base_url: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a WordPress export; return the report of what was done.

    Raises `wxr.WXRError` (naming the line) before anything is saved when
    the file is malformed. Running it again with the same file changes
    nothing; a newer export adds and updates what changed there, except
    rows edited here since the last import.
    """
    source = str(path)
    summary = scan_export(source)
    media = MediaSource(Path(uploads) if uploads else None, media_base_url)
    state = ImportState(summary, media, ImportReport(dry_run=dry_run))
    total = summary.items * 2
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        # One page-cache invalidation for the lot, not one per saved row.
        with bulk_changes(), transaction.atomic():
            state.records = {(r.kind, r.wp_key): r for r in WordPressItem.objects.all()}
            state.article_slugs = dict(Article.objects.values_list("slug", "pk"))
            state.commenter_ids = dict(Commenter.objects.values_list("email_hash", "pk"))
            for record in read_export(source):
                if isinstance(record, WXRAuthor):
                    state.authors[record.login] = record
                    items.import_author(state, record)
                elif isinstance(record, WXRTerm):
                    state.terms[(record.taxonomy, record.slug)] = record
                else:
                    _note_paths(state, record)
                    if record.post_type == "attachment":
                        _import_attachment(state, record)
                    step()
            for record in read_export(source):
                if isinstance(record, WXRItem):
                    _import_item(state, record)
                    step()
                    if len(state.pending_times) >= BATCH * 4:
                        state.save_pending()
            state.save_pending()
            _resolve_links(state)
            _account_for_terms(state)
            add_redirects(state)
            Comment.objects.recount(state.commented_articles)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return state.report


def _account_for_terms(state: ImportState) -> None:
    # Every declared category and tag is in the report, used or not.
    used_tags = {key for kind, key in state.records if kind == WordPressItem.Kind.TAG}
    as_tags = {key for kind, key in state.records if kind == WordPressItem.Kind.CATEGORY_TAG}
    for taxonomy, slug in state.terms:
        if taxonomy == "category" and slug not in state.section_ids:
            why = "kept as a tag: no story's first category" if slug in as_tags else "on no story"
            state.report.count(WordPressItem.Kind.CATEGORY, why)
        elif taxonomy == "post_tag" and items.decoded_slug(slug) not in used_tags:
            state.report.count(WordPressItem.Kind.TAG, "on no story")


def _note_paths(state: ImportState, item: WXRItem) -> None:
    if item.post_type not in IMPORTED_TYPES or not item.post_id:
        return
    for url in (item.link, item.guid, item.attachment_url):
        path = state.old_path(url) if url else None
        if path:
            state.paths.setdefault(_path_key(path), item.post_id)
            state.old_paths.setdefault(item.post_id, path)


def _import_item(state: ImportState, item: WXRItem) -> None:
    if item.post_type == "post":
        items.import_post(state, item)
    elif item.post_type == "page":
        items.import_page(state, item)
    elif item.post_type != "attachment":
        state.report.note(
            item.post_type or "item",
            item.post_id,
            item.title,
            "skipped",
            f"WordPress type {item.post_type or 'none'!r} has no place here",
        )


def _import_attachment(state: ImportState, item: WXRItem) -> None:
    report, kind = state.report, WordPressItem.Kind.ATTACHMENT
    record = state.record(kind, item.post_id)
    fingerprint = items.fingerprint(item)
    image = (
        Image.objects.filter(pk=record.object_id).first() if record and record.object_id else None
    )
    if image is not None and record is not None and record.fingerprint == fingerprint:
        report.count(kind, "unchanged")
        _index_image(state, item, image.pk)
        return
    if not is_image(item):
        report.note(kind, item.post_id, item.title, "skipped", "not a picture")
        return
    if state.report.dry_run:
        # Nothing is written to storage in a dry run.
        report.count(kind, "updated" if image else "created")
        return
    try:
        content = state.media.read(item)
        image = save_image(item, content, image)
    except MissingFile as missing:
        report.note(kind, item.post_id, item.title, "missing", str(missing))
        return
    report.count(kind, "updated" if record else "created")
    state.remember(
        kind,
        item.post_id,
        image.pk,
        title=item.title[:255],
        fingerprint=fingerprint,
        old_path=(state.old_path(item.link) or "")[:2000],
    )
    _index_image(state, item, image.pk)


def _index_image(state: ImportState, item: WXRItem, image_id: int) -> None:
    state.image_ids[item.post_id] = image_id
    path = unquote(urlsplit(item.attachment_url).path)
    if path:
        state.image_paths[path] = image_id


def _resolve_links(state: ImportState) -> None:
    # Every item has its address now: placeholders become those addresses.
    from pages.models import Page

    if not (state.linked_articles or state.linked_pages):
        return
    kinds: dict[str, type[Model]] = {
        WordPressItem.Kind.POST: Article,
        WordPressItem.Kind.PAGE: Page,
        WordPressItem.Kind.ATTACHMENT: Image,
    }
    # WordPress id -> the id of what it became, by model.
    made: dict[type[Model], dict[int, int]] = {model: {} for model in kinds.values()}
    for record in state.records.values():
        if record.kind in kinds and record.object_id is not None and record.wp_key.isdigit():
            made[kinds[record.kind]][int(record.wp_key)] = record.object_id
    slugs: dict[int, str] = {}
    for ids in _batches(sorted(made[Article].values())):
        slugs.update(Article.objects.filter(pk__in=ids).values_list("pk", "slug"))
    urls = {
        post_id: slug_url("articles:article_detail", slugs[pk])
        for post_id, pk in made[Article].items()
        if pk in slugs
    }
    pages = Page.objects.in_bulk(made[Page].values())
    urls.update(
        (post_id, pages[pk].get_absolute_url()) for post_id, pk in made[Page].items() if pk in pages
    )
    images = Image.objects.only("pk", "file").in_bulk(made[Image].values())
    urls.update(
        (post_id, images[pk].file.url) for post_id, pk in made[Image].items() if pk in images
    )

    def resolved(body: str) -> str:
        return _PLACEHOLDER.sub(
            lambda match: urls.get(int(match[1])) or state.old_paths.get(int(match[1]), "/"),
            body,
        )

    # bulk_update(), not save(): a resolved link is the import's own work,
    # not an edit.
    for model, pks in ((Article, state.linked_articles), (Page, state.linked_pages)):
        for ids in _batches(sorted(pks)):
            rows = list(model.objects.filter(pk__in=ids).only("pk", "body"))
            for row in rows:
                row.body = resolved(row.body)
            model.objects.bulk_update(rows, ["body"])
