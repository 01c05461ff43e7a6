"""Fill a fresh database with demo stories, pictures, sources, a sign-up block,
site pages, readers' comments and an admin."""

from __future__ import annotations

import io
import os
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from PIL import Image, ImageDraw
from simple_history.utils import bulk_create_with_history

from articles.media.models import Document
from articles.models import Article, Quote, Section, Source
from articles.models import Image as LibraryImage
from authors.models import Author, AuthorLink, Byline
from newsletter.models import NewsletterList, SignupBlock
from pagecache.signals import pages_changed

from ..demo import authors as demo_authors
from ..demo import stories as demo_content
from ..demo.comments import load_comments_demo
from ..demo.newsletter import load_newsletter_demo
from ..demo.pages import load_pages_demo
from ..demo.stories import place_pictures

DEMO_ADMIN_USERNAME = "admin"


def demo_photo(colours: tuple[str, str], *, size: tuple[int, int] = (1600, 1000)) -> ContentFile:
    """Draw a simple abstract picture (hills under a sky) as a JPEG file."""
    dark, light = colours
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    width, height = size
    for i in range(5):
        top = height * (0.45 + i * 0.1)
        draw.polygon(
            [
                (0, height),
                (0, top),
                (width * 0.3, top - height * 0.12),
                (width * 0.65, top + height * 0.04),
                (width, top - height * 0.08),
                (width, height),
            ],
            fill=_mix(dark, light, 0.35 + i * 0.15),
        )
    draw.ellipse((width * 0.72, height * 0.1, width * 0.84, height * 0.29), fill=dark)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue())


def demo_pdf(lines: list[str]) -> ContentFile:
    """Draw a one-page PDF (an A4 page at 72 dpi) with `lines` written on it."""
    page = Image.new("RGB", (595, 842), "#ffffff")
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((60, 80 + number * 40), line, fill="#1b1b1b", font_size=22 if number else 28)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=72)
    return ContentFile(buffer.getvalue())


def _mix(dark: str, light: str, amount: float) -> tuple[int, int, int]:
    a = [int(dark[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(light[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(x * amount + y * (1 - amount)) for x, y in zip(a, b, strict=True))


class Command(BaseCommand):
    help = (
        "Load demo stories, sources, quotes, tags, a sign-up block, site pages "
        "and a local admin user."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create the local admin user."
        )

    def handle(self, *args, no_admin: bool = False, **options) -> None:
        with transaction.atomic():
            created = self._load_content()
        self.stdout.write(
            ngettext(
                "Demo content: %(new)d new story, %(total)d in all.",
                "Demo content: %(new)d new stories, %(total)d in all.",
                created,
            )
            % {"new": created, "total": Article.objects.count()}
        )
        if not no_admin:
            self._ensure_admin()

    def _load_content(self) -> int:
        sections = {}
        for name, slug, description, order in demo_content.SECTIONS:
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "order": order}
            )
        sources: dict[str, Source] = {}
        for name, kind, role, affiliation, aliases in demo_content.SOURCES:
            sources[name], _ = Source.objects.get_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "role": role,
                    "affiliation": sources.get(affiliation),
                    "aliases": "\n".join(aliases),
                },
            )
        newsletter, _ = NewsletterList.objects.get_or_create(
            slug=demo_content.NEWSLETTER["slug"], defaults=demo_content.NEWSLETTER
        )
        SignupBlock.objects.get_or_create(
            name=demo_content.SIGNUP_BLOCK["name"],
            defaults={**demo_content.SIGNUP_BLOCK, "newsletter": newsletter},
        )
        documents = self._load_documents()
        pictures = self._load_pictures()
        authors = self._load_authors()
        now = timezone.now()
        created = 0
        for story in demo_content.STORIES:
            if Article.objects.filter(headline=story.headline).exists():
                continue
            article = Article(
                headline=story.headline,
                dek=story.dek,
                byline=story.byline,
                dateline=story.dateline,
                credit=sources.get(story.credit),
                hero_caption=story.caption,
                hero_credit=story.photo_credit,
                hero_alt=story.alt,
                body=_with_document_urls(place_pictures(story.body.strip(), pictures), documents),
                section=sections[story.section],
                status=story.status,
                publish_at=None
                if story.status == "draft"
                else now - timedelta(hours=story.hours_ago),
                is_featured=story.featured,
            )
            if story.caption:
                photo = demo_photo(story.colours)
                photo.name = f"{story.section}-demo.jpg"
                article.hero_from_upload(photo)
            article.save()
            article.tags.set(story.tags)
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[name], position=position)
                for position, name in enumerate(story.authors)
            )
            bulk_create_with_history(
                [
                    Quote(
                        article=article,
                        speaker=sources[quote.speaker],
                        via=sources.get(quote.via),
                        text=quote.text,
                        position=quote.position,
                        is_pull_quote=quote.is_pull_quote,
                        order=order,
                    )
                    for order, quote in enumerate(story.quotes)
                ],
                Quote,
            )
            # bulk_create sends no signals.
            pages_changed(Quote)
            pages_changed(Byline)
            created += 1
        load_newsletter_demo(newsletter)
        load_pages_demo(pictures)
        load_comments_demo()
        return created

    def _load_documents(self) -> dict[str, Document]:
        documents = {}
        for key, title, lines in demo_content.DOCUMENTS:
            document = Document.objects.filter(title=title).first()
            if document is None:
                document = Document(title=title)
                document.file.save(f"{key}.pdf", demo_pdf(lines), save=False)
                document.save()
            documents[key] = document
        return documents

    def _load_pictures(self) -> dict[str, int]:
        """Fill the media library; return each demo picture's library number by key."""
        numbers = {}
        for picture in demo_content.PICTURES:
            image = LibraryImage.objects.filter(title=picture.title).first()
            if image is None:
                image = LibraryImage(
                    title=picture.title,
                    caption=picture.caption,
                    credit=picture.credit,
                    alt_text=picture.alt,
                )
                image.file.save(
                    f"{picture.key}.jpg", demo_photo(picture.colours, size=(1200, 800)), save=False
                )
                image.save()
            numbers[picture.key] = image.pk
        return numbers

    def _load_authors(self) -> dict[str, Author]:
        authors: dict[str, Author] = {}
        for name, kind, role, bio, links in demo_authors.AUTHORS:
            author, made = Author.objects.get_or_create(
                name=name, defaults={"kind": kind, "role": role, "bio": bio}
            )
            if made:
                for order, (label, url) in enumerate(links):
                    AuthorLink.objects.create(author=author, label=label, url=url, order=order)
            authors[name] = author
        return authors

    def _ensure_admin(self) -> None:
        User = get_user_model()
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "newsroom-demo")
        user, created = User.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin login for local use: {settings.SITE_URL}/admin/  "
                    f"user {DEMO_ADMIN_USERNAME!r}, password {password!r}"
                )
            )
        else:
            self.stdout.write(
                f"Admin login for local use: {settings.SITE_URL}/admin/  "
                f"user {DEMO_ADMIN_USERNAME!r} (exists; its password was left as it was, "
                f"first set to {password!r})"
            )


def _with_document_urls(body: str, documents: dict[str, Document]) -> str:
    # A story links a library document by its file's address, which the
    # upload gives: {document:key} in the demo text stands for it.
    for key, document in documents.items():
        body = body.replace(f"{{document:{key}}}", document.file.url)
    return body
