"""The demo site as a reader and an editor find it, for the walks over it.

`load_demo_site()` runs `load_demo`, then adds what the demo lacks and
the walks need: names outside ASCII (a tag in Armenian, a Turkish tag and
source, as the paper writes them every day), a story that moved to a new
address, a correction, and one row of each admin model that the demo
leaves empty, so every change page in the admin is opened at least once.
"""

from __future__ import annotations

from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Correction, Document, Quote, Source
from comments.models import BlockedAddress, ModerationWord, address_hash
from jobs.models import Job
from newsletter.models import (
    BlockedDomain,
    Delivery,
    Issue,
    IssueItem,
    IssueLink,
    LinkClick,
    Subscriber,
)
from newsroom.site import absolute_url
from redirects.models import Redirect
from tests.support.groups import ensure_newsroom_groups
from wordpress.models import WordPressImport

# Tags whose names once made every story page a NoReverseMatch and their
# sitemap addresses 404s.
NON_ASCII_TAGS = ["Երևան", "kemal-aydoğan"]
NON_ASCII_SOURCE = "Kemal Aydoğan"
# The slug a demo story is moved from, so its old address redirects.
FORMER_SLUG = "old-address-of-a-demo-story"


# A one-page PDF with no text: enough for a library document.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load_demo_site() -> None:
    """Load the demo content, then the rows the walks need on top of it."""
    ensure_newsroom_groups()
    call_command("load_demo", "--no-admin", stdout=StringIO())
    story, moved = Article.objects.live().filter(hero__isnull=False)[:2]
    story.tags.add(*NON_ASCII_TAGS)
    Quote.objects.create(
        article=story,
        speaker=Source.objects.create(name=NON_ASCII_SOURCE, role="Fisherman"),
        text="The lake gave us more fish this year than in the last ten.",
        order=story.quotes.count(),
    )
    Correction.objects.create(
        article=story, text="An earlier version gave the wrong year for the mill's closing."
    )
    # A story readers could follow at its old slug keeps that slug as a
    # former address (FormerAddress) once it moves.
    new_slug = moved.slug
    moved.slug = FORMER_SLUG
    moved.save(update_fields=["slug"])
    moved.slug = new_slug
    moved.save(update_fields=["slug"])
    BlockedDomain.objects.create(domain="mailinator.com", note="Throwaway addresses")
    # The comment moderators' lists: a word in Armenian, a banned address
    # (kept hashed) and a domain.
    ModerationWord.objects.create(word="խաբեություն", action=ModerationWord.Action.HOLD)
    BlockedAddress.objects.create(email_hash=address_hash("troll@example.net"), note="Banned")
    BlockedAddress.objects.create(domain="spam.example", note="Link spam")
    if not Document.objects.exists():
        document = Document(title="Council budget, 2027 (PDF)")
        document.file.save("budget.pdf", ContentFile(MINIMAL_PDF), save=False)
        document.save()
    Delivery.objects.create(
        issue=Issue.objects.first(),
        subscriber=Subscriber.objects.first(),
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
    )
    _sent_issue_with_a_click()
    Job.objects.create(
        task_id="0f3c9a8e-demo",
        name="send_issue_batch",
        arguments="3",
        state=Job.State.FAILED,
        attempts=4,
        error=(
            "Traceback (most recent call last):\n"
            "ConnectionRefusedError: [Errno 111] Connection refused"
        ),
    )
    # An address from the old site, as the WordPress import leaves them.
    Redirect.objects.add("/?p=1", moved.get_absolute_url(), source="CSV")
    Redirect.objects.add("/2019/05/an-old-wordpress-address/", moved.get_absolute_url())
    WordPressImport.objects.create(
        export="exports/2026/12/demo-export.xml",
        state=WordPressImport.State.DONE,
        report={"dry_run": True, "counts": {"post": {"created": 2}}, "notes": []},
    )
    login = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "203.0.113.7",
        "username": "desk",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
    }
    AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**login)
    AccessLog.objects.create(**login)


def _sent_issue_with_a_click() -> None:
    """Add a sent issue whose story a reader clicked, for its report page."""
    subscriber = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).first()
    story = Article.objects.live().first()
    if subscriber is None or story is None:
        return
    issue = Issue.objects.create(
        newsletter=subscriber.newsletter,
        subject="Last week in the Mirror",
        status=Issue.Status.SENT,
        sent_at=timezone.now(),
    )
    IssueItem.objects.create(issue=issue, article=story, order=1)
    delivery = Delivery.objects.create(
        issue=issue, subscriber=subscriber, status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    url = absolute_url(story.get_absolute_url())
    link = IssueLink.objects.create(issue=issue, url=url, article=story)
    LinkClick.objects.create(delivery=delivery, link=link)
