"""What machines read about a story: JSON-LD, OpenGraph values and ninjs.

Everything here is a pure function of an article loaded with
`Article.objects.for_page()` (quotes, tags, section and credit in memory),
so building it runs no query. Addresses are absolute, from SITE_URL.

- `article_jsonld()`: schema.org `NewsArticle` plus a `BreadcrumbList`
  (search engines, link previews).
- `article_ninjs()`: IPTC ninjs 2.0, the JSON partner sites syndicate.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.addresses import tag_url
from articles.models import Article
from authors.credits import credit_line, story_credits
from authors.models import Author
from authors.names import split_byline
from newsroom.site import absolute_url

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"


def canonical_url(article: Article) -> str:
    """Return the address search engines should index the story under.

    Wire copy points at the original only when the newsroom chose to
    (`canonical_is_original`) and the original's address is known.
    """
    if article.canonical_is_original and article.original_url:
        return article.original_url
    return absolute_url(article.get_absolute_url())


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _publisher() -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {"@type": "ImageObject", "url": absolute_url("/static/img/favicon.svg")},
    }


def _person(author: Author) -> dict[str, Any]:
    person: dict[str, Any] = {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
    }
    if author.role:
        person["jobTitle"] = author.role
    if author.photo_id and author.photo and author.photo.file:
        person["image"] = absolute_url(author.photo.file.url)
    return person


def _text_credit(article: Article, text: str) -> list[dict[str, Any]]:
    # A byline typed as text may still name people ("Ani Avagyan and Mark
    # Dunn"); a credit to no one ("Staff and agencies") is an organisation.
    outlets = [article.credit.name] if article.credit else []
    people = split_byline(text, outlets=outlets)
    if people:
        return [{"@type": "Person", "name": person.name} for person in people]
    return [{"@type": "Organization", "name": text}]


def _authors(article: Article) -> list[dict[str, Any]]:
    # The bylines in order, then the text credit; never `article.author`:
    # that is the staff account that filed the story, whose name or login
    # is not for publishing.
    authors: list[dict[str, Any]] = []
    for credit in story_credits(article):
        if credit.author:
            authors.append(_person(credit.author))
        else:
            authors += _text_credit(article, credit.name)
    if authors:
        return authors
    if article.credit:
        return [{"@type": "Organization", "name": article.credit.name}]
    return [{"@type": "Organization", "name": settings.SITE_NAME}]


def corrections(article: Article) -> list[Any]:
    """Return the story's corrections (prefetched by `for_page()`)."""
    return list(article.corrections.all())


def _image(article: Article) -> dict[str, Any] | None:
    hero = article.hero_placed
    if not hero:
        return None
    photo = hero.image
    image: dict[str, Any] = {"@type": "ImageObject", "url": absolute_url(photo.file.url)}
    if photo.width and photo.height:
        image |= {"width": photo.width, "height": photo.height}
    if hero.caption:
        image["caption"] = hero.caption
    if hero.credit:
        image["creditText"] = hero.credit
    return image


def article_jsonld(article: Article) -> list[dict[str, Any]]:
    """Return the `NewsArticle` and `BreadcrumbList` objects for a story."""
    url = absolute_url(article.get_absolute_url())
    news: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": canonical_url(article),
        "headline": article.headline[:110],
        "description": strip_tags(article.dek) or article.headline,
        "datePublished": _iso(article.publish_at),
        "dateModified": _iso(max(filter(None, [article.updated_at, article.publish_at]))),
        "author": _authors(article),
        "publisher": _publisher(),
        "inLanguage": settings.LANGUAGE_CODE.split("-")[0],
        "keywords": [tag.name for tag in article.tags.all()],
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/ReadAction",
            "userInteractionCount": article.view_count,
        },
    }
    if image := _image(article):
        news["image"] = [image]
    if article.section:
        news["articleSection"] = article.section.name
    if article.dateline:
        news["dateline"] = article.dateline
        news["locationCreated"] = {"@type": "Place", "name": article.dateline.title()}
    if article.credit:
        organisation = {"@type": "NewsMediaOrganization", "name": article.credit.name}
        if article.credit.url:
            organisation["url"] = article.credit.url
        news["sourceOrganization"] = organisation
        news["isBasedOn"] = article.original_url or article.credit.url or None
        if news["isBasedOn"] is None:
            del news["isBasedOn"]
    if fixes := corrections(article):
        news["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": fix.text,
                "datePublished": _iso(fix.created_at),
            }
            for fix in fixes
        ]
    crumbs = [("Front page", absolute_url("/"))]
    if article.section:
        crumbs.append((article.section.name, absolute_url(article.section.get_absolute_url())))
    crumbs.append((article.headline, url))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": item}
            for n, (name, item) in enumerate(crumbs, start=1)
        ],
    }
    return [news, breadcrumbs]


