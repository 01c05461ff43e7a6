"""The moderators' digest: the comments waiting, e-mailed at most hourly.

`send_comment_digest()` is a plain function so any scheduler can run it:
the background-job worker's quarter-hourly check (`tasks.py`) and the
`send_comment_digest` command. It keeps the "at most every
COMMENTS_DIGEST_INTERVAL" rule itself, so running it more often is safe.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .emails import send_digest
from .models import Comment, DigestRun

# Comments named in one digest; the rest are counted.
DIGEST_COMMENTS = 20


def moderator_addresses() -> list[str]:
    """Return the addresses of active staff who may moderate comments."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    may = (
        Q(is_superuser=True)
        | Q(
            groups__permissions__codename="change_comment",
            groups__permissions__content_type__app_label="comments",
        )
        | Q(
            user_permissions__codename="change_comment",
            user_permissions__content_type__app_label="comments",
        )
    )
    return sorted(set(users.filter(may).values_list("email", flat=True)))


def send_comment_digest() -> int:
    """E-mail moderators the pending comments; return how many were pending.

    Sends nothing (and returns 0) when the last digest went out less than
    COMMENTS_DIGEST_INTERVAL seconds ago, when nothing is pending, or when
    no moderator has an address. Comments whose address is not confirmed
    yet are left out: they may never be confirmed.
    """
    now = timezone.now()
    last = DigestRun.objects.order_by("-sent_at").first()
    if last and now - last.sent_at < timedelta(seconds=settings.COMMENTS_DIGEST_INTERVAL):
        return 0
    pending = Comment.objects.pending().filter(commenter__confirmed_at__isnull=False)
    count = pending.count()
    to = moderator_addresses()
    if not count or not to:
        return 0
    newest = list(pending.select_related("article").order_by("-created_at")[:DIGEST_COMMENTS])
    send_digest(newest, count, to)
    DigestRun.objects.create(sent_at=now, pending=count)
    return count
