"""Shared fixtures: personas and factories for stories and sources."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from datetime import timedelta
from itertools import count

import pytest
from django.core.cache import cache
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from hypothesis import settings as hypothesis_settings
from PIL import Image

from articles.models import Article, Quote, Section, Source
from articles.models import Image as LibraryImage
from newsletter.models import Issue, IssueItem, NewsletterList, SignupBlock, Subscriber
from pagecache import state
from tests.support.clock import Clock
from tests.support.demo_site import load_demo_site
from tests.support.smtp_sink import SmtpSink

_serial = count(1)

# Background jobs run at once, in the test's own process and transaction, as
# Huey's docs advise for tests: a test sees what a job did as soon as it was
# asked for. Tests of the worker itself start a real one (tests/support/worker.py).
HUEY.immediate = True

# Property tests (Hypothesis) render every page of each example: a few dozen
# examples keep them to seconds, and no deadline, since the first request
# of a run compiles templates and may take far longer than the rest. On CI
# the examples are derived from each test's source (the same every run), so
# a failure there is reproduced by running the test again, and no example
# database is written into the fresh clone.
hypothesis_settings.register_profile("dev", max_examples=30, deadline=None)
hypothesis_settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None, print_blob=True
)
# A longer hunt for new counterexamples: HYPOTHESIS_PROFILE=thorough.
hypothesis_settings.register_profile("thorough", max_examples=500, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    # Uploaded images from tests never land in the developer's media folder.
    # Tests on the shared demo site keep its folder, where its photos are.
    if "demo_site" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing the personas' passwords with the production hasher took a large
    # part of the suite's time; what is tested here is who may log in, not
    # how hard a stolen hash is to crack (the production setting is unchanged).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback that the site sends through (tests/support/smtp_sink.py)."""
    sink = SmtpSink().start()
    for name, value in sink.settings().items():
        setattr(settings, name, value)
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture(autouse=True)
def _no_jobs_left_over():
    # Retries a test left waiting must not run in the next one.
    HUEY.storage.flush_all()
    yield
    HUEY.storage.flush_all()


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache and the sign-up rate limits outlive each test's
    # database rollback: every test starts with an empty cache.
    cache.clear()
    state.forget_local_copies()
    yield
    cache.clear()
    state.forget_local_copies()


@pytest.fixture
def clock():
    """The one way to set the time in a test (never patch `timezone.now`, `time.time`...).

    `clock.move_to(when)` makes it `when` (an aware datetime) and lets time
    run on from there; `clock.move_to(when, tick=False)` stops it there.
    `clock.shift(timedelta(days=8))` moves it on by that much (from the
    real time if it was not set yet). Every clock follows, wherever it is
    read: `timezone.now()`, `datetime.now()`, `time.time()` (the page
    cache's go-live check, signing's token age, the locmem cache's expiry)
    and `time.monotonic()` (the per-content-version memo). The real clock
    is back when the test ends. tests/support/clock.py says how, and
    tests/test_clock.py refuses hand patches of the clock.
    """
    test_clock = Clock()
    try:
        yield test_clock
    finally:
        test_clock.stop()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo site once for a test module; each test's changes roll back.

    The rows are made in a transaction left open for the module, so each
    test's own transaction is a savepoint inside it, as with Django's
    `TestCase.setUpTestData`; the demo's photos live in a folder of their
    own. Tests using it must not need a durable transaction (sending).
    """
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            load_demo_site()
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        media.disable()


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


GPS_IFD = 0x8825
ORIENTATION = 0x0112
RANDOM_NAME = re.compile(r"^images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|gif|webp)$")


def photo_with_gps(size=(120, 80), *, orientation: int | None = None, fmt="JPEG") -> bytes:
    """Return a photo carrying the camera, the owner and a GPS position."""
    image = Image.new("RGB", size, "#336699")
    exif = image.getexif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x013B] = "Photographer Name"  # Artist
    exif[GPS_IFD] = {1: "N", 2: (40.0, 10.0, 30.0), 3: "E", 4: (44.0, 30.0, 15.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


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
    different outlet; `tags=N` adds N tags; `paragraphs=N` writes the body;
    `photo=upload` puts the upload in the library as the story's hero.
    """

    def make(
        headline: str | None = None,
        *,
        quotes: int = 0,
        tags: int | list[str] = 0,
        paragraphs: int = 5,
        photo: File | None = None,
        **fields,
    ) -> Article:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        if "body" not in fields:
            fields["body"] = "".join(
                f"<p>Paragraph {n} of the story.</p>" for n in range(1, paragraphs + 1)
            )
        headline = headline or f"Story number {next(_serial)}"
        if photo is not None:
            # A photo of the story's own: into the library, as the admin does.
            fields["hero"] = LibraryImage(title=headline)
            fields["hero"].file.save(photo.name, photo, save=False)
            fields["hero"].save()
        article = Article.objects.create(headline=headline, **fields)
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
def make_image(db) -> Callable[..., LibraryImage]:
    """Create a library image: a real JPEG `size` pixels, with its words."""

    def make(title: str | None = None, *, size: tuple[int, int] = (900, 600), **fields):
        serial = next(_serial)
        fields.setdefault("caption", f"Caption of picture {serial}.")
        fields.setdefault("credit", f"Photographer {serial}")
        fields.setdefault("alt_text", f"What picture {serial} shows")
        return LibraryImage.objects.create(
            file=image_upload(f"picture-{serial}.jpg", size=size),
            title=title or f"Picture {serial}",
            **fields,
        )

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


# Newsletter -----------------------------------------------------------------


@pytest.fixture
def make_subscriber(newsletter) -> Callable[..., Subscriber]:
    """Create a subscriber of the Weekly list; confirmed unless told otherwise."""

    def make(email: str | None = None, **fields) -> Subscriber:
        fields.setdefault("newsletter", newsletter)
        fields.setdefault("status", Subscriber.Status.CONFIRMED)
        return Subscriber.objects.create(
            email=email or f"reader{next(_serial)}@example.com", **fields
        )

    return make


@pytest.fixture
def make_issue(newsletter, make_article) -> Callable[..., Issue]:
    """Create an issue of the Weekly list, ready to send, with `stories` live stories."""

    def make(stories: int = 2, **fields) -> Issue:
        fields.setdefault("newsletter", newsletter)
        fields.setdefault("status", Issue.Status.READY)
        fields.setdefault("subject", "The week in the Mirror")
        fields.setdefault("preheader", "Three stories worth your coffee")
        issue = Issue.objects.create(**fields)
        for order in range(stories):
            article = make_article(dek=f"The dek of story {order}.")
            IssueItem.objects.create(issue=issue, article=article, order=order)
        return issue

    return make


@pytest.fixture
def make_member(db, django_user_model):
    """Create a staff user in one of the newsroom's groups (made by a migration)."""
    from django.contrib.auth.models import Group

    from tests.support.groups import ensure_newsroom_groups

    ensure_newsroom_groups()

    def make(group: str, username: str | None = None):
        user = django_user_model.objects.create_user(
            username or f"{group.split()[0].lower()}{next(_serial)}", password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def contributor(make_member):
    return make_member("Contributors", "contributor")


@pytest.fixture
def desk_editor(make_member):
    """A member of the Editors group (not a superuser)."""
    return make_member("Editors", "desk")
