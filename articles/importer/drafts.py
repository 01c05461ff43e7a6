"""A parsed story saved as a draft article, in one transaction.

The body is rebuilt from the parsed blocks (paragraphs and subheads; promo
lines become the sign-up block placement), speakers and outlets are matched
to sources or created, a byline naming people ("By Talin Mardirossian")
puts authors on the story, found by name or made, and the text's
fingerprint is kept so the same copy is never imported twice. Either
everything is saved or nothing is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from authors.models import Author, Byline
from authors.names import BylineName, split_byline
from pagecache.signals import pages_changed

from ..models import Article, Quote, Source
from .matching import SourceBook, SourceMatch, match_tags, normalize_name
from .story import ParsedStory


class DuplicateImport(Exception):
    """The text was imported before; `article` holds it."""

    def __init__(self, article: Article) -> None:
        self.article = article
        super().__init__(
            f"This story was already imported as “{article.headline}” (#{article.pk})."
        )


@dataclass
class ImportResult:
    """What an import found and, unless it was a dry run, saved."""

    parsed: ParsedStory
    article: Article | None = None
    # One entry per parsed quote; None where the story names no speaker or outlet.
    speakers: list[SourceMatch | None] = field(default_factory=list)
    outlets: list[SourceMatch | None] = field(default_factory=list)
    credit: SourceMatch | None = None
    tags: list[str] = field(default_factory=list)
    # Filled by a dry run only: a real import raises DuplicateImport instead.
    duplicate_of: Article | None = None

    @property
    def new_sources(self) -> list[SourceMatch]:
        """Return the distinct sources this import creates (or would create)."""
        found = [self.credit, *self.speakers, *self.outlets]
        unique: dict[str, SourceMatch] = {}
        for match in found:
            if match and match.is_new:
                unique.setdefault(normalize_name(match.name), match)
        return list(unique.values())


def fingerprint(text: str) -> str:
    """Return a hash of the text that ignores spacing and Unicode forms."""
    normal = unicodedata.normalize("NFC", text)
    normal = re.sub(r"\s+", " ", normal).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()


def find_duplicate(text: str) -> Article | None:
    """Return the article already imported from this text, if any."""
    return Article.objects.filter(import_fingerprint=fingerprint(text)).first()


def body_html(parsed: ParsedStory) -> str:
    """Rebuild the body: paragraphs as <p>, subheads as <h2>; promo lines go."""
    parts = []
    for block in parsed.blocks:
        if block.kind == "paragraph":
            parts.append(f"<p>{escape(block.text, quote=False)}</p>")
        elif block.kind == "subhead":
            parts.append(f"<h2>{escape(block.text, quote=False)}</h2>")
    return "\n".join(parts)


def signup_placement(parsed: ParsedStory) -> tuple[str, int | None]:
    """Place the sign-up blocks where the copy had its promo lines.

    A promo line inside the story becomes "after paragraph N"; promo lines
    only at the end leave just the end block; none keeps the default.
    """
    paragraphs = 0
    for block in parsed.blocks:
        if block.kind == "paragraph":
            paragraphs += 1
        elif block.kind == "promo" and 0 < paragraphs < len(parsed.paragraphs):
            return Article.SignupPlacement.AFTER_PARAGRAPH, paragraphs
    if parsed.promo_lines:
        return Article.SignupPlacement.END_ONLY, None
    return Article.SignupPlacement.DEFAULT, None


def match_sources(parsed: ParsedStory, book: SourceBook | None = None) -> ImportResult:
    """Match the story's credit, speakers and outlets to sources, saving nothing."""
    book = book or SourceBook.load()
    result = ImportResult(parsed=parsed, tags=match_tags(parsed.tags_suggested))
    if parsed.credit:
        result.credit = book.match(parsed.credit, "outlet")
    for quote in parsed.quotes:
        speaker = None
        if quote.speaker:
            kind = quote.speaker_kind or "person"
            speaker = book.match(quote.speaker, kind, quote.speaker_role or "")
        result.speakers.append(speaker)
        result.outlets.append(book.match(quote.via, "outlet") if quote.via else None)
    return result


def source_for(match: SourceMatch, book: SourceBook) -> Source:
    """Return the match's source, creating it (once per import) when it is new."""
    if match.source is None:
        existing = book.find(match.name)
        if existing is None:
            existing = Source.objects.create(
                name=match.name[:200], kind=match.kind, role=match.role[:200]
            )
            book.add(existing)
            match.created = True
        match.source = existing
    return match.source


def _people_named(byline: str) -> list[BylineName]:
    # Outlets the newsroom knows are credits, not people ("By Reuters").
    if not byline:
        return []
    outlets: list[str] = []
    for name, aliases in Source.objects.filter(kind=Source.Kind.OUTLET).values_list(
        "name", "aliases"
    ):
        outlets += [name, *aliases.splitlines()]
    return split_byline(byline, outlets=outlets) or []


def save_draft(
    parsed: ParsedStory, *, text: str, publish: bool = False, book: SourceBook | None = None
) -> ImportResult:
    """Save `parsed` as a draft (or published) article with quotes, sources and tags.

    Raise DuplicateImport, saving nothing, when `text` was imported before.
    """
    book = book or SourceBook.load()
    with transaction.atomic():
        duplicate = find_duplicate(text)
        if duplicate is not None:
            raise DuplicateImport(duplicate)
        result = match_sources(parsed, book)
        placement, after = signup_placement(parsed)
        people = _people_named(parsed.byline or "")
        article = Article(
            headline=parsed.headline,
            # A byline naming people becomes bylines; a credit stays text.
            byline="" if people else (parsed.byline or "")[:200],
            dateline=(parsed.dateline or "")[:100],
            credit=source_for(result.credit, book) if result.credit else None,
            hero_caption=(parsed.caption or "")[:300],
            body=body_html(parsed),
            signup_placement=placement,
            signup_after_paragraph=after,
            import_fingerprint=fingerprint(text),
        )
        article.save()
        if result.tags:
            article.tags.set(result.tags)
        quotes = []
        for order, (found, speaker, outlet) in enumerate(
            zip(parsed.quotes, result.speakers, result.outlets, strict=True)
        ):
            if speaker is None:
                # A quote needs a speaker; the editor adds unattributed ones by hand.
                continue
            quotes.append(
                Quote(
                    article=article,
                    speaker=source_for(speaker, book),
                    via=source_for(outlet, book) if outlet else None,
                    text=found.text,
                    position=found.paragraph + 1,
                    order=order,
                )
            )
        bulk_create_with_history(quotes, Quote)
        Byline.objects.bulk_create(
            Byline(
                article=article,
                author=Author.objects.found_or_made(person.name),
                role=person.role,
                position=position,
            )
            for position, person in enumerate(people)
        )
        # bulk_create sends no signals.
        pages_changed(Quote)
        pages_changed(Byline)
        if publish:
            article.publish()
        result.article = article
    return result
