"""Readers' comments and what moderators keep: commenters, word lists, bans.

A commenter is known by a keyed hash of their address (`address_hash()`),
which is all that matching needs (history, bans, "remove everything from
this address"). The address itself is kept in `CommenterAddress` only
while a confirmation e-mail may have to be sent, and dropped once the
address is confirmed.

The approved-comment count lives on the story (`Article.comment_count`)
and changes only in `CommentQuerySet.set_status()` (and on delete), in the
transaction that moves the comments, with F() expressions, so concurrent
approvals never lose a count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.addresses import id_url
from articles.models import Article
from pagecache.dependencies import touch


def normalize_address(email: str) -> str:
    """Return `email` trimmed and lower-cased, as commenters are matched."""
    return email.strip().lower()


def address_hash(email: str) -> str:
    """Return the keyed hash a commenter's address is matched by."""
    return salted_hmac("comments.address", normalize_address(email)).hexdigest()


def address_domain(email: str) -> str:
    """Return the domain of `email`, lower-cased."""
    return normalize_address(email).rpartition("@")[2]


def page_names(article_ids: Iterable[int]) -> list[str]:
    """Return the page-cache names the comments of these stories are shown under."""
    return [f"comments:{article_id}" for article_id in sorted(set(article_ids))]


class Commenter(models.Model):
    """Someone who commented, known by their address's hash."""

    email_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(max_length=80, help_text="The name last used.")
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self) -> bool:
        """Mark the address confirmed and forget it; tell whether it was not yet."""
        updated = Commenter.objects.filter(pk=self.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        CommenterAddress.objects.filter(commenter_id=self.pk).delete()
        self.refresh_from_db(fields=["confirmed_at"])
        return bool(updated)


class CommenterAddress(models.Model):
    """An address waiting for confirmation: kept only to send it the link."""

    commenter = models.OneToOneField(Commenter, on_delete=models.CASCADE, related_name="address")
    email = models.EmailField(max_length=254)

    def __str__(self) -> str:
        return self.email


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        """Return comments readers see."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        """Return comments waiting for a moderator."""
        return self.filter(status=Comment.Status.PENDING)

    def threads_of(self, article: Article) -> CommentQuerySet:
        """Return the top-level comments shown under `article`, oldest first.

        Approved ones, and removed or held ones that have an approved reply
        (shown as a placeholder, so the replies keep their place).
        """
        replied = Comment.objects.approved().filter(parent=OuterRef("pk"))
        return (
            self.filter(article=article, parent__isnull=True)
            .filter(Q(status=Comment.Status.APPROVED) | Exists(replied))
            .only("article_id", "parent_id", "name", "body", "status", "created_at")
            .order_by("created_at", "pk")
        )

    def set_status(self, status: str, *, by: AbstractBaseUser | AnonymousUser | None = None) -> int:
        """Move these comments to `status`; return how many moved.

        The stories' counts change by what moved into or out of approved,
        in the same transaction, with the moved rows locked: two moderators
        approving at once count each comment once. Their stories' cached
        pages go stale; no other page does.
        """
        with transaction.atomic():
            rows = list(
                Comment.objects.filter(pk__in=list(self.values_list("pk", flat=True)))
                .exclude(status=status)
                .select_for_update()
                .values_list("pk", "article_id", "status")
            )
            if not rows:
                return 0
            Comment.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(
                status=status, moderated_at=timezone.now(), moderated_by=by
            )
            deltas: Counter[int] = Counter()
            for _, article_id, before in rows:
                deltas[article_id] += (status == Comment.Status.APPROVED) - (
                    before == Comment.Status.APPROVED
                )
            for article_id, delta in deltas.items():
                if delta:
                    Article.objects.filter(pk=article_id).update(
                        comment_count=F("comment_count") + delta
                    )
            touch(*page_names(deltas))
        return len(rows)

    def recount(self, article_ids: Iterable[int]) -> None:
        """Count the approved comments of these stories again (fixtures, repairs).

        Not for moderation: under concurrent writers only the deltas of
        `set_status()` stay right.
        """
        ids = sorted(set(article_ids))
        approved = (
            Comment.objects.approved()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # One UPDATE per few hundred stories: an import recounts thousands.
        for start in range(0, len(ids), 500):
            Article.objects.filter(pk__in=ids[start : start + 500]).update(
                comment_count=Coalesce(Subquery(approved), 0)
            )
        touch(*page_names(ids))


class Comment(models.Model):
    """A reader's comment on a story, or a reply to one (one level deep)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    class Reason(models.TextChoices):
        """Why a comment got its status when posted, for moderators."""

        KNOWN = "known", "Address with an approved comment"
        FIRST = "first", "First comment from this address"
        UNCONFIRMED = "unconfirmed", "Address not confirmed yet"
        LINKS = "links", "Too many links"
        WORD = "word", "Word on the moderation list"
        RATE = "rate", "Client over its rate limit"
        BLOCKED_WORD = "blocked-word", "Blocked word"
        SPAM_LINKS = "spam-links", "Far too many links"
        BLOCKED_ADDRESS = "blocked-address", "Blocked address or domain"
        HONEYPOT = "honeypot", "Hidden field filled (a bot)"
        SERVICE_SPAM = "service-spam", "Spam service says spam"
        SERVICE_DOWN = "service-down", "Spam service did not answer"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name="story"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        verbose_name="reply to",
    )
    commenter = models.ForeignKey(Commenter, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(max_length=80)
    body = models.TextField("comment")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["article", "parent", "status", "created_at"], name="comment_thread"
            ),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def reply_url(self) -> str:
        """Return the address of the page that replies to this comment."""
        return id_url("comments:reply", self.pk)


def uncount_deleted(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    """Take a deleted approved comment out of its story's count."""
    if instance.status == Comment.Status.APPROVED:
        Article.objects.filter(pk=instance.article_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )


class ModerationWord(models.Model):
    """A word or phrase that holds a comment, or sends it to spam."""

    class Action(models.TextChoices):
        HOLD = "hold", "Hold for moderation"
        SPAM = "spam", "Straight to spam"

    word = models.CharField(
        max_length=100, help_text="Matched anywhere in the name or comment, in any case."
    )
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.HOLD)

    class Meta:
        ordering = ["action", "word"]
        constraints = [models.UniqueConstraint(fields=["word", "action"], name="unique_word")]

    def __str__(self) -> str:
        return self.word


class BlockedAddressQuerySet(models.QuerySet):
    def blocks(self, email: str) -> bool:
        """Tell whether `email`, or its domain or a parent domain, is blocked."""
        domain = address_domain(email)
        parts = domain.split(".")
        domains = [".".join(parts[n:]) for n in range(len(parts) - 1)]
        return self.filter(Q(email_hash=address_hash(email)) | Q(domain__in=domains)).exists()


class BlockedAddress(models.Model):
    """An address (kept hashed) or a domain whose comments go straight to spam."""

    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    domain = models.CharField(
        max_length=253, blank=True, db_index=True, help_text="e.g. spam.example (and subdomains)."
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockedAddressQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "blocked addresses"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.domain or f"address {self.email_hash[:10]}… {self.note}".strip()


class DigestRun(models.Model):
    """When the moderators' digest last went out (at most hourly)."""

    sent_at = models.DateTimeField(default=timezone.now)
    pending = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        get_latest_by = "sent_at"

    def __str__(self) -> str:
        return f"Digest of {self.pending} at {self.sent_at:%Y-%m-%d %H:%M}"
