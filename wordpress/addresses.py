"""Every old WordPress address, as a redirect to its page here.

Made at the end of each import from its records (`WordPressItem`): each
item's old link, `?p=ID` and `?page_id=ID`, every `_wp_old_slug`, the
attachment's file address, the category, tag and author archives and
their feeds (with `?cat=ID`, `?tag_id=ID` and `?author=ID`, by the
term and user ids the file gives), and the site's feeds. Only pages
readers can open get one (a live story, a published page): a redirect to
a 404 helps nobody. Run again, redirects already there are left as they
are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from taggit.models import Tag

from articles.addresses import slug_url
from articles.models import Article, Image, Section
from authors.models import Author
from pages.models import Page
from redirects.models import MAX_PATH, Redirect, match_key, normal_path, normal_query

from .items import decoded_slug
from .models import WordPressItem

if TYPE_CHECKING:
    from .importing import ImportState

SOURCE = "WordPress import"
Kind = WordPressItem.Kind


class _Plan:
    """The redirects to add, checked against those there, then made at once."""

    def __init__(self) -> None:
        self.existing = set(Redirect.objects.values_list("key", flat=True))
        self.new: dict[str, Redirect] = {}

    def add(self, old: str, target: str) -> None:
        path, _, query = old.partition("?")
        path, query = normal_path(path), normal_query(query)
        if len(path) > MAX_PATH or (path == normal_path(target) and not query):
            return
        key = match_key(path, query)
        if key in self.existing or key in self.new:
            return
        self.new[key] = Redirect(key=key, old_path=path, query=query, target=target, source=SOURCE)

    def save(self) -> int:
        Redirect.objects.bulk_create(self.new.values(), batch_size=500)
        return len(self.new)


def _with_slug(old_path: str, slug: str) -> str:
    # `/2024/03/market-reopens/`: the old link with its last part the old slug.
    path = old_path.partition("?")[0].rstrip("/")
    head = path.rpartition("/")[0]
    return f"{head}/{slug}/"


def add_redirects(state: ImportState) -> None:
    """Add redirects for every old address of what the import holds."""
    plan = _Plan()
    records = [r for r in state.records.values() if r.object_id is not None]
    by_kind: dict[str, list[WordPressItem]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)

    live = dict(
        Article.objects.live()
        .filter(pk__in=[r.object_id for r in by_kind.get(Kind.POST, [])])
        .values_list("pk", "slug")
    )
    for record in by_kind.get(Kind.POST, []):
        slug = live.get(record.object_id)
        if slug is None:
            continue
        url = slug_url("articles:article_detail", slug)
        if record.old_path:
            plan.add(record.old_path, url)
            plan.add(f"{record.old_path.partition('?')[0].rstrip('/')}/feed/", url)
        plan.add(f"/?p={record.wp_key}", url)
        for old_slug in record.data.get("old_slugs", []):
            if record.old_path and "?" not in record.old_path:
                plan.add(_with_slug(record.old_path, old_slug), url)

    pages = {
        p.pk: p
        for p in Page.objects.published().filter(
            pk__in=[r.object_id for r in by_kind.get(Kind.PAGE, [])]
        )
    }
    for record in by_kind.get(Kind.PAGE, []):
        page = pages.get(record.object_id)
        if page is None:
            continue
        url = page.get_absolute_url()
        if record.old_path:
            plan.add(record.old_path, url)
        plan.add(f"/?page_id={record.wp_key}", url)
        plan.add(f"/?p={record.wp_key}", url)

    images = {
        i.pk: i
        for i in Image.objects.filter(
            pk__in=[r.object_id for r in by_kind.get(Kind.ATTACHMENT, [])]
        )
    }
    for record in by_kind.get(Kind.ATTACHMENT, []):
        image = images.get(record.object_id or 0)
        if image is None or not image.file:
            continue
        if record.old_path:
            plan.add(record.old_path, image.file.url)
        plan.add(f"/?attachment_id={record.wp_key}", image.file.url)
    for post_id, path in state.old_paths.items():
        image_id = state.image_ids.get(post_id)
        if image_id in images and "/wp-content/uploads/" in path:
            plan.add(path, images[image_id].file.url)
    # The file's own address, which pages elsewhere show and link to, when
    # the attachment's link is its page (`/2024/03/story/market/`).
    for path, image_id in state.image_paths.items():
        if image_id in images and "/wp-content/uploads/" in path:
            plan.add(path, images[image_id].file.url)

    _archives(state, plan, by_kind)
    plan.add("/feed/rss2/", reverse("articles:feed"))
    plan.add("/comments/feed/", reverse("articles:feed"))
    plan.add("/?feed=rss2", reverse("articles:feed"))
    plan.add("/?feed=atom", reverse("articles:feed_atom"))
    added = plan.save()
    if added:
        state.report.count("redirect", "created", added)
    else:
        state.report.count("redirect", "unchanged", len(plan.existing))


def _category_path(state: ImportState, slug: str) -> str:
    # WordPress writes a child category's address under its parents':
    # /category/news/shirak/.
    parts, seen = [slug], {slug}
    term = state.terms.get(("category", slug))
    while term is not None and term.parent and term.parent not in seen:
        parts.insert(0, term.parent)
        seen.add(term.parent)
        term = state.terms.get(("category", term.parent))
    return "/category/" + "/".join(parts) + "/"


def _term_ids(state: ImportState) -> dict[str, dict[str, int]]:
    # {taxonomy: {decoded slug: WordPress term id}}. Records are keyed on a
    # tag's decoded slug, the file's terms on the slug as written (Armenian
    # percent-encoded, in either case).
    found: dict[str, dict[str, int]] = {"category": {}, "post_tag": {}}
    for (taxonomy, slug), term in state.terms.items():
        if taxonomy in found and term.term_id:
            found[taxonomy][decoded_slug(slug)] = term.term_id
    return found


def _category_archive(
    state: ImportState, plan: _Plan, category: str, view: str, slug: str, term_ids: dict[str, int]
) -> None:
    # Every address WordPress gave a category's archive, and its feed, to
    # the page (`view`: "section" or "tag") with `slug` here.
    url = slug_url(f"articles:{view}_detail", slug)
    feed = slug_url(f"articles:{view}_feed", slug)
    for path in {_category_path(state, category), f"/category/{category}/"}:
        plan.add(path, url)
        plan.add(f"{path}feed/", feed)
    plan.add(f"/?category_name={category}", url)
    if term_id := term_ids.get(decoded_slug(category)):
        plan.add(f"/?cat={term_id}", url)


def _archives(state: ImportState, plan: _Plan, by_kind: dict[str, list[WordPressItem]]) -> None:
    term_ids = _term_ids(state)
    sections = dict(
        Section.objects.filter(
            pk__in=[r.object_id for r in by_kind.get(Kind.CATEGORY, [])]
        ).values_list("pk", "slug")
    )
    for record in by_kind.get(Kind.CATEGORY, []):
        slug = sections.get(record.object_id or 0)
        if slug is None:
            continue
        _category_archive(state, plan, record.wp_key, "section", slug, term_ids["category"])
    section_slugs = {r.wp_key for r in by_kind.get(Kind.CATEGORY, []) if r.object_id in sections}
    as_tags = [r for r in by_kind.get(Kind.CATEGORY_TAG, []) if r.wp_key not in section_slugs]
    tags = dict(
        Tag.objects.filter(
            pk__in=[r.object_id for r in [*by_kind.get(Kind.TAG, []), *as_tags]]
        ).values_list("pk", "slug")
    )
    # A category that is no story's section: its archive is its tag's page.
    for record in as_tags:
        slug = tags.get(record.object_id or 0)
        if slug is None:
            continue
        _category_archive(state, plan, record.wp_key, "tag", slug, term_ids["category"])
    for record in by_kind.get(Kind.TAG, []):
        slug = tags.get(record.object_id)
        if slug is None:
            continue
        url = slug_url("articles:tag_detail", slug)
        plan.add(f"/tag/{record.wp_key}/", url)
        plan.add(f"/tag/{record.wp_key}/feed/", slug_url("articles:tag_feed", slug))
        plan.add(f"/?tag={record.wp_key}", url)
        term_id = term_ids["post_tag"].get(record.wp_key)
        if term_id:
            plan.add(f"/?tag_id={term_id}", url)
    authors = dict(
        Author.objects.filter(
            pk__in=[r.object_id for r in by_kind.get(Kind.AUTHOR, [])]
        ).values_list("pk", "slug")
    )
    for record in by_kind.get(Kind.AUTHOR, []):
        slug = authors.get(record.object_id)
        if slug is None:
            continue
        url = slug_url("articles:author_detail", slug)
        plan.add(f"/author/{record.wp_key}/", url)
        plan.add(f"/author/{record.wp_key}/feed/", slug_url("articles:author_feed", slug))
        author = state.authors.get(record.wp_key)
        if author is not None and author.author_id:
            plan.add(f"/?author={author.author_id}", url)
