"""One WordPress item at a time: authors, posts as stories, pages, comments.

Each function takes the run's `ImportState` (`importing.py`), writes the
rows and the item's import record, and tells the report what it did.
An item whose fingerprint is what the last import saw is left alone; a
row an editor changed here since the last import is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.models import Tag

from articles.models import Article, Section, TaggedArticle
from articles.models.slugs import slug_for, unique_slug
from authors.models import Author, Byline
from comments.models import Comment, Commenter, address_hash
from pages.models import PATH_PATTERN, Page, normalise_path, validate_free_path

from .bodies import convert_body
from .models import WordPressItem
from .wxr import WXRAuthor, WXRComment, WXRItem

if TYPE_CHECKING:
    from .importing import ImportState

Kind = WordPressItem.Kind
# WordPress status -> story status; `private` posts were never public.
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_REVIEW,
    "private": Article.Status.DRAFT,
}
COMMENT_STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING}
_YOAST_VARIABLE = re.compile(r"%%(\w+)%%")


def fingerprint(item: WXRItem) -> str:
    """Return a hash of what the export says about `item` (comments aside)."""
    data = [
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.post_name,
        item.creator,
        str(item.date_gmt),
        str(item.modified_gmt),
        item.parent,
        item.attachment_url,
        [(t.domain, t.slug, t.name) for t in item.terms],
        sorted((k, v) for k, v in item.meta.items() if not k.startswith("_edit")),
    ]
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


def decoded_slug(post_name: str) -> str:
    """Return a WordPress slug as letters: `%d5%b0...` is `հ...`, NFKC."""
    return unicodedata.normalize("NFKC", unquote(post_name or "")).strip()


def yoast_text(value: str, item: WXRItem) -> str:
    """Return a Yoast SEO title or description with its `%%variables%%` filled in.

    `%%title%%` and `%%excerpt%%` are the post's; the rest (`%%sep%%`,
    `%%sitename%%`, `%%page%%`) are the site's dressing, which this site
    adds itself, so they go, with the separators left around them.
    """
    fields = {"title": item.title, "excerpt": plain(item.excerpt)}
    text = _YOAST_VARIABLE.sub(lambda match: fields.get(match[1], ""), plain(value))
    return " ".join(text.split()).strip(" -|–—·•:")


def plain(html: str) -> str:
    """Return `html` as one line of plain text."""
    return " ".join(unescape(strip_tags(html or "")).split())


def import_author(state: ImportState, author: WXRAuthor) -> None:
    """Find or make the author of a `wp:author`; record which it is."""
    if not author.login:
        return
    record = state.record(Kind.AUTHOR, author.login)
    found = (
        Author.objects.filter(pk=record.object_id).first() if record and record.object_id else None
    )
    if found is not None:
        state.report.count(Kind.AUTHOR, "unchanged")
    else:
        found = Author.objects.named(author.name).order_by("pk").first()
        action = "matched" if found else "created"
        if found is None:
            found = Author.objects.create(name=author.name[:200], email=author.email[:254])
        elif not found.email and author.email:
            found.email = author.email[:254]
            found.save(update_fields=["email"])
        state.report.count(Kind.AUTHOR, action)
        state.remember(Kind.AUTHOR, author.login, found.pk, title=author.name[:255])
    state.author_ids[author.login] = found.pk


def _author_id(state: ImportState, login: str, name: str = "") -> int | None:
    if login in state.author_ids:
        return state.author_ids[login]
    if not (login or name):
        return None
    # Named on a post but not among the file's authors (Co-Authors Plus
    # guest authors): made once, by name.
    import_author(state, WXRAuthor(login=login or name, display_name=name or login))
    return state.author_ids.get(login or name)


def _bylines(state: ImportState, item: WXRItem) -> list[int]:
    ids = []
    for term in item.terms:
        if term.domain == "author":
            login = term.slug.removeprefix("cap-")
            known = state.authors.get(login) or state.authors.get(term.name)
            ids.append(_author_id(state, known.login if known else login, term.name))
    if not ids and item.creator:
        ids.append(_author_id(state, item.creator))
    return list(dict.fromkeys(i for i in ids if i))


def section_for(state: ImportState, slug: str, name: str) -> int | None:
    """Return the section a WordPress category became, made the first time."""
    if slug in state.section_ids:
        return state.section_ids[slug]
    record = state.record(Kind.CATEGORY, slug)
    if record and record.object_id and Section.objects.filter(pk=record.object_id).exists():
        state.section_ids[slug] = record.object_id
        return record.object_id
    term = state.terms.get(("category", slug))
    name = (term.name if term else name) or slug
    section = Section.objects.filter(name__iexact=name[:80]).first()
    taken_by_other = section is not None and section.pk in state.section_ids.values()
    if section is None or taken_by_other:
        # Sections are one level: a child category named like another
        # section is named with its parent, "News: Shirak".
        parent = state.terms.get(("category", term.parent)) if term and term.parent else None
        if taken_by_other and parent:
            name = f"{parent.name}: {name}"
        if Section.objects.filter(name=name[:80]).exists():
            name = f"{name} ({slug})"
        wanted = slug_for(decoded_slug(slug)) or slug_for(name)
        if not wanted or Section.objects.filter(slug=wanted).exists():
            wanted = unique_slug(Section, wanted or name, max_length=80)
        section = Section.objects.create(name=name[:80], slug=wanted[:80])
        state.report.count(Kind.CATEGORY, "created")
    else:
        state.report.count(Kind.CATEGORY, "matched")
    state.remember(Kind.CATEGORY, slug, section.pk, title=section.name)
    state.section_ids[slug] = section.pk
    return section.pk


def _slug(state: ImportState, item: WXRItem, pk: int | None) -> str:
    wanted = slug_for(decoded_slug(item.post_name))[:255]
    if not wanted:
        return unique_slug(Article, item.title or "untitled")
    if state.article_slugs.get(wanted, pk) != pk:
        return unique_slug(Article, wanted)
    return wanted


def _edited_here(record: WordPressItem, mark: str) -> bool:
    return bool(record.edit_mark) and record.edit_mark != mark


def import_post(state: ImportState, item: WXRItem) -> None:
    """Make or update the story of a WordPress post, then its comments."""
    report = state.report
    status = STATUSES.get(item.status)
    if status is None:
        report.note(Kind.POST, item.post_id, item.title, "skipped", f"status {item.status!r}")
        return
    record = state.record(Kind.POST, item.post_id)
    article = (
        Article.objects.filter(pk=record.object_id).first() if record and record.object_id else None
    )
    print_ = fingerprint(item)
    if article is not None and record is not None:
        if record.fingerprint == print_:
            report.count(Kind.POST, "unchanged")
        elif _edited_here(record, str(article.edit_version)):
            report.note(
                Kind.POST,
                item.post_id,
                item.title,
                "skipped",
                "changed in WordPress, but edited here since the last import: kept as it is here",
            )
        else:
            _save_post(state, item, article, status, print_)
            report.note(Kind.POST, item.post_id, item.title, "updated", "changed in WordPress")
    else:
        article = _save_post(state, item, Article(), status, print_)
        report.count(Kind.POST, "created")
        if item.status == "private":
            report.note(Kind.POST, item.post_id, item.title, "changed", "private: kept as a draft")
    _import_comments(state, item, article)


def _save_post(
    state: ImportState, item: WXRItem, article: Article, status: str, print_: str
) -> Article:
    body = convert_body(item.content, image_for=state.image_for, link_for=state.link_for)
    for name in dict.fromkeys(body.removed_shortcodes):
        state.report.note(Kind.POST, item.post_id, item.title, "changed", f"[{name}] removed")
    for src in body.missing_images:
        state.report.note(
            Kind.POST, item.post_id, item.title, "changed", f"picture not in library: {src}"
        )
    article.headline = (item.title or "Untitled")[:255]
    article.slug = _slug(state, item, article.pk)
    description = yoast_text(item.meta_value("_yoast_wpseo_metadesc"), item)
    article.dek = plain(item.excerpt) or description
    article.search_description = "" if description == article.dek else description[:300]
    seo_title = yoast_text(item.meta_value("_yoast_wpseo_title"), item)
    article.seo_title = "" if seo_title == article.headline else seo_title[:255]
    article.body = body.html
    article.status = status
    article.publish_at = item.date_gmt
    if status == Article.Status.SCHEDULED and article.publish_at is None:
        article.status = Article.Status.DRAFT
    category = next((t for t in item.terms if t.domain == "category"), None)
    article.section_id = section_for(state, category.slug, category.name) if category else None
    hero = item.meta_value("_thumbnail_id")
    article.hero_id = state.image_ids.get(int(hero)) if hero.isdigit() else None
    if hero.isdigit() and article.hero_id is None:
        state.report.note(
            Kind.POST, item.post_id, item.title, "changed", f"featured image {hero} not imported"
        )
    adding = article.pk is None
    article.save()
    state.article_slugs[article.slug] = article.pk
    _set_tags(state, item, article, adding)
    if not adding:
        Byline.objects.filter(article=article).delete()
    state.pending_bylines.extend(
        Byline(article=article, author_id=author_id, position=n)
        for n, author_id in enumerate(_bylines(state, item))
    )
    # The story's own times are WordPress's (written with the other
    # pending rows); the edit mark is what an editor's next save here
    # changes.
    article.created_at = item.date_gmt or timezone.now()
    article.updated_at = item.modified_gmt or article.created_at
    state.pending_times.append(article)
    if "/__wordpress__/" in article.body:
        state.linked_articles.add(article.pk)
    state.remember(
        Kind.POST,
        item.post_id,
        article.pk,
        title=article.headline,
        fingerprint=print_,
        edit_mark=str(article.edit_version),
        old_path=state.old_paths.get(item.post_id, "")[:2000],
        data={"old_slugs": [decoded_slug(s) for s in item.meta.get("_wp_old_slug", []) if s]},
    )
    return article


def _tag_id(state: ImportState, name: str) -> int:
    if name not in state.tag_ids:
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=unique_slug(Tag, name, max_length=100))
        state.tag_ids[name] = tag.pk
    return state.tag_ids[name]


def _set_tags(state: ImportState, item: WXRItem, article: Article, adding: bool) -> None:
    # The links are written with the other pending rows (taggit's set()
    # makes a query or two per tag), with the story's publish time as tag
    # pages order by it.
    wanted: dict[int, None] = {}
    categories = [t for t in item.terms if t.domain == "category"]
    for term in item.terms:
        if not term.name or term.domain not in {"post_tag", "category"}:
            continue
        if term.domain == "category":
            if term is categories[0]:
                continue  # the story's section
            kind, key = Kind.CATEGORY_TAG, term.slug
        else:
            kind, key = Kind.TAG, decoded_slug(term.slug) or term.name
        tag_id = _tag_id(state, term.name[:100])
        wanted[tag_id] = None
        if state.record(kind, key) is None:
            if kind == Kind.TAG:
                # Categories are counted once each, at the end (`_account_for_terms`).
                state.report.count(kind, "created")
            state.remember(kind, key, tag_id, title=term.name[:255])
    if not adding:
        TaggedArticle.objects.filter(content_object=article).delete()
    state.pending_tags.extend(
        TaggedArticle(tag_id=tag_id, content_object=article, publish_at=article.publish_at)
        for tag_id in wanted
    )


def _page_path(item: WXRItem, state: ImportState, pk: int | None) -> str:
    old = (state.old_paths.get(item.post_id) or "").partition("?")[0]
    path = normalise_path(old) if old and old != "/" else ""
    if not path or not PATH_PATTERN.match(path) or len(path) > 200:
        path = normalise_path(slug_for(decoded_slug(item.post_name) or item.title) or "page")
    candidate, n = path, 2
    while True:
        try:
            validate_free_path(candidate)
        except ValidationError:
            candidate = f"{path.rstrip('/')}-page-{n}/"
            n += 1
            continue
        if not Page.objects.filter(url=candidate).exclude(pk=pk).exists():
            return candidate
        candidate = f"{path.rstrip('/')}-{n}/"
        n += 1


def import_page(state: ImportState, item: WXRItem) -> None:
    """Make or update the site page of a WordPress page."""
    report = state.report
    if item.status not in STATUSES:
        report.note(Kind.PAGE, item.post_id, item.title, "skipped", f"status {item.status!r}")
        return
    record = state.record(Kind.PAGE, item.post_id)
    page = Page.objects.filter(pk=record.object_id).first() if record and record.object_id else None
    print_ = fingerprint(item)
    if page is not None and record is not None:
        if record.fingerprint == print_:
            report.count(Kind.PAGE, "unchanged")
            return
        if _edited_here(record, page.updated_at.isoformat()):
            report.note(
                Kind.PAGE,
                item.post_id,
                item.title,
                "skipped",
                "changed in WordPress, but edited here since the last import: kept as it is here",
            )
            return
        report.note(Kind.PAGE, item.post_id, item.title, "updated", "changed in WordPress")
    else:
        page = Page(placement=Page.Placement.NEITHER)
        report.count(Kind.PAGE, "created")
    body = convert_body(item.content, image_for=state.image_for, link_for=state.link_for)
    for name in dict.fromkeys(body.removed_shortcodes):
        report.note(Kind.PAGE, item.post_id, item.title, "changed", f"[{name}] removed")
    page.title = (item.title or "Untitled")[:120]
    page.url = _page_path(item, state, page.pk)
    page.body = body.html
    page.order = min(item.menu_order, 32767)
    page.is_published = item.status == "publish"
    page.save()
    if "/__wordpress__/" in page.body:
        state.linked_pages.add(page.pk)
    state.remember(
        Kind.PAGE,
        item.post_id,
        page.pk,
        title=page.title,
        fingerprint=print_,
        edit_mark=page.updated_at.isoformat(),
        old_path=state.old_paths.get(item.post_id, "")[:2000],
    )


def _import_comments(state: ImportState, item: WXRItem, article: Article) -> None:
    # A story's comments are written in two INSERTs: the top comments of
    # its threads, then the replies, which need their top comment's id.
    tops: dict[int, Comment] = {}
    replies: dict[int, Comment] = {}
    # WordPress comment id -> the top of its thread here: a row of `tops`,
    # or the id of a comment saved before.
    threads: dict[int, Comment | int] = {}
    for comment in sorted(item.comments, key=lambda c: (c.parent != 0, c.comment_id)):
        if comment.comment_id in threads:
            state.report.count(Kind.COMMENT, "unchanged")
            continue
        row = _comment_row(state, article, comment)
        if row is None:
            continue
        # Replies are one level deep here: a reply to a reply joins the thread.
        top = threads.get(comment.parent) if comment.parent else None
        if top is None and comment.parent:
            top = _saved_thread_top(state, comment.parent)
        if top is None:
            tops[comment.comment_id] = threads[comment.comment_id] = row
            continue
        if isinstance(top, Comment):
            row.parent = top
        else:
            row.parent_id = top
        replies[comment.comment_id], threads[comment.comment_id] = row, top
    Comment.objects.bulk_create(tops.values())
    Comment.objects.bulk_create(replies.values())
    for comment in item.comments:
        row = tops.get(comment.comment_id) or replies.get(comment.comment_id)
        if row is None:
            continue
        state.commented_articles.add(article.pk)
        state.thread_of[row.pk] = row.parent_id or row.pk
        state.remember(
            Kind.COMMENT,
            comment.comment_id,
            row.pk,
            title=row.name,
            data={"email": comment.email, "url": comment.url, "post": item.post_id},
        )


def _comment_row(state: ImportState, article: Article, comment: WXRComment) -> Comment | None:
    """Return the unsaved row of a WordPress comment, or None when it is not kept."""
    report = state.report
    if state.record(Kind.COMMENT, comment.comment_id) is not None:
        report.count(Kind.COMMENT, "unchanged")
        return None
    status = COMMENT_STATUSES.get(comment.approved, "")
    if comment.comment_type in {"pingback", "trackback"}:
        why = f"a {comment.comment_type}, not a reader's comment"
    elif not status:
        why = f"marked {comment.approved or 'nothing'!r} in WordPress (spam is dropped)"
    else:
        why = ""
    if why:
        report.note(Kind.COMMENT, comment.comment_id, comment.author, "skipped", why)
        return None
    name = comment.author[:80] or "Anonymous"
    address = comment.email or f"wordpress-{comment.comment_id}@wordpress.invalid"
    email_hash = address_hash(address)
    commenter_id = state.commenter_ids.get(email_hash)
    if commenter_id is None:
        commenter, _ = Commenter.objects.get_or_create(
            email_hash=email_hash, defaults={"name": name}
        )
        commenter_id = state.commenter_ids[email_hash] = commenter.pk
    if status == Comment.Status.APPROVED:
        # Approved on the old site: a known commenter, as confirming makes one.
        state.commenters_to_confirm.add(commenter_id)
    report.count(Kind.COMMENT, "created" if status == Comment.Status.APPROVED else "held")
    return Comment(
        article=article,
        commenter_id=commenter_id,
        name=name,
        body=_comment_text(comment.content),
        status=status,
        created_at=comment.date_gmt or article.publish_at or timezone.now(),
    )


def _saved_thread_top(state: ImportState, parent: int) -> int | None:
    # The parent came in with an earlier import (or earlier in this one).
    record = state.record(Kind.COMMENT, parent)
    if record is None or record.object_id is None:
        return None
    top = state.thread_of.get(record.object_id)
    if top is None:
        row = Comment.objects.filter(pk=record.object_id).only("parent_id").first()
        top = (row.parent_id or row.pk) if row else None
    return top


def _comment_text(html: str) -> str:
    # Comments are plain text here: paragraphs stay as blank lines.
    text = (html or "").replace("\r\n", "\n")
    for tag in ("</p>", "<br>", "<br />", "<br/>"):
        text = text.replace(tag, "\n")
    return unescape(strip_tags(text)).strip()
