"""Shared fixtures: personas and factories for stories and sources."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from itertools import count

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Quote, Section, Source
from newsletter.models import NewsletterList, SignupBlock

_serial = count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded images from tests never land in the developer's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache outlives each test's database rollback: start clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    """A staff member with every permission, as the newsroom's admin."""
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def jpeg_bytes(size: tuple[int, int] = (120, 80), colour: str = "#336699") -> bytes:
    """Return a small real JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def image_upload(name: str = "hero.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


@pytest.fixture
def make_source(db) -> Callable[..., Source]:
    def make(name: str | None = None, **fields) -> Source:
        name = name or f"Source {next(_serial)}"
        return Source.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_article(db, make_source) -> Callable[..., Article]:
    """Create a story; live (published an hour ago) unless told otherwise.

    `quotes=N` adds N quotes, each from a different speaker through a
    different outlet; `tags=N` adds N tags; `paragraphs=N` writes the body.
    """

    def make(
        headline: str | None = None,
        *,
        quotes: int = 0,
        tags: int | list[str] = 0,
        paragraphs: int = 5,
        **fields,
    ) -> Article:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        if "body" not in fields:
            fields["body"] = "".join(
                f"<p>Paragraph {n} of the story.</p>" for n in range(1, paragraphs + 1)
            )
        article = Article.objects.create(
            headline=headline or f"Story number {next(_serial)}", **fields
        )
        tag_names = tags if isinstance(tags, list) else [f"Topic {n}" for n in range(tags)]
        if tag_names:
            article.tags.set(tag_names)
        for n in range(quotes):
            Quote.objects.create(
                article=article,
                speaker=make_source(f"Speaker {next(_serial)}", role="Minister"),
                via=make_source(f"Outlet {next(_serial)}", kind=Source.Kind.OUTLET),
                text=f"Words number {n}.",
                position=n + 1,
                is_pull_quote=n == 0,
                order=n,
            )
        return article

    return make


@pytest.fixture
def section(db) -> Section:
    return Section.objects.create(name="Armenia", slug="armenia")


@pytest.fixture
def newsletter(db) -> NewsletterList:
    return NewsletterList.objects.create(name="Weekly", slug="weekly")


@pytest.fixture
def signup_block(newsletter) -> SignupBlock:
    return SignupBlock.objects.create(
        name="In stories",
        newsletter=newsletter,
        heading="Get the Mirror in your inbox",
        blurb="Our stories every Friday, free.",
        button_label="Sign me up",
    )