def jsonld_script_body(data: Any) -> SafeString:
    """Serialise `data` for a `<script type="application/ld+json">` element.

    `<`, `>` and `&` are escaped so no headline can close the element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)


def article_ninjs(article: Article) -> dict[str, Any]:
    """Return the story as an IPTC ninjs 2.0 document.

    Partners get the sanitised body, the hero picture, subjects from tags,
    the byline (`by`) with its authors and the people quoted (`people`),
    and the wire credit as the originating source.
    """
    url = absolute_url(article.get_absolute_url())
    credits = story_credits(article)
    document: dict[str, Any] = {
        "$schema": NINJS_SCHEMA,
        "uri": url,
        "type": "text",
        "profile": "newsroom-article",
        "version": str(int(article.updated_at.timestamp())),
        "firstcreated": _iso(article.created_at),
        "versioncreated": _iso(article.updated_at),
        "contentcreated": _iso(article.publish_at),
        "firstpublished": _iso(article.publish_at),
        "pubstatus": "usable",
        "language": settings.LANGUAGE_CODE.split("-")[0],
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": str(article.body_html)}],
        "subjects": [
            {"name": tag.name, "uri": absolute_url(tag_url(tag.slug))} for tag in article.tags.all()
        ],
        "people": [
            {"name": credit.name, "rel": "author", "uri": absolute_url(credit.url)}
            for credit in credits
            if credit.author
        ]
        + [
            {"name": source.name, "rel": "quoted", "uri": absolute_url(source.get_absolute_url())}
            for source in article.speakers()
        ],
        "copyrightholder": article.credit.name if article.credit else settings.SITE_NAME,
        "links": [{"href": canonical_url(article), "rel": "canonical", "mimetype": "text/html"}],
    }
    if article.dek:
        document["descriptions"] = [{"role": "summary", "value": strip_tags(article.dek)}]
    if credits:
        document["by"] = credit_line(credits)
    if article.dateline:
        document["located"] = article.dateline
    if article.section:
        document["genres"] = [{"name": article.section.name}]
    if article.credit:
        source = {"name": article.credit.name, "role": "originator"}
        if article.original_url or article.credit.url:
            source["uri"] = article.original_url or article.credit.url
        document["infosources"] = [source]
    if hero := article.hero_placed:
        photo = hero.image
        picture: dict[str, Any] = {
            "uri": absolute_url(photo.file.url),
            "type": "picture",
            "headlines": [{"value": hero.caption or article.headline}],
            "renditions": {
                "original": {
                    "href": absolute_url(photo.file.url),
                    "width": photo.width,
                    "height": photo.height,
                    "mimetype": "image/jpeg",
                }
            },
        }
        if hero.alt_text:
            picture["descriptions"] = [{"role": "alt", "value": hero.alt_text}]
        if hero.credit:
            picture["by"] = hero.credit
        document["associations"] = {"featureimage": picture}
    if fixes := corrections(article):
        document["ednote"] = " ".join(fix.text for fix in fixes)
    return document
