"""Known XSS payloads, a story that carries them everywhere, and a checker.

`plant()` puts one payload into every field an editor can set (story, hero
image texts, body, sources, quote, tags, section, correction, list, sign-up
block, newsletter issue, a site page in the menu and footer);
`executable_markup()` reads a page with html.parser and lists anything in
it that a browser would run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

from articles.addresses import tag_url
from articles.models import Article, Correction, Image, Quote, Section, Source
from newsletter.models import Issue, IssueItem, NewsletterList, SignupBlock
from pages.models import Page
from tests.conftest import image_upload

# Each one sets window.__xss when it runs, so the browser test can tell.
PAYLOADS = {
    "script": "<script>window.__xss=1</script>",
    "img-onerror": '<img src=x onerror="window.__xss=1">',
    "javascript-link": '<a href="javascript:window.__xss=1">read more</a>',
    "svg-onload": '<svg onload="window.__xss=1"><circle r="9"/></svg>',
    "attribute-breakout": '"><script>window.__xss=1</script>',
    "single-quote-breakout": "'><img src=x onerror=window.__xss=1>",
    "style-attribute": '<p style="background:url(javascript:window.__xss=1)">styled</p>',
    "iframe": '<iframe src="javascript:window.__xss=1"></iframe>',
    "entity-javascript": '<a href="jav&#x09;ascript&#58;window.__xss=1">x</a>',
    "details-ontoggle": '<details open ontoggle="window.__xss=1"><summary>s</summary></details>',
}

# Tags a page of this site never carries (the admin draws its icons with
# inline SVG), and attributes holding URLs.
_FORBIDDEN_TAGS = {"iframe", "object", "embed", "math", "base", "frame", "frameset"}
_PUBLIC_FORBIDDEN_TAGS = {*_FORBIDDEN_TAGS, "svg"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
# Scripts a browser never runs: structured data (JSON-LD) on public pages.
_DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# What the admin's own <script> elements look like: files, or inert data.
_ADMIN_SCRIPT_TYPES = {"importmap", *_DATA_SCRIPT_TYPES}


@dataclass
class PlantedStory:
    article: Article
    speaker: Source
    outlet: Source
    section: Section
    tag_slug: str
    issue: Issue
    page: Page


def _library_photo(text) -> Image:
    # The library's words for the photo carry the payload too: the story's
    # own words override them on its page, the library's show elsewhere.
    image = Image(
        title=text("picture title"),
        caption=text("library caption"),
        credit=text("library credit"),
        alt_text=text("library alt"),
    )
    image.file.save("photo.jpg", image_upload(), save=False)
    image.save()
    return image


def plant(payload: str, key: str = "") -> PlantedStory:
    """Create a live story with `payload` in every field an editor can set.

    `key` keeps the slugs of several planted stories apart.
    """

    def text(field: str) -> str:
        # The field name keeps values distinct (slugs, unique names).
        return f"{payload} {field}{key}"

    newsletter = NewsletterList.objects.create(
        name=text("list"),
        slug=f"weekly{key}",
        description=text("list description"),
        from_name=text("from")[:100],
    )
    SignupBlock.objects.create(
        name=text("block"),
        newsletter=newsletter,
        heading=text("heading"),
        blurb=text("blurb"),
        button_label=text("button")[:40],
    )
    section = Section.objects.create(
        name=text("section"), slug=f"section{key}", description=text("section description")
    )
    outlet = Source.objects.create(
        name=text("outlet"),
        kind=Source.Kind.OUTLET,
        role=text("outlet role"),
        description=text("outlet description"),
        url="javascript:window.__xss=1",
    )
    speaker = Source.objects.create(
        name=text("speaker"),
        role=text("speaker role"),
        affiliation=outlet,
        description=text("speaker description"),
        url=f"https://example.com/?q={payload}",
    )
    article = Article.objects.create(
        headline=text("headline"),
        dek=text("dek"),
        byline=text("byline"),
        dateline=text("dateline")[:100],
        credit=outlet,
        section=section,
        hero=_library_photo(text),
        hero_caption=text("caption"),
        hero_credit=text("photo credit"),
        hero_alt=text("alt"),
        body=f"<p>First {payload}</p><p>Second</p><p>Third</p>{payload}<p>Fourth</p>",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
        is_featured=True,
    )
    article.tags.set([text("tag")])
    Quote.objects.create(
        article=article, speaker=speaker, via=outlet, text=text("quote"), position=1
    )
    Quote.objects.create(
        article=article, speaker=speaker, text=text("pull quote"), position=2, is_pull_quote=True
    )
    Correction.objects.create(article=article, text=text("correction"))
    issue = Issue.objects.create(
        newsletter=newsletter,
        subject=text("subject")[:150],
        preheader=text("preheader")[:150],
        intro=text("intro"),
    )
    IssueItem.objects.create(issue=issue, article=article, blurb=text("blurb"))
    page = Page.objects.create(
        title=text("page title")[:120],
        url=f"/planted-page{key}/",
        body=f"<p>{payload} page body</p>{payload}",
        placement=Page.Placement.BOTH,
        is_published=True,
    )
    return PlantedStory(article, speaker, outlet, section, article.tags.get().slug, issue, page)


def public_pages(story: PlantedStory) -> dict[str, str]:
    """Return every public page that shows something of the planted story."""
    return {
        "front": "/",
        "article": story.article.get_absolute_url(),
        "tag": tag_url(story.tag_slug),
        "speaker": story.speaker.get_absolute_url(),
        "outlet": story.outlet.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "newsletter": "/newsletter/signup/",
        "corrections": "/corrections/",
        "page": story.page.get_absolute_url(),
    }


# Public pages load script only from the site's own static files.
_OWN_SCRIPTS = "/static/js/"


class _Finder(HTMLParser):
    def __init__(self, *, admin: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.admin = admin
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in (_FORBIDDEN_TAGS if self.admin else _PUBLIC_FORBIDDEN_TAGS):
            self.found.append(f"<{tag}>")
        if tag == "script" and not self._allowed_script(values):
            self.found.append(f"<script {values}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            # Browsers ignore tabs, newlines and case in a URL's scheme.
            scheme = "".join(value.split()).lower()
            if name in _URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and not self.admin:
                self.found.append(f"<{tag} style={value!r}>")

    handle_startendtag = handle_starttag

    def _allowed_script(self, values: dict[str, str]) -> bool:
        kind = values.get("type", "").lower()
        if self.admin:
            return "src" in values or kind in _ADMIN_SCRIPT_TYPES
        # The site's own script files (the view beacon), never inline code.
        return kind in _DATA_SCRIPT_TYPES or values.get("src", "").startswith(_OWN_SCRIPTS)


def executable_markup(html: str, *, admin: bool = False) -> list[str]:
    """Return the elements and attributes in `html` a browser would run.

    Public pages may carry no script but the site's own static files and
    inert JSON data, and no style attribute; admin pages only scripts
    loaded from files, the editor's import map and inert JSON data. A
    payload breaking out of a data block shows up as the markup after it.
    """
    finder = _Finder(admin=admin)
    finder.feed(html)
    finder.close()
    return finder.found
